#pragma once

#include "model/JsonPositions.h"
#include "model/Problem.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace evflow::model::detail {

/// A strict JSON (RFC 8259) scanner that walks the grammar once, without building a DOM, to
/// learn what nlohmann 3.11.2 cannot tell: the line and column where every value starts (keyed
/// by JSON pointer), duplicate keys (nlohmann silently keeps the last one) and the nesting
/// depth. Text it accepts is accepted by nlohmann::json::parse as well, so the loader parses
/// with nlohmann only after a clean scan.
class JsonScanner
{
public:
    JsonScanner(std::string_view text, JsonPositions &positions, int maxDepth);

    /// Scans the whole text. Returns the problems found: at most one syntax or depth error
    /// (scanning stops there), or every duplicate key. Empty means the text is acceptable.
    /// Each problem carries pointer, line and column. Columns count bytes from 1.
    Problems scan();

private:
    bool value(int depth);
    bool object(int depth);
    bool array(int depth);
    bool member(int depth, std::string &key, bool &done);
    bool string(std::string *decoded);
    bool escape(std::string *decoded);
    bool unicodeEscape(std::string *decoded);
    bool readHex4(unsigned &code);
    bool utf8Sequence(std::string *decoded);
    bool number();
    bool literal(std::string_view word);

    void skipWhitespace();
    bool atEnd() const { return m_pos >= m_text.size(); }
    bool consume(char c);
    TextPosition here() const { return positionOf(m_pos); }
    TextPosition positionOf(std::size_t offset) const;
    std::string describeHere() const;
    bool fail(std::string message) { return failAt(m_pos, std::move(message)); }
    bool failAt(std::size_t offset, std::string message);
    /// "expected ',' or CLOSER" after a member or element that ended at `valueEnd`.
    bool failAfterValue(std::size_t valueEnd, int valueLine, const char *closer);

    std::string_view m_text;
    JsonPositions &m_positions;
    int m_maxDepth;
    std::size_t m_pos = 0;
    int m_line = 1;
    std::size_t m_lineStart = 0; ///< offset of the first byte of line m_line
    std::string m_pointer;       ///< pointer of the value being scanned
    Problems m_problems;
};

} // namespace evflow::model::detail
