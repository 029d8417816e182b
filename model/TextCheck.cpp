#include "model/TextCheck.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace evflow::model::detail {

namespace {

/// Length of the UTF-8 sequence starting at `i` and its code point, or 0 when the sequence is
/// invalid. Checks ranges per RFC 3629 so overlongs and surrogates are refused.
std::size_t decodeOne(std::string_view s, std::size_t i, std::uint32_t &cp)
{
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
    const std::uint8_t b0 = byte(i);
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1Fu, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0Fu, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (s.size() - i < len)
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool isControl(std::uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/// Whether the 8 bytes of `w` need no closer look: all ASCII and, with `noControl`, all
/// printable (0x20..0x7E). Bitwise, one word at a time: each byte is below 0x80, so adding 0x60
/// sets its top bit exactly when it is >= 0x20 and adding 1 exactly when it is 0x7F, with no carry
/// into the next byte.
bool plainWord(std::uint64_t w, bool noControl)
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t tops = 0x8080808080808080ULL;
    if ((w & tops) != 0)
        return false;
    return !noControl || (((w + 0x60 * ones) & tops) == tops && ((w + ones) & tops) == 0);
}

/// How many leading bytes of `text` are plain (see plainWord), in whole words. Names, ids and
/// values are mostly plain ASCII and checked on every event decoded or sent, so this skips the
/// per-code-point decoding for them.
std::size_t plainPrefix(std::string_view text, bool noControl)
{
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, text.data() + i, 8);
        if (!plainWord(w, noControl))
            break;
    }
    return i;
}

} // namespace

std::string textProblem(std::string_view text, TextRule rule)
{
    std::size_t i = plainPrefix(text, rule == TextRule::NoControlUtf8);
    while (i < text.size()) {
        std::uint32_t cp = 0;
        const std::size_t len = decodeOne(text, i, cp);
        if (len == 0)
            return "is not valid UTF-8 (byte " + std::to_string(i) + ")";
        if (rule == TextRule::NoControlUtf8 && isControl(cp)) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
            return "contains control character " + std::string(hex) + " at byte "
                   + std::to_string(i);
        }
        i += len;
    }
    return {};
}

} // namespace evflow::model::detail
