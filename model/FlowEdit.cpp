#include "model/FlowEdit.h"

#include "model/NodeCatalog.h"
#include "model/ValidationRules.h"

#include <algorithm>

namespace evflow::model {
namespace {

EditResult noSuchNode(const NodeId &id)
{
    return EditResult::refused("node '" + id.value + "' does not exist");
}

EditResult noSuchLink(const LinkId &id)
{
    return EditResult::refused("link " + id.toString() + " does not exist");
}

EditResult firstError(const std::vector<detail::Issue> &issues)
{
    for (const auto &issue : issues)
        if (issue.severity == Severity::Error)
            return EditResult::refused(issue.message);
    return {};
}

EditResult checkStatedProperties(const Node &node)
{
    const NodeKindSpec &kind = catalog::spec(node.kind);
    for (const auto &[name, value] : node.properties) {
        const PropertySpec *spec = kind.findProperty(name);
        if (!spec)
            return EditResult::refused(detail::unknownPropertyMessage(node, name));
        if (std::string error = detail::propertyValueError(node, *spec, value); !error.empty())
            return EditResult::refused(std::move(error));
    }
    return {};
}

/// Refuses a change of `before` into `after` that would take away a port some link uses (a
/// router route, the "late" output of a diverting input): links must never dangle.
EditResult checkPortsKept(const Flow &flow, const Node &before, const Node &after,
                          const std::string &what)
{
    for (const PortSpec &port : catalog::ports(before)) {
        if (catalog::findPort(after, port.name))
            continue;
        const PortRef ref{before.id, port.name};
        const bool linked = std::any_of(flow.links.begin(), flow.links.end(), [&](const Link &l) {
            return l.from == ref || l.to == ref;
        });
        if (linked)
            return EditResult::refused("changing " + what + " would remove the port '" + port.name
                                       + "' of " + detail::describeNode(before)
                                       + ", which is linked; remove its links first");
    }
    return {};
}

/// Replaces the node `id` by `changed` once `changed` passes the port check.
EditResult replaceNode(Flow &flow, Node changed, const std::string &what)
{
    Node *node = flow.findNode(changed.id);
    if (EditResult r = checkPortsKept(flow, *node, changed, what); !r)
        return r;
    *node = std::move(changed);
    return {};
}

bool isIdChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '-';
}

} // namespace

EditResult checkAddNode(const Flow &flow, const Node &node)
{
    if (std::string error = detail::nodeIdSyntaxError(node.id); !error.empty())
        return EditResult::refused(std::move(error));
    if (flow.findNode(node.id))
        return EditResult::refused(detail::nodeIdInUseMessage(node.id));
    if (EditResult r = checkStatedProperties(node); !r)
        return r;
    if (node.faults)
        if (EditResult r = firstError(detail::faultIssues(node, *node.faults)); !r)
            return r;
    if (node.delivery)
        if (EditResult r = firstError(detail::deliveryIssues(node, *node.delivery)); !r)
            return r;
    if (std::string error = detail::undeclaredHostError(flow, node); !error.empty())
        return EditResult::refused(std::move(error));
    return {};
}

EditResult addNode(Flow &flow, Node node, std::optional<Position> position)
{
    if (EditResult r = checkAddNode(flow, node); !r)
        return r;
    if (position)
        flow.layout[node.id] = *position;
    flow.nodes.push_back(std::move(node));
    return {};
}

EditResult removeNode(Flow &flow, const NodeId &id, RemovedNode *removed)
{
    const int index = flow.nodeIndex(id);
    if (index < 0)
        return noSuchNode(id);
    RemovedNode taken;
    taken.index = index;
    taken.node = flow.nodes[static_cast<size_t>(index)];
    for (size_t i = 0; i < flow.links.size(); ++i)
        if (flow.links[i].from.node == id || flow.links[i].to.node == id)
            taken.links.emplace_back(static_cast<int>(i), flow.links[i]);
    if (const auto it = flow.layout.find(id); it != flow.layout.end()) {
        taken.position = it->second;
        flow.layout.erase(it);
    }
    std::erase_if(flow.links, [&](const Link &l) { return l.from.node == id || l.to.node == id; });
    flow.nodes.erase(flow.nodes.begin() + index);
    if (removed)
        *removed = std::move(taken);
    return {};
}

