#include "transport/RuntimeMetrics.h"

namespace evflow::transport {

model::InjectedFaults injectedOf(const NodeMetrics &metrics)
{
    model::InjectedFaults total;
    for (const auto &injector : metrics.injectors) {
        const model::FaultCounts c = injector->snapshot();
        total += model::InjectedFaults{c.duplicates, c.reorders, c.late, c.drops};
    }
    return total;
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
    return out;
}

} // namespace evflow::transport
