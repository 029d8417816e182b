// Node-level rules: ids, properties, fault-injection and delivery settings, hosts.

#include "model/Endpoint.h"
#include "model/JsonPositions.h"
#include "model/ValidationRules.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace evflow::model::detail {

std::string escapePointerToken(std::string_view token)
{
    return JsonPositions::escapeToken(token);
}

std::string nodePointer(int index)
{
    return "/nodes/" + std::to_string(index);
}

std::string describeNode(const Node &node)
{
    return std::string(catalog::kindName(node.kind)) + " '" + node.id.value + "'";
}

std::string formatNumber(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<std::int64_t>(value));
    std::ostringstream s;
    s.precision(15);
    s << value;
    return s.str();
}

std::string joinStrings(const std::vector<std::string> &items, std::string_view separator)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

std::string describeHost(const std::string &host)
{
    return host.empty() ? "the default host" : "host '" + host + "'";
}

std::string nodeIdSyntaxError(const NodeId &id)
{
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (id.empty())
        return "node id is empty";
    bool ok = letter(id.value.front()) || id.value.front() == '_';
    for (const char c : id.value)
        ok = ok && (letter(c) || digit(c) || c == '_' || c == '-');
    if (ok)
        return {};
    return "node id '" + id.value
           + "' is not valid: use letters, digits, '_' and '-', and start with a letter or '_'";
}

std::string nodeIdInUseMessage(const NodeId &id)
{
    return "node id '" + id.value + "' is already in use";
}

std::string unknownPropertyMessage(const Node &node, std::string_view property)
{
    std::vector<std::string> known;
    for (const auto &p : catalog::spec(node.kind).properties)
        known.push_back(p.name);
    return describeNode(node) + " has no property '" + std::string(property) + "' ("
           + (known.empty() ? std::string("it has none") : "it has: " + joinStrings(known)) + ")";
}

namespace {

const char *valueKind(const PropertyValue &value)
{
    static const char *const names[]
        = {"a bool", "an integer", "a number", "a string", "a list", "an object"};
    return names[value.index()];
}

const char *expectedKind(PropertyType type)
{
    switch (type) {
    case PropertyType::Bool: return "true or false";
    case PropertyType::Int: return "an integer";
    case PropertyType::Double: return "a number";
    case PropertyType::String:
    case PropertyType::Enum:
    case PropertyType::Endpoint:
    case PropertyType::Path:
    case PropertyType::EventType: return "a string";
    case PropertyType::EventTypeList:
    case PropertyType::List: return "a list of strings";
    case PropertyType::Map: return "an object of strings";
    }
    return "?";
}

bool fitsType(PropertyType type, const PropertyValue &value)
{
    switch (type) {
    case PropertyType::Bool: return std::holds_alternative<bool>(value);
    case PropertyType::Int: return std::holds_alternative<std::int64_t>(value);
    // The loader converts JSON integers for Double specs; values built in memory may still hold
    // an int64 (a literal 100 instead of 100.0), which means the same number.
    case PropertyType::Double:
        return std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
    case PropertyType::EventTypeList:
    case PropertyType::List: return std::holds_alternative<StringList>(value);
    case PropertyType::Map: return std::holds_alternative<StringMap>(value);
    default: return std::holds_alternative<std::string>(value);
    }
}

std::string rangeError(const std::string &prefix, const PropertySpec &spec, double v)
{
    if ((!spec.min || v >= *spec.min) && (!spec.max || v <= *spec.max))
        return {};
    std::string bound;
    if (spec.min && spec.max)
        bound = "from " + formatNumber(*spec.min) + " to " + formatNumber(*spec.max);
    else if (spec.min)
        bound = "at least " + formatNumber(*spec.min);
    else
        bound = "at most " + formatNumber(*spec.max);
    return prefix + "is " + formatNumber(v) + "; it must be " + bound;
}

} // namespace

