#include "model/YamlReader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <stdexcept>

namespace evflow::model {
namespace {

using Json = nlohmann::ordered_json;

/// Thrown when the document nests deeper than kMaxYamlDepth or its aliases expand it beyond
/// the budget (caught in parseYaml).
struct Refused : std::runtime_error
{
    YAML::Mark mark;
    Refused(const YAML::Mark &at, const std::string &why)
        : std::runtime_error(why)
        , mark(at)
    {
    }
};

/// What converting a document may cost, counted in values plus bytes of text. yaml-cpp shares
/// an aliased node, but the JSON copy repeats it: without a bound, a few lines of aliases of
/// aliases ("billion laughs") expand to gigabytes. Generous for a document's own text.
std::size_t expansionBudget(std::string_view text)
{
    return 16 * text.size() + 65536;
}

/// Takes `cost` from `budget`, or throws when it is spent.
void spend(std::size_t &budget, std::size_t cost, const YAML::Node &node)
{
    if (cost > budget)
        throw Refused(node.Mark(), "aliases expand the document to more than 16 times its size");
    budget -= cost;
}

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

Json convert(const YAML::Node &node, int depth, std::size_t &budget)
{
    if (depth > kMaxYamlDepth)
        throw Refused(node.Mark(),
                      "nested deeper than " + std::to_string(kMaxYamlDepth) + " levels");
    spend(budget, 1 + (node.IsScalar() ? node.Scalar().size() : 0), node);
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        Json object = Json::object();
        for (const auto &entry : node) {
            std::string key = entry.first.as<std::string>();
            spend(budget, key.size(), entry.first);
            object[std::move(key)] = convert(entry.second, depth + 1, budget);
        }
        return object;
    }
    case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const auto &item : node)
            array.push_back(convert(item, depth + 1, budget));
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
        std::size_t budget = expansionBudget(text);
        out = convert(YAML::Load(std::string(text)), 0, budget);
        return true;
    } catch (const Refused &e) {
        error = at(e.mark) + e.what();
    } catch (const YAML::DeepRecursion &e) {
        // yaml-cpp's own guard (2000 levels) says only "bad file".
        error = at(e.mark) + "nested deeper than " + std::to_string(kMaxYamlDepth) + " levels";
    } catch (const YAML::Exception &e) {
        error = (e.mark.is_null() ? std::string() : at(e.mark)) + e.msg;
    } catch (const std::exception &e) {
        error = e.what();
    }
    return false;
}

} // namespace evflow::model
