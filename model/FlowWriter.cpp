// The canonical writer: to_json for every part of a flow, in the key order of FLOW-FORMAT.md.
#include "model/FlowFile.h"
#include "model/FlowJson.h"
#include "model/NodeCatalog.h"

#include <cmath>
#include <initializer_list>
#include <string_view>

namespace evflow::model {
namespace {

using ojson = nlohmann::ordered_json;

/// A double as written: JSON has no NaN or infinity (nlohmann would write null, which the
/// loader refuses), so a non-finite value from memory is saved as 0 rather than making the
/// file unloadable.
double finite(double value)
{
    return std::isfinite(value) ? value : 0.0;
}

/// Appends the unknown keys kept from the file, after the known ones and sorted (nlohmann::json
/// objects are std::maps). A key that collides with a known one is skipped: it can only come
/// from code that filled `extra` by hand, and writing it would replace the real value.
void appendExtra(ojson &j, const nlohmann::json &extra,
                 std::initializer_list<std::string_view> known)
{
    if (!extra.is_object())
        return;
    for (const auto &[key, value] : extra.items()) {
        bool isKnown = false;
        for (const auto k : known)
            isKnown = isKnown || k == key;
        if (!isKnown)
            j[key] = ojson(value);
    }
}

struct PropertyToJson
{
    ojson operator()(bool b) const { return b; }
    ojson operator()(std::int64_t i) const { return i; }
    ojson operator()(double d) const { return finite(d); }
    ojson operator()(const std::string &s) const { return s; }
    ojson operator()(const StringList &l) const { return l; }
    ojson operator()(const StringMap &m) const
    {
        ojson o = ojson::object();
        for (const auto &[k, v] : m)
            o[k] = v;
        return o;
    }
};

} // namespace

const char *latePolicyName(LatePolicy policy)
{
    switch (policy) {
    case LatePolicy::Accept: return "accept";
    case LatePolicy::Drop: return "drop";
    case LatePolicy::Divert: return "divert";
    }
    return "?";
}

std::optional<LatePolicy> parseLatePolicy(std::string_view name)
{
    for (const auto p : {LatePolicy::Accept, LatePolicy::Drop, LatePolicy::Divert})
        if (name == latePolicyName(p))
            return p;
    return std::nullopt;
}

std::optional<FieldType> parseFieldType(std::string_view name)
{
    for (const auto t : {FieldType::String, FieldType::Int, FieldType::Double, FieldType::Bool,
                         FieldType::Timestamp, FieldType::Enum})
        if (name == fieldTypeName(t))
            return t;
    return std::nullopt;
}

ojson propertyToJson(const PropertyValue &value)
{
    return std::visit(PropertyToJson{}, value);
}

void to_json(ojson &j, const FieldSpec &field)
{
    j = ojson::object();
    j["name"] = field.name;
    j["type"] = fieldTypeName(field.type);
    if (field.required)
        j["required"] = true;
    // Values belong to enums; they are written for other types too if set, so nothing is lost.
    if (field.type == FieldType::Enum || !field.values.empty())
        j["values"] = field.values;
    if (!field.description.empty())
        j["description"] = field.description;
    appendExtra(j, field.extra, {"name", "type", "required", "values", "description"});
}

void to_json(ojson &j, const EventType &type)
{
    j = ojson::object();
    j["name"] = type.name;
    j["version"] = type.version;
    if (!type.description.empty())
        j["description"] = type.description;
    j["fields"] = ojson::array();
    for (const auto &field : type.fields)
        j["fields"].push_back(field);
    appendExtra(j, type.extra, {"name", "version", "description", "fields"});
}

void to_json(ojson &j, const FaultInjection &faults)
{
    j = ojson::object();
    j["duplicate"] = finite(faults.duplicate);
    j["reorder"] = finite(faults.reorder);
    j["late"] = finite(faults.late);
    j["drop"] = finite(faults.drop);
    j["lateByMillis"] = faults.lateByMillis;
    j["seed"] = faults.seed;
    appendExtra(j, faults.extra, {"duplicate", "reorder", "late", "drop", "lateByMillis", "seed"});
}

void to_json(ojson &j, const DeliverySettings &delivery)
{
    j = ojson::object();
    j["dedupWindowCount"] = delivery.dedupWindowCount;
    j["dedupWindowMillis"] = delivery.dedupWindowMillis;
    j["reorderWaitMillis"] = delivery.reorderWaitMillis;
    j["outOfOrdernessMillis"] = delivery.outOfOrdernessMillis;
    j["latePolicy"] = latePolicyName(delivery.latePolicy);
    j["validateSchema"] = delivery.validateSchema;
    appendExtra(j, delivery.extra,
                {"dedupWindowCount", "dedupWindowMillis", "reorderWaitMillis",
                 "outOfOrdernessMillis", "latePolicy", "validateSchema"});
}

void to_json(ojson &j, const Node &node)
{
    j = ojson::object();
    j["id"] = node.id.value;
    j["kind"] = catalog::kindName(node.kind);
    if (!node.label.empty())
        j["label"] = node.label;
    if (!node.host.empty())
        j["host"] = node.host;
    if (!node.properties.empty()) {
        ojson &properties = j["properties"] = ojson::object();
        for (const auto &[name, value] : node.properties)
            properties[name] = propertyToJson(value);
    }
    if (node.faults)
        j["faults"] = *node.faults;
    if (node.delivery)
        j["delivery"] = *node.delivery;
    appendExtra(j, node.extra, {"id", "kind", "label", "host", "properties", "faults", "delivery"});
}

void to_json(ojson &j, const Link &link)
{
    j = ojson::object();
    j["from"] = link.from.toString();
    j["to"] = link.to.toString();
    if (!link.types.empty())
        j["types"] = link.types;
    appendExtra(j, link.extra, {"from", "to", "types"});
}

void to_json(ojson &j, const Flow &flow)
{
    j = ojson::object();
    j["formatVersion"] = kFlowFormatVersion;
    j["name"] = flow.name;
    if (!flow.description.empty())
        j["description"] = flow.description;
    if (!flow.hosts.empty()) {
        ojson &hosts = j["hosts"] = ojson::object();
        for (const auto &[name, address] : flow.hosts)
            hosts[name] = address;
    }
    j["eventTypes"] = ojson::array();
    for (const auto &type : flow.eventTypes)
        j["eventTypes"].push_back(type);
    j["nodes"] = ojson::array();
    for (const auto &node : flow.nodes)
        j["nodes"].push_back(node);
    j["links"] = ojson::array();
    for (const auto &link : flow.links)
        j["links"].push_back(link);
    ojson &layout = j["layout"] = ojson::object();
    for (const auto &[id, position] : flow.layout) {
        ojson &entry = layout[id.value] = ojson::object();
        entry["x"] = finite(position.x);
        entry["y"] = finite(position.y);
        if (const auto it = flow.layoutExtra.find(id); it != flow.layoutExtra.end())
            appendExtra(entry, it->second, {"x", "y"});
    }
    appendExtra(j, flow.extra,
                {"formatVersion", "name", "description", "hosts", "eventTypes", "nodes", "links",
                 "layout"});
}

std::string serializeFlow(const Flow &flow)
{
    // Invalid UTF-8 from memory is replaced (U+FFFD) rather than thrown: saving must not fail.
    return ojson(flow).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace evflow::model
