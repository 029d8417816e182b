#pragma once

#include "model/Event.h"
#include "model/EventType.h"

#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// Checks events against the event types declared in a flow (PRODUCT.md §1: "consumers may
/// validate against them; violations are counted, not fatal").
///
/// Rules: the type must be declared; every required field present and not null; every declared
/// field that is present has a value of its type: int for int, int or double for double, bool
/// for bool, string for string, a string that parses as RFC 3339 for timestamp, one of the
/// listed values for enum; null is allowed for an optional field (it means absent). Fields the
/// type does not declare are allowed (producers may send more than the schema names).
///
/// Complexity: O(declared fields x event fields) per event (both are small); a valid event
/// costs no allocation (only a violation builds its message). Thread-safe for concurrent check()
/// calls (const, no state).
class SchemaCheck
{
public:
    explicit SchemaCheck(std::vector<EventType> types);

    /// True when `event` satisfies its declared type; otherwise false and `reason` says why
    /// (e.g. "type 'x' is not declared", "required field 'qty' is missing", "field 'qty' is
    /// double; int expected", "field 'region' is 'MARS', not one of EU, US").
    bool check(const Event &event, std::string &reason) const;

    const EventType *find(std::string_view typeName) const;

private:
    bool checkField(const FieldSpec &spec, const FieldValue &value, std::string &reason) const;

    std::vector<EventType> m_types; // sorted by name for a binary search without allocation
};

} // namespace evflow::model
