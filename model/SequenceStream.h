#pragma once

#include "model/InputAccounting.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace evflow::model {

/// How SequenceTracker classified one event's sequence number.
enum class SequenceClass {
    FirstOfEpoch, ///< first event of a (source, epoch) stream: starts its books
    InOrder,      ///< after the highest sequence seen (serial arithmetic); a jump opens gaps
    OutOfOrder,   ///< below the highest seen and not received before: fills a pending or
                  ///< confirmed gap, or extends the stream below its first sequence
    Repeat,       ///< this sequence number was already received in this stream
    BeyondWindow, ///< so far below the highest that the tracker no longer knows whether it was
                  ///< received: counted in beyondWindow only (neither unique nor a filler)
    Untracked,    ///< the source cap was reached: this source is not tracked at all
};

/// Name of a SequenceClass for messages and logs ("inOrder", "outOfOrder", ...).
const char *sequenceClassName(SequenceClass c);

namespace detail {

/// The sequence books of one (source, epoch) stream, used by SequenceTracker.
///
/// It keeps the state of the last W sequence numbers up to the highest seen (W = window size, a
/// power of two): received, missing (pending), confirmed gap, or unknown (below the first). A
/// jump forward marks the skipped numbers inside the window missing and records the jump with its
/// time in a ring of W records (notice order), which is how expiry after the reorder wait finds
/// them in O(1) amortised. Numbers that a jump pushes beyond the window are counted as gaps at
/// once (a jump from 5 to 10^12 costs W slots, not 10^12), and a missing number that the window
/// leaves behind, or whose record is dropped because the ring is full, is confirmed at that
/// moment: that is the bound on the pending set (W - 1 numbers), oldest confirmed first.
///
/// Memory: W bytes of slot state + W * 24 bytes of jump records, allocated in the constructor and
/// reused by start(). Complexity: O(1) amortised per sequence number (a jump of k costs
/// O(min(k, W)) once, an expiry touches each missing number once).
class SequenceStream
{
public:
    explicit SequenceStream(std::size_t windowSize);

    /// Starts a fresh stream at `sequence` (reusing the memory).
    void start(std::uint64_t epoch, std::uint64_t sequence);
    /// Classifies `sequence` at `nowMicros`; first confirms gaps older than `waitMicros`.
    SequenceClass classify(std::uint64_t sequence, std::int64_t nowMicros, std::int64_t waitMicros);
    /// Confirms missing numbers noticed more than `waitMicros` before `nowMicros`; returns how
    /// many.
    std::uint64_t expire(std::int64_t nowMicros, std::int64_t waitMicros);
    /// Confirms every pending missing number (the stream ends); returns how many.
    std::uint64_t finalise();
    /// The writer numbered this stream [0, end): numbers above the highest seen and below the
    /// first seen that never arrived are gaps, confirmed at once (call at the end of the run,
    /// before finalise()). Returns how many gaps this added.
    std::uint64_t close(std::uint64_t end);

    std::uint64_t epoch() const { return m_epoch; }
    std::uint64_t first() const { return m_first; }
    std::uint64_t highest() const { return m_highest; }
    const SequenceBooks &books() const { return m_books; }
    std::size_t windowSize() const { return m_state.size(); }

private:
    enum class Slot : std::uint8_t { Unknown, Received, Missing, Gap };
    struct Jump
    {
        std::uint64_t low = 0;   ///< first missing number noticed by this jump
        std::uint64_t count = 0; ///< how many consecutive numbers from `low`
        std::int64_t noticedAt = 0;
    };

    bool inWindow(std::uint64_t sequence) const { return m_highest - sequence < m_state.size(); }
    Slot &slot(std::uint64_t sequence) { return m_state[sequence & m_mask]; }
    void advance(std::uint64_t sequence, std::uint64_t distance, std::int64_t nowMicros);
    void extendBelowFirst(std::uint64_t sequence, std::int64_t nowMicros);
    SequenceClass fillOrRepeat(std::uint64_t sequence);
    void pushJump(std::uint64_t low, std::uint64_t count, std::int64_t nowMicros);
    std::uint64_t confirm(const Jump &jump);

    std::vector<Slot> m_state;
    std::uint64_t m_mask = 0;
    std::vector<Jump> m_jumps; // ring, oldest at m_jumpHead
    std::size_t m_jumpHead = 0;
    std::size_t m_jumpCount = 0;
    std::uint64_t m_epoch = 0;
    std::uint64_t m_first = 0;
    std::uint64_t m_highest = 0;
    SequenceBooks m_books;
};

} // namespace detail
} // namespace evflow::model
