#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace evflow::model {

/// Nesting and size limits of parseYaml(), as for flow files (PRODUCT.md §5).
inline constexpr int kMaxYamlDepth = 64;
inline constexpr std::size_t kMaxYamlBytes = 16 * 1024 * 1024;

/// Parses one YAML document (yaml-cpp) into JSON values: mappings become objects (keys as text,
/// in document order), sequences arrays; plain scalars become null (`~`, `null`, empty), booleans
/// (`true`/`false`), integers, numbers, or else strings; quoted scalars are always strings.
/// Anchors and aliases are resolved by yaml-cpp; a document whose aliases expand it to more than
/// 16 times its size (values plus text) is refused. On failure returns false and sets `error` to
/// "line L, column C: MESSAGE" (1-based). Never throws.
bool parseYaml(std::string_view text, nlohmann::ordered_json &out, std::string &error);

} // namespace evflow::model
