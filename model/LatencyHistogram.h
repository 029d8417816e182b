#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace evflow::model {

/// A fixed-memory latency histogram in microseconds, HDR style: values 0..63 each have their own
/// bucket (exact); above that every power-of-two range [2^k, 2^(k+1)) is split into 32 equal
/// sub-buckets, up to 2^36 - 1 us (about 19 hours; an hour is 3.6e9 us < 2^32). 1024 buckets of
/// 8 bytes: 8 KiB, no allocation ever.
///
/// Accuracy: percentile() reports the middle of the bucket holding the exact nearest-rank value
/// v, so |reported - v| <= v / 64 (kRelativeError, 1.5625 %) for every v <= kMaxTrackable, and is
/// exact below 64 us. min(), max() and count() are exact. A value above kMaxTrackable lands in
/// the top bucket (counted in overflowed(); max() stays exact); a negative value (clock skew
/// between hosts) is recorded as 0 and counted in clampedNegative().
///
/// Complexity: record O(1) (a bit scan and an increment); percentile O(buckets); merge O(buckets).
/// Not thread-safe: see LiveLatencyHistogram for one writer + many readers.
class LatencyHistogram
{
public:
    static constexpr std::size_t kBucketCount = 1024;
    static constexpr std::int64_t kMaxTrackable = (std::int64_t{1} << 36) - 1;
    static constexpr double kRelativeError = 1.0 / 64;

    void record(std::int64_t micros);
    /// Nearest-rank percentile, p in [0, 100] (clamped): the smallest recorded value such that at
    /// least p % of the values are <= it, within kRelativeError. 0 when empty. p = 100 is max().
    std::int64_t percentile(double p) const;

    std::uint64_t count() const { return m_count; }
    /// Exact minimum / maximum recorded (after clamping negatives to 0); 0 when empty.
    std::int64_t min() const { return m_count > 0 ? m_min : 0; }
    std::int64_t max() const { return m_count > 0 ? m_max : 0; }
    /// Exact arithmetic mean of the recorded values (after clamping); 0 when empty.
    double mean() const;
    std::uint64_t overflowed() const { return m_overflowed; }
    std::uint64_t clampedNegative() const { return m_clampedNegative; }

    void reset();
    /// Adds every value recorded in `other` (buckets, counts, min/max/sum).
    void merge(const LatencyHistogram &other);

    std::uint64_t bucketValueCount(std::size_t index) const { return m_buckets[index]; }
    /// Bucket holding `micros` (clamped to [0, kMaxTrackable]).
    static std::size_t bucketIndex(std::int64_t micros);
    /// Smallest and largest value of a bucket.
    static std::int64_t bucketLow(std::size_t index);
    static std::int64_t bucketHigh(std::size_t index);

    bool operator==(const LatencyHistogram &) const = default;

private:
    friend class LiveLatencyHistogram;

    std::array<std::uint64_t, kBucketCount> m_buckets{};
    std::uint64_t m_count = 0;
    std::int64_t m_min = 0;
    std::int64_t m_max = 0;
    std::uint64_t m_sum = 0; // overflows only after ~5.8e5 years of summed latency
    std::uint64_t m_overflowed = 0;
    std::uint64_t m_clampedNegative = 0;
};

/// The same histogram for one writer thread and any number of reader threads: every field is an
/// atomic that only the writer modifies (load + store, no read-modify-write needed with a single
/// writer; relaxed, except the bucket store which is a release, free on x86), readers take
/// snapshot()s. A snapshot taken while the writer runs may mix
/// buckets from consecutive records; its count is the sum of the buckets it read, so it is always
/// self-consistent for percentiles. No locks, no allocation. 8 KiB + a few words.
class LiveLatencyHistogram
{
public:
    /// Writer thread only.
    void record(std::int64_t micros);
    /// Any thread.
    LatencyHistogram snapshot() const;
    /// Not while the writer runs.
    void reset();

private:
    std::array<std::atomic<std::uint64_t>, LatencyHistogram::kBucketCount> m_buckets{};
    std::atomic<std::int64_t> m_min{0};
    std::atomic<std::int64_t> m_max{0};
    std::atomic<std::uint64_t> m_sum{0};
    std::atomic<std::uint64_t> m_recorded{0};
    std::atomic<std::uint64_t> m_overflowed{0};
    std::atomic<std::uint64_t> m_clampedNegative{0};
};

} // namespace evflow::model