EditResult restoreNode(Flow &flow, RemovedNode removed)
{
    if (flow.findNode(removed.node.id))
        return EditResult::refused(detail::nodeIdInUseMessage(removed.node.id));
    if (removed.index < 0 || removed.index > static_cast<int>(flow.nodes.size()))
        return EditResult::refused("cannot restore node '" + removed.node.id.value
                                   + "' at its old place");
    // Links were recorded in ascending order, so inserting them in that order puts each one
    // back at its old index; check every index fits before changing anything.
    size_t size = flow.links.size();
    for (const auto &[index, link] : removed.links) {
        if (index < 0 || static_cast<size_t>(index) > size++)
            return EditResult::refused("cannot restore link " + link.id().toString()
                                       + " at its old place");
        for (const NodeId &end : {link.from.node, link.to.node})
            if (end != removed.node.id && !flow.findNode(end))
                return EditResult::refused("dangling link: node '" + end.value
                                           + "' does not exist");
    }
    flow.nodes.insert(flow.nodes.begin() + removed.index, std::move(removed.node));
    for (auto &[index, link] : removed.links)
        flow.links.insert(flow.links.begin() + index, std::move(link));
    if (removed.position)
        flow.layout[flow.nodes[static_cast<size_t>(removed.index)].id] = *removed.position;
    return {};
}

EditResult checkAddLink(const Flow &flow, const Link &link)
{
    return firstError(detail::linkIssues(flow, link, flow.links.size()));
}

EditResult addLink(Flow &flow, Link link)
{
    if (EditResult r = checkAddLink(flow, link); !r)
        return r;
    flow.links.push_back(std::move(link));
    return {};
}

EditResult removeLink(Flow &flow, const LinkId &id, RemovedLink *removed)
{
    const int index = flow.linkIndex(id);
    if (index < 0)
        return noSuchLink(id);
    if (removed)
        *removed = {index, flow.links[static_cast<size_t>(index)]};
    flow.links.erase(flow.links.begin() + index);
    return {};
}

EditResult restoreLink(Flow &flow, RemovedLink removed)
{
    if (removed.index < 0 || removed.index > static_cast<int>(flow.links.size()))
        return EditResult::refused("cannot restore link " + removed.link.id().toString()
                                   + " at its old place");
    if (EditResult r = checkAddLink(flow, removed.link); !r)
        return r;
    flow.links.insert(flow.links.begin() + removed.index, std::move(removed.link));
    return {};
}

EditResult setLinkTypes(Flow &flow, const LinkId &id, std::vector<std::string> types)
{
    const int index = flow.linkIndex(id);
    if (index < 0)
        return noSuchLink(id);
    Link changed = flow.links[static_cast<size_t>(index)];
    changed.types = std::move(types);
    // Check the changed link as the only one between its ports: it must not see itself.
    Flow others = flow;
    others.links.erase(others.links.begin() + index);
    if (EditResult r = checkAddLink(others, changed); !r)
        return r;
    flow.links[static_cast<size_t>(index)] = std::move(changed);
    return {};
}

EditResult setProperty(Flow &flow, const NodeId &id, const std::string &name, PropertyValue value)
{
    const Node *node = flow.findNode(id);
    if (!node)
        return noSuchNode(id);
    const PropertySpec *spec = catalog::spec(node->kind).findProperty(name);
    if (!spec)
        return EditResult::refused(detail::unknownPropertyMessage(*node, name));
    if (std::string error = detail::propertyValueError(*node, *spec, value); !error.empty())
        return EditResult::refused(std::move(error));
    // Store what the loader would: a Double property always holds a double.
    if (const auto *i = std::get_if<std::int64_t>(&value); i && spec->type == PropertyType::Double)
        value = static_cast<double>(*i);
    Node changed = *node;
    changed.properties[name] = std::move(value);
    return replaceNode(flow, std::move(changed), "'" + name + "'");
}

