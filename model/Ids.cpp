#include "model/Ids.h"

namespace evflow::model {

bool PortRef::parse(std::string_view text, PortRef &out)
{
    const auto dot = text.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == text.size())
        return false;
    out.node.value = std::string(text.substr(0, dot));
    out.port = std::string(text.substr(dot + 1));
    return true;
}

} // namespace evflow::model
