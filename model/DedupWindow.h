#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace evflow::model {

/// A 128-bit fingerprint of an event's (source, id) pair: two 64-bit hashes of the same bytes
/// under two independent seeds. The window stores fingerprints, never the strings, so its memory
/// does not depend on id length and the hot path never allocates.
///
/// Collisions: a false "duplicate" needs a fresh key whose fingerprint equals one of the n keys
/// currently remembered. Treating the fingerprint as uniform over 2^128 values, the chance for one
/// lookup is at most n / 2^128, and the birthday bound over a whole window of n keys is about
/// n^2 / 2^129: for n = 10^6 that is ~1.5e-27, for n = 10^9 ~1.5e-21. The hash is not
/// cryptographic: a producer crafting ids on purpose could collide; evflow trusts its producers.
struct Fingerprint
{
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;

    bool operator==(const Fingerprint &) const = default;
};

/// Fingerprint of (source, id). Each part is hashed with its length first, so ("ab", "c") and
/// ("a", "bc") differ. Never returns {0, 0} (that value marks an empty hash-table slot).
Fingerprint fingerprintOf(std::string_view source, std::string_view id);

/// What a DedupWindow has done since construction or clear().
struct DedupCounters
{
    std::uint64_t inserted = 0;       ///< new keys remembered
    std::uint64_t duplicates = 0;     ///< calls that found the key already remembered
    std::uint64_t evictedByCount = 0; ///< keys forgotten to make room (count bound)
    std::uint64_t evictedByAge = 0;   ///< keys forgotten because they grew older than the bound

    bool operator==(const DedupCounters &) const = default;
};

/// Remembers the (source, id) of recent events to detect duplicates (PRODUCT.md §2).
///
/// Bounds: at most `maxCount` keys (the oldest inserted is forgotten first) and, when
/// `maxAgeMicros` > 0, no key older than `maxAgeMicros`. A key inserted at time t is remembered
/// while `now - t <= maxAgeMicros` (the boundary is inclusive) and forgotten once `now - t >
/// maxAgeMicros`. Age eviction is lazy: it happens at the start of each call, from the oldest key
/// on. `maxCount == 0` disables deduplication entirely (nothing is remembered, nothing is a
/// duplicate); `maxAgeMicros == 0` turns the age bound off.
///
/// A duplicate does not refresh its key: the window measures from the first sighting. A key that
/// has been forgotten (by count or by age) is not detected when it comes again: the window is a
/// bounded memory by design, and the count/age bounds say how far back it reaches.
///
/// Complexity: checkAndInsert is O(1) amortised (one probe sequence in an open-addressing table at
/// load factor <= 1/2, plus the lazy evictions it performs). Memory is allocated once, in the
/// constructor, and stays constant: see memoryBytes(). Not thread-safe: one owner thread.
class DedupWindow
{
public:
    DedupWindow(std::size_t maxCount, std::int64_t maxAgeMicros);

    /// True when (source, id) was already remembered (a duplicate, counted); otherwise remembers it
    /// at `nowMicros` and returns false. Callers pass a non-decreasing `nowMicros`; a time that
    /// goes backwards never evicts anything early (ages are then simply smaller).
    bool checkAndInsert(std::string_view source, std::string_view id, std::int64_t nowMicros);
    /// Same, for a fingerprint computed by the caller.
    bool checkAndInsert(Fingerprint key, std::int64_t nowMicros);

    /// True when the key is remembered right now (no eviction, no counting). For inspection.
    bool contains(std::string_view source, std::string_view id) const;

    /// Forgets every key and resets the counters; keeps the memory.
    void clear();

    bool enabled() const { return m_maxCount > 0; }
    std::size_t size() const { return m_size; }
    std::size_t maxCount() const { return m_maxCount; }
    std::int64_t maxAgeMicros() const { return m_maxAgeMicros; }
    const DedupCounters &counters() const { return m_counters; }
    /// Bytes this window occupies (object plus its two arrays); constant for its whole life.
    std::size_t memoryBytes() const;

private:
    struct Entry
    {
        Fingerprint key;
        std::int64_t insertedAt = 0;
    };

    void evictExpired(std::int64_t nowMicros);
    void evictOldest();
    std::size_t findSlot(Fingerprint key) const;
    void tableInsert(Fingerprint key);
    void tableErase(Fingerprint key);

    std::size_t m_maxCount;
    std::int64_t m_maxAgeMicros;
    // FIFO ring in insertion order: m_ring[m_head] is the oldest remembered key.
    std::vector<Entry> m_ring;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
    // Open-addressing set (linear probing, backward-shift deletion), {0,0} = empty slot.
    std::vector<Fingerprint> m_table;
    std::size_t m_mask = 0;
    DedupCounters m_counters;
};

} // namespace evflow::model
