#pragma once

#include "model/Event.h"
#include "model/RecentEvents.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// One hop of a correlation: `node` handled (or emitted) event `eventId` at `timeMicros`.
struct TraceHop
{
    std::string correlationId; ///< the event's correlationid, or its id when it has none
    std::string causationId;
    std::string eventId;
    std::string type;
    std::string node;
    std::int64_t timeMicros = 0;

    bool operator==(const TraceHop &) const = default;
};

/// A bounded ring of correlation hops for the studio's correlation trace (PRODUCT.md §3).
///
/// Same threading scheme as RecentEvents: one writer per log (a node's worker) that never waits
/// (a hop met while a reader copies is skipped and counted), readers on any thread. Several
/// writers are safe too (the flag excludes them from each other) but then skip each other's
/// hops: the runtime keeps one log per node and merges with mergeHops(). Memory: `capacity` hops
/// allocated at construction; record() assigns into a slot's strings.
class TraceLog
{
public:
    /// `capacity` 0 is treated as 1.
    explicit TraceLog(std::size_t capacity = 4096);

    /// Records that `node` handled `event` at `timeMicros` (writer thread). False when skipped.
    bool record(const Event &event, std::string_view node, std::int64_t timeMicros);
    /// The hops of one correlation still in the ring, in time order (ties: recording order).
    std::vector<TraceHop> hops(std::string_view correlationId) const;
    /// Every hop in the ring, in recording order.
    std::vector<TraceHop> all() const;

    std::size_t capacity() const { return m_slots.size(); }
    std::uint64_t recorded() const { return m_recorded.load(std::memory_order_relaxed); }
    std::uint64_t skipped() const { return m_skipped.load(std::memory_order_relaxed); }

private:
    template<typename Keep>
    std::vector<TraceHop> copyOut(Keep &&keep) const;

    std::vector<TraceHop> m_slots;
    std::size_t m_next = 0;
    std::size_t m_size = 0;
    mutable detail::WriterFirstLock m_lock;
    std::atomic<std::uint64_t> m_recorded{0};
    std::atomic<std::uint64_t> m_skipped{0};
};

/// The hops of `correlationId` from several logs (one per node), in time order; ties keep the
/// order of `logs` and then each log's recording order.
std::vector<TraceHop> mergeHops(const std::vector<const TraceLog *> &logs,
                                std::string_view correlationId);

} // namespace evflow::model
