#pragma once

#include "model/Event.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace evflow::model {

/// Largest structured-mode event text fromCloudEventJson() accepts.
inline constexpr std::size_t kMaxCloudEventJsonBytes = 16u * 1024u * 1024u;
/// Deepest nesting of objects and arrays fromCloudEventJson() accepts (as for flow files).
inline constexpr int kMaxCloudEventJsonDepth = 64;

/// The CloudEvents 1.0 structured-mode JSON of `event`, on one line without a trailing newline
/// (one line of a JSON-lines recording). Attributes in this order: specversion, id, source, type,
/// time (RFC 3339, UTC, microseconds), subject, datacontenttype, dataschema (those three only
/// when non-empty), sequence and epoch (decimal strings: CloudEvents' sequence extension is a
/// String, and a u32 epoch may not fit CloudEvents' 32-bit signed Integer), correlationid and
/// causationid (when non-empty), data (a JSON object of the fields, in order). Doubles are
/// written in the shortest form that reads back exactly and always look like doubles ("1.0");
/// non-finite doubles, which JSON cannot express, are written as null. Invalid UTF-8 is written
/// as U+FFFD. Never throws.
std::string toCloudEventJson(const Event &event);

/// Parses one structured-mode CloudEvent into `out` (overwriting every member). Returns false
/// with a one-sentence `error` when the text is not a JSON object, misses id/source/type/
/// specversion, nests deeper than kMaxCloudEventJsonDepth, has specversion other than "1.0", an
/// attribute of the wrong JSON type, a bad time or sequence, an invalid attribute name, or
/// breaks checkEvent(). Lenient where foreign producers differ: sequence and epoch may be JSON
/// integers, null attributes count as absent, unknown extension attributes are ignored. Data
/// that is not an object is kept (see docs/ZMQ-BINDING.md, "Structured mode"): a scalar or
/// array becomes the one field "value", nested objects are flattened to dotted names, arrays
/// inside become their JSON text, data_base64 becomes the string field "data_base64". Never
/// throws.
bool fromCloudEventJson(std::string_view text, Event &out, std::string &error);

/// A field value as JSON: null, a boolean, an integer, a number or a string (non-finite doubles,
/// which JSON cannot express, become null when written).
nlohmann::ordered_json fieldValueToJson(const FieldValue &value);
/// The field value of a JSON scalar (an unsigned integer beyond int64 becomes a double), or the
/// JSON text of an array or object.
FieldValue fieldValueFromJson(const nlohmann::ordered_json &value);

} // namespace evflow::model
