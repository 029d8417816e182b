#include "model/NodeCatalog.h"

#include <algorithm>
#include <array>

namespace evflow::model {
namespace {

using PT = PropertyType;

PropertySpec prop(std::string name, PT type, PropertyValue def, std::string help)
{
    PropertySpec p;
    p.name = std::move(name);
    p.type = type;
    p.defaultValue = std::move(def);
    p.help = std::move(help);
    return p;
}

PropertySpec ranged(PropertySpec p, std::optional<double> min, std::optional<double> max = {})
{
    p.min = min;
    p.max = max;
    return p;
}

PropertySpec required(PropertySpec p)
{
    p.required = true;
    return p;
}

PropertySpec choice(std::string name, std::vector<std::string> choices, std::string help)
{
    PropertySpec p = prop(std::move(name), PT::Enum, choices.front(), std::move(help));
    p.choices = std::move(choices);
    return p;
}

std::vector<PropertySpec> channelProperties(bool broker, bool queue = false)
{
    std::vector<PropertySpec> p;
    p.push_back(
        required(prop("endpoint", PT::Endpoint, std::string{},
                      broker ? "Frontend (XSUB) endpoint that producers connect to"
                             : "ZeroMQ endpoint: inproc://name, ipc://path or tcp://host:port")));
    if (broker)
        p.push_back(required(prop("backendEndpoint", PT::Endpoint, std::string{},
                                  "Backend (XPUB) endpoint that consumers connect to")));
    else
        p.push_back(choice("bindSide", {"producer", "consumer"},
                           "Which side binds the endpoint; the other side connects"));
    p.push_back(
        ranged(prop("hwm", PT::Int, std::int64_t{1000},
                    "High-water mark: messages queued per peer before ZeroMQ blocks or drops"),
               0, 10'000'000));
    p.push_back(ranged(prop("maxMessageSize", PT::Int, std::int64_t{1 << 20},
                            "Largest frame accepted (ZMQ_MAXMSGSIZE), bytes"),
                       64, 256 << 20));
    // Off for queues by default: a reader blocked at the HWM for 5 intervals cannot answer
    // PINGs and is dropped with what was queued for it, and a queue's promise is no loss.
    p.push_back(ranged(prop("heartbeatMillis", PT::Int, std::int64_t{queue ? 0 : 500},
                            "ZMTP heartbeat interval on tcp/ipc, ms: a peer silent for 5 "
                            "intervals is dropped (a paused or cut-off peer is seen); 0 = off"),
                       0, 60'000));
    p.push_back(prop("curve", PT::Bool, false, "Encrypt and authenticate with CURVE (tcp only)"));
    p.push_back(prop("serverKey", PT::String, std::string{},
                     "Name of the server key pair (kept apart from flow files)"));
    p.push_back(prop("clientKeys", PT::List, StringList{},
                     "Names of the client public keys allowed to connect (ZAP allow-list)"));
    return p;
}

std::vector<NodeKindSpec> buildCatalog()
{
    std::vector<NodeKindSpec> k;
    k.push_back(
        {NodeKind::Generator,
         "generator",
         NodeRole::Producer,
         "Generator",
         "Emits events of declared types at a rate, in bursts, with generated fields",
         {required(
              prop("eventTypes", PT::EventTypeList, StringList{}, "Event types emitted, in turn")),
          ranged(prop("rate", PT::Double, 100.0, "Events per second; 0 = as fast as possible"), 0,
                 10'000'000),
          ranged(prop("count", PT::Int, std::int64_t{0}, "Events to emit; 0 = until stopped"), 0,
                 {}),
          ranged(prop("burstSize", PT::Int, std::int64_t{1}, "Events sent back to back per tick"),
                 1, 1'000'000),
          prop("source", PT::String, std::string{},
               "CloudEvents source; empty = evflow:/<flow>/<node>"),
          ranged(prop("correlationGroup", PT::Int, std::int64_t{1},
                      "Consecutive events that share one correlation id"),
                 1, 1'000'000),
          prop("fields", PT::Map, StringMap{},
               "Field generators: field -> sequence | uniform(a,b) | normal(mean,sd) | "
               "choice(a,b,...) | string(n) | bool(p) | const(v)"),
          ranged(prop("seed", PT::Int, std::int64_t{1}, "Seed of the field generators"), 0, {})},
         {}});
    k.push_back({NodeKind::Replay,
                 "replay",
                 NodeRole::Producer,
                 "Replay",
                 "Replays a CloudEvents JSON-lines recording or event store",
                 {required(prop("path", PT::Path, std::string{}, "Recording (.jsonl)")),
                  ranged(prop("speed", PT::Double, 1.0,
                              "Time factor on the original timing; 0 = as fast as possible"),
                         0, 1000),
                  prop("loop", PT::Bool, false, "Start again at the end")},
                 {}});
    k.push_back({NodeKind::ZmqSource,
                 "zmq-source",
                 NodeRole::Producer,
                 "ZeroMQ source",
                 "Receives CloudEvents JSON from a foreign ZeroMQ endpoint",
                 {required(prop("endpoint", PT::Endpoint, std::string{}, "Endpoint to connect to")),
                  choice("socket", {"sub", "pull"}, "SUB (with a prefix) or PULL"),
                  prop("subscribe", PT::String, std::string{}, "SUB prefix; empty = everything"),
                  prop("bind", PT::Bool, false, "Bind instead of connect")},
                 {}});
    k.push_back({NodeKind::PubSub,
                 "pubsub",
                 NodeRole::Channel,
                 "Pub/Sub",
                 "PUB/SUB fan-out; consumers subscribe by event-type prefix",
                 channelProperties(false),
                 {}});
    k.push_back({NodeKind::Queue,
                 "queue",
                 NodeRole::Channel,
                 "Queue",
                 "PUSH/PULL, load-balanced across consumers",
                 channelProperties(false, true),
                 {}});
    k.push_back({NodeKind::Broker,
                 "broker",
                 NodeRole::Channel,
                 "Broker",
                 "XSUB/XPUB proxy: many producers to many consumers",
                 channelProperties(true),
                 {}});
    k.push_back({NodeKind::Counter,
                 "counter",
                 NodeRole::Consumer,
                 "Counter",
                 "Counts events per type",
                 {ranged(prop("workMicros", PT::Int, std::int64_t{0},
                              "Simulated processing time per event, microseconds (a slow "
                              "consumer for load tests); 0 = none"),
                         0, 1'000'000)},
                 {}});
    k.push_back({NodeKind::Log,
                 "log",
                 NodeRole::Consumer,
                 "Log",
                 "Writes each unique event as a CloudEvents JSON line",
                 {required(prop("path", PT::Path, std::string{}, "Output file (.jsonl)")),
                  prop("append", PT::Bool, false, "Append instead of truncating at start")},
                 {}});
    k.push_back({NodeKind::EventStore,
                 "event-store",
                 NodeRole::Consumer,
                 "Event store",
                 "Append-only event log (event sourcing); replayable",
                 {required(prop("path", PT::Path, std::string{}, "Store file (.jsonl)")),
                  choice("fsync", {"batch", "always", "never"}, "When to fsync"),
                  ranged(prop("flushEvery", PT::Int, std::int64_t{100}, "Events per flush (batch)"),
                         1, 1'000'000)},
                 {}});
    k.push_back(
        {NodeKind::Projection,
         "projection",
         NodeRole::Consumer,
         "Projection",
         "CQRS read model: group by a field and aggregate",
         {required(prop("groupBy", PT::String, std::string{}, "Field that keys the table")),
          choice("aggregate", {"count", "sum", "min", "max", "last"}, "Aggregate per key"),
          prop("field", PT::String, std::string{}, "Field aggregated (not for count)"),
          prop("eventTypes", PT::EventTypeList, StringList{}, "Types projected; empty = all")},
         {}});
    k.push_back(
        {NodeKind::ThresholdAlert,
         "threshold-alert",
         NodeRole::Processor,
         "Threshold alert",
         "Emits an alert event when a field crosses a bound",
         {required(prop("field", PT::String, std::string{}, "Numeric field watched")),
          required(prop("bound", PT::Double, 0.0, "The threshold")),
          choice("direction", {"above", "below"}, "Alert when the value goes above/below"),
          ranged(prop("hysteresis", PT::Double, 0.0, "Re-arm after moving back this far"), 0, {}),
          required(prop("alertType", PT::EventType, std::string{}, "Event type of the alert"))},
         NodeRole::Consumer});
    k.push_back(
        {NodeKind::Filter,
         "filter",
         NodeRole::Processor,
         "Filter",
         "Passes events that match a condition",
         {prop("eventTypes", PT::EventTypeList, StringList{}, "Types passed; empty = all"),
          prop("field", PT::String, std::string{}, "Field compared; empty = no condition"),
          choice("op", {"eq", "ne", "lt", "le", "gt", "ge", "exists", "prefix"}, "Comparison"),
          prop("value", PT::String, std::string{}, "Value compared with")},
         {}});
    k.push_back({NodeKind::Map,
                 "map",
                 NodeRole::Processor,
                 "Map / enrich",
                 "Sets, renames and drops fields",
                 {prop("set", PT::Map, StringMap{}, "field -> value to set"),
                  prop("rename", PT::Map, StringMap{}, "old name -> new name"),
                  prop("drop", PT::List, StringList{}, "Fields removed")},
                 {}});
    k.push_back({NodeKind::Router,
                 "router",
                 NodeRole::Processor,
                 "Router",
                 "Routes by event type prefix or field value, one output per route",
                 {choice("by", {"type", "field"}, "Route on the event type or a field"),
                  prop("field", PT::String, std::string{}, "Field routed on (by = field)"),
                  prop("routes", PT::Map, StringMap{},
                       "output port -> matched value (type prefix or field value)")},
                 {}});
    return k;
}

const std::vector<NodeKindSpec> &table()
{
    static const std::vector<NodeKindSpec> t = buildCatalog();
    return t;
}

} // namespace

const PropertySpec *NodeKindSpec::findProperty(std::string_view property) const
{
    for (const auto &p : properties)
        if (p.name == property)
            return &p;
    return nullptr;
}

namespace catalog {

std::span<const NodeKindSpec> kinds()
{
    return table();
}

const NodeKindSpec &spec(NodeKind kind)
{
    for (const auto &s : table())
        if (s.kind == kind)
            return s;
    return table().front(); // unreachable: every enumerator has an entry (tested)
}

const NodeKindSpec *findKind(std::string_view name)
{
    for (const auto &s : table())
        if (s.name == name)
            return &s;
    return nullptr;
}

const char *kindName(NodeKind kind)
{
    return spec(kind).name.c_str();
}

const char *roleName(NodeRole role)
{
    switch (role) {
    case NodeRole::Producer: return "producer";
    case NodeRole::Channel: return "channel";
    case NodeRole::Consumer: return "consumer";
    case NodeRole::Processor: return "processor";
    }
    return "?";
}

NodeRole role(NodeKind kind)
{
    return spec(kind).role;
}

const PropertyValue *property(const Node &node, std::string_view name)
{
    const PropertySpec *p = spec(node.kind).findProperty(name);
    if (!p)
        return nullptr;
    const auto it = node.properties.find(std::string(name));
    return it != node.properties.end() ? &it->second : &p->defaultValue;
}

template<typename T>
static T typed(const Node &node, std::string_view name, T fallback)
{
    const PropertyValue *v = property(node, name);
    if (v)
        if (const T *t = std::get_if<T>(v))
            return *t;
    return fallback;
}

std::string stringProperty(const Node &node, std::string_view name, std::string fallback)
{
    return typed<std::string>(node, name, std::move(fallback));
}

std::int64_t intProperty(const Node &node, std::string_view name, std::int64_t fallback)
{
    return typed<std::int64_t>(node, name, fallback);
}

double doubleProperty(const Node &node, std::string_view name, double fallback)
{
    return typed<double>(node, name, fallback);
}

bool boolProperty(const Node &node, std::string_view name, bool fallback)
{
    return typed<bool>(node, name, fallback);
}

StringList stringListProperty(const Node &node, std::string_view name)
{
    return typed<StringList>(node, name, {});
}

StringMap stringMapProperty(const Node &node, std::string_view name)
{
    return typed<StringMap>(node, name, {});
}

bool acceptsFaults(NodeKind kind)
{
    const NodeRole r = role(kind);
    return r == NodeRole::Producer || r == NodeRole::Channel;
}

bool acceptsDelivery(NodeKind kind)
{
    const NodeRole r = role(kind);
    return r == NodeRole::Consumer || r == NodeRole::Processor;
}

DeliverySettings delivery(const Node &node)
{
    return node.delivery.value_or(DeliverySettings{});
}

std::vector<PortSpec> ports(const Node &node)
{
    std::vector<PortSpec> out;
    const NodeRole r = role(node.kind);
    if (r != NodeRole::Producer)
        out.push_back({"in", PortDirection::In, true, "Events in"});
    if (r == NodeRole::Producer || r == NodeRole::Channel)
        out.push_back({"out", PortDirection::Out, r == NodeRole::Producer, "Events out"});
    if (node.kind == NodeKind::Router) {
        for (const auto &[port, match] : stringMapProperty(node, "routes"))
            out.push_back({port, PortDirection::Out, false, "Events matching " + match});
        out.push_back({"default", PortDirection::Out, false, "Events no route matches"});
    } else if (r == NodeRole::Processor) {
        // threshold-alert may be a terminal consumer; filter and map need somewhere to send to.
        out.push_back({"out", PortDirection::Out, node.kind != NodeKind::ThresholdAlert,
                       node.kind == NodeKind::ThresholdAlert ? "Alert events" : "Events out"});
    }
    if (acceptsDelivery(node.kind) && delivery(node).latePolicy == LatePolicy::Divert)
        out.push_back({"late", PortDirection::Out, true, "Late events diverted to a side channel"});
    return out;
}

const std::optional<PortSpec> findPort(const Node &node, std::string_view port)
{
    for (auto &p : ports(node))
        if (p.name == port)
            return p;
    return std::nullopt;
}

} // namespace catalog
} // namespace evflow::model
