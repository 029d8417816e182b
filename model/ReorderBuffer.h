#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace evflow::model {

/// What a ReorderBuffer has done.
struct ReorderCounters
{
    std::uint64_t releasedInOrder = 0; ///< items handed to the sink in sequence order
    std::uint64_t passedThrough = 0;   ///< items handed on at once: below the next expected
                                       ///< number (too late to reorder) or a repeat of a held one
    std::uint64_t skipped = 0;         ///< sequence numbers given up on (gaps jumped over)
    std::uint64_t releasedByWait = 0;  ///< times the wait forced a release over a gap
    std::uint64_t releasedByCapacity = 0; ///< times a full buffer forced a release over a gap

    bool operator==(const ReorderCounters &) const = default;
};

/// Restores sequence order of one stream within a bounded wait (PRODUCT.md §2, "Out of order":
/// an optional reorder buffer can restore order before acting).
///
/// Items go in with their sequence number; the sink receives them in order, each exactly once,
/// as `sink(sequence, T&&)`. The first pushed sequence number starts the stream (or call
/// reset(next)). An item that has waited more than `waitMicros` (now - arrival > wait; inclusive
/// boundary like the other delivery classes) is released anyway, together with every held item
/// below it, and the missing numbers before it are skipped. A full buffer (capacity held items,
/// or an item `capacity` or more ahead of the next expected number) releases the oldest held item
/// the same way. Sequence numbers compare with serial arithmetic (UINT64_MAX -> 0 is in order).
///
/// Memory: capacity (rounded up to a power of two) slots of optional<T> + 16 bytes each,
/// allocated in the constructor. Complexity: O(1) amortised per item; no allocation unless T's
/// move does. Time is passed in; push() first releases what the wait makes due. Not thread-safe.
template<typename T>
class ReorderBuffer
{
public:
    ReorderBuffer(std::size_t capacity, std::int64_t waitMicros)
        : m_slots(std::bit_ceil(capacity > 0 ? capacity : 1))
        , m_arrivals(m_slots.size())
        , m_wait(waitMicros > 0 ? waitMicros : 0)
    {
    }

    template<typename Sink>
    void push(std::uint64_t sequence, T value, std::int64_t nowMicros, Sink &&sink)
    {
        poll(nowMicros, sink);
        if (!m_started)
            reset(sequence);
        const std::uint64_t ahead = sequence - m_next;
        if (static_cast<std::int64_t>(ahead) < 0 || isHeld(sequence)) {
            ++m_counters.passedThrough;
            sink(sequence, std::move(value));
            return;
        }
        if (ahead == 0) { // the awaited item: straight to the sink, then what it unblocks
            ++m_counters.releasedInOrder;
            ++m_next;
            sink(sequence, std::move(value));
            releaseContiguous(sink);
            return;
        }
        if (m_arrivalCount == m_arrivals.size()) {
            // Making room may move m_next past `sequence`: classify it again (at most once, the
            // ring has room now).
            dropOldestArrival(sink);
            push(sequence, std::move(value), nowMicros, sink);
            return;
        }
        if (ahead >= m_slots.size()) { // make the window reach `sequence`
            ++m_counters.releasedByCapacity;
            releaseThrough(sequence - m_slots.size(), sink);
        }
        slot(sequence) = std::move(value);
        ++m_held;
        m_arrivals[(m_arrivalHead + m_arrivalCount) % m_arrivals.size()] = {sequence, nowMicros};
        ++m_arrivalCount;
        releaseContiguous(sink);
    }

    /// Releases items that have waited more than the wait (and what they unblock).
    template<typename Sink>
    void poll(std::int64_t nowMicros, Sink &&sink)
    {
        while (m_arrivalCount > 0 && nowMicros - m_arrivals[m_arrivalHead].at > m_wait) {
            const Arrival oldest = popArrival();
            if (isHeld(oldest.sequence)) {
                ++m_counters.releasedByWait;
                releaseThrough(oldest.sequence, sink);
                releaseContiguous(sink);
            }
        }
    }

    /// Releases every held item in order, skipping the gaps (end of stream).
    template<typename Sink>
    void flush(Sink &&sink)
    {
        while (m_held > 0)
            releaseOne(sink);
        m_arrivalCount = 0;
    }

    /// Starts over expecting `next`; held items are discarded (flush() first to keep them).
    void reset(std::uint64_t next)
    {
        for (auto &s : m_slots)
            s.reset();
        m_held = 0;
        m_arrivalCount = 0;
        m_next = next;
        m_started = true;
    }

    std::size_t size() const { return m_held; }
    std::size_t capacity() const { return m_slots.size(); }
    std::int64_t waitMicros() const { return m_wait; }
    /// The next sequence number the sink expects (meaningful once started).
    std::uint64_t nextExpected() const { return m_next; }
    const ReorderCounters &counters() const { return m_counters; }

private:
    struct Arrival
    {
        std::uint64_t sequence = 0;
        std::int64_t at = 0;
    };

    std::optional<T> &slot(std::uint64_t sequence)
    {
        return m_slots[sequence & (m_slots.size() - 1)];
    }

    bool isHeld(std::uint64_t sequence)
    {
        // Held items all lie in [next, next + capacity): a slot there belongs to one number only.
        return sequence - m_next < m_slots.size() && slot(sequence).has_value();
    }

    Arrival popArrival()
    {
        const Arrival a = m_arrivals[m_arrivalHead];
        m_arrivalHead = (m_arrivalHead + 1) % m_arrivals.size();
        --m_arrivalCount;
        return a;
    }

    template<typename Sink>
    void dropOldestArrival(Sink &sink)
    {
        // An arrival whose item was already released in order is stale and simply dropped.
        const Arrival oldest = popArrival();
        if (isHeld(oldest.sequence)) {
            ++m_counters.releasedByCapacity;
            releaseThrough(oldest.sequence, sink);
            releaseContiguous(sink);
        }
    }

    template<typename Sink>
    void releaseOne(Sink &sink)
    {
        std::optional<T> &s = slot(m_next);
        if (s.has_value()) {
            T value = std::move(*s);
            s.reset();
            --m_held;
            ++m_counters.releasedInOrder;
            sink(m_next++, std::move(value));
        } else {
            ++m_counters.skipped;
            ++m_next;
        }
    }

    /// Releases everything up to and including `last`, skipping the numbers not held.
    template<typename Sink>
    void releaseThrough(std::uint64_t last, Sink &sink)
    {
        while (m_held > 0 && static_cast<std::int64_t>(last - m_next) >= 0)
            releaseOne(sink);
        if (static_cast<std::int64_t>(last - m_next) >= 0) { // nothing held: jump in one step
            m_counters.skipped += last - m_next + 1;
            m_next = last + 1;
        }
    }

    template<typename Sink>
    void releaseContiguous(Sink &sink)
    {
        while (m_held > 0 && slot(m_next).has_value())
            releaseOne(sink);
    }

    std::vector<std::optional<T>> m_slots;
    std::vector<Arrival> m_arrivals; // ring in arrival order; may hold stale entries
    std::size_t m_arrivalHead = 0;
    std::size_t m_arrivalCount = 0;
    std::size_t m_held = 0;
    std::uint64_t m_next = 0;
    bool m_started = false;
    std::int64_t m_wait;
    ReorderCounters m_counters;
};

} // namespace evflow::model
