#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace evflow::model::detail {

/// What kind of text a string must be.
enum class TextRule {
    AnyUtf8,       ///< any valid UTF-8, control characters included (data values)
    NoControlUtf8, ///< valid UTF-8 without C0 controls, DEL or C1 controls (attributes, names)
};

/// The first problem in `text` under `rule`, as a phrase ready to follow a subject
/// ("is not valid UTF-8 (byte 3)", "contains control character 0x0a at byte 2"); empty when the
/// text is fine. Overlong forms, surrogates and code points above U+10FFFF are invalid UTF-8.
std::string textProblem(std::string_view text, TextRule rule);

} // namespace evflow::model::detail
