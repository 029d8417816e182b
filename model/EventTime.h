#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace evflow::model {

/// Formats microseconds since 1970-01-01T00:00:00Z as RFC 3339 in UTC with exactly six
/// fractional digits: "2024-02-29T13:45:07.000250Z". Fixed width, so recordings sort as text.
/// Precondition: EventLimits::minTime <= micros <= EventLimits::maxTime (years 0000..9999);
/// values outside are clamped to that range.
std::string formatRfc3339(std::int64_t micros);

/// Parses an RFC 3339 date-time ("YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)"; 'T' and 'Z'
/// may be lowercase) into microseconds since the epoch, UTC. Accepts 1..9 fractional digits;
/// digits past the sixth are truncated. Rejects (returns false, `out` untouched) invalid calendar
/// dates (2023-02-29), leap seconds (:60), missing offsets, and results outside the years
/// 0000..9999 once the offset is applied.
bool parseRfc3339(std::string_view text, std::int64_t &out);

namespace detail {
/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31, unchecked).
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);
/// True when day exists in that month of that year.
bool isValidDate(std::int64_t year, unsigned month, unsigned day);
} // namespace detail

} // namespace evflow::model
