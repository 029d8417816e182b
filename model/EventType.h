#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace evflow::model {

/// Type of one field of an event type's data.
enum class FieldType { String, Int, Double, Bool, Timestamp, Enum };

const char *fieldTypeName(FieldType type);

/// One typed field of an event type. Timestamps are RFC 3339 strings on the JSON side.
struct FieldSpec
{
    std::string name;
    FieldType type = FieldType::String;
    bool required = false;
    std::vector<std::string> values; ///< the allowed values when type is Enum
    std::string description;
    /// Keys of this field that the loader did not know; kept and written back (see Node::extra).
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const FieldSpec &) const = default;
};

/// An event type declared once in a flow ("order.placed", version 1) with its typed fields.
/// Producers generate events of declared types; consumers may validate against them.
struct EventType
{
    std::string name;
    int version = 1;
    std::string description;
    std::vector<FieldSpec> fields;
    /// Keys of this event type that the loader did not know; kept and written back.
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const EventType &) const = default;
    const FieldSpec *findField(const std::string &field) const;
};

} // namespace evflow::model
