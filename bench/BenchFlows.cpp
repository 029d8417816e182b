#include "bench/BenchFlows.h"

#include "model/NodeCatalog.h"
#include "model/Validation.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace evflow::bench {
namespace {

const model::Node *firstOfRole(const model::Flow &flow,
                               std::initializer_list<model::NodeKind> kinds)
{
    const auto it = std::find_if(flow.nodes.begin(), flow.nodes.end(), [&](const model::Node &n) {
        return std::find(kinds.begin(), kinds.end(), n.kind) != kinds.end();
    });
    return it == flow.nodes.end() ? nullptr : &*it;
}

model::NodeKind kindOf(Pattern pattern)
{
    switch (pattern) {
    case Pattern::Queue: return model::NodeKind::Queue;
    case Pattern::PubSub: return model::NodeKind::PubSub;
    case Pattern::Broker: return model::NodeKind::Broker;
    }
    return model::NodeKind::Queue;
}

/// A channel node of `cell`'s pattern. Its endpoints are named after `id` (ipc and inproc names
/// must differ between channels). Queues with one reader bind on the reader (as the example's
/// queue), every other pubsub or queue on its single writer; a broker's proxy binds both ends.
model::Node channelNode(const std::string &id, const Cell &cell, int hwm, int readers)
{
    model::Node node;
    node.id = model::NodeId{id};
    node.kind = kindOf(cell.pattern);
    node.properties["hwm"] = static_cast<std::int64_t>(hwm);
    if (cell.pattern == Pattern::Broker) {
        node.properties["endpoint"] = benchEndpoint(cell.transport, id + "-front");
        node.properties["backendEndpoint"] = benchEndpoint(cell.transport, id + "-back");
        return node;
    }
    node.properties["endpoint"] = benchEndpoint(cell.transport, id);
    const bool readerBinds = cell.pattern == Pattern::Queue && readers == 1;
    node.properties["bindSide"] = std::string(readerBinds ? "consumer" : "producer");
    return node;
}

model::Node generatorNode(const ExampleNodes &example, const std::string &id, std::uint64_t count)
{
    model::Node node = *example.generator;
    node.id = model::NodeId{id};
    node.properties["count"] = static_cast<std::int64_t>(count);
    node.properties["rate"] = 0.0;
    return node;
}

model::Node consumerNode(const ExampleNodes &example, const std::string &id)
{
    model::Node node = *example.consumer;
    node.id = model::NodeId{id};
    return node;
}

void link(model::Flow &flow, const std::string &from, const std::string &to)
{
    flow.links.push_back({model::PortRef{model::NodeId{from}, "out"},
                          model::PortRef{model::NodeId{to}, "in"},
                          {},
                          nlohmann::json::object()});
}

/// An empty flow with the example's name and event types. The name stays the example's: it is
/// part of every generated event's source, so events keep the size the raw cases send.
model::Flow emptyLike(const model::Flow &example, const std::string &shape)
{
    model::Flow flow;
    flow.name = example.name;
    flow.description = "evflow-bench-flow: " + shape;
    flow.eventTypes = example.eventTypes;
    return flow;
}

/// Adds generators → channel `channelId` → consumers to `flow` and `bench`.
void addLane(BenchFlow &bench, const ExampleNodes &example, const Cell &cell,
             const std::string &channelId, const std::vector<std::string> &producers,
             const std::vector<std::string> &consumers)
{
    const std::uint64_t perChannel = bench.countPerProducer * producers.size();
    bench.flow.nodes.push_back(channelNode(channelId, cell, cellHwm(cell.pattern, perChannel),
                                           static_cast<int>(consumers.size())));
    for (const auto &id : producers) {
        bench.flow.nodes.push_back(generatorNode(example, id, bench.countPerProducer));
        link(bench.flow, id, channelId);
        bench.producers.push_back(id);
    }
    for (const auto &id : consumers) {
        bench.flow.nodes.push_back(consumerNode(example, id));
        link(bench.flow, channelId, id);
    }
    bench.groups.push_back({consumers, perChannel, cell.pattern != Pattern::Queue});
}

std::vector<std::string> numbered(const std::string &prefix, int count)
{
    std::vector<std::string> ids;
    for (int i = 1; i <= count; ++i)
        ids.push_back(prefix + std::to_string(i));
    return ids;
}

} // namespace

std::vector<std::string> BenchFlow::consumers() const
{
    std::vector<std::string> all;
    for (const auto &g : groups)
        all.insert(all.end(), g.consumers.begin(), g.consumers.end());
    return all;
}

ExampleNodes ExampleNodes::of(const model::Flow &example)
{
    using K = model::NodeKind;
    ExampleNodes nodes{firstOfRole(example, {K::Generator}),
                       firstOfRole(example, {K::Queue, K::PubSub, K::Broker}),
                       firstOfRole(example, {K::Counter})};
    if (nodes.generator == nullptr || nodes.channel == nullptr || nodes.consumer == nullptr)
        throw std::runtime_error("the flow needs a generator, a channel and a counter node");
    return nodes;
}

BenchFlow cellFlow(const model::Flow &example, const Cell &cell, std::uint64_t events)
{
    const ExampleNodes nodes = ExampleNodes::of(example);
    BenchFlow bench;
    bench.flow = emptyLike(example, std::string(patternName(cell.pattern)) + " over "
                                        + model::transportName(cell.transport));
    bench.countPerProducer = events;
    addLane(bench, nodes, cell, nodes.channel->id.value, {nodes.generator->id.value},
            {nodes.consumer->id.value});
    return bench;
}

BenchFlow fanFlow(const model::Flow &example, const Cell &cell, int producers, int consumers,
                  std::uint64_t countPerProducer)
{
    const ExampleNodes nodes = ExampleNodes::of(example);
    BenchFlow bench;
    bench.flow = emptyLike(example, std::to_string(producers) + " x " + std::to_string(consumers)
                                        + " " + patternName(cell.pattern));
    bench.countPerProducer = countPerProducer;
    addLane(bench, nodes, cell, "bus", numbered("gen-", producers), numbered("sink-", consumers));
    return bench;
}

BenchFlow scaleFlow(const model::Flow &example, int lanes, int readersPerLane,
                    std::uint64_t countPerProducer)
{
    const ExampleNodes nodes = ExampleNodes::of(example);
    BenchFlow bench;
    bench.flow = emptyLike(example, std::to_string(lanes) + " lanes");
    bench.countPerProducer = countPerProducer;
    for (int lane = 1; lane <= lanes; ++lane) {
        const std::string k = std::to_string(lane);
        const Cell cell{lane % 2 == 0 ? Pattern::PubSub : Pattern::Queue, model::Transport::Tcp};
        addLane(bench, nodes, cell, "lane-" + k, {"gen-" + k},
                numbered("sink-" + k + "-", readersPerLane));
    }
    return bench;
}

void removeIpcFiles(const model::Flow &flow)
{
    for (const model::Node &node : flow.nodes) {
        if (model::catalog::role(node.kind) != model::NodeRole::Channel)
            continue;
        for (const char *property : {"endpoint", "backendEndpoint"}) {
            const std::string path = ipcPath(model::catalog::stringProperty(node, property));
            std::error_code ignored;
            if (!path.empty())
                std::filesystem::remove(path, ignored);
        }
    }
}

std::string validationErrors(const model::Flow &flow)
{
    std::string text;
    for (const model::Problem &p : model::validateFlow(flow)) {
        if (p.severity != model::Severity::Error)
            continue;
        text += (text.empty() ? "" : "\n") + p.message + " (at " + p.pointer + ")";
    }
    return text;
}

} // namespace evflow::bench
