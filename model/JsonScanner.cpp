#include "model/JsonScanner.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace evflow::model::detail {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

void appendUtf8(std::string &out, unsigned code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::string hexByte(unsigned char c)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned>(c));
    return buffer;
}

} // namespace

JsonScanner::JsonScanner(std::string_view text, JsonPositions &positions, int maxDepth)
    : m_text(text)
    , m_positions(positions)
    , m_maxDepth(maxDepth)
{
}

Problems JsonScanner::scan()
{
    // nlohmann skips a UTF-8 byte order mark; so do we (it still counts as three columns).
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3;
    // A UTF-16 file would otherwise fail as "found byte 0xFF", which names no cause.
    if (m_text.substr(0, 2) == "\xFF\xFE" || m_text.substr(0, 2) == "\xFE\xFF") {
        fail("syntax error: the text starts with a UTF-16 byte order mark; save it as UTF-8");
        return std::move(m_problems);
    }
    if (value(0)) {
        skipWhitespace();
        if (!atEnd())
            fail("syntax error: unexpected " + describeHere() + " after the JSON value");
    }
    return std::move(m_problems);
}

bool JsonScanner::value(int depth)
{
    skipWhitespace();
    if (atEnd())
        return fail("syntax error: unexpected end of input; expected a value");
    m_positions.add(m_pointer, here());
    const char c = m_text[m_pos];
    switch (c) {
    case '{': return object(depth + 1);
    case '[': return array(depth + 1);
    case '"': return string(nullptr);
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    default:
        if (c == '-' || isDigit(c))
            return number();
        return fail("syntax error: expected a value, found " + describeHere());
    }
}

bool JsonScanner::object(int depth)
{
    if (depth > m_maxDepth)
        return fail("nesting depth exceeds the limit of " + std::to_string(m_maxDepth));
    ++m_pos;
    skipWhitespace();
    if (consume('}'))
        return true;
    std::set<std::string> keys;
    for (;;) {
        std::string key;
        bool done = false;
        const TextPosition keyPosition = (skipWhitespace(), here());
        const std::size_t parentLength = m_pointer.size();
        if (!member(depth, key, done))
            return false;
        if (!keys.insert(key).second) {
            // Reported at the second occurrence: that is the one nlohmann would silently keep.
            Problem p;
            p.message = "duplicate key '" + key + "'";
            p.pointer = m_pointer.substr(0, parentLength) + "/" + JsonPositions::escapeToken(key);
            p.line = keyPosition.line;
            p.column = keyPosition.column;
            m_problems.push_back(std::move(p));
        }
        if (done)
            return true;
    }
}

/// One "key": value pair and the ',' or '}' after it; `done` is set at the '}'.
bool JsonScanner::member(int depth, std::string &key, bool &done)
{
    if (atEnd())
        return fail("syntax error: unexpected end of input; expected a string key");
    if (m_text[m_pos] != '"')
        return fail("syntax error: expected a string key, found " + describeHere());
    if (!string(&key))
        return false;
    const std::size_t parentLength = m_pointer.size();
    m_pointer += '/';
    m_pointer += JsonPositions::escapeToken(key);
    skipWhitespace();
    if (!consume(':'))
        return fail("syntax error: expected ':' after the key, found " + describeHere());
    if (!value(depth))
        return false;
    m_pointer.resize(parentLength);
    const std::size_t valueEnd = m_pos;
    const int valueLine = m_line;
    skipWhitespace();
    if (consume(',')) {
        skipWhitespace();
        if (!atEnd() && m_text[m_pos] == '}')
            return fail("syntax error: trailing comma before '}'");
        return true;
    }
    if (consume('}')) {
        done = true;
        return true;
    }
    return failAfterValue(valueEnd, valueLine, "'}'");
}

