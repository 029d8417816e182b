#include "transport/RuntimePlan.h"

#include "model/Endpoint.h"
#include "model/NodeCatalog.h"

#include <algorithm>
#include <set>

namespace evflow::transport {

using model::NodeId;
using model::NodeKind;
using model::NodeRole;

const char *channelPatternName(ChannelPattern pattern)
{
    switch (pattern) {
    case ChannelPattern::PubSub: return "pubsub";
    case ChannelPattern::Queue: return "queue";
    case ChannelPattern::Broker: return "broker";
    }
    return "?";
}

bool ChannelPlan::binds(const NodeId &node) const
{
    if (binder == Binder::Writer)
        return !writers.empty() && writers.front().node == node;
    if (binder == Binder::Reader)
        return !readers.empty() && readers.front().node == node;
    return false;
}

const PlannedReader *ChannelPlan::findReader(const NodeId &node) const
{
    for (const auto &r : readers)
        if (r.node == node)
            return &r;
    return nullptr;
}

const std::string &ChannelPlan::readerEndpoint() const
{
    return pattern == ChannelPattern::Broker ? backendEndpoint : endpoint;
}

const ChannelPlan *RuntimePlan::findChannel(const NodeId &id) const
{
    for (const auto &c : channels)
        if (c.id == id)
            return &c;
    return nullptr;
}

const NodePlan *RuntimePlan::findNode(const NodeId &id) const
{
    for (const auto &n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

namespace {

bool isLocal(const model::Node &node, const std::optional<std::string> &host)
{
    return !host || node.host == *host;
}

ChannelPattern patternOf(NodeKind kind)
{
    if (kind == NodeKind::Queue)
        return ChannelPattern::Queue;
    return kind == NodeKind::Broker ? ChannelPattern::Broker : ChannelPattern::PubSub;
}

std::vector<std::string> prefixesOf(const model::Link &link)
{
    if (link.types.empty())
        return {""};
    std::vector<std::string> out;
    for (const auto &t : link.types)
        if (std::find(out.begin(), out.end(), t) == out.end())
            out.push_back(t);
    return out;
}

ChannelPlan channelSkeleton(const model::Flow &flow, const model::Node &node,
                            const std::optional<std::string> &host)
{
    namespace catalog = model::catalog;
    ChannelPlan c;
    c.id = node.id;
    c.pattern = patternOf(node.kind);
    c.endpoint = model::resolveHostName(catalog::stringProperty(node, "endpoint"), flow.hosts);
    if (c.pattern == ChannelPattern::Broker) {
        c.binder = Binder::Proxy;
        c.backendEndpoint
            = model::resolveHostName(catalog::stringProperty(node, "backendEndpoint"), flow.hosts);
        c.proxyLocal = isLocal(node, host);
    } else {
        c.binder = catalog::stringProperty(node, "bindSide", "producer") == "consumer"
                       ? Binder::Reader
                       : Binder::Writer;
    }
    c.hwm = static_cast<int>(catalog::intProperty(node, "hwm", 1000));
    c.maxMessageSize = catalog::intProperty(node, "maxMessageSize", 1 << 20);
    c.heartbeatMillis = catalog::intProperty(node, "heartbeatMillis");
    c.readersFilterTypes = c.pattern == ChannelPattern::Queue;
    return c;
}

/// Adds the writers and readers of channel `c` from the flow's links.
void collectPeers(const model::Flow &flow, const std::optional<std::string> &host, ChannelPlan &c)
{
    for (const model::Link &l : flow.links) {
        if (l.to.node == c.id) {
            const model::Node *writer = flow.findNode(l.from.node);
            if (writer)
                c.writers.push_back({writer->id, l.from.port, isLocal(*writer, host)});
        } else if (l.from.node == c.id) {
            const model::Node *reader = flow.findNode(l.to.node);
            if (reader)
                c.readers.push_back({reader->id, l.to.port, prefixesOf(l), isLocal(*reader, host)});
        }
    }
    c.sequenceTracking = !(c.pattern == ChannelPattern::Queue && c.readers.size() > 1);
}

bool anyLocal(const ChannelPlan &c)
{
    const auto local = [](const auto &peer) { return peer.local; };
    return c.proxyLocal || std::any_of(c.writers.begin(), c.writers.end(), local)
           || std::any_of(c.readers.begin(), c.readers.end(), local);
}

NodePlan nodePlan(const model::Flow &flow, const model::Node &node)
{
    NodePlan n;
    n.id = node.id;
    n.kind = node.kind;
    for (const model::Link &l : flow.links) {
        if (l.to.node == node.id)
            n.inputs.push_back(l.from.node);
        else if (l.from.node == node.id)
            n.outputs[l.from.port].push_back(l.to.node);
    }
    return n;
}

} // namespace

RuntimePlan planRuntime(const model::Flow &flow, const std::optional<std::string> &host)
{
    RuntimePlan plan;
    for (const model::Node &node : flow.nodes) {
        if (model::catalog::role(node.kind) == NodeRole::Channel) {
            ChannelPlan c = channelSkeleton(flow, node, host);
            collectPeers(flow, host, c);
            if (anyLocal(c))
                plan.channels.push_back(std::move(c));
        } else if (isLocal(node, host)) {
            plan.nodes.push_back(nodePlan(flow, node));
        }
    }
    return plan;
}

std::string hostProblem(const model::Flow &flow, const std::string &host)
{
    std::set<std::string> placed;
    for (const model::Node &node : flow.nodes)
        placed.insert(node.host);
    if (placed.count(host))
        return {};
    std::string names;
    for (const std::string &name : placed)
        names += (names.empty() ? "" : ", ") + (name.empty() ? std::string("(default)") : name);
    const bool declared = flow.hosts.count(host) > 0;
    return "host '" + host + "' "
           + (declared ? "is declared but has no nodes" : "is not in the flow")
           + " (hosts with nodes: " + names + ")";
}

bool prefixesWant(const std::vector<std::string> &prefixes, const std::string &type)
{
    return prefixes.empty()
           || std::any_of(prefixes.begin(), prefixes.end(),
                          [&](const std::string &p) { return type.compare(0, p.size(), p) == 0; });
}

bool hasRemoteWriters(const ChannelPlan &channel)
{
    return std::any_of(channel.writers.begin(), channel.writers.end(),
                       [](const PlannedWriter &w) { return !w.local; });
}

bool hasRemoteReaders(const ChannelPlan &channel)
{
    return std::any_of(channel.readers.begin(), channel.readers.end(),
                       [](const PlannedReader &r) { return !r.local; });
}

std::size_t remoteWriterCount(const RuntimePlan &plan, const NodePlan &node)
{
    std::size_t count = 0;
    for (const model::NodeId &id : node.inputs)
        if (const ChannelPlan *c = plan.findChannel(id))
            count += static_cast<std::size_t>(
                std::count_if(c->writers.begin(), c->writers.end(),
                              [](const PlannedWriter &w) { return !w.local; }));
    return count;
}

bool writesToOtherHosts(const RuntimePlan &plan, const NodePlan &node)
{
    for (const auto &[port, channels] : node.outputs)
        for (const model::NodeId &id : channels)
            if (const ChannelPlan *c = plan.findChannel(id); c != nullptr && hasRemoteReaders(*c))
                return true;
    return false;
}

bool readsFromOtherHosts(const RuntimePlan &plan)
{
    return std::any_of(plan.channels.begin(), plan.channels.end(), hasRemoteWriters);
}

std::vector<std::vector<std::size_t>> readerThreads(const RuntimePlan &plan, unsigned pool)
{
    std::vector<std::vector<std::size_t>> threads;
    std::vector<std::size_t> sinks;
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
        const NodePlan &n = plan.nodes[i];
        if (model::catalog::role(n.kind) == model::NodeRole::Producer)
            continue;
        if (n.outputs.empty() && pool > 0)
            sinks.push_back(i);
        else
            threads.push_back({i});
    }
    const std::size_t shared = std::min<std::size_t>(pool, sinks.size());
    const std::size_t first = threads.size();
    threads.resize(first + shared);
    for (std::size_t k = 0; k < sinks.size(); ++k)
        threads[first + k % shared].push_back(sinks[k]);
    return threads;
}

} // namespace evflow::transport
