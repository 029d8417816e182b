// Channel endpoint rules: collisions between bound endpoints, fail-closed security on tcp, and
// channels that span hosts.

#include "model/Endpoint.h"
#include "model/ValidationRules.h"

#include <set>

namespace evflow::model::detail {
namespace {

/// One endpoint a channel binds (a broker binds two).
struct BoundEndpoint
{
    int node = 0;
    std::string property;
    Endpoint endpoint;
};

std::vector<BoundEndpoint> channelEndpoints(const Flow &flow, int index)
{
    const Node &node = flow.nodes[static_cast<size_t>(index)];
    std::vector<BoundEndpoint> out;
    if (catalog::role(node.kind) != NodeRole::Channel)
        return out;
    for (const char *property : {"endpoint", "backendEndpoint"}) {
        if (!catalog::spec(node.kind).findProperty(property))
            continue;
        // Unparsable endpoints are reported by the property rules; nothing more to say here.
        const std::string written = catalog::stringProperty(node, property);
        if (auto parsed = parseEndpoint(resolveHostName(written, flow.hosts)))
            out.push_back({index, property, std::move(*parsed.endpoint)});
    }
    return out;
}

std::vector<BoundEndpoint> allChannelEndpoints(const Flow &flow)
{
    std::vector<BoundEndpoint> out;
    for (size_t i = 0; i < flow.nodes.size(); ++i)
        for (auto &b : channelEndpoints(flow, static_cast<int>(i)))
            out.push_back(std::move(b));
    return out;
}

std::string propertyPointer(const BoundEndpoint &b)
{
    return nodePointer(b.node) + "/properties/" + b.property;
}

const Node &nodeOf(const Flow &flow, const BoundEndpoint &b)
{
    return flow.nodes[static_cast<size_t>(b.node)];
}

/// Nodes on different hosts run on different machines, where the same endpoint is no clash.
bool sameMachine(const Flow &flow, const BoundEndpoint &a, const BoundEndpoint &b)
{
    return nodeOf(flow, a).host == nodeOf(flow, b).host;
}

void checkZmqSources(const Flow &flow, const std::vector<BoundEndpoint> &bound, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        if (node.kind != NodeKind::ZmqSource)
            continue;
        const auto parsed = parseEndpoint(catalog::stringProperty(node, "endpoint"));
        if (!parsed)
            continue;
        for (const BoundEndpoint &b : bound) {
            if (nodeOf(flow, b).host != node.host
                || !endpointsCollide(*parsed.endpoint, b.endpoint))
                continue;
            out.push_back({Severity::Warning,
                           describeNode(node) + ": endpoint " + parsed.endpoint->toString()
                               + " is also used by " + describeNode(nodeOf(flow, b))
                               + "; link from '" + nodeOf(flow, b).id.value + "' instead",
                           nodePointer(static_cast<int>(i)) + "/properties/endpoint", node.id});
            break;
        }
    }
}

} // namespace

void checkEndpointCollisions(const Flow &flow, Problems &out)
{
    const std::vector<BoundEndpoint> bound = allChannelEndpoints(flow);
    for (size_t k = 0; k < bound.size(); ++k) {
        for (size_t l = 0; l < k; ++l) {
            const BoundEndpoint &a = bound[l];
            const BoundEndpoint &b = bound[k];
            if (!sameMachine(flow, a, b) || !endpointsCollide(a.endpoint, b.endpoint))
                continue;
            const std::string owner
                = a.node == b.node ? "its " + a.property
                                   : "the " + a.property + " of " + describeNode(nodeOf(flow, a));
            out.push_back({Severity::Error,
                           describeNode(nodeOf(flow, b)) + ": " + b.property + " "
                               + b.endpoint.toString() + " collides with " + owner + " ("
                               + a.endpoint.toString() + ")",
                           propertyPointer(b), nodeOf(flow, b).id});
            break;
        }
    }
    checkZmqSources(flow, bound, out);
}

void checkSecurity(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        const std::string base = nodePointer(static_cast<int>(i)) + "/properties";
        const bool curve = catalog::boolProperty(node, "curve");
        for (const BoundEndpoint &b : channelEndpoints(flow, static_cast<int>(i))) {
            const Endpoint &e = b.endpoint;
            if (e.transport == Transport::Tcp && !curve && !isLoopback(e.host))
                out.push_back({Severity::Error,
                               describeNode(node) + ": " + e.toString()
                                   + " is reachable from other machines without encryption; set "
                                     "curve: true or bind to 127.0.0.1",
                               propertyPointer(b), node.id});
            else if (e.transport != Transport::Tcp && curve)
                out.push_back({Severity::Warning,
                               describeNode(node)
                                   + ": curve only applies to tcp; it is ignored for "
                                   + e.toString(),
                               base + "/curve", node.id});
        }
        if (catalog::role(node.kind) == NodeRole::Channel && curve
            && catalog::stringProperty(node, "serverKey").empty())
            out.push_back({Severity::Error,
                           describeNode(node)
                               + ": curve is on, but no serverKey names the server "
                                 "key pair",
                           node.properties.count("serverKey") ? base + "/serverKey" : base,
                           node.id});
    }
}

