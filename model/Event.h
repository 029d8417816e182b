#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace evflow::model {

/// The value of one data field: null (monostate), bool, integer, double or string. Integers and
/// doubles are distinct so that "3" and "3.0" survive every codec as they were.
using FieldValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

/// One named field of an event's data. Names are unique within one event.
struct DataField
{
    std::string name;
    FieldValue value;

    bool operator==(const DataField &) const = default;
};

/// Limits every codec enforces on decode and on encode, so that any event one codec accepts
/// the other can carry too (docs/ZMQ-BINDING.md, "Limits").
struct EventLimits
{
    /// id, source, type, subject, datacontenttype, dataschema, correlationid, causationid.
    static constexpr std::size_t maxAttributeBytes = 1024;
    static constexpr std::size_t maxFieldNameBytes = 255;
    static constexpr std::size_t maxFields = 256;
    static constexpr std::size_t maxStringValueBytes = 1024 * 1024;
    /// Event times are limited to the years 0000..9999, which RFC 3339 can write.
    static constexpr std::int64_t minTime = -62167219200LL * 1000000;          // 0000-01-01T00:00Z
    static constexpr std::int64_t maxTime = 253402300799LL * 1000000 + 999999; // 9999-12-31
};

/// One event: the CloudEvents 1.0 envelope plus evflow's extension attributes, and the data as
/// an ordered list of fields. Member names are the CloudEvents attribute names.
///
/// Optional string attributes are absent when empty (CloudEvents requires them to be non-empty
/// when present). Decoders overwrite every member in place, so decoding a stream of events into
/// one Event reuses its strings' and vector's capacity: no allocation per event once warm.
struct Event
{
    std::string id;                                   ///< required, non-empty
    std::string source;                               ///< required, non-empty (URI-reference)
    std::string type;                                 ///< required, non-empty ("order.placed")
    std::string specversion = "1.0";                  ///< only "1.0" is encodable
    std::int64_t time = 0;                            ///< microseconds since 1970-01-01T00:00Z
    std::string subject;                              ///< optional
    std::string datacontenttype = "application/json"; ///< optional
    std::string dataschema;                           ///< optional (URI)
    std::uint64_t sequence = 0; ///< per source and epoch; 0 when the producer sets none
    std::uint32_t epoch = 0;    ///< a producer restart starts a new epoch
    std::string correlationid;  ///< optional: links the events of one business transaction
    std::string causationid;    ///< optional: the id of the event that caused this one
    std::vector<DataField> data;

    bool operator==(const Event &) const = default;

    /// The value of the data field `name`, or nullptr when there is none.
    const FieldValue *field(std::string_view name) const;
    FieldValue *field(std::string_view name);
    /// Replaces the value of field `name`, or appends the field when there is none.
    void setField(std::string_view name, FieldValue value);
    /// Stores field `name` as a number in `out` when it is an integer or a double; false (and
    /// `out` untouched) when the field is missing or of another type.
    bool numberField(std::string_view name, double &out) const;
    /// Resets every attribute to its default and removes all fields, keeping capacity.
    void clear();
};

/// Checks `event` against the CloudEvents rules and EventLimits: required attributes present,
/// specversion "1.0", strings valid UTF-8 without control characters (field values may hold any
/// valid UTF-8), field names non-empty and unique, time within EventLimits. Returns an empty
/// string when valid, otherwise one message naming the first offending attribute or field.
std::string checkEvent(const Event &event);

/// Assigns `text` to `value` as a string, reusing the string's capacity when `value` already
/// holds one (the decoders' way of not allocating per event).
void assignString(FieldValue &value, std::string_view text);

/// "null", "bool", "int", "double" or "string".
const char *fieldValueTypeName(const FieldValue &value);

} // namespace evflow::model
