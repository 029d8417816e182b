// Node parts (properties, faults, delivery) and typed member access with exact messages.
#include "model/FlowJson.h"
#include "model/FlowReader.h"
#include "model/JsonPositions.h"

#include <cmath>
#include <limits>

namespace evflow::model::detail {
namespace {

using json = nlohmann::json;

bool convert(const json &v, std::string &out)
{
    if (!v.is_string())
        return false;
    out = v.get<std::string>();
    return true;
}

bool convert(const json &v, bool &out)
{
    if (!v.is_boolean())
        return false;
    out = v.get<bool>();
    return true;
}

bool convert(const json &v, std::int64_t &out)
{
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max())
        return false;
    if (!v.is_number_integer())
        return false;
    out = v.get<std::int64_t>();
    return true;
}

bool convert(const json &v, int &out)
{
    std::int64_t wide = 0;
    if (!convert(v, wide) || wide < std::numeric_limits<int>::min()
        || wide > std::numeric_limits<int>::max())
        return false;
    out = static_cast<int>(wide);
    return true;
}

bool convert(const json &v, std::uint64_t &out)
{
    if (!v.is_number_unsigned()) // nlohmann stores non-negative integers as unsigned
        return false;
    out = v.get<std::uint64_t>();
    return true;
}

bool convert(const json &v, double &out)
{
    if (!v.is_number())
        return false;
    out = v.get<double>();
    return true;
}

bool convert(const json &v, std::vector<std::string> &out)
{
    if (!v.is_array())
        return false;
    for (const auto &item : v)
        if (!item.is_string())
            return false;
    out = v.get<std::vector<std::string>>();
    return true;
}

const char *expected(const std::string &)
{
    return "a string";
}
const char *expected(bool)
{
    return "a boolean";
}
const char *expected(std::int64_t)
{
    return "a 64-bit integer";
}
const char *expected(int)
{
    return "a 32-bit integer";
}
const char *expected(std::uint64_t)
{
    return "a non-negative integer";
}
const char *expected(double)
{
    return "a number";
}
const char *expected(const std::vector<std::string> &)
{
    return "an array of strings";
}

} // namespace

std::string jsonTypeName(const json &j)
{
    if (j.is_number_integer())
        return "integer";
    // nlohmann stores an integer literal beyond 64 bits as a double; "number" would hide that.
    if (j.is_number_float() && std::fabs(j.get<double>()) >= 0x1p63
        && j.get<double>() == std::floor(j.get<double>()))
        return "integer beyond 64 bits";
    if (j.is_number_float())
        return "number";
    return j.type_name(); // null, boolean, string, array, object
}

template<typename T>
bool FlowReader::get(const json &obj, const std::string &key, const Where &w, T &out, Need need)
{
    const auto it = obj.find(key);
    if (it == obj.end()) {
        if (need == Need::Required)
            report(w, w.pointer, "missing required key '" + key + "' in " + w.what, true);
        return false;
    }
    if (convert(*it, out))
        return true;
    std::string found = jsonTypeName(*it);
    if (it->is_array() && std::is_same_v<T, std::vector<std::string>>)
        found = "an array holding a non-string";
    if (it->is_number_integer() && !it->is_number_unsigned() && std::is_same_v<T, std::uint64_t>)
        found = "negative integer";
    report(w, w.pointerTo(key),
           "'" + key + "' in " + w.what + " must be " + expected(out) + " (found " + found + ")",
           true);
    return false;
}

template bool FlowReader::get(const json &, const std::string &, const Where &, std::string &,
                              Need);
template bool FlowReader::get(const json &, const std::string &, const Where &, bool &, Need);
template bool FlowReader::get(const json &, const std::string &, const Where &, int &, Need);
template bool FlowReader::get(const json &, const std::string &, const Where &, double &, Need);
template bool FlowReader::get(const json &, const std::string &, const Where &, StringList &, Need);

const json *FlowReader::arrayMember(const json &obj, const std::string &key, const Where &w)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        return nullptr;
    if (it->is_array())
        return &*it;
    report(w, w.pointerTo(key),
           "'" + key + "' in " + w.what + " must be an array (found " + jsonTypeName(*it) + ")",
           true);
    return nullptr;
}

const json *FlowReader::objectMember(const json &obj, const std::string &key, const Where &w)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        return nullptr;
    if (it->is_object())
        return &*it;
    report(w, w.pointerTo(key),
           "'" + key + "' in " + w.what + " must be an object (found " + jsonTypeName(*it) + ")",
           true);
    return nullptr;
}

