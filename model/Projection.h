#pragma once

#include "model/Event.h"
#include "model/Flow.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace evflow::model {

/// How a projection aggregates the `field` of the events of one key.
enum class ProjectionAggregate { Count, Sum, Min, Max, Last };

/// One row of a read model: the key, the aggregate and how many events made it.
struct ProjectionRow
{
    std::string key;
    FieldValue value; ///< count: int; sum/min/max: double; last: the field's value as sent
    std::uint64_t count = 0;

    bool operator==(const ProjectionRow &) const = default;
};

/// What Projection::apply() did with one event.
enum class ProjectionResult {
    Applied,      ///< a row was created or updated
    OtherType,    ///< the type is not among the projected `eventTypes`
    MissingKey,   ///< no (non-null) groupBy field
    MissingValue, ///< sum/min/max/last: no (non-null) `field`, or not a number for sum/min/max
};

/// A CQRS read model (PRODUCT.md §1, "projection"): events grouped by the value of `groupBy`,
/// each group aggregating `field` (count, sum, min, max or last).
///
/// Keys are the groupBy value as text: strings as they are, ints in decimal, doubles in the
/// shortest form that reads back exactly, bools as true/false. Numbers aggregate as doubles
/// (ints converted); `last` keeps the field's value, whatever its type.
///
/// Accounting (for the input's books): an Applied event is `processed`; every other result is
/// `filtered` (the event was valid and looked at, but cannot change the read model). Then the
/// sum of the rows' counts equals the processed count, and a projection rebuilt by applying the
/// processed events again, in the same order, equals the live one (operator==; sums of doubles
/// depend on order, so the order matters). skipped() counts the non-applied events by reason.
///
/// Complexity: O(log keys) per event; a new key allocates its row. Not thread-safe: the worker
/// applies, readers get rows() copies through the owner (e.g. at each snapshot).
class Projection
{
public:
    Projection(std::string groupBy, ProjectionAggregate aggregate, std::string field,
               std::vector<std::string> eventTypes = {});
    /// From a projection node's properties (groupBy, aggregate, field, eventTypes).
    static Projection fromNode(const Node &node);

    ProjectionResult apply(const Event &event);
    /// The rows sorted by key.
    std::vector<ProjectionRow> rows() const;
    const ProjectionRow *row(const std::string &key) const;
    std::size_t size() const { return m_rows.size(); }
    std::uint64_t applied() const { return m_applied; }
    std::uint64_t skipped(ProjectionResult why) const;
    void clear();

    /// Same configuration and same rows (the skip counters are not compared).
    bool operator==(const Projection &other) const;

private:
    bool projects(const std::string &type) const;
    void aggregate(ProjectionRow &row, const FieldValue *value) const;

    std::string m_groupBy;
    ProjectionAggregate m_aggregate;
    std::string m_field;
    std::vector<std::string> m_eventTypes;
    std::map<std::string, ProjectionRow, std::less<>> m_rows;
    std::string m_key; // reused key text
    std::uint64_t m_applied = 0;
    std::uint64_t m_skipped[4] = {};
};

/// "count", "sum", "min", "max", "last"; parseProjectionAggregate() reads them back (Count for
/// anything else).
const char *projectionAggregateName(ProjectionAggregate aggregate);
ProjectionAggregate parseProjectionAggregate(std::string_view name);

/// The text of a field value as a projection key (and as filter/router compare it).
void fieldValueText(const FieldValue &value, std::string &out);

} // namespace evflow::model
