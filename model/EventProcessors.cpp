#include "model/EventProcessors.h"

#include "model/NodeCatalog.h"
#include "model/Projection.h"

#include <algorithm>
#include <charconv>

namespace evflow::model {

namespace {

std::optional<double> parseNumber(std::string_view text)
{
    double value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

bool isNull(const FieldValue *value)
{
    return value == nullptr || std::holds_alternative<std::monostate>(*value);
}

void eraseField(Event &event, std::string_view name)
{
    std::erase_if(event.data, [&](const DataField &f) { return f.name == name; });
}

} // namespace

const char *filterOpName(FilterOp op)
{
    static constexpr const char *names[] = {"eq", "ne", "lt", "le", "gt", "ge", "exists", "prefix"};
    return names[static_cast<int>(op)];
}

FilterOp parseFilterOp(std::string_view name)
{
    for (int i = 0; i <= static_cast<int>(FilterOp::Prefix); ++i)
        if (name == filterOpName(static_cast<FilterOp>(i)))
            return static_cast<FilterOp>(i);
    return FilterOp::Eq;
}

EventFilter::EventFilter(std::vector<std::string> typePrefixes, std::string field, FilterOp op,
                         std::string value)
    : m_prefixes(std::move(typePrefixes))
    , m_field(std::move(field))
    , m_op(op)
    , m_value(std::move(value))
    , m_number(parseNumber(m_value))
{
}

EventFilter EventFilter::fromNode(const Node &node)
{
    return EventFilter(catalog::stringListProperty(node, "eventTypes"),
                       catalog::stringProperty(node, "field"),
                       parseFilterOp(catalog::stringProperty(node, "op", "eq")),
                       catalog::stringProperty(node, "value"));
}

bool EventFilter::typePasses(const std::string &type) const
{
    if (m_prefixes.empty())
        return true;
    return std::any_of(m_prefixes.begin(), m_prefixes.end(),
                       [&](const std::string &prefix) { return type.starts_with(prefix); });
}

bool EventFilter::passes(const Event &event)
{
    if (!typePasses(event.type))
        return false;
    if (m_field.empty())
        return true;
    const FieldValue *value = event.field(m_field);
    if (isNull(value))
        return false;
    if (m_op == FilterOp::Exists)
        return true;
    fieldValueText(*value, m_text);
    if (m_op == FilterOp::Prefix)
        return m_text.starts_with(m_value);
    int order = 0;
    const std::optional<double> number
        = m_number && !std::holds_alternative<bool>(*value) ? parseNumber(m_text) : std::nullopt;
    if (number)
        order = *number < *m_number ? -1 : (*number > *m_number ? 1 : 0);
    else
        order = m_text.compare(m_value) < 0 ? -1 : (m_text == m_value ? 0 : 1);
    return compare(order);
}

bool EventFilter::compare(int order) const
{
    switch (m_op) {
    case FilterOp::Eq: return order == 0;
    case FilterOp::Ne: return order != 0;
    case FilterOp::Lt: return order < 0;
    case FilterOp::Le: return order <= 0;
    case FilterOp::Gt: return order > 0;
    case FilterOp::Ge: return order >= 0;
    case FilterOp::Exists:
    case FilterOp::Prefix: break; // decided in passes()
    }
    return false;
}

EventMap::EventMap(StringMap set, StringMap rename, StringList drop)
    : m_rename(std::move(rename))
    , m_drop(std::move(drop))
{
    for (const auto &[name, text] : set)
        m_set.emplace_back(name, typedValue(text));
}

EventMap EventMap::fromNode(const Node &node)
{
    return EventMap(catalog::stringMapProperty(node, "set"),
                    catalog::stringMapProperty(node, "rename"),
                    catalog::stringListProperty(node, "drop"));
}

FieldValue EventMap::typedValue(const std::string &text)
{
    std::int64_t i = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), i);
    if (!text.empty() && r.ec == std::errc{} && r.ptr == text.data() + text.size())
        return i;
    if (const std::optional<double> d = parseNumber(text))
        return *d;
    if (text == "true" || text == "false")
        return text == "true";
    return text;
}

void EventMap::apply(Event &event) const
{
    for (const auto &[from, to] : m_rename) {
        if (from == to || event.field(from) == nullptr)
            continue;
        eraseField(event, to);
        for (DataField &f : event.data)
            if (f.name == from)
                f.name.assign(to);
    }
    for (const std::string &name : m_drop)
        eraseField(event, name);
    for (const auto &[name, value] : m_set) {
        if (FieldValue *existing = event.field(name))
            *existing = value;
        else
            event.data.push_back({name, value});
    }
}

EventRouter::EventRouter(StringMap routes, bool byField, std::string field)
    : m_routes(routes.begin(), routes.end())
    , m_byField(byField)
    , m_field(std::move(field))
{
}

EventRouter EventRouter::fromNode(const Node &node)
{
    return EventRouter(catalog::stringMapProperty(node, "routes"),
                       catalog::stringProperty(node, "by", "type") == "field",
                       catalog::stringProperty(node, "field"));
}

const std::string &EventRouter::route(const Event &event)
{
    const std::string *best = &m_default;
    if (m_byField) {
        const FieldValue *value = event.field(m_field);
        if (isNull(value))
            return m_default;
        fieldValueText(*value, m_text);
        for (const auto &[port, match] : m_routes)
            if (m_text == match)
                return port;
        return m_default;
    }
    std::size_t bestLength = 0;
    for (const auto &[port, prefix] : m_routes) {
        const bool longer = best == &m_default || prefix.size() > bestLength;
        if (event.type.starts_with(prefix) && longer) {
            best = &port;
            bestLength = prefix.size();
        }
    }
    return *best;
}

} // namespace evflow::model
