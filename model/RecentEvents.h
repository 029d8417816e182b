#pragma once

#include "model/Event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace evflow::model {

/// What became of one event at a node's input, for the studio's inspector. One value per
/// event: the outcome when it was not acted on, else the most notable observation (an accepted
/// late event is Late, an out-of-order one OutOfOrder, else Processed).
enum class EventClass : std::uint8_t {
    Processed,
    Duplicate,
    OutOfOrder,
    Late,
    LateDropped,
    Diverted,
    Malformed,
    Filtered,
};

/// "processed", "duplicate", "outOfOrder", "late", "lateDropped", "diverted", "malformed",
/// "filtered".
const char *eventClassName(EventClass c);
/// The class eventClassName() names, or nullopt for any other text.
std::optional<EventClass> parseEventClass(std::string_view name);

/// One recorded event with its classification and arrival time (microseconds).
struct RecentEvent
{
    Event event;
    EventClass classification = EventClass::Processed;
    std::int64_t arrivalMicros = 0;

    bool operator==(const RecentEvent &) const = default;
};

namespace detail {

/// A flag that the single writer only ever *tries* to take (it never waits) and that readers
/// take by spinning (yielding). Readers are rare (~10 Hz) and short, the writer is the hot path.
class WriterFirstLock
{
public:
    bool tryLock() { return !m_busy.test_and_set(std::memory_order_acquire); }
    void lock()
    {
        while (m_busy.test_and_set(std::memory_order_acquire))
            std::this_thread::yield();
    }
    void unlock() { m_busy.clear(std::memory_order_release); }

private:
    std::atomic_flag m_busy;
};

} // namespace detail

/// The last `capacity` events of one node (a bounded ring), for the inspector's live tail.
///
/// Threads: one writer (the node's worker) calls record(); any thread calls snapshot(). The
/// writer never waits: when a reader is copying at that moment, the event is simply not
/// recorded and counted in skipped(). Readers copy out under the flag, so they see a consistent
/// ring. Memory: `capacity` Events, allocated in the constructor; record() copy-assigns into a
/// slot, reusing that slot's strings, so it rarely allocates once the ring has gone round.
class RecentEvents
{
public:
    /// `capacity` 0 is treated as 1.
    explicit RecentEvents(std::size_t capacity = 256);

    /// Records `event` (writer thread). Returns false when skipped because a reader held the
    /// ring.
    bool record(const Event &event, EventClass classification, std::int64_t arrivalMicros);
    /// The recorded events, oldest first (any thread).
    std::vector<RecentEvent> snapshot() const;

    std::size_t capacity() const { return m_slots.size(); }
    /// Events recorded since construction (including those since overwritten).
    std::uint64_t recorded() const { return m_recorded.load(std::memory_order_relaxed); }
    /// Events not recorded because a reader was copying.
    std::uint64_t skipped() const { return m_skipped.load(std::memory_order_relaxed); }

private:
    std::vector<RecentEvent> m_slots;
    std::size_t m_next = 0; ///< slot written next
    std::size_t m_size = 0;
    mutable detail::WriterFirstLock m_lock;
    std::atomic<std::uint64_t> m_recorded{0};
    std::atomic<std::uint64_t> m_skipped{0};
};

} // namespace evflow::model