bool FlowReader::elementIsObject(const json &j, const Where &w)
{
    if (j.is_object())
        return true;
    report(w, w.pointer, w.what + " must be an object (found " + jsonTypeName(j) + ")", true);
    return false;
}

void FlowReader::keepUnknown(const json &obj, std::initializer_list<std::string_view> known,
                             const Where &w, json &extra)
{
    for (const auto &[key, value] : obj.items()) {
        bool isKnown = false;
        for (const auto k : known)
            isKnown = isKnown || k == key;
        if (isKnown)
            continue;
        extra[key] = value;
        report(w, w.pointerTo(key), "unknown key '" + key + "' in " + w.what + " (kept)", false);
    }
}

void FlowReader::report(const Where &w, std::string pointer, std::string message, bool fatal)
{
    Problem p;
    p.severity = Severity::Error;
    p.message = std::move(message);
    p.pointer = std::move(pointer);
    p.node = w.node;
    m_problems.push_back(std::move(p));
    m_fatal = m_fatal || fatal;
}

void FlowReader::readProperties(const json &j, const Where &w, const NodeKindSpec &spec, Node &node)
{
    for (const auto &[name, value] : j.items()) {
        const Where pw{w.pointerTo(name), "property '" + name + "' of " + w.what, w.node};
        if (auto converted = readProperty(value, pw, spec.findProperty(name)))
            node.properties[name] = std::move(*converted);
    }
}

/// The natural PropertyValue alternative of a JSON value; whether it suits the property's
/// declared type is for validateFlow() to say. Only an integer for a Double property is widened,
/// because JSON does not tell 100 from 100.0.
std::optional<PropertyValue> FlowReader::readProperty(const json &v, const Where &w,
                                                      const PropertySpec *spec)
{
    const bool wantsDouble = spec && spec->type == PropertyType::Double;
    std::int64_t integer = 0;
    if (v.is_boolean())
        return v.get<bool>();
    if (v.is_number_integer() && wantsDouble)
        return v.get<double>();
    if (v.is_number_integer() && convert(v, integer))
        return integer;
    if (v.is_number_float())
        return v.get<double>();
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_array() || v.is_object()) {
        for (const auto &[key, item] : v.items()) {
            if (!item.is_string()) {
                report(w, w.pointerTo(key),
                       w.what + " may hold only strings (found " + jsonTypeName(item) + ")", true);
                return std::nullopt;
            }
        }
        if (v.is_array())
            return v.get<StringList>();
        return v.get<StringMap>();
    }
    const std::string found = v.is_number_integer() ? "an integer out of range" : jsonTypeName(v);
    report(w, w.pointer,
           w.what
               + " must be a boolean, number, string, array of strings or object of strings"
                 " (found "
               + found + ")",
           true);
    return std::nullopt;
}

std::optional<FaultInjection> FlowReader::readFaults(const json &j, const Where &w)
{
    FaultInjection f;
    get(j, "duplicate", w, f.duplicate);
    get(j, "reorder", w, f.reorder);
    get(j, "late", w, f.late);
    get(j, "drop", w, f.drop);
    get(j, "lateByMillis", w, f.lateByMillis);
    get(j, "seed", w, f.seed);
    keepUnknown(j, {"duplicate", "reorder", "late", "drop", "lateByMillis", "seed"}, w, f.extra);
    return f;
}

std::optional<DeliverySettings> FlowReader::readDelivery(const json &j, const Where &w)
{
    DeliverySettings d;
    get(j, "dedupWindowCount", w, d.dedupWindowCount);
    get(j, "dedupWindowMillis", w, d.dedupWindowMillis);
    get(j, "reorderWaitMillis", w, d.reorderWaitMillis);
    get(j, "outOfOrdernessMillis", w, d.outOfOrdernessMillis);
    std::string policy;
    if (get(j, "latePolicy", w, policy)) {
        if (const auto parsed = parseLatePolicy(policy))
            d.latePolicy = *parsed;
        else
            report(w, w.pointerTo("latePolicy"),
                   "unknown late policy '" + policy + "' in " + w.what
                       + "; expected accept, drop or divert",
                   true);
    }
    get(j, "validateSchema", w, d.validateSchema);
    keepUnknown(j,
                {"dedupWindowCount", "dedupWindowMillis", "reorderWaitMillis",
                 "outOfOrdernessMillis", "latePolicy", "validateSchema"},
                w, d.extra);
    return d;
}

} // namespace evflow::model::detail
