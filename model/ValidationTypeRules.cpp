// Event-type rules and the generator's field expressions, which refer to event-type fields.

#include "model/FieldGenerator.h"
#include "model/ValidationRules.h"

#include <set>

namespace evflow::model::detail {
namespace {

/// Lowercase dotted words: each dot-separated segment starts with [a-z0-9] and continues with
/// [a-z0-9_-] ("order.placed", "sensor.temp-high", "v2.alert"). Dots separate levels so that
/// pubsub prefix subscriptions ("order.") select families of types.
bool isValidTypeName(std::string_view name)
{
    const auto lowerOrDigit
        = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    bool segmentStart = true;
    for (const char c : name) {
        if (c == '.') {
            if (segmentStart)
                return false;
            segmentStart = true;
        } else if (segmentStart) {
            if (!lowerOrDigit(c))
                return false;
            segmentStart = false;
        } else if (!lowerOrDigit(c) && c != '_' && c != '-') {
            return false;
        }
    }
    return !segmentStart;
}

void checkFields(const EventType &type, const std::string &base, Problems &out)
{
    std::set<std::string> seen;
    for (size_t j = 0; j < type.fields.size(); ++j) {
        const FieldSpec &field = type.fields[j];
        const std::string pointer = base + "/fields/" + std::to_string(j);
        if (field.name.empty())
            out.push_back(
                {Severity::Error,
                 "event type '" + type.name + "': field #" + std::to_string(j + 1) + " has no name",
                 pointer + "/name",
                 {}});
        else if (!seen.insert(field.name).second)
            out.push_back(
                {Severity::Error,
                 "event type '" + type.name + "' declares the field '" + field.name + "' twice",
                 pointer + "/name",
                 {}});
        if (field.type == FieldType::Enum && field.values.empty())
            out.push_back(
                {Severity::Error,
                 "event type '" + type.name + "': enum field '" + field.name + "' has no values",
                 pointer + "/values",
                 {}});
    }
}

} // namespace

Problems eventTypeProblems(const std::vector<EventType> &eventTypes)
{
    Problems out;
    std::set<std::string> seen;
    for (size_t i = 0; i < eventTypes.size(); ++i) {
        const EventType &type = eventTypes[i];
        const std::string base = "/eventTypes/" + std::to_string(i);
        if (type.name.empty())
            out.push_back({Severity::Error,
                           "event type #" + std::to_string(i + 1) + " has no name",
                           base + "/name",
                           {}});
        else if (!isValidTypeName(type.name))
            out.push_back({Severity::Error,
                           "event type name '" + type.name
                               + "' is not valid: use lowercase words separated by dots, as in "
                                 "order.placed",
                           base + "/name",
                           {}});
        else if (!seen.insert(type.name).second)
            out.push_back({Severity::Error,
                           "event type '" + type.name + "' is declared twice",
                           base + "/name",
                           {}});
        if (type.version < 1)
            out.push_back({Severity::Error,
                           "event type '" + type.name + "' has version "
                               + std::to_string(type.version) + "; versions start at 1",
                           base + "/version",
                           {}});
        checkFields(type, base, out);
    }
    return out;
}

void checkEventTypes(const Flow &flow, Problems &out)
{
    Problems found = eventTypeProblems(flow.eventTypes);
    out.insert(out.end(), found.begin(), found.end());
}

namespace {

/// The problem with one `field -> expression` entry of a generator, or "".
std::string generatorFieldError(const std::vector<const EventType *> &types,
                                const std::string &field, const std::string &expression)
{
    const FieldGeneratorParseResult parsed = parseFieldGenerator(expression);
    if (!parsed)
        return "field '" + field + "': " + parsed.error;
    // Without a declared type there is nothing to check against; that is reported already.
    if (types.empty())
        return {};
    bool found = false;
    for (const EventType *type : types) {
        const FieldSpec *spec = type->findField(field);
        if (!spec)
            continue;
        found = true;
        if (std::string why = fieldGeneratorMismatch(*parsed.generator, *spec); !why.empty())
            return why + " (event type " + type->name + ")";
    }
    if (found)
        return {};
    std::vector<std::string> names;
    for (const EventType *type : types)
        names.push_back(type->name);
    return "field '" + field + "' is in none of its event types (" + joinStrings(names) + ")";
}

} // namespace

void checkGeneratorFields(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        if (node.kind != NodeKind::Generator)
            continue;
        std::vector<const EventType *> types;
        for (const auto &name : catalog::stringListProperty(node, "eventTypes"))
            if (const EventType *type = flow.findEventType(name))
                types.push_back(type);
        const std::string base = nodePointer(static_cast<int>(i)) + "/properties/fields/";
        for (const auto &[field, expression] : catalog::stringMapProperty(node, "fields"))
            if (std::string error = generatorFieldError(types, field, expression); !error.empty())
                out.push_back({Severity::Error, describeNode(node) + ": " + error,
                               base + escapePointerToken(field), node.id});
    }
}

} // namespace evflow::model::detail
