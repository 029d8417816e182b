#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace evflow::model {

/// One sample of a series: a value at a time (microseconds).
struct RateSample
{
    std::int64_t timeMicros = 0;
    double value = 0.0;

    bool operator==(const RateSample &) const = default;
};

/// A fixed-capacity ring of samples for live charts (ARCHITECTURE.md: bounded ring buffers fed
/// by a ~100 ms snapshot timer). Appending to a full series drops the oldest sample; it never
/// grows past its capacity.
///
/// Rates: when the samples are readings of a cumulative counter (events received so far), rates()
/// derives events per second between consecutive samples. A counter that went down (a restart
/// of its owner) is taken to have restarted from 0, so the rate uses the new value alone, as
/// Prometheus' rate() does; a pair with no time between them (dt <= 0) yields no rate.
///
/// Complexity: append O(1), no allocation (the ring is allocated in the constructor);
/// samples()/rates() O(size) and allocate their result (reader side). Not thread-safe.
class RateSeries
{
public:
    /// `capacity` < 1 is treated as 1.
    explicit RateSeries(std::size_t capacity);

    void append(std::int64_t timeMicros, double value);
    void clear();

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_ring.size(); }
    bool empty() const { return m_size == 0; }
    /// Sample `index`, 0 = oldest kept; index < size().
    const RateSample &at(std::size_t index) const;
    /// Newest sample; the series must not be empty.
    const RateSample &latest() const { return at(m_size - 1); }
    /// All samples, oldest first.
    std::vector<RateSample> samples() const;

    /// Per-second rate between each pair of consecutive samples, stamped with the later time.
    std::vector<RateSample> rates() const;
    /// Rate between the two newest samples, if there are two with time between them.
    std::optional<double> latestRate() const;
    /// Per-second rate of a cumulative counter read as `earlier` then `later` (see class comment).
    static std::optional<double> rateBetween(const RateSample &earlier, const RateSample &later);

private:
    std::vector<RateSample> m_ring;
    std::size_t m_head = 0; // index of the oldest sample
    std::size_t m_size = 0;
};

} // namespace evflow::model
