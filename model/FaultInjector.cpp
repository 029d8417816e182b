#include "model/FaultInjector.h"

#include "model/StreamKey.h"

#include <algorithm>
#include <limits>

namespace evflow::model {

namespace {

double draw01(std::mt19937_64 &rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

} // namespace

FaultInjector::FaultInjector(const FaultInjection &settings, std::size_t maxStreams)
    : m_settings(settings)
    , m_maxStreams(maxStreams)
    , m_rng(settings.seed)
{
}

FaultInjector::Decision FaultInjector::decide(const Event &in)
{
    Decision d;
    bool isNew = false;
    Stream *stream = findOrAdd(in, isNew);
    if (stream == nullptr || isNew)
        return d; // the first event of a stream is never faulted (see the class comment)
    // All four numbers are drawn for every event, so the decisions depend on the seed and the
    // event's position only, never on which faults earlier events happened to get.
    const double drop = draw01(m_rng);
    const double duplicate = draw01(m_rng);
    const double reorder = draw01(m_rng);
    const double late = draw01(m_rng);
    d.stream = stream;
    if (drop < m_settings.drop) {
        d.drop = true;
        ++stream->pendingDrops;
        return d;
    }
    d.duplicate = duplicate < m_settings.duplicate;
    d.hold = !stream->holding && reorder < m_settings.reorder;
    d.late = late < m_settings.late;
    if (d.duplicate)
        bump(m_duplicates);
    if (d.late)
        bump(m_late);
    if (!d.hold) { // this event is sent now: its sequence number reveals every earlier drop
        bump(m_drops, stream->pendingDrops);
        stream->pendingDrops = 0;
        stream->pendingDropsAtHold = 0;
    }
    return d;
}

FaultInjector::Stream *FaultInjector::findOrAdd(const Event &in, bool &isNew)
{
    makeStreamKey(m_key, in.source, in.type, in.epoch);
    const auto found = m_index.find(m_key);
    if (found != m_index.end())
        return &m_streams[found->second];
    if (m_streams.size() >= m_maxStreams)
        return nullptr;
    isNew = true;
    m_index.emplace(m_key, m_streams.size());
    m_streams.emplace_back();
    return &m_streams.back();
}

void FaultInjector::makeLate(const Event &in)
{
    m_scratch = in;
    const std::int64_t by = std::max<std::int64_t>(0, m_settings.lateByMillis);
    const std::int64_t byMicros = by > std::numeric_limits<std::int64_t>::max() / 1000
                                      ? std::numeric_limits<std::int64_t>::max()
                                      : by * 1000;
    // Saturate: an event time must stay within EventLimits to be encodable.
    m_scratch.time
        = in.time - EventLimits::minTime < byMicros ? EventLimits::minTime : in.time - byMicros;
}

void FaultInjector::hold(Stream &stream, const Event &event, bool duplicate)
{
    stream.held = event;
    stream.heldDuplicate = duplicate;
    stream.holding = true;
    stream.pendingDropsAtHold = stream.pendingDrops;
}

void FaultInjector::settleAtEnd(Stream &stream, bool releasedHeld)
{
    // A held event released now reveals only the drops that came before it was held.
    const std::uint64_t revealed = releasedHeld ? stream.pendingDropsAtHold : 0;
    bump(m_drops, revealed);
    bump(m_trailingDrops, stream.pendingDrops - revealed);
    stream.pendingDrops = 0;
    stream.pendingDropsAtHold = 0;
}

FaultCounts FaultInjector::snapshot() const
{
    FaultCounts c;
    c.duplicates = m_duplicates.load(std::memory_order_relaxed);
    c.reorders = m_reorders.load(std::memory_order_relaxed);
    c.late = m_late.load(std::memory_order_relaxed);
    c.drops = m_drops.load(std::memory_order_relaxed);
    c.trailingDrops = m_trailingDrops.load(std::memory_order_relaxed);
    return c;
}

} // namespace evflow::model