std::string propertyValueError(const Node &node, const PropertySpec &spec,
                               const PropertyValue &value)
{
    const std::string prefix = describeNode(node) + ": property '" + spec.name + "' ";
    if (!fitsType(spec.type, value))
        return prefix + "must be " + expectedKind(spec.type) + ", not " + valueKind(value);
    if (spec.type == PropertyType::Int)
        return rangeError(prefix, spec, static_cast<double>(std::get<std::int64_t>(value)));
    if (spec.type == PropertyType::Double) {
        const auto *i = std::get_if<std::int64_t>(&value);
        const double v = i ? static_cast<double>(*i) : std::get<double>(value);
        if (!std::isfinite(v))
            return prefix + "must be a finite number";
        return rangeError(prefix, spec, v);
    }
    const auto *text = std::get_if<std::string>(&value);
    if (!text)
        return {};
    if (spec.type == PropertyType::Enum
        && std::find(spec.choices.begin(), spec.choices.end(), *text) == spec.choices.end())
        return prefix + "is '" + *text + "'; choose one of: " + joinStrings(spec.choices);
    // An empty required value is the required-property rule's to report.
    const bool mustBeFilled
        = spec.type == PropertyType::Endpoint || spec.type == PropertyType::Path;
    if (mustBeFilled && text->empty())
        return spec.required ? std::string{} : prefix + "must not be empty";
    if (spec.type == PropertyType::Endpoint)
        if (const auto parsed = parseEndpoint(*text); !parsed)
            return describeNode(node) + ": property '" + spec.name + "': " + parsed.error;
    return {};
}

std::vector<Issue> faultIssues(const Node &node, const FaultInjection &faults)
{
    if (!catalog::acceptsFaults(node.kind))
        return {{Severity::Error,
                 describeNode(node) + " cannot inject faults: only producers and channels can", "",
                 node.id}};
    std::vector<Issue> out;
    const std::pair<const char *, double> probabilities[] = {{"duplicate", faults.duplicate},
                                                             {"reorder", faults.reorder},
                                                             {"late", faults.late},
                                                             {"drop", faults.drop}};
    for (const auto &[name, p] : probabilities)
        if (!(p >= 0 && p <= 1))
            out.push_back({Severity::Error,
                           describeNode(node) + ": fault probability '" + name + "' is "
                               + formatNumber(p) + "; it must be from 0 to 1",
                           name, node.id});
    if (faults.lateByMillis <= 0)
        out.push_back({Severity::Error,
                       describeNode(node) + ": fault 'lateByMillis' is "
                           + std::to_string(faults.lateByMillis) + "; it must be greater than 0",
                       "lateByMillis", node.id});
    return out;
}

std::vector<Issue> deliveryIssues(const Node &node, const DeliverySettings &delivery)
{
    if (!catalog::acceptsDelivery(node.kind))
        return {{Severity::Error,
                 describeNode(node)
                     + " takes no delivery settings: only consumers and processors receive events",
                 "", node.id}};
    std::vector<Issue> out;
    const std::pair<const char *, std::int64_t> amounts[]
        = {{"dedupWindowCount", delivery.dedupWindowCount},
           {"dedupWindowMillis", delivery.dedupWindowMillis},
           {"reorderWaitMillis", delivery.reorderWaitMillis},
           {"outOfOrdernessMillis", delivery.outOfOrdernessMillis}};
    for (const auto &[name, v] : amounts)
        if (v < 0)
            out.push_back({Severity::Error,
                           describeNode(node) + ": delivery '" + name + "' is " + std::to_string(v)
                               + "; it must not be negative",
                           name, node.id});
    return out;
}

void checkNodeIds(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        const std::string pointer = nodePointer(static_cast<int>(i)) + "/id";
        if (std::string error = nodeIdSyntaxError(node.id); !error.empty())
            out.push_back({Severity::Error, std::move(error), pointer, node.id});
        else if (flow.nodeIndex(node.id) < static_cast<int>(i))
            out.push_back({Severity::Error, nodeIdInUseMessage(node.id), pointer, node.id});
    }
}

