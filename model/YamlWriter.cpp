#include "model/YamlWriter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace evflow::model {
namespace {

using Json = nlohmann::ordered_json;

/// Plain scalars a YAML 1.1 or 1.2 reader would take for something other than a string.
bool readsAsNonString(std::string_view key)
{
    static constexpr std::array<std::string_view, 11> kWords{
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", ""};
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool plainKeyChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'
           || c == '$' || c == '/';
}

std::string key(const std::string &name)
{
    const bool plain
        = !readsAsNonString(name)
          && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_' || name[0] == '$')
          && std::all_of(name.begin(), name.end(), plainKeyChar);
    return plain ? name : Json(name).dump();
}

bool isEmptyContainer(const Json &value)
{
    return value.is_structured() && value.empty();
}

std::string scalar(const Json &value)
{
    if (value.is_object())
        return "{}";
    if (value.is_array())
        return "[]";
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void write(const Json &value, int indent, std::string &out);

/// A value after "key:" or "- ": scalars stay on the line, containers open a block.
void writeAfterIndicator(const Json &value, int indent, std::string &out)
{
    if (!value.is_structured() || isEmptyContainer(value)) {
        out += ' ' + scalar(value) + '\n';
        return;
    }
    out += '\n';
    write(value, indent, out);
}

void writeObject(const Json &object, int indent, std::string &out)
{
    for (const auto &[name, member] : object.items()) {
        out += std::string(indent, ' ') + key(name) + ':';
        writeAfterIndicator(member, indent + 2, out);
    }
}

void writeArray(const Json &array, int indent, std::string &out)
{
    for (const Json &item : array) {
        out += std::string(indent, ' ') + '-';
        writeAfterIndicator(item, indent + 2, out);
    }
}

void write(const Json &value, int indent, std::string &out)
{
    if (value.is_object())
        writeObject(value, indent, out);
    else if (value.is_array())
        writeArray(value, indent, out);
    else
        out += std::string(indent, ' ') + scalar(value) + '\n';
}

} // namespace

std::string toYaml(const nlohmann::ordered_json &value)
{
    std::string out;
    if (!value.is_structured() || isEmptyContainer(value))
        return scalar(value) + '\n';
    write(value, 0, out);
    return out;
}

} // namespace evflow::model
