#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace evflow::model {

/// 1-based line and column of a place in a text.
struct TextPosition
{
    int line = 0;
    int column = 0;
    bool operator==(const TextPosition &) const = default;
};

/// Where each JSON value of a text starts, keyed by RFC 6901 JSON pointer ("" is the root,
/// "/nodes/0/id" a node's id). nlohmann 3.11.2 keeps no positions in its DOM, so the loader
/// builds this index in its own SAX pass over the same text.
class JsonPositions
{
public:
    void add(std::string pointer, TextPosition position);
    /// Position of the value at `pointer`, or of its nearest recorded ancestor (a problem about
    /// a missing key points at the object that lacks it); {0,0} when nothing is known.
    TextPosition find(std::string_view pointer) const;
    bool empty() const { return m_positions.empty(); }
    std::size_t size() const { return m_positions.size(); }

    /// One reference token of a JSON pointer, escaped per RFC 6901 ("~" -> "~0", "/" -> "~1").
    /// Use it to build pointers from keys that may hold those characters (property names).
    static std::string escapeToken(std::string_view token);

private:
    std::unordered_map<std::string, TextPosition> m_positions;
};

} // namespace evflow::model
