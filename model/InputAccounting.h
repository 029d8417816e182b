#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace evflow::model {

/// The books of one consumer input (PRODUCT.md §2, "Accounting"), as plain values for reports
/// and snapshots. Every received event ends in exactly one *outcome* bucket:
///
///     received = processed + duplicates + lateDropped + lateDiverted + malformed + filtered
///
/// PRODUCT.md lists lateDropped; a diverted late event is not acted on by this input either (it
/// goes to a side channel), so it gets its own outcome, lateDiverted, kept apart from lateDropped
/// in the counters and in the identity. The *observation* counters outOfOrder, gaps and late are
/// not outcomes (an out-of-order or accepted late event is still processed; a gap is an event
/// that never arrived) and take no part in the identity.
///
/// Complexity: a handful of words, O(1) everything.
struct InputAccounting
{
    std::uint64_t received = 0;
    std::uint64_t processed = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t outOfOrder = 0;
    std::uint64_t gaps = 0;
    std::uint64_t late = 0;
    std::uint64_t lateDropped = 0;
    std::uint64_t lateDiverted = 0;
    std::uint64_t malformed = 0;
    std::uint64_t filtered = 0;

    /// Sum of the outcome buckets.
    std::uint64_t accountedFor() const;
    /// received minus the outcome buckets: > 0 means events received but not (yet) accounted for
    /// (normal for an instant while an event is in flight), < 0 means something counted twice.
    std::int64_t unaccounted() const;
    bool balanced() const { return unaccounted() == 0; }

    InputAccounting &operator+=(const InputAccounting &other);
    bool operator==(const InputAccounting &) const = default;
};

/// Which counter of LiveInputCounters to bump.
enum class InputCounter {
    Received,
    Processed,
    Duplicates,
    OutOfOrder,
    Gaps,
    Late,
    LateDropped,
    LateDiverted,
    Malformed,
    Filtered,
};

/// The same books, live: one writer thread (the input's worker) bumps them with atomic adds
/// (release order, which costs nothing more than relaxed on x86), any number of reader threads
/// take snapshot()s at their own pace (acquire loads). No locks.
///
/// A snapshot reads the counters one by one, so while the writer runs it can catch an event that
/// is counted as received but not yet in its outcome bucket: unaccounted() > 0 for an instant.
/// The writer bumps `received` first and the outcome second, and the snapshot reads outcomes
/// before `received`; with release adds and acquire loads this guarantees a snapshot never shows
/// a negative unaccounted() (outcomes are never ahead of received). Once the writer is idle, a
/// snapshot is exact.
class LiveInputCounters
{
public:
    void add(InputCounter counter, std::uint64_t n = 1);
    std::uint64_t value(InputCounter counter) const;
    InputAccounting snapshot() const;
    /// Not for use while the writer runs (the writer's next adds would race with the zeroing).
    void reset();

private:
    static constexpr int kCount = 10;
    std::atomic<std::uint64_t> m_values[kCount] = {};
};

/// Sequence books of one source (PRODUCT.md §2: expected = received-unique + gaps). With events
/// arriving after their gap was confirmed (filledAfterGap) and gaps still within the reorder wait
/// (pending), the identity that always holds is
///
///     expected = receivedUnique + gaps + pending - filledAfterGap
///
/// where expected = sum over the source's epochs of (highest - first + 1).
struct SequenceBooks
{
    std::uint64_t expected = 0;
    std::uint64_t receivedUnique = 0;
    std::uint64_t gaps = 0;           ///< confirmed missing sequence numbers
    std::uint64_t pending = 0;        ///< missing, still within the reorder wait
    std::uint64_t filledAfterGap = 0; ///< arrived after their gap had been confirmed
    std::uint64_t outOfOrder = 0;   ///< arrived below the highest sequence seen (includes fillers)
    std::uint64_t repeats = 0;      ///< a sequence number already received in the same epoch
    std::uint64_t beyondWindow = 0; ///< too old to tell repeat from filler; in no other bucket
    std::uint64_t epochs = 0;       ///< epochs (streams) started

    /// expected - (receivedUnique + gaps + pending - filledAfterGap); 0 when the books balance.
    std::int64_t unaccounted() const;
    bool balanced() const { return unaccounted() == 0; }

    SequenceBooks &operator+=(const SequenceBooks &other);
    bool operator==(const SequenceBooks &) const = default;
};

/// Sequence books of one named source, as listed in a report.
struct SourceSequenceBooks
{
    std::string source;
    SequenceBooks books;

    bool operator==(const SourceSequenceBooks &) const = default;
};

/// Everything one input reports: its outcome books and, per source, its sequence books.
struct InputReport
{
    InputAccounting counters;
    std::vector<SourceSequenceBooks> sources;

    /// True when the outcome identity and every source's sequence identity hold.
    bool balanced() const;
};

} // namespace evflow::model
