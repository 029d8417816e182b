#include "model/JsonPositions.h"

namespace evflow::model {

void JsonPositions::add(std::string pointer, TextPosition position)
{
    // Last one wins, as in nlohmann's DOM, should a key repeat (the loader refuses that anyway).
    m_positions.insert_or_assign(std::move(pointer), position);
}

TextPosition JsonPositions::find(std::string_view pointer) const
{
    std::string key(pointer);
    for (;;) {
        const auto it = m_positions.find(key);
        if (it != m_positions.end())
            return it->second;
        if (key.empty())
            return {};
        // Drop the last reference token: "/nodes/2/kind" -> "/nodes/2" -> "/nodes" -> "".
        key.resize(key.rfind('/') == std::string::npos ? 0 : key.rfind('/'));
    }
}

std::string JsonPositions::escapeToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

} // namespace evflow::model
