#pragma once

#include "model/InputAccounting.h"
#include "model/SequenceStream.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evflow::model {

/// Bounds and timing of a SequenceTracker.
struct SequenceTrackerConfig
{
    /// How long a missing sequence number may still arrive before it is confirmed as a gap.
    std::int64_t reorderWaitMicros = 0;
    /// Sequence numbers tracked below the highest, per stream (rounded up to a power of two). At
    /// most window - 1 numbers are pending per stream; see detail::SequenceStream.
    std::size_t window = 1024;
    /// Live epochs per source; starting one more finalises the source's oldest epoch.
    std::size_t maxEpochsPerSource = 4;
    /// Live streams in total; one more evicts (finalises) the least recently used stream.
    std::size_t maxStreams = 256;
    /// Distinct sources kept; events of further sources are Untracked (and counted).
    std::size_t maxSources = 1024;
};

/// Per (source, epoch) sequence tracking for one consumer input (PRODUCT.md §2, "Out of order",
/// "Gap / lost", and the per-source books expected = received-unique + gaps).
///
/// Gaps. A number skipped by a jump becomes *pending*. If it arrives within the reorder wait W
/// (arrival time - time the gap was noticed <= W) it is OutOfOrder and never a gap. Once more than
/// W has passed it is a confirmed gap; if it still arrives afterwards it is OutOfOrder, the gap
/// stays counted and `filledAfterGap` is incremented, so that
/// expected = receivedUnique + gaps + pending - filledAfterGap always holds (SequenceBooks).
/// With W = 0 a filler must arrive in the same microsecond as the jump that noticed its gap.
/// Expiry is checked on every classify() of the stream, so results do not depend on how often
/// expire() runs; expire() exists to confirm gaps of streams that have gone quiet.
///
/// Bounds (all memory is bounded): a stream tracks `window` numbers below its highest; numbers a
/// jump pushes below the window are gaps at once (5 then 10^12 costs `window` slots, not 10^12);
/// a missing number leaving the window is confirmed as it leaves. Older numbers are BeyondWindow.
///
/// Epochs. A new epoch for a source starts a fresh stream (FirstOfEpoch, no false gaps or
/// repeats for a restarted producer). At most maxEpochsPerSource are live per source: the oldest
/// started is finalised (pending gaps confirmed) and folded into the source's books. An event of an
/// epoch that was finalised, or of a stream evicted by the maxStreams cap (LRU), starts a fresh
/// stream again: its earlier numbers may then be counted twice in `expected` (documented limit;
/// evictedStreams() says whether it can have happened).
///
/// Complexity: classify is O(1) amortised (+ O(maxEpochsPerSource) to find the epoch); it does
/// not allocate once every stream slot and source has been created (a new source allocates its
/// name once). Memory: about maxStreams * window * 25 bytes at most. Not thread-safe.
class SequenceTracker
{
public:
    explicit SequenceTracker(SequenceTrackerConfig config = {});

    /// Classifies one event of `source`, `epoch` with sequence number `sequence` at `nowMicros`.
    SequenceClass classify(std::string_view source, std::uint64_t epoch, std::uint64_t sequence,
                           std::int64_t nowMicros);
    /// Confirms, in every live stream, the gaps noticed more than the reorder wait before
    /// `nowMicros`. Returns how many gaps this call confirmed.
    std::uint64_t expire(std::int64_t nowMicros);
    /// Finalises every live stream (end of run): all pending gaps are confirmed. Returns how many.
    std::uint64_t finaliseAll();
    /// End of run: the writer of (source, epoch) numbered it [0, end) (see StreamEnd). A live
    /// stream gets the numbers it never saw above its highest and below its first as gaps; a
    /// stream of which nothing arrived is added whole as gaps, unless the source already had a
    /// stream finalised (rotation or eviction), which may have been this one: then it is left
    /// alone rather than counted twice. Returns the gaps added. Call once per stream, before
    /// finaliseAll().
    std::uint64_t close(std::string_view source, std::uint64_t epoch, std::uint64_t end);
    /// How many numbers of [0, end) above the highest seen of (source, epoch) have not arrived
    /// (end when the stream is unknown): what a reader still waits for at the end of a run.
    std::uint64_t missingTail(std::string_view source, std::uint64_t epoch,
                              std::uint64_t end) const;

    /// Books of one source over all its epochs (zero books for an unknown source).
    SequenceBooks books(std::string_view source) const;
    /// Books of all sources added together.
    SequenceBooks totals() const;
    /// Books of every source, sorted by source name.
    std::vector<SourceSequenceBooks> report() const;

    std::size_t sourceCount() const { return m_sources.size(); }
    std::size_t liveStreamCount() const;
    /// Streams finalised because the maxStreams cap needed their slot (not by epoch rotation).
    std::uint64_t evictedStreams() const { return m_evictedStreams; }
    /// Events of sources beyond maxSources.
    std::uint64_t untrackedEvents() const { return m_untracked; }
    const SequenceTrackerConfig &config() const { return m_config; }

private:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

    struct Source
    {
        std::string name;
        SequenceBooks retired;           ///< folded books of finalised streams
        std::uint64_t closedUnseen = 0;  ///< epochs in `retired` that close() added whole
        std::vector<std::uint32_t> live; ///< stream slots, oldest started first
    };
    struct Slot
    {
        detail::SequenceStream stream;
        std::uint32_t source = kNone; ///< kNone: the slot is free
        std::uint32_t newer = kNone;  ///< LRU list links
        std::uint32_t older = kNone;
    };
    struct NameHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const
        {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::uint32_t sourceIndex(std::string_view name);
    std::uint32_t findLive(const Source &source, std::uint64_t epoch) const;
    void startStream(std::uint32_t sourceIndex, std::uint64_t epoch, std::uint64_t sequence);
    std::uint32_t takeSlot();
    std::uint64_t retire(std::uint32_t slot);
    void unlink(std::uint32_t slot);
    void linkNewest(std::uint32_t slot);

    SequenceTrackerConfig m_config;
    std::vector<Source> m_sources;
    std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>> m_sourceByName;
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_freeSlots;
    std::uint32_t m_newest = kNone; ///< most recently used live stream
    std::uint32_t m_oldest = kNone; ///< least recently used live stream
    std::uint64_t m_evictedStreams = 0;
    std::uint64_t m_untracked = 0;
};

} // namespace evflow::model
