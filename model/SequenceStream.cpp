#include "model/SequenceStream.h"

#include <algorithm>
#include <bit>

namespace evflow::model {

const char *sequenceClassName(SequenceClass c)
{
    switch (c) {
    case SequenceClass::FirstOfEpoch: return "firstOfEpoch";
    case SequenceClass::InOrder: return "inOrder";
    case SequenceClass::OutOfOrder: return "outOfOrder";
    case SequenceClass::Repeat: return "repeat";
    case SequenceClass::BeyondWindow: return "beyondWindow";
    case SequenceClass::Untracked: return "untracked";
    }
    return "unknown";
}

namespace detail {

SequenceStream::SequenceStream(std::size_t windowSize)
    : m_state(std::bit_ceil(std::max<std::size_t>(windowSize, 1)), Slot::Unknown)
    , m_mask(m_state.size() - 1)
    , m_jumps(m_state.size())
{
}

void SequenceStream::start(std::uint64_t epoch, std::uint64_t sequence)
{
    std::fill(m_state.begin(), m_state.end(), Slot::Unknown);
    m_jumpHead = 0;
    m_jumpCount = 0;
    m_epoch = epoch;
    m_first = sequence;
    m_highest = sequence;
    slot(sequence) = Slot::Received;
    m_books = {};
    m_books.expected = 1;
    m_books.receivedUnique = 1;
    m_books.epochs = 1;
}

SequenceClass SequenceStream::classify(std::uint64_t sequence, std::int64_t nowMicros,
                                       std::int64_t waitMicros)
{
    // Confirm what is due first, so that the result never depends on how often expire() runs.
    expire(nowMicros, waitMicros);
    // RFC 1982 serial arithmetic: `sequence` is after `highest` when the wrapped difference is
    // positive as a signed number, so UINT64_MAX -> 0 is a step of one.
    const std::uint64_t distance = sequence - m_highest;
    if (static_cast<std::int64_t>(distance) > 0) {
        advance(sequence, distance, nowMicros);
        return SequenceClass::InOrder;
    }
    if (!inWindow(sequence)) {
        ++m_books.beyondWindow;
        return SequenceClass::BeyondWindow;
    }
    if (slot(sequence) == Slot::Unknown) {
        extendBelowFirst(sequence, nowMicros);
        return SequenceClass::OutOfOrder;
    }
    return fillOrRepeat(sequence);
}

SequenceClass SequenceStream::fillOrRepeat(std::uint64_t sequence)
{
    Slot &state = slot(sequence);
    if (state == Slot::Received) {
        ++m_books.repeats;
        return SequenceClass::Repeat;
    }
    if (state == Slot::Missing)
        --m_books.pending;
    else
        ++m_books.filledAfterGap; // Slot::Gap: the gap stays counted, the books note the filler
    state = Slot::Received;
    ++m_books.receivedUnique;
    ++m_books.outOfOrder;
    return SequenceClass::OutOfOrder;
}

void SequenceStream::advance(std::uint64_t sequence, std::uint64_t distance, std::int64_t nowMicros)
{
    const std::uint64_t window = m_state.size();
    const std::uint64_t fresh = std::min(distance, window); // numbers entering the window
    // Skipped numbers that would land below the window are gaps at once (bounded work).
    m_books.gaps += distance - fresh;
    const std::uint64_t low = sequence - fresh + 1;
    for (std::uint64_t i = 0; i < fresh; ++i) {
        Slot &state = slot(low + i);
        if (state == Slot::Missing) { // its number leaves the window unfilled: confirmed now
            --m_books.pending;
            ++m_books.gaps;
        }
        state = Slot::Missing;
    }
    slot(sequence) = Slot::Received;
    m_books.pending += fresh - 1;
    m_books.expected += distance;
    ++m_books.receivedUnique;
    m_highest = sequence;
    if (fresh > 1)
        pushJump(low, fresh - 1, nowMicros);
}

void SequenceStream::extendBelowFirst(std::uint64_t sequence, std::int64_t nowMicros)
{
    // Inside the window and below the first sequence: the stream really started earlier (e.g. the
    // first events arrived reordered). Everything between is now missing, noticed now.
    const std::uint64_t missing = m_first - sequence - 1;
    for (std::uint64_t i = 1; i <= missing; ++i)
        slot(sequence + i) = Slot::Missing;
    slot(sequence) = Slot::Received;
    m_books.pending += missing;
    m_books.expected += missing + 1;
    ++m_books.receivedUnique;
    ++m_books.outOfOrder;
    m_first = sequence;
    if (missing > 0)
        pushJump(sequence + 1, missing, nowMicros);
}

void SequenceStream::pushJump(std::uint64_t low, std::uint64_t count, std::int64_t nowMicros)
{
    if (m_jumpCount == m_jumps.size()) { // ring full: the oldest record is confirmed early
        confirm(m_jumps[m_jumpHead]);
        m_jumpHead = (m_jumpHead + 1) % m_jumps.size();
        --m_jumpCount;
    }
    m_jumps[(m_jumpHead + m_jumpCount) % m_jumps.size()] = Jump{low, count, nowMicros};
    ++m_jumpCount;
}

std::uint64_t SequenceStream::confirm(const Jump &jump)
{
    std::uint64_t confirmed = 0;
    for (std::uint64_t i = 0; i < jump.count; ++i) {
        const std::uint64_t sequence = jump.low + i;
        // Out of the window means the slot now belongs to a newer number, already handled.
        if (inWindow(sequence) && slot(sequence) == Slot::Missing) {
            slot(sequence) = Slot::Gap;
            ++confirmed;
        }
    }
    m_books.pending -= confirmed;
    m_books.gaps += confirmed;
    return confirmed;
}

std::uint64_t SequenceStream::expire(std::int64_t nowMicros, std::int64_t waitMicros)
{
    std::uint64_t confirmed = 0;
    // Inclusive wait: a filler arriving exactly `waitMicros` after the gap was noticed is in time.
    while (m_jumpCount > 0 && nowMicros - m_jumps[m_jumpHead].noticedAt > waitMicros) {
        confirmed += confirm(m_jumps[m_jumpHead]);
        m_jumpHead = (m_jumpHead + 1) % m_jumps.size();
        --m_jumpCount;
    }
    return confirmed;
}

std::uint64_t SequenceStream::finalise()
{
    std::uint64_t confirmed = 0;
    while (m_jumpCount > 0) {
        confirmed += confirm(m_jumps[m_jumpHead]);
        m_jumpHead = (m_jumpHead + 1) % m_jumps.size();
        --m_jumpCount;
    }
    return confirmed;
}

std::uint64_t SequenceStream::close(std::uint64_t end)
{
    // Plain comparisons: a writer counts from 0 and never wraps 2^64 within a run.
    const std::uint64_t above = end > m_highest + 1 ? end - m_highest - 1 : 0;
    const std::uint64_t below = m_first; // [0, first) never arrived (else first would be lower)
    m_highest += above;
    m_first = 0;
    m_books.expected += above + below;
    m_books.gaps += above + below;
    return above + below;
}

} // namespace detail
} // namespace evflow::model
