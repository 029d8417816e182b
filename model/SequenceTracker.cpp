#include "model/SequenceTracker.h"

#include <algorithm>

namespace evflow::model {

SequenceTracker::SequenceTracker(SequenceTrackerConfig config)
    : m_config(config)
{
    // Every bound is at least one, so the tracker always tracks something.
    m_config.reorderWaitMicros = std::max<std::int64_t>(m_config.reorderWaitMicros, 0);
    m_config.window = std::max<std::size_t>(m_config.window, 1);
    m_config.maxEpochsPerSource = std::max<std::size_t>(m_config.maxEpochsPerSource, 1);
    m_config.maxStreams = std::max<std::size_t>(m_config.maxStreams, 1);
    m_config.maxSources = std::max<std::size_t>(m_config.maxSources, 1);
    // Reserved up front so that slots and sources never move: a stream's memory stays where it is.
    m_slots.reserve(m_config.maxStreams);
    m_freeSlots.reserve(m_config.maxStreams);
    m_sources.reserve(m_config.maxSources);
    m_sourceByName.reserve(m_config.maxSources);
}

SequenceClass SequenceTracker::classify(std::string_view source, std::uint64_t epoch,
                                        std::uint64_t sequence, std::int64_t nowMicros)
{
    const std::uint32_t index = sourceIndex(source);
    if (index == kNone) {
        ++m_untracked;
        return SequenceClass::Untracked;
    }
    const std::uint32_t slot = findLive(m_sources[index], epoch);
    if (slot == kNone) {
        startStream(index, epoch, sequence);
        return SequenceClass::FirstOfEpoch;
    }
    if (slot != m_newest) {
        unlink(slot);
        linkNewest(slot);
    }
    return m_slots[slot].stream.classify(sequence, nowMicros, m_config.reorderWaitMicros);
}

std::uint64_t SequenceTracker::expire(std::int64_t nowMicros)
{
    std::uint64_t confirmed = 0;
    for (std::uint32_t s = m_newest; s != kNone; s = m_slots[s].older)
        confirmed += m_slots[s].stream.expire(nowMicros, m_config.reorderWaitMicros);
    return confirmed;
}

std::uint64_t SequenceTracker::finaliseAll()
{
    std::uint64_t confirmed = 0;
    while (m_newest != kNone)
        confirmed += retire(m_newest);
    return confirmed;
}

SequenceBooks SequenceTracker::books(std::string_view source) const
{
    const auto found = m_sourceByName.find(source);
    if (found == m_sourceByName.end())
        return {};
    const Source &s = m_sources[found->second];
    SequenceBooks result = s.retired;
    for (std::uint32_t slot : s.live)
        result += m_slots[slot].stream.books();
    return result;
}

SequenceBooks SequenceTracker::totals() const
{
    SequenceBooks result;
    for (const Source &s : m_sources)
        result += books(s.name);
    return result;
}

std::vector<SourceSequenceBooks> SequenceTracker::report() const
{
    std::vector<SourceSequenceBooks> result;
    result.reserve(m_sources.size());
    for (const Source &s : m_sources)
        result.push_back({s.name, books(s.name)});
    std::sort(result.begin(), result.end(),
              [](const auto &a, const auto &b) { return a.source < b.source; });
    return result;
}

std::size_t SequenceTracker::liveStreamCount() const
{
    return m_slots.size() - m_freeSlots.size();
}

std::uint64_t SequenceTracker::close(std::string_view source, std::uint64_t epoch,
                                     std::uint64_t end)
{
    if (end == 0)
        return 0;
    const std::uint32_t index = sourceIndex(source);
    if (index == kNone)
        return 0; // beyond maxSources: untracked, as its events were
    Source &s = m_sources[index];
    if (const std::uint32_t slot = findLive(s, epoch); slot != kNone)
        return m_slots[slot].stream.close(end);
    if (s.retired.epochs > s.closedUnseen)
        return 0;
    s.retired.expected += end;
    s.retired.gaps += end;
    s.retired.epochs += 1;
    s.closedUnseen += 1;
    return end;
}

std::uint64_t SequenceTracker::missingTail(std::string_view source, std::uint64_t epoch,
                                           std::uint64_t end) const
{
    const auto found = m_sourceByName.find(source);
    if (found == m_sourceByName.end())
        return end;
    const Source &s = m_sources[found->second];
    const std::uint32_t slot = findLive(s, epoch);
    if (slot == kNone)
        return s.retired.epochs > s.closedUnseen ? 0 : end;
    const std::uint64_t highest = m_slots[slot].stream.highest();
    return end > highest + 1 ? end - highest - 1 : 0;
}

std::uint32_t SequenceTracker::sourceIndex(std::string_view name)
{
    const auto found = m_sourceByName.find(name);
    if (found != m_sourceByName.end())
        return found->second;
    if (m_sources.size() == m_config.maxSources)
        return kNone;
    const auto index = static_cast<std::uint32_t>(m_sources.size());
    m_sources.push_back(Source{std::string(name), {}, {}});
    m_sources.back().live.reserve(m_config.maxEpochsPerSource);
    m_sourceByName.emplace(std::string(name), index);
    return index;
}

std::uint32_t SequenceTracker::findLive(const Source &source, std::uint64_t epoch) const
{
    for (std::uint32_t slot : source.live) {
        if (m_slots[slot].stream.epoch() == epoch)
            return slot;
    }
    return kNone;
}

void SequenceTracker::startStream(std::uint32_t sourceIndex, std::uint64_t epoch,
                                  std::uint64_t sequence)
{
    if (m_sources[sourceIndex].live.size() == m_config.maxEpochsPerSource)
        retire(m_sources[sourceIndex].live.front());
    const std::uint32_t slot = takeSlot();
    m_slots[slot].source = sourceIndex;
    m_slots[slot].stream.start(epoch, sequence);
    m_sources[sourceIndex].live.push_back(slot);
    linkNewest(slot);
}

std::uint32_t SequenceTracker::takeSlot()
{
    if (!m_freeSlots.empty()) {
        const std::uint32_t slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        return slot;
    }
    if (m_slots.size() < m_config.maxStreams) {
        m_slots.push_back(Slot{detail::SequenceStream(m_config.window)});
        return static_cast<std::uint32_t>(m_slots.size() - 1);
    }
    ++m_evictedStreams;
    retire(m_oldest);
    return takeSlot(); // retire() just freed a slot
}

std::uint64_t SequenceTracker::retire(std::uint32_t slot)
{
    Slot &s = m_slots[slot];
    const std::uint64_t confirmed = s.stream.finalise();
    Source &source = m_sources[s.source];
    source.retired += s.stream.books();
    source.live.erase(std::find(source.live.begin(), source.live.end(), slot));
    unlink(slot);
    s.source = kNone;
    m_freeSlots.push_back(slot);
    return confirmed;
}

void SequenceTracker::unlink(std::uint32_t slot)
{
    Slot &s = m_slots[slot];
    (s.newer == kNone ? m_newest : m_slots[s.newer].older) = s.older;
    (s.older == kNone ? m_oldest : m_slots[s.older].newer) = s.newer;
    s.newer = kNone;
    s.older = kNone;
}

void SequenceTracker::linkNewest(std::uint32_t slot)
{
    Slot &s = m_slots[slot];
    s.newer = kNone;
    s.older = m_newest;
    if (m_newest != kNone)
        m_slots[m_newest].newer = slot;
    m_newest = slot;
    if (m_oldest == kNone)
        m_oldest = slot;
}

} // namespace evflow::model
