#pragma once

#include "model/Event.h"
#include "model/Flow.h"

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace evflow::model {

/// What a FaultInjector has injected, as plain values (FaultInjector::snapshot()).
///
/// Every counter counts faults a downstream consumer input can observe, each exactly once in
/// its own counter (see FaultInjector for the rules that make this hold):
///     consumer duplicates == duplicates, outOfOrder == reorders, late == late,
///     gaps (after the reorder wait / at the end) == drops.
struct FaultCounts
{
    std::uint64_t duplicates = 0; ///< extra copies sent
    std::uint64_t reorders = 0;   ///< events sent after a later event of their stream
    std::uint64_t late = 0;       ///< events whose time was set back by lateByMillis
    std::uint64_t drops = 0;      ///< events not sent, followed by a later event of the stream
    /// Events not sent at the end of a stream, with no later event sent: no later sequence
    /// number reveals them; readers see them as gaps only by comparing with the writer's stream
    /// ends (StreamEnd) at the end of a run. Known only once flush() ran (until then such drops
    /// are pending, in neither counter).
    std::uint64_t trailingDrops = 0;

    bool operator==(const FaultCounts &) const = default;
};

/// Seeded fault injection on a producer's or channel's output (PRODUCT.md §1, "Fault
/// injection"), pure: events in, events out through a sink, no clock.
///
/// Streams are (source, type, epoch), as the consumers track them. The first event of every
/// stream is never faulted: it gives the consumers' sequence tracker and watermark a reference
/// point, so that a drop of a stream's first event (invisible as a gap: nothing before it) or a
/// late first event (nothing to be late against) cannot happen and the counts stay exact.
///
/// For every later event four uniform numbers are drawn, always, in the order drop, duplicate,
/// reorder, late (so the decisions for the n-th event depend only on the seed and n). Then:
/// - drop wins: the event is not sent and nothing else applies; its sequence number is consumed.
///   It is counted in `drops` when the next event of the stream is sent (that event reveals it),
///   in `trailingDrops` by flush() when none ever is;
/// - late: the time is set back by lateByMillis (saturating at EventLimits::minTime);
/// - duplicate: the (possibly late) event is sent twice in a row, same id and sequence. Its copy
///   is the same event, late included: consumers stop it at dedup, before the watermark, so a
///   duplicate of a late event is a duplicate there, and late only once;
/// - reorder: the (possibly late, possibly duplicated) event is held back and sent right after
///   the next event of the same stream that is sent; one event per stream is held at a time, so
///   the event that releases a held one is not reordered itself. Counted when released after a
///   later event; a held event that flush() releases arrives in order and is not counted.
/// A consumer's reorder wait must cover the time between the release and its trigger (both are
/// emitted by the same apply() call, so any wait > 0 does with an in-memory channel).
///
/// Bounds: at most `maxStreams` streams are tracked (default 4096; one small state and one held
/// Event each, allocated when the stream is first seen); events of further streams pass
/// unfaulted. Not thread-safe, except snapshot(), which any thread may call (relaxed atomics).
class FaultInjector
{
public:
    explicit FaultInjector(const FaultInjection &settings, std::size_t maxStreams = 4096);

    /// Passes `in` on to `emit(const Event &)` 0, 1 or 2 times, then releases the stream's held
    /// event after it when this event is sent (2 more calls at most).
    template<typename Sink>
    void apply(const Event &in, Sink &&emit)
    {
        const Decision d = decide(in);
        if (d.stream == nullptr) {
            emit(in);
            return;
        }
        if (d.drop)
            return;
        const Event *out = &in;
        if (d.late) {
            makeLate(in);
            out = &m_scratch;
        }
        if (d.hold) {
            hold(*d.stream, *out, d.duplicate);
            return;
        }
        emit(*out);
        if (d.duplicate)
            emit(*out);
        if (d.stream->holding) {
            emit(d.stream->held);
            if (d.stream->heldDuplicate)
                emit(d.stream->held);
            d.stream->holding = false;
            bump(m_reorders);
        }
    }

    /// End of the stream of events: sends every held event (in the order their streams were
    /// first seen) and settles pending drops into drops / trailingDrops.
    template<typename Sink>
    void flush(Sink &&emit)
    {
        for (Stream &s : m_streams) {
            if (s.holding) {
                emit(s.held);
                if (s.heldDuplicate)
                    emit(s.held);
                s.holding = false;
                settleAtEnd(s, true);
            } else {
                settleAtEnd(s, false);
            }
        }
    }

    /// Live counts; any thread.
    FaultCounts snapshot() const;
    const FaultInjection &settings() const { return m_settings; }
    std::size_t streamCount() const { return m_streams.size(); }

private:
    struct Stream
    {
        bool holding = false;
        bool heldDuplicate = false;
        Event held;
        std::uint64_t pendingDrops = 0;       ///< dropped, not yet revealed by a later event
        std::uint64_t pendingDropsAtHold = 0; ///< of those, dropped before the held event
    };
    struct Decision
    {
        Stream *stream = nullptr; ///< nullptr: pass unfaulted (first of stream, or untracked)
        bool drop = false;
        bool duplicate = false;
        bool hold = false;
        bool late = false;
    };

    Decision decide(const Event &in);
    Stream *findOrAdd(const Event &in, bool &isNew);
    void makeLate(const Event &in);
    void hold(Stream &stream, const Event &event, bool duplicate);
    void settleAtEnd(Stream &stream, bool releasedHeld);
    static void bump(std::atomic<std::uint64_t> &counter, std::uint64_t n = 1)
    {
        // One writer: a plain load + store would do, relaxed RMW keeps readers tear-free.
        counter.fetch_add(n, std::memory_order_relaxed);
    }

    FaultInjection m_settings;
    std::size_t m_maxStreams;
    std::mt19937_64 m_rng;
    std::string m_key;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<Stream> m_streams; // in the order first seen: flush() is deterministic
    Event m_scratch;
    std::atomic<std::uint64_t> m_duplicates{0};
    std::atomic<std::uint64_t> m_reorders{0};
    std::atomic<std::uint64_t> m_late{0};
    std::atomic<std::uint64_t> m_drops{0};
    std::atomic<std::uint64_t> m_trailingDrops{0};
};

} // namespace evflow::model
