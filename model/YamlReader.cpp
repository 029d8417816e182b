#include "model/YamlReader.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <stdexcept>

namespace evflow::model {
namespace {

using Json = nlohmann::ordered_json;

/// Thrown when the document nests deeper than kMaxYamlDepth (caught in parseYaml).
struct TooDeep : std::runtime_error
{
    YAML::Mark mark;
    explicit TooDeep(const YAML::Mark &at)
        : std::runtime_error("nested deeper than " + std::to_string(kMaxYamlDepth) + " levels")
        , mark(at)
    {
    }
};

bool isNullWord(const std::string &s)
{
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

/// A plain (unquoted) scalar typed as YAML 1.2's core schema does.
Json plainScalar(const std::string &s)
{
    if (isNullWord(s))
        return nullptr;
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    std::int64_t integer = 0;
    const char *end = s.data() + s.size();
    const char *digits = s.data() + (s[0] == '+' ? 1 : 0);
    if (auto [p, ec] = std::from_chars(digits, end, integer); ec == std::errc() && p == end)
        return integer;
    double number = 0;
    if (auto [p, ec] = std::from_chars(digits, end, number); ec == std::errc() && p == end)
        return number;
    return s;
}

Json convert(const YAML::Node &node, int depth)
{
    if (depth > kMaxYamlDepth)
        throw TooDeep(node.Mark());
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        Json object = Json::object();
        for (const auto &entry : node)
            object[entry.first.as<std::string>()] = convert(entry.second, depth + 1);
        return object;
    }
    case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const auto &item : node)
            array.push_back(convert(item, depth + 1));
        return array;
    }
    case YAML::NodeType::Scalar:
        // yaml-cpp tags quoted scalars "!": they are strings whatever they look like.
        return node.Tag() == "!" ? Json(node.Scalar()) : plainScalar(node.Scalar());
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return nullptr;
    }
    return nullptr;
}

std::string at(const YAML::Mark &mark)
{
    return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1)
           + ": ";
}

} // namespace

bool parseYaml(std::string_view text, nlohmann::ordered_json &out, std::string &error)
{
    if (text.size() > kMaxYamlBytes) {
        error = "the document is larger than 16 MiB";
        return false;
    }
    try {
        out = convert(YAML::Load(std::string(text)), 0);
        return true;
    } catch (const TooDeep &e) {
        error = at(e.mark) + e.what();
    } catch (const YAML::Exception &e) {
        error = (e.mark.is_null() ? std::string() : at(e.mark)) + e.msg;
    } catch (const std::exception &e) {
        error = e.what();
    }
    return false;
}

} // namespace evflow::model
