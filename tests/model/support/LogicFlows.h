#pragma once

// Flows and nodes shared by the runtime-logic tests (generator, fault injection, input
// pipeline). Header-only: tests/model/ has no support library.

#include "model/Flow.h"

#include <cstdint>
#include <string>
#include <vector>

namespace evflow::test {

using model::EventType;
using model::FieldSpec;
using model::FieldType;
using model::Flow;
using model::Node;
using model::NodeKind;

inline FieldSpec fieldSpec(std::string name, FieldType type, bool required,
                           std::vector<std::string> values = {})
{
    FieldSpec f;
    f.name = std::move(name);
    f.type = type;
    f.required = required;
    f.values = std::move(values);
    return f;
}

inline EventType eventType(std::string name, std::vector<FieldSpec> fields)
{
    EventType t;
    t.name = std::move(name);
    t.fields = std::move(fields);
    return t;
}

/// Three event types: two "order." types and one "payment." type.
inline std::vector<EventType> shopTypes()
{
    return {
        eventType("order.placed", {fieldSpec("region", FieldType::Enum, true, {"EU", "US", "APAC"}),
                                   fieldSpec("qty", FieldType::Int, true),
                                   fieldSpec("price", FieldType::Double, false)}),
        eventType("order.shipped", {fieldSpec("region", FieldType::Enum, true, {"EU", "US"}),
                                    fieldSpec("carrier", FieldType::String, false),
                                    fieldSpec("at", FieldType::Timestamp, false)}),
        eventType("payment.received", {fieldSpec("amount", FieldType::Double, true),
                                       fieldSpec("method", FieldType::Enum, true, {"card", "cash"}),
                                       fieldSpec("ok", FieldType::Bool, false)})};
}

/// A generator node emitting the three shop types in turn.
inline Node shopGenerator(std::int64_t seed = 7)
{
    Node n;
    n.id = {"shop"};
    n.kind = NodeKind::Generator;
    n.properties["eventTypes"]
        = model::StringList{"order.placed", "order.shipped", "payment.received"};
    n.properties["fields"] = model::StringMap{{"region", "choice(EU, US)"},
                                              {"qty", "uniform(1, 10)"},
                                              {"price", "normal(20, 5)"},
                                              {"carrier", "string(6)"},
                                              {"amount", "uniform(1, 100)"},
                                              {"method", "choice(card, cash)"},
                                              {"ok", "bool(0.9)"}};
    n.properties["seed"] = seed;
    n.properties["correlationGroup"] = std::int64_t{2};
    return n;
}

inline Flow shopFlow(std::int64_t seed = 7)
{
    Flow f;
    f.name = "shop demo";
    f.eventTypes = shopTypes();
    f.nodes.push_back(shopGenerator(seed));
    return f;
}

} // namespace evflow::test
