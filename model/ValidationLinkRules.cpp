// Link rules: ends, ports, wiring by role, socket-pattern limits, link type filters; and the
// graph rules that follow from the links (unconnected required ports, reachability).

#include "model/ValidationRules.h"

#include <algorithm>
#include <deque>
#include <set>

namespace evflow::model::detail {
namespace {

std::string portNames(const Node &node)
{
    std::vector<std::string> names;
    for (const auto &p : catalog::ports(node))
        names.push_back(p.name);
    return joinStrings(names);
}

/// The end `ref` of a link must name an existing port of `node` with direction `wanted`.
std::string portError(const Node &node, const PortRef &ref, PortDirection wanted)
{
    const std::optional<PortSpec> port = catalog::findPort(node, ref.port);
    if (!port)
        return describeNode(node) + " has no port '" + ref.port + "' (its ports: " + portNames(node)
               + ")";
    if (port->direction == wanted)
        return {};
    return wanted == PortDirection::Out
               ? "'" + ref.toString() + "' is an input: a link must start at an output"
               : "'" + ref.toString() + "' is an output: a link must end at an input";
}

/// The one wiring rule by role (PRODUCT.md §1): producers and processors write into channels,
/// channels feed consumers and processors; nothing bypasses a channel.
std::string wiringError(NodeRole from, NodeRole to)
{
    if (from == NodeRole::Channel) {
        if (to == NodeRole::Channel)
            return "a channel cannot feed another channel: link it to a consumer or processor";
        return {};
    }
    if (to == NodeRole::Channel)
        return {};
    return std::string("a ") + catalog::roleName(from) + " cannot feed a " + catalog::roleName(to)
           + " directly: put a channel between them";
}

bool pointToPoint(const Node &channel, const char *bindSide)
{
    return (channel.kind == NodeKind::PubSub || channel.kind == NodeKind::Queue)
           && catalog::stringProperty(channel, "bindSide") == bindSide;
}

/// The first node other than `self` linked to `port` among the first `existing` links (as the
/// writer when `port` is a link's `to`, as the reader when it is a link's `from`).
std::optional<NodeId> otherPeer(const Flow &flow, std::size_t existing, const PortRef &port,
                                bool portIsTo, const NodeId &self)
{
    for (std::size_t i = 0; i < existing && i < flow.links.size(); ++i) {
        const Link &l = flow.links[i];
        const PortRef &end = portIsTo ? l.to : l.from;
        const NodeId &peer = portIsTo ? l.from.node : l.to.node;
        if (end == port && peer != self)
            return peer;
    }
    return std::nullopt;
}

/// One socket binds a pubsub/queue endpoint: with bindSide producer only one writer can bind it,
/// with bindSide consumer only one reader.
std::optional<Issue> socketPatternIssue(const Flow &flow, const Link &link, std::size_t existing,
                                        const Node &from, const Node &to)
{
    if (pointToPoint(to, "producer"))
        if (const auto other = otherPeer(flow, existing, link.to, true, link.from.node))
            return Issue{Severity::Error,
                         describeNode(to) + " already has a writer ('" + other->value
                             + "'); use a broker, or set bindSide to consumer",
                         "from", to.id};
    if (pointToPoint(from, "consumer"))
        if (const auto other = otherPeer(flow, existing, link.from, false, link.to.node))
            return Issue{Severity::Error,
                         describeNode(from) + " already has a reader ('" + other->value
                             + "'); use a broker, or set bindSide to producer",
                         "to", from.id};
    return std::nullopt;
}

std::vector<Issue> typeFilterIssues(const Flow &flow, const Link &link, const Node &from)
{
    if (link.types.empty())
        return {};
    if (catalog::role(from.kind) != NodeRole::Channel)
        return {{Severity::Error, "only links from a channel can select event types", "types",
                 link.to.node}};
    std::vector<Issue> out;
    for (std::size_t j = 0; j < link.types.size(); ++j) {
        const std::string &prefix = link.types[j];
        const bool matches
            = std::any_of(flow.eventTypes.begin(), flow.eventTypes.end(), [&](const EventType &t) {
                  return t.name.compare(0, prefix.size(), prefix) == 0;
              });
        if (!matches)
            out.push_back({Severity::Warning,
                           "event type filter '" + prefix + "' matches no declared event type",
                           "types/" + std::to_string(j), link.to.node});
    }
    return out;
}

} // namespace

std::vector<Issue> linkIssues(const Flow &flow, const Link &link, std::size_t existing)
{
    const Node *from = flow.findNode(link.from.node);
    const Node *to = flow.findNode(link.to.node);
    const auto dangling = [](const NodeId &missing) {
        return "dangling link: node '" + missing.value + "' does not exist";
    };
    if (!from)
        return {{Severity::Error, dangling(link.from.node), "from", to ? to->id : NodeId{}}};
    if (!to)
        return {{Severity::Error, dangling(link.to.node), "to", from->id}};
    if (link.from.node == link.to.node)
        return {{Severity::Error, "a link cannot connect '" + from->id.value + "' to itself", "to",
                 from->id}};
    if (std::string e = portError(*from, link.from, PortDirection::Out); !e.empty())
        return {{Severity::Error, std::move(e), "from", from->id}};
    if (std::string e = portError(*to, link.to, PortDirection::In); !e.empty())
        return {{Severity::Error, std::move(e), "to", to->id}};
    if (std::string e = wiringError(catalog::role(from->kind), catalog::role(to->kind)); !e.empty())
        return {{Severity::Error, std::move(e), "to", to->id}};
    // Compared in place: building each earlier link's id copied four strings per pair, which made
    // validating a 1000-node flow take tens of milliseconds (quadratic in the links).
    for (std::size_t i = 0; i < existing && i < flow.links.size(); ++i)
        if (flow.links[i].from == link.from && flow.links[i].to == link.to)
            return {
                {Severity::Error, "link " + link.id().toString() + " already exists", "", to->id}};
    if (auto issue = socketPatternIssue(flow, link, existing, *from, *to))
        return {std::move(*issue)};
    return typeFilterIssues(flow, link, *from);
}

void checkLinks(const Flow &flow, Problems &out)
{
    for (std::size_t i = 0; i < flow.links.size(); ++i) {
        const std::string base = "/links/" + std::to_string(i);
        for (auto &issue : linkIssues(flow, flow.links[i], i))
            out.push_back({issue.severity, std::move(issue.message),
                           issue.member.empty() ? base : base + "/" + issue.member, issue.node});
    }
}

namespace {

bool isLinked(const Flow &flow, const PortRef &port, PortDirection direction)
{
    return std::any_of(flow.links.begin(), flow.links.end(), [&](const Link &l) {
        return (direction == PortDirection::Out ? l.from : l.to) == port;
    });
}

std::string unconnectedMessage(const Node &node, const PortSpec &port)
{
    const std::string who
        = std::string(catalog::roleName(catalog::role(node.kind))) + " '" + node.id.value + "'";
    if (port.direction == PortDirection::In)
        return who + " has no input";
    if (catalog::role(node.kind) == NodeRole::Producer)
        return who + " has no outgoing link: its events go nowhere";
    if (port.name == "late")
        return who + " diverts late events, but nothing is linked to its output 'late'";
    return who + " has nothing linked to its output '" + port.name + "'";
}

} // namespace

void checkUnconnectedPorts(const Flow &flow, Problems &out)
{
    for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        for (const PortSpec &port : catalog::ports(node))
            if (port.required && !isLinked(flow, {node.id, port.name}, port.direction))
                out.push_back({Severity::Warning, unconnectedMessage(node, port),
                               nodePointer(static_cast<int>(i)), node.id});
    }
}

void checkReachability(const Flow &flow, Problems &out)
{
    std::set<NodeId> reached;
    std::deque<NodeId> pending;
    for (const Node &node : flow.nodes)
        if (catalog::role(node.kind) == NodeRole::Producer && reached.insert(node.id).second)
            pending.push_back(node.id);
    while (!pending.empty()) {
        const NodeId current = pending.front();
        pending.pop_front();
        for (const Link &l : flow.links)
            if (l.from.node == current && flow.findNode(l.to.node)
                && reached.insert(l.to.node).second)
                pending.push_back(l.to.node);
    }
    for (std::size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        const NodeRole role = catalog::role(node.kind);
        // A node without any input is reported as such; saying it is unreachable adds nothing.
        const bool hasInput = std::any_of(flow.links.begin(), flow.links.end(),
                                          [&](const Link &l) { return l.to.node == node.id; });
        if ((role == NodeRole::Consumer || role == NodeRole::Processor) && hasInput
            && !reached.count(node.id))
            out.push_back({Severity::Warning,
                           std::string(catalog::roleName(role)) + " '" + node.id.value
                               + "' can never receive events: no producer reaches it",
                           nodePointer(static_cast<int>(i)), node.id});
    }
}

} // namespace evflow::model::detail
