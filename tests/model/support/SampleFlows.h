#pragma once

// Flows built in C++ for the validation and editing tests (no file loader involved).

#include "model/Flow.h"

#include <string>
#include <vector>

namespace evflow::model::testing {

inline FieldSpec field(std::string name, FieldType type, std::vector<std::string> values = {})
{
    FieldSpec f;
    f.name = std::move(name);
    f.type = type;
    f.values = std::move(values);
    return f;
}

inline EventType eventType(std::string name, std::vector<FieldSpec> fields = {})
{
    EventType t;
    t.name = std::move(name);
    t.fields = std::move(fields);
    return t;
}

inline Node node(std::string id, NodeKind kind, std::map<std::string, PropertyValue> props = {},
                 std::string host = {})
{
    Node n;
    n.id = {std::move(id)};
    n.kind = kind;
    n.properties = std::move(props);
    n.host = std::move(host);
    return n;
}

/// "a.out" -> PortRef{a, out}
inline PortRef port(const std::string &text)
{
    PortRef p;
    PortRef::parse(text, p);
    return p;
}

inline Link wire(const std::string &from, const std::string &to,
                 std::vector<std::string> types = {})
{
    Link l;
    l.from = port(from);
    l.to = port(to);
    l.types = std::move(types);
    return l;
}

/// A flow that uses every role, every channel kind, faults, delivery with a diverted late
/// port, a router, a curve-protected tcp channel across two hosts: valid, with no warnings.
/// Node indices: 0 orders, 1 bus, 2 billing, 3 shipping, 4 revenue, 5 alert, 6 alerts,
/// 7 alertlog, 8 regions, 9 eubus, 10 eucount, 11 sensor, 12 telemetry, 13 sensorcount,
/// 14 latebus, 15 latecount. Links 0..14 in the order below.
inline Flow richFlow()
{
    Flow f;
    f.name = "rich";
    f.hosts = {{"core", "10.0.0.1"}, {"edge", "10.0.0.2"}};
    f.eventTypes = {
        eventType("order.placed",
                  {field("orderId", FieldType::Int),
                   field("region", FieldType::Enum, {"EU", "US", "APAC"}),
                   field("amount", FieldType::Double), field("customer", FieldType::String),
                   field("paid", FieldType::Bool)}),
        eventType("alert.high",
                  {field("orderId", FieldType::Int), field("amount", FieldType::Double)}),
        eventType("sensor.reading", {field("temp", FieldType::Double)}),
    };
    Node orders = node("orders", NodeKind::Generator,
                       {{"eventTypes", StringList{"order.placed"}},
                        {"rate", 2000.0},
                        {"seed", std::int64_t{7}},
                        {"fields", StringMap{{"amount", "uniform(5, 500)"},
                                             {"customer", "string(8)"},
                                             {"orderId", "sequence"},
                                             {"paid", "bool(0.9)"},
                                             {"region", "choice(EU, US, APAC)"}}}});
    orders.faults = FaultInjection{0.02, 0.02, 0.01, 0.01, 5000, 42};
    Node billing = node("billing", NodeKind::EventStore, {{"path", std::string("billing.jsonl")}});
    billing.delivery = DeliverySettings{};
    billing.delivery->latePolicy = LatePolicy::Drop;
    Node shipping = node("shipping", NodeKind::Log, {{"path", std::string("shipping.jsonl")}});
    shipping.delivery = DeliverySettings{};
    shipping.delivery->latePolicy = LatePolicy::Divert;
    f.nodes = {
        orders,
        node("bus", NodeKind::PubSub,
             {{"endpoint", std::string("inproc://orders")}, {"hwm", std::int64_t{100000}}}),
        billing,
        shipping,
        node("revenue", NodeKind::Projection,
             {{"groupBy", std::string("region")},
              {"aggregate", std::string("sum")},
              {"field", std::string("amount")}}),
        node("alert", NodeKind::ThresholdAlert,
             {{"field", std::string("amount")},
              {"bound", 400.0},
              {"alertType", std::string("alert.high")}}),
        node("alerts", NodeKind::Queue, {{"endpoint", std::string("ipc:///tmp/evflow-alerts")}}),
        node("alertlog", NodeKind::Counter),
        node("regions", NodeKind::Router,
             {{"by", std::string("field")},
              {"field", std::string("region")},
              {"routes", StringMap{{"eu", "EU"}}}}),
        node("eubus", NodeKind::Broker,
             {{"endpoint", std::string("inproc://eu-in")},
              {"backendEndpoint", std::string("inproc://eu-out")}}),
        node("eucount", NodeKind::Counter),
        node("sensor", NodeKind::Generator,
             {{"eventTypes", StringList{"sensor.reading"}},
              {"fields", StringMap{{"temp", "normal(20, 5)"}}}},
             "edge"),
        node("telemetry", NodeKind::PubSub,
             {{"endpoint", std::string("tcp://edge:5601")},
              {"curve", true},
              {"serverKey", std::string("telemetry")}},
             "core"),
        node("sensorcount", NodeKind::Counter, {}, "core"),
        node("latebus", NodeKind::Queue, {{"endpoint", std::string("inproc://late")}}),
        node("latecount", NodeKind::Counter),
    };
    f.links = {
        wire("orders.out", "bus.in"),
        wire("bus.out", "billing.in", {"order."}),
        wire("bus.out", "shipping.in", {"order.placed"}),
        wire("bus.out", "revenue.in"),
        wire("bus.out", "alert.in"),
        wire("alert.out", "alerts.in"),
        wire("alerts.out", "alertlog.in"),
        wire("bus.out", "regions.in"),
        wire("regions.eu", "eubus.in"),
        wire("regions.default", "eubus.in"),
        wire("eubus.out", "eucount.in"),
        wire("sensor.out", "telemetry.in"),
        wire("telemetry.out", "sensorcount.in"),
        wire("shipping.late", "latebus.in"),
        wire("latebus.out", "latecount.in"),
    };
    f.layout = {{{"orders"}, {0, 160}}, {{"bus"}, {260, 160}}, {{"billing"}, {520, 0}}};
    return f;
}

} // namespace evflow::model::testing
