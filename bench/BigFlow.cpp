#include "bench/BigFlow.h"

#include <stdexcept>
#include <utility>

namespace evflow::bench {
namespace {

using model::Node;
using model::NodeKind;
using model::PropertyValue;

constexpr std::size_t kLaneSize = 10;
constexpr std::size_t kCrossGroup = 5; ///< lanes joined by cross links
constexpr const char *kReading = "sensor.reading";
constexpr const char *kAlert = "sensor.alert";

model::FieldSpec field(std::string name, model::FieldType type, bool required,
                       std::vector<std::string> values = {})
{
    model::FieldSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.required = required;
    spec.values = std::move(values);
    return spec;
}

std::vector<model::EventType> eventTypes()
{
    using model::FieldType;
    model::EventType reading;
    reading.name = kReading;
    reading.description = "One temperature reading.";
    reading.fields = {field("sensorId", FieldType::Enum, true, {"s1", "s2", "s3", "s4"}),
                      field("temperature", FieldType::Double, true)};
    model::EventType alert;
    alert.name = kAlert;
    alert.description = "A reading crossed the bound.";
    alert.fields
        = {field("sensorId", FieldType::String, true),
           field("temperature", FieldType::Double, true), field("bound", FieldType::Double, true)};
    return {reading, alert};
}

/// Appends nodes and links to one flow; ids carry the lane number.
class Builder
{
public:
    Builder(model::Flow &flow, const BigFlowOptions &options)
        : m_flow(flow)
        , m_options(options)
    {
    }

    std::string id(const char *stem, std::size_t lane) const
    {
        return std::string(stem) + "-" + std::to_string(lane);
    }

    void node(std::string id, NodeKind kind, std::map<std::string, PropertyValue> properties = {})
    {
        Node n;
        n.id = {std::move(id)};
        n.kind = kind;
        n.properties = std::move(properties);
        m_flow.nodes.push_back(std::move(n));
    }

    void link(const std::string &from, const std::string &to, std::vector<std::string> types = {})
    {
        model::Link l;
        l.from = {{from}, "out"};
        l.to = {{to}, "in"};
        l.types = std::move(types);
        m_flow.links.push_back(std::move(l));
    }

    void generator(std::size_t lane)
    {
        node(id("gen", lane), NodeKind::Generator,
             {{"eventTypes", model::StringList{kReading}},
              {"rate", m_options.rate},
              {"count", m_options.count},
              {"seed", std::int64_t(lane + 1)},
              {"fields", model::StringMap{{"sensorId", "choice(s1, s2, s3, s4)"},
                                          {"temperature", "normal(70, 8)"}}}});
    }

    /// The lane's first channel: queue, pub/sub and broker in turn, tcp on odd lanes.
    NodeKind inputChannel(std::size_t lane)
    {
        static constexpr NodeKind kinds[] = {NodeKind::Queue, NodeKind::PubSub, NodeKind::Broker};
        const NodeKind kind = kinds[lane % 3];
        const bool tcp = m_options.tcpChannels && lane % 2 == 1;
        const auto endpoint = [&](const char *side) -> std::string {
            // An ephemeral port never collides; the runtime publishes the port it got.
            return tcp ? "tcp://127.0.0.1:*" : "inproc://big-" + id(side, lane);
        };
        std::map<std::string, PropertyValue> properties{{"endpoint", endpoint("in")}};
        if (kind == NodeKind::Broker)
            properties["backendEndpoint"] = endpoint("in-back");
        node(id("in", lane), kind, std::move(properties));
        return kind;
    }

    void inprocChannel(const std::string &channel, NodeKind kind)
    {
        node(channel, kind, {{"endpoint", "inproc://big-" + channel}});
    }

    /// A file-writing consumer, or a counter when the options ask for no files.
    void sink(const std::string &sinkId, NodeKind kind)
    {
        if (!m_options.fileSinks) {
            node(sinkId, NodeKind::Counter);
            return;
        }
        node(sinkId, kind, {{"path", m_options.outputDir + "/" + sinkId + ".jsonl"}});
    }

    void lane(std::size_t k)
    {
        const std::string in = id("in", k), hot = id("hot", k), keep = id("keep", k);
        const std::string alerts = id("alerts", k), warm = id("warm", k);
        generator(k);
        const NodeKind inKind = inputChannel(k);
        node(id("count", k), NodeKind::Counter);
        node(hot, NodeKind::ThresholdAlert,
             {{"field", std::string("temperature")},
              {"bound", 80.0},
              {"alertType", std::string(kAlert)}});
        node(keep, NodeKind::Filter,
             {{"eventTypes", model::StringList{kReading}},
              {"field", std::string("temperature")},
              {"op", std::string("gt")},
              {"value", std::string("60")}});
        inprocChannel(alerts, NodeKind::Queue);
        inprocChannel(warm, NodeKind::PubSub);
        sink(id("alert-log", k), NodeKind::Log);
        node(id("per-sensor", k), NodeKind::Projection,
             {{"groupBy", std::string("sensorId")}, {"aggregate", std::string("count")}});
        sink(id("warm-store", k), NodeKind::EventStore);

        link(id("gen", k), in);
        link(in, id("count", k));
        // A pub/sub subscribes by prefix; queues and brokers' readers take everything.
        link(in, hot,
             inKind == NodeKind::PubSub ? std::vector<std::string>{kReading}
                                        : std::vector<std::string>{});
        link(in, keep);
        link(hot, alerts);
        link(keep, warm);
        link(alerts, id("alert-log", k));
        link(warm, id("per-sensor", k));
        link(warm, id("warm-store", k));
        if (m_options.crossLinks && k % kCrossGroup != 0)
            link(id("warm", k - 1), id("count", k));
    }

    /// The nodes left after the last full lane: a short lane, or counters on the last lane.
    void remainder(std::size_t lane, std::size_t count)
    {
        if (count == 0)
            return;
        if (count < 3) {
            for (std::size_t i = 0; i < count; ++i) {
                node(id("extra", i), NodeKind::Counter);
                link(id("in", lane - 1), id("extra", i));
            }
            return;
        }
        generator(lane);
        inputChannel(lane);
        link(id("gen", lane), id("in", lane));
        for (std::size_t i = 0; i + 2 < count; ++i) {
            const std::string counter = id("count", lane) + "-" + std::to_string(i);
            node(counter, NodeKind::Counter);
            link(id("in", lane), counter);
        }
    }

private:
    model::Flow &m_flow;
    const BigFlowOptions &m_options;
};

} // namespace

model::Flow makeBigFlow(std::size_t nodes, const BigFlowOptions &options)
{
    if (nodes < 3)
        throw std::invalid_argument("makeBigFlow: a flow needs at least 3 nodes");
    model::Flow flow;
    flow.name = "big flow (" + std::to_string(nodes) + " nodes)";
    flow.description = "Generated by bench/BigFlow.h: lanes of generator -> channel -> "
                       "consumers and processors, for benchmarks at scale.";
    flow.eventTypes = eventTypes();
    flow.nodes.reserve(nodes);
    flow.links.reserve(nodes + nodes / kLaneSize);
    Builder builder(flow, options);
    const std::size_t lanes = nodes / kLaneSize;
    for (std::size_t k = 0; k < lanes; ++k)
        builder.lane(k);
    builder.remainder(lanes, nodes % kLaneSize);
    return flow;
}

} // namespace evflow::bench
