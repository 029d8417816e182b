#include "model/TraceLog.h"

#include <algorithm>

namespace evflow::model {

namespace {

void sortByTime(std::vector<TraceHop> &hops)
{
    std::stable_sort(hops.begin(), hops.end(), [](const TraceHop &a, const TraceHop &b) {
        return a.timeMicros < b.timeMicros;
    });
}

} // namespace

TraceLog::TraceLog(std::size_t capacity)
    : m_slots(std::max<std::size_t>(capacity, 1))
{
}

bool TraceLog::record(const Event &event, std::string_view node, std::int64_t timeMicros)
{
    if (!m_lock.tryLock()) {
        m_skipped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    TraceHop &hop = m_slots[m_next];
    hop.correlationId.assign(event.correlationid.empty() ? event.id : event.correlationid);
    hop.causationId.assign(event.causationid);
    hop.eventId.assign(event.id);
    hop.type.assign(event.type);
    hop.node.assign(node);
    hop.timeMicros = timeMicros;
    m_next = (m_next + 1) % m_slots.size();
    m_size = std::min(m_size + 1, m_slots.size());
    m_lock.unlock();
    m_recorded.fetch_add(1, std::memory_order_relaxed);
    return true;
}

template<typename Keep>
std::vector<TraceHop> TraceLog::copyOut(Keep &&keep) const
{
    std::vector<TraceHop> out;
    m_lock.lock();
    const std::size_t first = (m_next + m_slots.size() - m_size) % m_slots.size();
    for (std::size_t i = 0; i < m_size; ++i) {
        const TraceHop &hop = m_slots[(first + i) % m_slots.size()];
        if (keep(hop))
            out.push_back(hop);
    }
    m_lock.unlock();
    return out;
}

std::vector<TraceHop> TraceLog::hops(std::string_view correlationId) const
{
    std::vector<TraceHop> out
        = copyOut([&](const TraceHop &hop) { return hop.correlationId == correlationId; });
    sortByTime(out);
    return out;
}

std::vector<TraceHop> TraceLog::all() const
{
    return copyOut([](const TraceHop &) { return true; });
}

std::vector<TraceHop> mergeHops(const std::vector<const TraceLog *> &logs,
                                std::string_view correlationId)
{
    std::vector<TraceHop> out;
    for (const TraceLog *log : logs) {
        std::vector<TraceHop> part = log->hops(correlationId);
        out.insert(out.end(), part.begin(), part.end());
    }
    sortByTime(out);
    return out;
}

} // namespace evflow::model
