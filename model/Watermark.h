#pragma once

#include <cstdint>

namespace evflow::model {

/// The event-time watermark of one consumer input (PRODUCT.md §2, "Late"): the highest event time
/// seen so far minus the configured out-of-orderness bound. An event is late when its event time
/// is strictly below the watermark at the moment it arrives; an event exactly at the watermark is
/// on time, equal timestamps are never late, and the first event is never late.
///
/// The watermark only ever moves forward (a late or older event does not lower it). What to do
/// with a late event (accept, drop, divert) is the caller's policy; this class only classifies.
/// Arithmetic saturates, so extreme times (INT64_MIN/MAX) and bounds cannot overflow.
///
/// Complexity: O(1) per event, a few words of memory, no allocation. Not thread-safe.
class Watermark
{
public:
    /// `outOfOrdernessMicros` < 0 is treated as 0 (then any event older than the newest is late).
    explicit Watermark(std::int64_t outOfOrdernessMicros);

    /// Classifies one event time and then advances the watermark. Returns true when late.
    bool observe(std::int64_t eventTimeMicros);

    /// True once an event has been observed (before that there is no watermark).
    bool hasWatermark() const { return m_observed > 0; }
    /// Current watermark; INT64_MIN before the first event.
    std::int64_t current() const;
    /// Highest event time observed; INT64_MIN before the first event.
    std::int64_t highestEventTime() const { return m_highest; }
    std::int64_t outOfOrdernessMicros() const { return m_bound; }
    std::uint64_t observed() const { return m_observed; }
    std::uint64_t late() const { return m_late; }

    /// Forgets every event (the next one is again "first") and zeroes the counters.
    void reset();

private:
    std::int64_t m_bound;
    std::int64_t m_highest;
    std::uint64_t m_observed = 0;
    std::uint64_t m_late = 0;
};

} // namespace evflow::model
