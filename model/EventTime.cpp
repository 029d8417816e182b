#include "model/EventTime.h"

#include "model/Event.h"

#include <algorithm>
#include <cstdio>

namespace evflow::model {

namespace detail {

// The proleptic Gregorian calendar repeats every 400 years (146097 days). Counting years from
// March makes the leap day the last day of a year, so a month's first day is a linear function
// of the month index: (153 * m + 2) / 5.
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day)
{
    const std::int64_t y = month <= 2 ? year - 1 : year;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(y - era * 400);
    const unsigned monthFromMarch = month > 2 ? month - 3 : month + 9;
    const unsigned dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

bool isValidDate(std::int64_t year, unsigned month, unsigned day)
{
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= lengths[month - 1] + ((month == 2 && leap) ? 1u : 0u);
}

} // namespace detail

namespace {

struct Civil
{
    std::int64_t year;
    unsigned month;
    unsigned day;
};

// The inverse of daysFromCivil, on the same March-based 400-year cycle.
Civil civilFromDays(std::int64_t days)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra
        = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthFromMarch = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
    const unsigned month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
    const std::int64_t year = static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2);
    return {year, month, day};
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

/// Reads exactly `count` digits at `pos`; false when any is not a digit or the text ends.
bool readDigits(std::string_view text, std::size_t &pos, std::size_t count, unsigned &out)
{
    if (pos > text.size() || text.size() - pos < count)
        return false;
    out = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + static_cast<unsigned>(c - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view text, std::size_t &pos, char lower, char upper)
{
    if (pos >= text.size() || (text[pos] != lower && text[pos] != upper))
        return false;
    ++pos;
    return true;
}

/// Parses ".d{1,9}" when present; the result is in microseconds (digits past 6 truncated).
bool readFraction(std::string_view text, std::size_t &pos, std::int64_t &micros)
{
    micros = 0;
    if (pos >= text.size() || text[pos] != '.')
        return true;
    ++pos;
    std::size_t digits = 0;
    std::int64_t scale = 100000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (++digits > 9)
            return false;
        micros += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
    }
    return digits > 0;
}

/// Parses "Z" or "+HH:MM" / "-HH:MM" into an offset east of UTC, in seconds.
bool readOffset(std::string_view text, std::size_t &pos, std::int64_t &seconds)
{
    if (expect(text, pos, 'z', 'Z')) {
        seconds = 0;
        return true;
    }
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-'))
        return false;
    const std::int64_t sign = text[pos++] == '-' ? -1 : 1;
    unsigned hours = 0;
    unsigned minutes = 0;
    if (!readDigits(text, pos, 2, hours) || !expect(text, pos, ':', ':')
        || !readDigits(text, pos, 2, minutes) || hours > 23 || minutes > 59)
        return false;
    seconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

} // namespace

std::string formatRfc3339(std::int64_t micros)
{
    micros = std::clamp(micros, EventLimits::minTime, EventLimits::maxTime);
    const std::int64_t seconds = floorDiv(micros, 1000000);
    const std::int64_t fraction = micros - seconds * 1000000;
    const std::int64_t days = floorDiv(seconds, 86400);
    const std::int64_t secondOfDay = seconds - days * 86400;
    const Civil date = civilFromDays(days);
    char text[96];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ",
                  static_cast<long long>(date.year), date.month, date.day,
                  static_cast<long long>(secondOfDay / 3600),
                  static_cast<long long>(secondOfDay / 60 % 60),
                  static_cast<long long>(secondOfDay % 60), static_cast<long long>(fraction));
    return text;
}

bool parseRfc3339(std::string_view text, std::int64_t &out)
{
    std::size_t pos = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    std::int64_t fraction = 0;
    std::int64_t offset = 0;
    const bool shapeOk = readDigits(text, pos, 4, year) && expect(text, pos, '-', '-')
                         && readDigits(text, pos, 2, month) && expect(text, pos, '-', '-')
                         && readDigits(text, pos, 2, day) && expect(text, pos, 't', 'T')
                         && readDigits(text, pos, 2, hour) && expect(text, pos, ':', ':')
                         && readDigits(text, pos, 2, minute) && expect(text, pos, ':', ':')
                         && readDigits(text, pos, 2, second) && readFraction(text, pos, fraction)
                         && readOffset(text, pos, offset) && pos == text.size();
    if (!shapeOk || !detail::isValidDate(year, month, day) || hour > 23 || minute > 59
        || second > 59)
        return false;
    const std::int64_t seconds = detail::daysFromCivil(year, month, day) * 86400 + hour * 3600
                                 + minute * 60 + second - offset;
    const std::int64_t micros = seconds * 1000000 + fraction;
    if (micros < EventLimits::minTime || micros > EventLimits::maxTime)
        return false;
    out = micros;
    return true;
}

} // namespace evflow::model
