#include "transport/ChannelCounters.h"

namespace evflow::transport {

MonitorSnapshot snapshotOf(const MonitorCounters &c)
{
    constexpr auto r = std::memory_order_relaxed;
    return {c.connectedPeers.load(r), c.connects.load(r), c.disconnects.load(r),
            c.bindFailures.load(r), c.handshakes.load(r)};
}

ChannelSnapshot snapshotOf(const ChannelCounters &c, std::uint64_t fanOut)
{
    constexpr auto r = std::memory_order_relaxed;
    ChannelSnapshot s;
    // Read `received` first: a concurrent writer can only make `sent` larger, so the backlog
    // never shows a spurious negative value from reading the two at different instants.
    s.received = c.received.load(r);
    s.sent = c.sent.load(r);
    s.malformed = c.malformed.load(r);
    s.forwarded = c.forwarded.load(r);
    const std::uint64_t expected = s.sent * (fanOut == 0 ? 1 : fanOut);
    s.backlog = expected > s.received ? expected - s.received : 0;
    s.monitor = snapshotOf(c.monitor);
    return s;
}

} // namespace evflow::transport