namespace {

/// Hosts of a channel and of every node linked to it, in name order ("" = default host).
std::set<std::string> hostsAround(const Flow &flow, const Node &channel)
{
    std::set<std::string> hosts{channel.host};
    for (const Link &l : flow.links) {
        const NodeId *peer = l.to.node == channel.id     ? &l.from.node
                             : l.from.node == channel.id ? &l.to.node
                                                         : nullptr;
        if (const Node *n = peer ? flow.findNode(*peer) : nullptr)
            hosts.insert(n->host);
    }
    return hosts;
}

/// True when every one of `hosts` is declared in the host table with a loopback address: hosts
/// that are really one machine (a local cluster), where a loopback endpoint does reach them all.
bool allOnLoopback(const Flow &flow, const std::set<std::string> &hosts)
{
    for (const std::string &h : hosts) {
        const auto entry = flow.hosts.find(h);
        if (entry == flow.hosts.end() || !isLoopback(entry->second))
            return false;
    }
    return true;
}

/// The host whose node binds `channel`: the broker's own, else its writer's (bindSide producer)
/// or its reader's (bindSide consumer); the channel's host when nothing is linked that side.
std::string bindingHost(const Flow &flow, const Node &channel)
{
    if (channel.kind == NodeKind::Broker)
        return channel.host;
    const bool readerBinds = catalog::stringProperty(channel, "bindSide", "producer") == "consumer";
    for (const Link &l : flow.links) {
        const NodeId *binder = readerBinds ? (l.from.node == channel.id ? &l.to.node : nullptr)
                                           : (l.to.node == channel.id ? &l.from.node : nullptr);
        if (const Node *n = binder ? flow.findNode(*binder) : nullptr)
            return n->host;
    }
    return channel.host;
}

/// Why the binding host cannot bind `e` when its address is another declared host's, or "".
std::string wrongMachine(const Flow &flow, const Node &channel, const Endpoint &e)
{
    const std::string binder = bindingHost(flow, channel);
    const auto own = flow.hosts.find(binder);
    if (own != flow.hosts.end() && own->second == e.host)
        return {};
    for (const auto &[name, address] : flow.hosts)
        if (address == e.host && name != binder)
            return e.toString() + " is an address of host '" + name + "', but "
                   + describeHost(binder) + " binds it"
                   + (binder.empty() ? std::string()
                                     : ": use tcp://" + binder + ":" + std::to_string(*e.port));
    return {};
}

/// Why the other hosts could not connect to tcp endpoint `e` as written, or "".
std::string unreachableTcp(const Flow &flow, const Node &channel, const Endpoint &e)
{
    if (isWildcardHost(e.host)) {
        const std::string host = bindingHost(flow, channel);
        return e.toString() + " binds every interface, which names nothing the other hosts can "
               + "connect to: name the binding host instead (tcp://"
               + (host.empty() ? std::string("ADDRESS") : host) + ":"
               + (e.port ? std::to_string(*e.port) : std::string("PORT")) + ")";
    }
    if (!e.port)
        return e.toString()
               + " has no fixed port, and the other hosts need one to connect: "
                 "give it a port";
    return wrongMachine(flow, channel, e);
}

} // namespace

void checkCrossHostChannels(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        const std::set<std::string> hosts = hostsAround(flow, node);
        if (catalog::role(node.kind) != NodeRole::Channel || hosts.size() < 2)
            continue;
        std::vector<std::string> names;
        for (const auto &h : hosts)
            names.push_back(describeHost(h));
        const std::string prefix
            = describeNode(node) + " links nodes on " + joinStrings(names, " and ") + ", but ";
        for (const BoundEndpoint &b : channelEndpoints(flow, static_cast<int>(i))) {
            if (b.endpoint.transport != Transport::Tcp)
                out.push_back(
                    {Severity::Error,
                     prefix + b.endpoint.toString() + " cannot cross machines: use a tcp endpoint",
                     propertyPointer(b), node.id});
            else if (isLoopback(b.endpoint.host) && !allOnLoopback(flow, hosts))
                out.push_back({Severity::Error,
                               prefix + b.endpoint.toString()
                                   + " is only reachable from its own machine: bind to an address "
                                     "the other hosts can reach",
                               propertyPointer(b), node.id});
            else if (std::string why = unreachableTcp(flow, node, b.endpoint); !why.empty())
                out.push_back({Severity::Error, prefix + why, propertyPointer(b), node.id});
        }
    }
}

} // namespace evflow::model::detail