bool JsonScanner::array(int depth)
{
    if (depth > m_maxDepth)
        return fail("nesting depth exceeds the limit of " + std::to_string(m_maxDepth));
    ++m_pos;
    skipWhitespace();
    if (consume(']'))
        return true;
    const std::size_t parentLength = m_pointer.size();
    for (std::size_t index = 0;; ++index) {
        m_pointer += '/';
        m_pointer += std::to_string(index);
        if (!value(depth))
            return false;
        m_pointer.resize(parentLength);
        const std::size_t valueEnd = m_pos;
        const int valueLine = m_line;
        skipWhitespace();
        if (consume(',')) {
            skipWhitespace();
            if (!atEnd() && m_text[m_pos] == ']')
                return fail("syntax error: trailing comma before ']'");
            continue;
        }
        if (consume(']'))
            return true;
        return failAfterValue(valueEnd, valueLine, "']'");
    }
}

bool JsonScanner::string(std::string *decoded)
{
    ++m_pos; // the opening quote
    for (;;) {
        if (atEnd())
            return fail("syntax error: unexpected end of input in a string");
        const auto c = static_cast<unsigned char>(m_text[m_pos]);
        if (c == '"') {
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail("syntax error: control character " + hexByte(c)
                        + " in a string must be escaped");
        if (c == '\\') {
            if (!escape(decoded))
                return false;
        } else if (c >= 0x80) {
            if (!utf8Sequence(decoded))
                return false;
        } else {
            if (decoded)
                *decoded += static_cast<char>(c);
            ++m_pos;
        }
    }
}

bool JsonScanner::escape(std::string *decoded)
{
    const std::size_t start = m_pos++;
    if (atEnd())
        return fail("syntax error: unexpected end of input in a string");
    const char c = m_text[m_pos];
    static constexpr std::string_view from = "\"\\/bfnrt";
    static constexpr std::string_view to = "\"\\/\b\f\n\r\t";
    if (const auto i = from.find(c); i != std::string_view::npos) {
        if (decoded)
            *decoded += to[i];
        ++m_pos;
        return true;
    }
    if (c == 'u') {
        m_pos = start;
        return unicodeEscape(decoded);
    }
    return failAt(start, "syntax error: invalid escape '\\" + std::string(1, c) + "'");
}

/// \uXXXX, where a high surrogate must be followed by a \u low surrogate (as nlohmann insists).
bool JsonScanner::unicodeEscape(std::string *decoded)
{
    const std::size_t start = m_pos;
    unsigned code = 0;
    if (!readHex4(code))
        return failAt(start, "syntax error: '\\u' must be followed by four hex digits");
    if (code >= 0xDC00 && code <= 0xDFFF)
        return failAt(start, "syntax error: lone low surrogate in '\\u' escape");
    if (code >= 0xD800 && code <= 0xDBFF) {
        unsigned low = 0;
        if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF)
            return failAt(start, "syntax error: high surrogate in '\\u' escape must be followed"
                                 " by a '\\u' low surrogate");
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    if (decoded)
        appendUtf8(*decoded, code);
    return true;
}

bool JsonScanner::readHex4(unsigned &code)
{
    if (m_text.size() - m_pos < 6 || m_text[m_pos] != '\\' || m_text[m_pos + 1] != 'u')
        return false;
    code = 0;
    for (std::size_t i = m_pos + 2; i < m_pos + 6; ++i) {
        const char c = m_text[i];
        const int digit = isDigit(c)               ? c - '0'
                          : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                          : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                   : -1;
        if (digit < 0)
            return false;
        code = code * 16 + static_cast<unsigned>(digit);
    }
    m_pos += 6;
    return true;
}

/// One multi-byte UTF-8 character: well-formed per RFC 3629 (no overlong forms, no surrogates,
/// nothing above U+10FFFF), which is what nlohmann accepts.
bool JsonScanner::utf8Sequence(std::string *decoded)
{
    const auto lead = static_cast<unsigned char>(m_text[m_pos]);
    const int length = (lead & 0xE0) == 0xC0   ? 2
                       : (lead & 0xF0) == 0xE0 ? 3
                       : (lead & 0xF8) == 0xF0 ? 4
                                               : 0;
    static constexpr unsigned minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    bool ok = length > 0 && m_text.size() - m_pos >= static_cast<std::size_t>(length);
    unsigned code = ok ? lead & (0x7Fu >> length) : 0;
    for (int i = 1; ok && i < length; ++i) {
        const auto next = static_cast<unsigned char>(m_text[m_pos + static_cast<std::size_t>(i)]);
        ok = (next & 0xC0) == 0x80;
        code = (code << 6) | (next & 0x3F);
    }
    ok = ok && code >= minimum[length] && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    if (!ok)
        return fail("syntax error: invalid UTF-8 byte " + hexByte(lead) + " in a string");
    if (decoded)
        decoded->append(m_text.substr(m_pos, static_cast<std::size_t>(length)));
    m_pos += static_cast<std::size_t>(length);
    return true;
}

bool JsonScanner::number()
{
    const std::size_t start = m_pos;
    const auto digits = [this] {
        const std::size_t from = m_pos;
        while (!atEnd() && isDigit(m_text[m_pos]))
            ++m_pos;
        return m_pos > from;
    };
    consume('-');
    if (consume('0')) {
        // Else "010" fails later as "expected ',' ... found '1'", which hides the cause.
        if (!atEnd() && isDigit(m_text[m_pos]))
            return failAt(start, "syntax error: invalid number; leading zeros are not allowed");
    } else if (!digits()) {
        return failAt(start, "syntax error: invalid number; expected a digit after '-'");
    }
    if (consume('.') && !digits())
        return failAt(start, "syntax error: invalid number; expected a digit after '.'");
    if (consume('e') || consume('E')) {
        if (!consume('+'))
            consume('-');
        if (!digits())
            return failAt(start, "syntax error: invalid number; expected a digit in the exponent");
    }
    // nlohmann refuses numbers that overflow a double (1e400); find them here, with a place.
    const std::string literalText(m_text.substr(start, m_pos - start));
    if (!std::isfinite(std::strtod(literalText.c_str(), nullptr)))
        return failAt(start, "number " + literalText + " is out of range");
    return true;
}

bool JsonScanner::literal(std::string_view word)
{
    if (m_text.substr(m_pos, word.size()) != word)
        return fail("syntax error: invalid literal; expected '" + std::string(word) + "'");
    m_pos += word.size();
    return true;
}

void JsonScanner::skipWhitespace()
{
    while (!atEnd()) {
        const char c = m_text[m_pos];
        if (c == '\n') {
            ++m_line;
            m_lineStart = m_pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        ++m_pos;
    }
}

bool JsonScanner::consume(char c)
{
    if (atEnd() || m_text[m_pos] != c)
        return false;
    ++m_pos;
    return true;
}

TextPosition JsonScanner::positionOf(std::size_t offset) const
{
    if (offset >= m_lineStart)
        return {m_line, static_cast<int>(offset - m_lineStart) + 1};
    // Every caller reports on the current line; stay correct for any offset all the same.
    TextPosition p{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        if (m_text[i] == '\n')
            p = {p.line + 1, 1};
        else
            ++p.column;
    }
    return p;
}

std::string JsonScanner::describeHere() const
{
    if (atEnd())
        return "end of input";
    const auto c = static_cast<unsigned char>(m_text[m_pos]);
    // The two habits JSON does not allow, named so that the message says what to change.
    if (c == '/')
        return "'/' (JSON has no comments)";
    if (c == '\'')
        return "a single quote (JSON strings use double quotes)";
    if (c >= 0x20 && c < 0x7F)
        return "'" + std::string(1, static_cast<char>(c)) + "'";
    return "byte " + hexByte(c);
}

bool JsonScanner::failAfterValue(std::size_t valueEnd, int valueLine, const char *closer)
{
    const std::string expected = std::string("syntax error: expected ',' or ") + closer;
    // A missing ',' at the end of a line belongs there, not at the start of the next member.
    if (!atEnd() && m_line > valueLine)
        return failAt(valueEnd, expected + " after this value, found " + describeHere()
                                    + " on line " + std::to_string(m_line));
    return fail(expected + ", found " + describeHere());
}

bool JsonScanner::failAt(std::size_t offset, std::string message)
{
    Problem p;
    p.message = std::move(message);
    p.pointer = m_pointer;
    const TextPosition at = positionOf(offset);
    p.line = at.line;
    p.column = at.column;
    m_problems.push_back(std::move(p));
    return false;
}

} // namespace evflow::model::detail
