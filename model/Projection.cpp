#include "model/Projection.h"

#include "model/NodeCatalog.h"

#include <algorithm>
#include <charconv>

namespace evflow::model {

namespace {

bool isNull(const FieldValue *value)
{
    return value == nullptr || std::holds_alternative<std::monostate>(*value);
}

bool asNumber(const FieldValue &value, double &out)
{
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        out = static_cast<double>(*i);
        return true;
    }
    if (const auto *d = std::get_if<double>(&value)) {
        out = *d;
        return true;
    }
    return false;
}

} // namespace

const char *projectionAggregateName(ProjectionAggregate aggregate)
{
    switch (aggregate) {
    case ProjectionAggregate::Count: return "count";
    case ProjectionAggregate::Sum: return "sum";
    case ProjectionAggregate::Min: return "min";
    case ProjectionAggregate::Max: return "max";
    case ProjectionAggregate::Last: return "last";
    }
    return "count";
}

ProjectionAggregate parseProjectionAggregate(std::string_view name)
{
    for (auto a : {ProjectionAggregate::Sum, ProjectionAggregate::Min, ProjectionAggregate::Max,
                   ProjectionAggregate::Last})
        if (name == projectionAggregateName(a))
            return a;
    return ProjectionAggregate::Count;
}

void fieldValueText(const FieldValue &value, std::string &out)
{
    char buffer[32];
    std::to_chars_result r{buffer, {}};
    if (const auto *s = std::get_if<std::string>(&value)) {
        out.assign(*s);
        return;
    }
    if (const auto *b = std::get_if<bool>(&value)) {
        out.assign(*b ? "true" : "false");
        return;
    }
    if (const auto *i = std::get_if<std::int64_t>(&value))
        r = std::to_chars(buffer, buffer + sizeof buffer, *i);
    else if (const auto *d = std::get_if<double>(&value))
        r = std::to_chars(buffer, buffer + sizeof buffer, *d);
    out.assign(buffer, r.ptr); // null: empty text
}

Projection::Projection(std::string groupBy, ProjectionAggregate aggregate, std::string field,
                       std::vector<std::string> eventTypes)
    : m_groupBy(std::move(groupBy))
    , m_aggregate(aggregate)
    , m_field(std::move(field))
    , m_eventTypes(std::move(eventTypes))
{
}

Projection Projection::fromNode(const Node &node)
{
    return Projection(catalog::stringProperty(node, "groupBy"),
                      parseProjectionAggregate(catalog::stringProperty(node, "aggregate")),
                      catalog::stringProperty(node, "field"),
                      catalog::stringListProperty(node, "eventTypes"));
}

bool Projection::projects(const std::string &type) const
{
    return m_eventTypes.empty()
           || std::find(m_eventTypes.begin(), m_eventTypes.end(), type) != m_eventTypes.end();
}

ProjectionResult Projection::apply(const Event &event)
{
    ProjectionResult result = ProjectionResult::Applied;
    const FieldValue *key = event.field(m_groupBy);
    const FieldValue *value
        = m_aggregate == ProjectionAggregate::Count ? nullptr : event.field(m_field);
    double number = 0;
    if (!projects(event.type))
        result = ProjectionResult::OtherType;
    else if (isNull(key))
        result = ProjectionResult::MissingKey;
    else if (m_aggregate != ProjectionAggregate::Count
             && (isNull(value)
                 || (m_aggregate != ProjectionAggregate::Last && !asNumber(*value, number))))
        result = ProjectionResult::MissingValue;
    if (result != ProjectionResult::Applied) {
        ++m_skipped[static_cast<int>(result)];
        return result;
    }
    fieldValueText(*key, m_key);
    auto row = m_rows.find(m_key);
    if (row == m_rows.end())
        row = m_rows.emplace(m_key, ProjectionRow{m_key, {}, 0}).first;
    aggregate(row->second, value);
    ++m_applied;
    return result;
}

void Projection::aggregate(ProjectionRow &row, const FieldValue *value) const
{
    double number = 0;
    if (value != nullptr)
        asNumber(*value, number);
    const bool first = row.count++ == 0;
    const double *current = std::get_if<double>(&row.value);
    switch (m_aggregate) {
    case ProjectionAggregate::Count: row.value = static_cast<std::int64_t>(row.count); break;
    case ProjectionAggregate::Sum: row.value = (first ? 0.0 : *current) + number; break;
    case ProjectionAggregate::Min: row.value = first ? number : std::min(*current, number); break;
    case ProjectionAggregate::Max: row.value = first ? number : std::max(*current, number); break;
    case ProjectionAggregate::Last: row.value = *value; break;
    }
}

std::vector<ProjectionRow> Projection::rows() const
{
    std::vector<ProjectionRow> out;
    out.reserve(m_rows.size());
    for (const auto &[key, row] : m_rows)
        out.push_back(row);
    return out;
}

const ProjectionRow *Projection::row(const std::string &key) const
{
    const auto found = m_rows.find(key);
    return found == m_rows.end() ? nullptr : &found->second;
}

std::uint64_t Projection::skipped(ProjectionResult why) const
{
    return m_skipped[static_cast<int>(why)];
}

void Projection::clear()
{
    m_rows.clear();
    m_applied = 0;
    std::fill(std::begin(m_skipped), std::end(m_skipped), 0);
}

bool Projection::operator==(const Projection &other) const
{
    return m_groupBy == other.m_groupBy && m_aggregate == other.m_aggregate
           && m_field == other.m_field && m_eventTypes == other.m_eventTypes
           && m_rows == other.m_rows;
}

} // namespace evflow::model
