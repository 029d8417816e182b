#include "transport/RuntimeMetrics.h"

namespace evflow::transport {

model::InjectedFaults injectedOf(const NodeMetrics &metrics)
{
    model::InjectedFaults total;
    for (const auto &injector : metrics.injectors) {
        const model::FaultCounts c = injector->snapshot();
        total += model::InjectedFaults{c.duplicates, c.reorders, c.late, c.drops + c.trailingDrops};
    }
    return total;
}

void PublishedEnds::publish(model::StreamEnds ends)
{
    const std::lock_guard lock(m_mutex);
    if (m_final.load(std::memory_order_relaxed))
        return;
    m_ends = std::move(ends);
    m_final.store(true, std::memory_order_release);
}

model::StreamEnds PublishedEnds::get() const
{
    const std::lock_guard lock(m_mutex);
    return m_ends;
}

model::ChannelCounters channelCountersOf(const ChannelCounters &counters, std::uint64_t fanOut)
{
    const ChannelSnapshot s = snapshotOf(counters, fanOut);
    model::ChannelCounters out;
    out.sent = s.sent;
    out.received = s.received;
    out.backlog = s.backlog;
    out.connectedPeers
        = s.monitor.connectedPeers > 0 ? static_cast<std::uint64_t>(s.monitor.connectedPeers) : 0;
    out.disconnects = s.monitor.disconnects;
    out.fanOut = fanOut == 0 ? 1 : fanOut;
    return out;
}

} // namespace evflow::transport
