#include "model/RecentEvents.h"

#include <algorithm>

namespace evflow::model {

const char *eventClassName(EventClass c)
{
    switch (c) {
    case EventClass::Processed: return "processed";
    case EventClass::Duplicate: return "duplicate";
    case EventClass::OutOfOrder: return "outOfOrder";
    case EventClass::Late: return "late";
    case EventClass::LateDropped: return "lateDropped";
    case EventClass::Diverted: return "diverted";
    case EventClass::Malformed: return "malformed";
    case EventClass::Filtered: return "filtered";
    }
    return "?";
}

std::optional<EventClass> parseEventClass(std::string_view name)
{
    for (int c = 0; c <= static_cast<int>(EventClass::Filtered); ++c) {
        const auto candidate = static_cast<EventClass>(c);
        if (name == eventClassName(candidate))
            return candidate;
    }
    return std::nullopt;
}

RecentEvents::RecentEvents(std::size_t capacity)
    : m_slots(std::max<std::size_t>(capacity, 1))
{
}

bool RecentEvents::record(const Event &event, EventClass classification, std::int64_t arrivalMicros)
{
    if (!m_lock.tryLock()) {
        m_skipped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    RecentEvent &slot = m_slots[m_next];
    slot.event = event;
    slot.classification = classification;
    slot.arrivalMicros = arrivalMicros;
    m_next = (m_next + 1) % m_slots.size();
    m_size = std::min(m_size + 1, m_slots.size());
    m_lock.unlock();
    m_recorded.fetch_add(1, std::memory_order_relaxed);
    return true;
}

std::vector<RecentEvent> RecentEvents::snapshot() const
{
    std::vector<RecentEvent> out;
    out.reserve(m_slots.size());
    m_lock.lock();
    const std::size_t first = (m_next + m_slots.size() - m_size) % m_slots.size();
    for (std::size_t i = 0; i < m_size; ++i)
        out.push_back(m_slots[(first + i) % m_slots.size()]);
    m_lock.unlock();
    return out;
}

} // namespace evflow::model