namespace {

void checkDeclaredTypes(const Flow &flow, const Node &node, const std::string &pointer,
                        const PropertyValue &value, Problems &out)
{
    const auto check = [&](const std::string &name, const std::string &at) {
        if (!name.empty() && !flow.findEventType(name))
            out.push_back({Severity::Error,
                           describeNode(node) + ": event type '" + name + "' is not declared", at,
                           node.id});
    };
    if (const auto *one = std::get_if<std::string>(&value))
        check(*one, pointer);
    else if (const auto *list = std::get_if<StringList>(&value))
        for (size_t j = 0; j < list->size(); ++j)
            check((*list)[j], pointer + "/" + std::to_string(j));
}

bool isEmptyValue(const PropertyValue &value)
{
    if (const auto *s = std::get_if<std::string>(&value))
        return s->empty();
    if (const auto *l = std::get_if<StringList>(&value))
        return l->empty();
    if (const auto *m = std::get_if<StringMap>(&value))
        return m->empty();
    return false;
}

void checkNodeProperties(const Flow &flow, const Node &node, int index, Problems &out)
{
    const NodeKindSpec &kind = catalog::spec(node.kind);
    const std::string base = nodePointer(index) + "/properties";
    for (const auto &[name, value] : node.properties) {
        const std::string pointer = base + "/" + escapePointerToken(name);
        const PropertySpec *spec = kind.findProperty(name);
        std::string error
            = spec ? propertyValueError(node, *spec, value) : unknownPropertyMessage(node, name);
        if (!error.empty())
            out.push_back({Severity::Error, std::move(error), pointer, node.id});
        else if (spec->type == PropertyType::EventType || spec->type == PropertyType::EventTypeList)
            checkDeclaredTypes(flow, node, pointer, value, out);
    }
    for (const auto &spec : kind.properties) {
        if (!spec.required)
            continue;
        const auto it = node.properties.find(spec.name);
        if (it == node.properties.end())
            out.push_back(
                {Severity::Error,
                 describeNode(node) + " is missing the required property '" + spec.name + "'", base,
                 node.id});
        else if (isEmptyValue(it->second))
            out.push_back({Severity::Error,
                           describeNode(node) + ": required property '" + spec.name + "' is empty",
                           base + "/" + escapePointerToken(spec.name), node.id});
    }
}

void appendIssues(std::vector<Issue> issues, const std::string &base, Problems &out)
{
    for (auto &issue : issues)
        out.push_back({issue.severity, std::move(issue.message),
                       issue.member.empty() ? base : base + "/" + issue.member, issue.node});
}

} // namespace

void checkProperties(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i)
        checkNodeProperties(flow, flow.nodes[i], static_cast<int>(i), out);
}

void checkFaultsAndDelivery(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i) {
        const Node &node = flow.nodes[i];
        const std::string base = nodePointer(static_cast<int>(i));
        if (node.faults)
            appendIssues(faultIssues(node, *node.faults), base + "/faults", out);
        if (node.delivery)
            appendIssues(deliveryIssues(node, *node.delivery), base + "/delivery", out);
    }
}

std::string undeclaredHostError(const Flow &flow, const Node &node)
{
    if (node.host.empty() || flow.hosts.empty() || flow.hosts.count(node.host))
        return {};
    std::vector<std::string> declared;
    for (const auto &[name, address] : flow.hosts)
        declared.push_back(name);
    return describeNode(node) + " is placed on host '" + node.host
           + "', which is not declared (hosts: " + joinStrings(declared) + ")";
}

void checkHosts(const Flow &flow, Problems &out)
{
    for (size_t i = 0; i < flow.nodes.size(); ++i)
        if (std::string error = undeclaredHostError(flow, flow.nodes[i]); !error.empty())
            out.push_back({Severity::Error, std::move(error),
                           nodePointer(static_cast<int>(i)) + "/host", flow.nodes[i].id});
}

} // namespace evflow::model::detail
