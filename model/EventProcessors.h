#pragma once

#include "model/Event.h"
#include "model/Flow.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace evflow::model {

/// Comparison of a filter: eq ne lt le gt ge exists prefix.
enum class FilterOp { Eq, Ne, Lt, Le, Gt, Ge, Exists, Prefix };

/// "eq", ...; parseFilterOp() reads them back (Eq for anything else).
const char *filterOpName(FilterOp op);
FilterOp parseFilterOp(std::string_view name);

/// The decision of a filter node (PRODUCT.md §1): type prefixes and one field condition.
///
/// An event passes when its type starts with one of `typePrefixes` (empty = every type) and,
/// when `field` is set, the condition holds. The field's value is compared as text (strings as
/// they are, ints and doubles in their shortest exact form, bools as true/false): numerically
/// when both it and `value` parse as numbers, else as byte strings. `exists`: the field is
/// present and not null; `prefix`: its text starts with `value`. A missing or null field fails
/// every condition (ne included: there is nothing to compare).
/// No allocation per event once warm. Not thread-safe (a reused text buffer).
class EventFilter
{
public:
    EventFilter(std::vector<std::string> typePrefixes, std::string field, FilterOp op,
                std::string value);
    static EventFilter fromNode(const Node &node);

    bool passes(const Event &event);

private:
    bool typePasses(const std::string &type) const;
    bool compare(int order) const;

    std::vector<std::string> m_prefixes;
    std::string m_field;
    FilterOp m_op;
    std::string m_value;
    std::optional<double> m_number; ///< m_value as a number, when it is one
    std::string m_text;             ///< reused: the field's text
};

/// The edit of a map node: rename (old -> new), then drop, then set. Set values are typed:
/// integers become int, other numbers double, true/false bool, anything else a string. Renaming
/// onto an existing name replaces that field; renaming or dropping a missing field does nothing.
/// Field order: kept, set fields that did not exist are appended. Not thread-safe.
class EventMap
{
public:
    EventMap(StringMap set, StringMap rename, StringList drop);
    static EventMap fromNode(const Node &node);

    void apply(Event &event) const;

    /// "42" -> int, "4.5" -> double, "true"/"false" -> bool, else string.
    static FieldValue typedValue(const std::string &text);

private:
    std::vector<std::pair<std::string, FieldValue>> m_set;
    StringMap m_rename;
    StringList m_drop;
};

/// The route of a router node: the output port for an event.
///
/// By type: each route's value is a type prefix; the longest matching prefix wins (ties: the
/// first port in name order). By field: the first port (in name order) whose value equals the
/// field's text (as EventFilter renders it). No match, or a missing field: "default".
class EventRouter
{
public:
    static constexpr const char *kDefaultPort = "default";

    /// `routes`: port -> matched value. `byField` false routes on the type.
    EventRouter(StringMap routes, bool byField, std::string field);
    static EventRouter fromNode(const Node &node);

    /// The port name (a reference into the router, valid for its lifetime).
    const std::string &route(const Event &event);

private:
    std::vector<std::pair<std::string, std::string>> m_routes; // port, value; in port order
    bool m_byField;
    std::string m_field;
    std::string m_default = kDefaultPort;
    std::string m_text;
};

} // namespace evflow::model
