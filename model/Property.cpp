#include "model/Property.h"

#include <sstream>

namespace evflow::model {

const char *propertyTypeName(PropertyType type)
{
    switch (type) {
    case PropertyType::Bool: return "bool";
    case PropertyType::Int: return "int";
    case PropertyType::Double: return "number";
    case PropertyType::String: return "string";
    case PropertyType::Enum: return "enum";
    case PropertyType::Endpoint: return "endpoint";
    case PropertyType::Path: return "path";
    case PropertyType::EventType: return "event type";
    case PropertyType::EventTypeList: return "list of event types";
    case PropertyType::List: return "list of strings";
    case PropertyType::Map: return "object of strings";
    }
    return "?";
}

namespace {
struct Display
{
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const
    {
        std::ostringstream s;
        s << d;
        return s.str();
    }
    std::string operator()(const std::string &s) const { return s; }
    std::string operator()(const StringList &l) const
    {
        std::string out;
        for (const auto &s : l)
            out += (out.empty() ? "" : ", ") + s;
        return out;
    }
    std::string operator()(const StringMap &m) const
    {
        std::string out;
        for (const auto &[k, v] : m)
            out += (out.empty() ? "" : ", ") + k + "=" + v;
        return out;
    }
};
} // namespace

std::string toDisplayString(const PropertyValue &value)
{
    return std::visit(Display{}, value);
}

} // namespace evflow::model
