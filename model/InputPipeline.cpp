#include "model/InputPipeline.h"

#include "model/StreamKey.h"

#include <algorithm>
#include <map>

namespace evflow::model {

EventClass InputVerdict::eventClass(bool filtered) const
{
    switch (outcome) {
    case InputOutcome::Malformed: return EventClass::Malformed;
    case InputOutcome::Duplicate: return EventClass::Duplicate;
    case InputOutcome::LateDropped: return EventClass::LateDropped;
    case InputOutcome::LateDiverted: return EventClass::Diverted;
    case InputOutcome::Act: break;
    }
    if (filtered)
        return EventClass::Filtered;
    if (late)
        return EventClass::Late;
    return outOfOrder ? EventClass::OutOfOrder : EventClass::Processed;
}

namespace {

std::int64_t toMicros(std::int64_t millis)
{
    return millis > 0 ? millis * 1000 : 0;
}

SequenceTrackerConfig trackerConfig(const DeliverySettings &settings)
{
    SequenceTrackerConfig config;
    config.reorderWaitMicros = toMicros(settings.reorderWaitMillis);
    return config;
}

} // namespace

InputPipeline::InputPipeline(const DeliverySettings &settings, std::vector<EventType> eventTypes,
                             bool sequenceTracking, LiveInputCounters &counters)
    : m_settings(settings)
    , m_sequenceTracking(sequenceTracking)
    , m_counters(counters)
    , m_schema(std::move(eventTypes))
    , m_dedup(static_cast<std::size_t>(std::max<std::int64_t>(settings.dedupWindowCount, 0)),
              toMicros(settings.dedupWindowMillis))
    , m_tracker(trackerConfig(settings))
    , m_watermark(toMicros(settings.outOfOrdernessMillis))
{
    m_key.reserve(256);
    m_malformed.reserve(kMalformedKept);
}

InputVerdict InputPipeline::accept(const Event &event, std::int64_t nowMicros)
{
    InputVerdict verdict;
    count(InputCounter::Received);
    if (m_settings.validateSchema && !m_schema.check(event, m_reason)) {
        count(InputCounter::Malformed);
        keepMalformed(m_reason,
                      "type=" + event.type + " source=" + event.source + " id=" + event.id,
                      nowMicros);
        verdict.outcome = InputOutcome::Malformed;
        return verdict;
    }
    if (m_dedup.enabled() && m_dedup.checkAndInsert(event.source, event.id, nowMicros)) {
        count(InputCounter::Duplicates);
        verdict.outcome = InputOutcome::Duplicate;
        return verdict;
    }
    if (m_sequenceTracking) {
        makeStreamKey(m_key, event.source, event.type);
        const SequenceClass c = m_tracker.classify(m_key, event.epoch, event.sequence, nowMicros);
        if (c == SequenceClass::OutOfOrder) {
            verdict.outOfOrder = true;
            count(InputCounter::OutOfOrder);
        }
    }
    if (m_watermark.observe(event.time)) {
        verdict.late = true;
        count(InputCounter::Late);
        if (m_settings.latePolicy == LatePolicy::Drop) {
            count(InputCounter::LateDropped);
            verdict.outcome = InputOutcome::LateDropped;
        } else if (m_settings.latePolicy == LatePolicy::Divert) {
            count(InputCounter::LateDiverted);
            verdict.outcome = InputOutcome::LateDiverted;
        }
    }
    return verdict;
}

void InputPipeline::processed()
{
    count(InputCounter::Processed);
}

void InputPipeline::filtered()
{
    count(InputCounter::Filtered);
}

void InputPipeline::malformedFrame(std::string_view reason, std::string_view bytes,
                                   std::int64_t nowMicros)
{
    count(InputCounter::Received);
    count(InputCounter::Malformed);
    m_reason.assign(reason);
    keepMalformed(std::string(reason), detail::frameExcerpt(bytes), nowMicros);
}

void InputPipeline::keepMalformed(std::string reason, std::string excerpt, std::int64_t nowMicros)
{
    const std::lock_guard lock(m_malformedMutex);
    MalformedItem item{std::move(reason), std::move(excerpt), nowMicros};
    if (m_malformed.size() < kMalformedKept) {
        m_malformed.push_back(std::move(item));
    } else {
        m_malformed[m_malformedNext] = std::move(item);
    }
    m_malformedNext = (m_malformedNext + 1) % kMalformedKept;
}

std::vector<MalformedItem> InputPipeline::malformedItems() const
{
    const std::lock_guard lock(m_malformedMutex);
    if (m_malformed.size() < kMalformedKept)
        return m_malformed;
    std::vector<MalformedItem> out;
    out.reserve(kMalformedKept);
    for (std::size_t i = 0; i < kMalformedKept; ++i)
        out.push_back(m_malformed[(m_malformedNext + i) % kMalformedKept]);
    return out;
}

void InputPipeline::tick(std::int64_t nowMicros)
{
    if (!m_sequenceTracking)
        return;
    m_tracker.expire(nowMicros);
    syncGaps();
}

void InputPipeline::finish()
{
    if (!m_sequenceTracking)
        return;
    m_tracker.finaliseAll();
    syncGaps();
}

void InputPipeline::closeStream(const StreamEnd &end)
{
    if (!m_sequenceTracking)
        return;
    makeStreamKey(m_key, end.source, end.type);
    m_tracker.close(m_key, end.epoch, end.end);
    syncGaps();
}

std::uint64_t InputPipeline::missingTail(const StreamEnd &end)
{
    if (!m_sequenceTracking)
        return 0;
    makeStreamKey(m_key, end.source, end.type);
    return m_tracker.missingTail(m_key, end.epoch, end.end);
}

void InputPipeline::syncGaps()
{
    // Gaps are also confirmed inside classify() (expiry runs per stream there), so the tracker's
    // total is the truth; the counters get the difference since the last sync.
    const std::uint64_t gaps = m_tracker.totals().gaps;
    if (gaps > m_gapsCounted) {
        m_counters.add(InputCounter::Gaps, gaps - m_gapsCounted);
        m_gapsCounted = gaps;
    }
}

InputReport InputPipeline::report() const
{
    InputReport result;
    result.counters = m_counters.snapshot();
    // The tracker keys streams "source\x1ftype"; the report is per source (PRODUCT.md §2).
    std::map<std::string, SequenceBooks, std::less<>> bySource;
    for (const SourceSequenceBooks &stream : m_tracker.report())
        bySource[std::string(streamKeySource(stream.source))] += stream.books;
    for (auto &[source, books] : bySource)
        result.sources.push_back({source, books});
    return result;
}

namespace detail {

std::string frameExcerpt(std::string_view bytes)
{
    const auto printable = [](char c) { return c >= 0x20 && c < 0x7f; };
    constexpr std::size_t textLimit = 48;
    constexpr std::size_t hexLimit = 24;
    const std::string_view head = bytes.substr(0, textLimit);
    if (!head.empty() && std::all_of(head.begin(), head.end(), printable))
        return std::string(head) + (bytes.size() > textLimit ? "..." : "");
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes.size() && i < hexLimit; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (i > 0)
            out.push_back(' ');
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0xf]);
    }
    if (bytes.size() > hexLimit)
        out.append(" ...");
    return out;
}

} // namespace detail

} // namespace evflow::model
