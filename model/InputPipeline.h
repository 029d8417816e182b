#pragma once

#include "model/DedupWindow.h"
#include "model/Event.h"
#include "model/Flow.h"
#include "model/InputAccounting.h"
#include "model/RecentEvents.h"
#include "model/SchemaCheck.h"
#include "model/SequenceTracker.h"
#include "model/StreamEnd.h"
#include "model/Watermark.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// What the caller does with an event InputPipeline::accept() has looked at.
enum class InputOutcome : std::uint8_t {
    Act,          ///< act on it, then call processed() or filtered()
    Malformed,    ///< violates its declared type (counted; see lastReason())
    Duplicate,    ///< (source, id) seen inside the dedup window (counted, not acted on)
    LateDropped,  ///< late, policy drop (counted, not acted on)
    LateDiverted, ///< late, policy divert: send it to the "late" output (counted), don't act
};

/// The verdict on one event: the outcome, and the observations made on the way (an out-of-order
/// or late event may still be acted on).
struct InputVerdict
{
    InputOutcome outcome = InputOutcome::Act;
    bool outOfOrder = false;
    bool late = false;

    bool act() const { return outcome == InputOutcome::Act; }
    /// The class the inspector shows once the caller knows whether it acted (`filtered`).
    EventClass eventClass(bool filtered = false) const;
};

/// A malformed frame or event kept for inspection.
struct MalformedItem
{
    std::string reason;
    std::string excerpt; ///< the frame's start as text when printable, else as hex; or the
                         ///< event's type, source and id
    std::int64_t timeMicros = 0;

    bool operator==(const MalformedItem &) const = default;
};

/// Everything one consumer or processor input does before acting on an event (PRODUCT.md §2),
/// pure and deterministic: the time is passed in.
///
/// accept() runs, in this order: schema check (when validateSchema) -> Malformed; dedup on
/// (source, id) (DedupWindow, count 0 = off) -> Duplicate; sequence classification per stream
/// (source, type, epoch), an out-of-order event is counted in outOfOrder; watermark -> late is
/// counted, then the late policy: drop -> LateDropped, divert -> LateDiverted, accept goes on;
/// -> Act. A duplicate never reaches the tracker or the watermark, so a copy of a late event is
/// a duplicate only. For an Act the caller acts and then calls processed() or filtered() (e.g. a
/// filter that does not pass it); the books (InputAccounting) balance after every complete
/// event: received = processed + duplicates + lateDropped + lateDiverted + malformed + filtered.
///
/// Gaps: tick() confirms the gaps older than the reorder wait and copies the confirmed total
/// into the counters; finish() confirms all of them (end of run). Sequence tracking is off for
/// inputs on a multi-reader queue (each reader sees only part of every stream): then no
/// outOfOrder and no gaps are reported; dedup and the watermark still apply.
///
/// Reorder buffer: the delivery setting reorderWaitMillis is used as the tracker's wait (what
/// arrives within it is out of order, not a gap); events are acted on in arrival order, no
/// ReorderBuffer is in the action path yet.
///
/// Threads and memory: one worker thread calls everything except malformedItems() and the
/// counters, which any thread may read (the counters are atomics; the malformed ring has a mutex
/// that only malformed events take). accept() of a well-formed event does not allocate once the
/// stream-key string, the tracker's streams and its sources are warm.
class InputPipeline
{
public:
    /// Keeps at most this many malformed items (the most recent).
    static constexpr std::size_t kMalformedKept = 100;

    InputPipeline(const DeliverySettings &settings, std::vector<EventType> eventTypes,
                  bool sequenceTracking, LiveInputCounters &counters);

    /// Classifies one decoded event arriving at `nowMicros`; counts it (see the class comment).
    InputVerdict accept(const Event &event, std::int64_t nowMicros);
    /// The caller acted on the last Act event.
    void processed();
    /// The caller looked at the last Act event and deliberately did not act (filter, projection
    /// of other types, ...).
    void filtered();
    /// A frame that did not decode: counted as received and malformed, kept for inspection.
    void malformedFrame(std::string_view reason, std::string_view bytes, std::int64_t nowMicros);

    /// Confirms the gaps older than the reorder wait; call now and then (e.g. at 10 Hz).
    void tick(std::int64_t nowMicros);
    /// End of the run: confirms every pending gap.
    void finish();
    /// End of the run, before finish(): the writer numbered (source, type, epoch) [0, end)
    /// (StreamEnd); what never arrived of it becomes gaps (SequenceTracker::close). No-op
    /// without sequence tracking.
    void closeStream(const StreamEnd &end);
    /// How many numbers of that stream above the highest received have not arrived yet (0
    /// without sequence tracking): a reader keeps reading while this is above 0.
    std::uint64_t missingTail(const StreamEnd &end);

    /// Why the last event was Malformed.
    const std::string &lastReason() const { return m_reason; }
    /// The most recent malformed items, oldest first (any thread).
    std::vector<MalformedItem> malformedItems() const;
    /// Outcome books plus sequence books per source (streams of one source added up).
    InputReport report() const;

    const LiveInputCounters &counters() const { return m_counters; }
    const DeliverySettings &settings() const { return m_settings; }
    bool sequenceTracking() const { return m_sequenceTracking; }
    const SequenceTracker &tracker() const { return m_tracker; }
    const Watermark &watermark() const { return m_watermark; }

private:
    void count(InputCounter counter) { m_counters.add(counter); }
    void keepMalformed(std::string reason, std::string excerpt, std::int64_t nowMicros);
    void syncGaps();

    DeliverySettings m_settings;
    bool m_sequenceTracking;
    LiveInputCounters &m_counters;
    SchemaCheck m_schema;
    DedupWindow m_dedup;
    SequenceTracker m_tracker;
    Watermark m_watermark;
    std::string m_key; // reused stream key: no allocation per event
    std::string m_reason;
    std::uint64_t m_gapsCounted = 0;
    mutable std::mutex m_malformedMutex;
    std::vector<MalformedItem> m_malformed; // ring of kMalformedKept
    std::size_t m_malformedNext = 0;
};

namespace detail {
/// A short printable excerpt of a frame: up to 48 bytes as text when they are printable ASCII,
/// else up to 24 bytes as hex pairs ("0a ff 00 ..."); "..." marks a cut.
std::string frameExcerpt(std::string_view bytes);
} // namespace detail

} // namespace evflow::model