EditResult resetProperty(Flow &flow, const NodeId &id, const std::string &name)
{
    const Node *node = flow.findNode(id);
    if (!node)
        return noSuchNode(id);
    if (!catalog::spec(node->kind).findProperty(name) && !node->properties.count(name))
        return EditResult::refused(detail::unknownPropertyMessage(*node, name));
    Node changed = *node;
    changed.properties.erase(name);
    return replaceNode(flow, std::move(changed), "'" + name + "'");
}

EditResult renameNode(Flow &flow, const NodeId &from, const NodeId &to)
{
    Node *node = flow.findNode(from);
    if (!node)
        return noSuchNode(from);
    if (from == to)
        return {};
    if (std::string error = detail::nodeIdSyntaxError(to); !error.empty())
        return EditResult::refused(std::move(error));
    if (flow.findNode(to))
        return EditResult::refused(detail::nodeIdInUseMessage(to));
    node->id = to;
    for (Link &link : flow.links) {
        if (link.from.node == from)
            link.from.node = to;
        if (link.to.node == from)
            link.to.node = to;
    }
    if (auto entry = flow.layout.extract(from)) {
        entry.key() = to;
        flow.layout.insert(std::move(entry));
    }
    return {};
}

EditResult setLabel(Flow &flow, const NodeId &id, std::string label)
{
    Node *node = flow.findNode(id);
    if (!node)
        return noSuchNode(id);
    node->label = std::move(label);
    return {};
}

EditResult setHost(Flow &flow, const NodeId &id, std::string host)
{
    Node *node = flow.findNode(id);
    if (!node)
        return noSuchNode(id);
    Node changed = *node;
    changed.host = std::move(host);
    if (std::string error = detail::undeclaredHostError(flow, changed); !error.empty())
        return EditResult::refused(std::move(error));
    *node = std::move(changed);
    return {};
}

EditResult setFaults(Flow &flow, const NodeId &id, std::optional<FaultInjection> faults)
{
    Node *node = flow.findNode(id);
    if (!node)
        return noSuchNode(id);
    if (faults)
        if (EditResult r = firstError(detail::faultIssues(*node, *faults)); !r)
            return r;
    node->faults = std::move(faults);
    return {};
}

EditResult setDelivery(Flow &flow, const NodeId &id, std::optional<DeliverySettings> delivery)
{
    const Node *node = flow.findNode(id);
    if (!node)
        return noSuchNode(id);
    if (delivery)
        if (EditResult r = firstError(detail::deliveryIssues(*node, *delivery)); !r)
            return r;
    Node changed = *node;
    changed.delivery = std::move(delivery);
    return replaceNode(flow, std::move(changed), "the late policy");
}

EditResult setEventTypes(Flow &flow, std::vector<EventType> eventTypes)
{
    for (const Problem &p : detail::eventTypeProblems(eventTypes))
        if (p.severity == Severity::Error)
            return EditResult::refused(p.message);
    flow.eventTypes = std::move(eventTypes);
    return {};
}

EditResult moveNode(Flow &flow, const NodeId &id, Position position)
{
    if (!flow.findNode(id))
        return noSuchNode(id);
    flow.layout[id] = position;
    return {};
}

NodeId uniqueNodeId(const Flow &flow, std::string_view base)
{
    std::string stem;
    for (const char c : base)
        stem += isIdChar(c) ? c : '_';
    if (stem.empty())
        stem = "node";
    else if (!detail::nodeIdSyntaxError({stem}).empty())
        stem.insert(0, "_"); // starts with a digit or '-'
    if (!flow.findNode({stem}))
        return {stem};
    // "gen2" taken: continue from "gen" rather than producing "gen22".
    const size_t digits = stem.find_last_not_of("0123456789") + 1;
    if (digits > 0 && digits < stem.size())
        stem.resize(digits);
    for (int n = 2;; ++n)
        if (NodeId candidate{stem + std::to_string(n)}; !flow.findNode(candidate))
            return candidate;
}

} // namespace evflow::model
