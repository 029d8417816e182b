#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace evflow::model {

/// `value` as a YAML 1.2 document in block style, keys in their order, two spaces per level,
/// with a trailing newline. Every string is written double-quoted with JSON escapes (valid YAML
/// escapes), so no string can be read back as a number, a boolean or null; keys are quoted only
/// when a plain key could be misread. Empty objects and arrays are written `{}` and `[]`.
std::string toYaml(const nlohmann::ordered_json &value);

} // namespace evflow::model
