#include "model/SchemaCheck.h"

#include "model/EventTime.h"

#include <algorithm>

namespace evflow::model {

namespace {

const char *expectedName(FieldType type)
{
    switch (type) {
    case FieldType::Int: return "int";
    case FieldType::Double: return "int or double";
    case FieldType::Bool: return "bool";
    case FieldType::String: return "string";
    case FieldType::Timestamp: return "an RFC 3339 timestamp string";
    case FieldType::Enum: return "one of the enum's values";
    }
    return "?";
}

bool typeMatches(FieldType type, const FieldValue &value)
{
    switch (type) {
    case FieldType::Int: return std::holds_alternative<std::int64_t>(value);
    case FieldType::Double:
        return std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
    case FieldType::Bool: return std::holds_alternative<bool>(value);
    case FieldType::String:
    case FieldType::Timestamp:
    case FieldType::Enum: return std::holds_alternative<std::string>(value);
    }
    return false;
}

std::string joined(const std::vector<std::string> &values)
{
    std::string out;
    for (const std::string &v : values)
        out += (out.empty() ? "" : ", ") + v;
    return out;
}

} // namespace

SchemaCheck::SchemaCheck(std::vector<EventType> types)
    : m_types(std::move(types))
{
    std::sort(m_types.begin(), m_types.end(),
              [](const EventType &a, const EventType &b) { return a.name < b.name; });
}

const EventType *SchemaCheck::find(std::string_view typeName) const
{
    const auto it = std::lower_bound(
        m_types.begin(), m_types.end(), typeName,
        [](const EventType &type, std::string_view name) { return type.name < name; });
    return it != m_types.end() && it->name == typeName ? &*it : nullptr;
}

bool SchemaCheck::check(const Event &event, std::string &reason) const
{
    const EventType *type = find(event.type);
    if (type == nullptr) {
        reason = "type '" + event.type + "' is not declared";
        return false;
    }
    for (const FieldSpec &spec : type->fields) {
        const FieldValue *value = event.field(spec.name);
        const bool absent = value == nullptr || std::holds_alternative<std::monostate>(*value);
        if (absent) {
            if (spec.required) {
                reason = "required field '" + spec.name + "' is "
                         + (value == nullptr ? "missing" : "null");
                return false;
            }
            continue;
        }
        if (!checkField(spec, *value, reason))
            return false;
    }
    return true;
}

bool SchemaCheck::checkField(const FieldSpec &spec, const FieldValue &value,
                             std::string &reason) const
{
    if (!typeMatches(spec.type, value)) {
        reason = "field '" + spec.name + "' is " + fieldValueTypeName(value) + "; "
                 + expectedName(spec.type) + " expected";
        return false;
    }
    if (spec.type == FieldType::Timestamp) {
        std::int64_t micros = 0;
        if (!parseRfc3339(std::get<std::string>(value), micros)) {
            reason = "field '" + spec.name + "' is '" + std::get<std::string>(value)
                     + "', not an RFC 3339 timestamp";
            return false;
        }
    } else if (spec.type == FieldType::Enum) {
        const auto &text = std::get<std::string>(value);
        if (std::find(spec.values.begin(), spec.values.end(), text) == spec.values.end()) {
            reason
                = "field '" + spec.name + "' is '" + text + "', not one of " + joined(spec.values);
            return false;
        }
    }
    return true;
}

} // namespace evflow::model
