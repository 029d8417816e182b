#pragma once

// Builders and helpers for FlowRuntime tests: small flows in code, snapshot look-ups, a run to
// the end of a finite flow.

#include "model/CloudEventJson.h"
#include "model/Flow.h"
#include "transport/FlowRuntime.h"

#include <QTest>

#include <fstream>
#include <string>
#include <vector>

namespace evflow::test::flows {

namespace md = evflow::model;
namespace tr = evflow::transport;

inline constexpr int kWait = 60000; // ms; generous, the machine is shared

inline md::EventType tickType()
{
    md::EventType t;
    t.name = "tick";
    t.fields = {{"n", md::FieldType::Int, true, {}, {}, {}},
                {"key", md::FieldType::String, true, {}, {}, {}},
                {"value", md::FieldType::Int, true, {}, {}, {}}};
    return t;
}

inline md::Node node(const std::string &id, md::NodeKind kind)
{
    md::Node n;
    n.id = {id};
    n.kind = kind;
    return n;
}

inline md::Node generator(const std::string &id, std::int64_t count, double rate = 0)
{
    md::Node n = node(id, md::NodeKind::Generator);
    n.properties["eventTypes"] = md::StringList{"tick"};
    n.properties["rate"] = rate;
    n.properties["count"] = count;
    n.properties["seed"] = std::int64_t{42};
    n.properties["fields"]
        = md::StringMap{{"n", "sequence"}, {"key", "choice(a,b,c)"}, {"value", "uniform(1,100)"}};
    return n;
}

inline md::Node channel(const std::string &id, md::NodeKind kind, const std::string &endpoint,
                        const std::string &bindSide = "producer")
{
    md::Node n = node(id, kind);
    n.properties["endpoint"] = endpoint;
    n.properties["hwm"] = std::int64_t{200000};
    n.properties["bindSide"] = bindSide;
    return n;
}

inline md::Link makeLink(const std::string &from, const std::string &to,
                         const std::string &port = "out")
{
    md::Link l;
    l.from = {{from}, port};
    l.to = {{to}, "in"};
    return l;
}

/// gen -> channel -> consumer, the consumer of `kind` with `props`.
inline md::Flow chain(md::Node gen, md::Node chan, md::Node consumer)
{
    md::Flow f;
    f.name = "runtime test";
    f.eventTypes = {tickType()};
    const std::string g = gen.id.value, c = chan.id.value, k = consumer.id.value;
    f.nodes = {std::move(gen), std::move(chan), std::move(consumer)};
    f.links = {makeLink(g, c), makeLink(c, k)};
    return f;
}

inline const md::NodeSnapshot &nodeOf(const md::RunSnapshot &s, const std::string &id)
{
    const md::NodeSnapshot *n = s.findNode(id);
    if (n == nullptr)
        qFatal("node %s missing from the snapshot", id.c_str());
    return *n;
}

inline std::string errorsOf(const md::RunSnapshot &s)
{
    std::string out;
    for (const auto &e : s.run.errors)
        out += e.node + ": " + e.message + "\n";
    return out;
}

inline std::vector<md::Event> readLines(const std::string &path)
{
    std::vector<md::Event> events;
    std::ifstream in(path);
    std::string line, error;
    md::Event e;
    while (std::getline(in, line)) {
        if (!md::fromCloudEventJson(line, e, error))
            qFatal("bad line in %s: %s", path.c_str(), error.c_str());
        events.push_back(e);
    }
    return events;
}

inline md::DeliverySettings strictDelivery()
{
    md::DeliverySettings d;
    d.reorderWaitMillis = 500;
    d.latePolicy = md::LatePolicy::Drop;
    return d;
}

inline md::FaultInjection faults()
{
    md::FaultInjection f;
    f.duplicate = 0.03;
    f.reorder = 0.03;
    f.late = 0.03;
    f.drop = 0.03;
    f.seed = 7;
    return f;
}

/// Runs `flow` until finished(), stops it and returns the final snapshot.
inline md::RunSnapshot runToEnd(const md::Flow &flow, tr::FlowRuntime &rt,
                                tr::RunOptions options = {})
{
    if (!rt.start(flow, options))
        qWarning("start failed: %s", errorsOf(rt.snapshot()).c_str());
    [&] { QTRY_VERIFY_WITH_TIMEOUT(rt.finished(), kWait); }();
    rt.stop();
    return rt.snapshot();
}

} // namespace evflow::test::flows
