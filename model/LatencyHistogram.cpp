#include "model/LatencyHistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace evflow::model {

namespace {

constexpr int kSubBits = 5;              // 32 sub-buckets per power of two
constexpr std::int64_t kExactBelow = 64; // 2 * 32: values below have their own bucket
constexpr int kFirstShiftedPower = 6;    // log2(kExactBelow)
constexpr std::int64_t kSubCount = 1 << kSubBits;

std::int64_t clampValue(std::int64_t micros)
{
    return std::clamp<std::int64_t>(micros, 0, LatencyHistogram::kMaxTrackable);
}

// Single-writer increment: no other thread writes, so load + store cannot lose an update.
template<typename V>
void bump(std::atomic<V> &a, V by)
{
    a.store(a.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

} // namespace

std::size_t LatencyHistogram::bucketIndex(std::int64_t micros)
{
    const auto v = static_cast<std::uint64_t>(clampValue(micros));
    if (v < kExactBelow)
        return v;
    const int power = std::bit_width(v) - 1; // v in [2^power, 2^(power+1))
    const std::uint64_t sub = (v >> (power - kSubBits)) - kSubCount;
    return kExactBelow + (power - kFirstShiftedPower) * kSubCount + sub;
}

std::int64_t LatencyHistogram::bucketLow(std::size_t index)
{
    const auto i = static_cast<std::int64_t>(index);
    if (i < kExactBelow)
        return i;
    const std::int64_t range = (i - kExactBelow) / kSubCount;
    const std::int64_t sub = (i - kExactBelow) % kSubCount;
    return (kSubCount + sub) << (range + kFirstShiftedPower - kSubBits);
}

std::int64_t LatencyHistogram::bucketHigh(std::size_t index)
{
    const auto i = static_cast<std::int64_t>(index);
    if (i < kExactBelow)
        return i;
    const std::int64_t range = (i - kExactBelow) / kSubCount;
    return bucketLow(index) + (std::int64_t{1} << (range + kFirstShiftedPower - kSubBits)) - 1;
}

void LatencyHistogram::record(std::int64_t micros)
{
    if (micros < 0) {
        ++m_clampedNegative;
        micros = 0;
    }
    if (micros > kMaxTrackable)
        ++m_overflowed;
    ++m_buckets[bucketIndex(micros)];
    m_min = m_count == 0 ? micros : std::min(m_min, micros);
    m_max = m_count == 0 ? micros : std::max(m_max, micros);
    ++m_count;
    m_sum += static_cast<std::uint64_t>(micros);
}

std::int64_t LatencyHistogram::percentile(double p) const
{
    if (m_count == 0)
        return 0;
    p = std::clamp(p, 0.0, 100.0);
    if (p >= 100.0)
        return m_max;
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(m_count))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBucketCount; ++i) {
        seen += m_buckets[i];
        if (seen >= rank) {
            const std::int64_t low = bucketLow(i);
            const std::int64_t middle = low + (bucketHigh(i) - low) / 2;
            // The exact value lies within [min, max]: clamping can only bring the answer closer.
            return std::clamp(middle, m_min, m_max);
        }
    }
    return m_max;
}

double LatencyHistogram::mean() const
{
    return m_count > 0 ? static_cast<double>(m_sum) / static_cast<double>(m_count) : 0.0;
}

void LatencyHistogram::reset()
{
    *this = LatencyHistogram{};
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (std::size_t i = 0; i < kBucketCount; ++i)
        m_buckets[i] += other.m_buckets[i];
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_overflowed += other.m_overflowed;
    m_clampedNegative += other.m_clampedNegative;
}

void LiveLatencyHistogram::record(std::int64_t micros)
{
    if (micros < 0) {
        bump<std::uint64_t>(m_clampedNegative, 1);
        micros = 0;
    }
    if (micros > LatencyHistogram::kMaxTrackable)
        bump<std::uint64_t>(m_overflowed, 1);
    const bool first = m_recorded.load(std::memory_order_relaxed) == 0;
    if (first || micros < m_min.load(std::memory_order_relaxed))
        m_min.store(micros, std::memory_order_relaxed);
    if (first || micros > m_max.load(std::memory_order_relaxed))
        m_max.store(micros, std::memory_order_relaxed);
    bump<std::uint64_t>(m_sum, static_cast<std::uint64_t>(micros));
    bump<std::uint64_t>(m_recorded, 1);
    // Bucket last, with release: a reader that sees this value (acquire) also sees the min/max
    // above, so a snapshot never holds a value outside its own [min, max].
    auto &bucket = m_buckets[LatencyHistogram::bucketIndex(micros)];
    bucket.store(bucket.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

LatencyHistogram LiveLatencyHistogram::snapshot() const
{
    LatencyHistogram h;
    for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i) {
        h.m_buckets[i] = m_buckets[i].load(std::memory_order_acquire);
        h.m_count += h.m_buckets[i];
    }
    h.m_min = m_min.load(std::memory_order_relaxed);
    h.m_max = m_max.load(std::memory_order_relaxed);
    h.m_sum = m_sum.load(std::memory_order_relaxed);
    h.m_overflowed = m_overflowed.load(std::memory_order_relaxed);
    h.m_clampedNegative = m_clampedNegative.load(std::memory_order_relaxed);
    return h;
}

void LiveLatencyHistogram::reset()
{
    for (auto &b : m_buckets)
        b.store(0, std::memory_order_relaxed);
    m_min.store(0, std::memory_order_relaxed);
    m_max.store(0, std::memory_order_relaxed);
    m_sum.store(0, std::memory_order_relaxed);
    m_recorded.store(0, std::memory_order_relaxed);
    m_overflowed.store(0, std::memory_order_relaxed);
    m_clampedNegative.store(0, std::memory_order_relaxed);
}

} // namespace evflow::model
