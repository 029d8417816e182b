#include "model/RateSeries.h"

#include <algorithm>

namespace evflow::model {

RateSeries::RateSeries(std::size_t capacity)
    : m_ring(std::max<std::size_t>(capacity, 1))
{
}

void RateSeries::append(std::int64_t timeMicros, double value)
{
    if (m_size < m_ring.size()) {
        m_ring[(m_head + m_size) % m_ring.size()] = RateSample{timeMicros, value};
        ++m_size;
        return;
    }
    // Full: the oldest slot becomes the newest.
    m_ring[m_head] = RateSample{timeMicros, value};
    m_head = (m_head + 1) % m_ring.size();
}

void RateSeries::clear()
{
    m_head = 0;
    m_size = 0;
}

const RateSample &RateSeries::at(std::size_t index) const
{
    return m_ring[(m_head + index) % m_ring.size()];
}

std::vector<RateSample> RateSeries::samples() const
{
    std::vector<RateSample> result;
    result.reserve(m_size);
    for (std::size_t i = 0; i < m_size; ++i)
        result.push_back(at(i));
    return result;
}

std::optional<double> RateSeries::rateBetween(const RateSample &earlier, const RateSample &later)
{
    const std::int64_t dt = later.timeMicros - earlier.timeMicros;
    if (dt <= 0)
        return std::nullopt;
    const double delta = later.value >= earlier.value ? later.value - earlier.value : later.value;
    return delta * 1e6 / static_cast<double>(dt);
}

std::vector<RateSample> RateSeries::rates() const
{
    std::vector<RateSample> result;
    if (m_size < 2)
        return result;
    result.reserve(m_size - 1);
    for (std::size_t i = 1; i < m_size; ++i) {
        if (const auto rate = rateBetween(at(i - 1), at(i)))
            result.push_back(RateSample{at(i).timeMicros, *rate});
    }
    return result;
}

std::optional<double> RateSeries::latestRate() const
{
    if (m_size < 2)
        return std::nullopt;
    return rateBetween(at(m_size - 2), at(m_size - 1));
}

} // namespace evflow::model
