#include "model/Watermark.h"

#include <limits>

namespace evflow::model {

namespace {
constexpr std::int64_t kMinTime = std::numeric_limits<std::int64_t>::min();
} // namespace

Watermark::Watermark(std::int64_t outOfOrdernessMicros)
    : m_bound(outOfOrdernessMicros > 0 ? outOfOrdernessMicros : 0)
    , m_highest(kMinTime)
{
}

std::int64_t Watermark::current() const
{
    if (m_observed == 0)
        return kMinTime;
    // Saturating subtraction: highest - bound would overflow when highest is near INT64_MIN.
    if (m_highest < kMinTime + m_bound)
        return kMinTime;
    return m_highest - m_bound;
}

bool Watermark::observe(std::int64_t eventTimeMicros)
{
    const bool isLate = m_observed > 0 && eventTimeMicros < current();
    ++m_observed;
    if (isLate)
        ++m_late;
    if (m_observed == 1 || eventTimeMicros > m_highest)
        m_highest = eventTimeMicros;
    return isLate;
}

void Watermark::reset()
{
    m_highest = kMinTime;
    m_observed = 0;
    m_late = 0;
}

} // namespace evflow::model
