#pragma once

#include <atomic>
#include <cstdint>

namespace evflow::transport {

/// Connection state of one socket (or of a channel), fed by a SocketMonitor. Lock-free: the
/// monitor's owner thread writes, any thread reads.
struct MonitorCounters
{
    std::atomic<std::int64_t> connectedPeers{0}; ///< connects - disconnects (current)
    std::atomic<std::uint64_t> connects{0};      ///< ZMQ_EVENT_CONNECTED + ZMQ_EVENT_ACCEPTED
    std::atomic<std::uint64_t> disconnects{0};   ///< ZMQ_EVENT_DISCONNECTED
    std::atomic<std::uint64_t> bindFailures{0};  ///< ZMQ_EVENT_BIND_FAILED
    std::atomic<std::uint64_t> handshakes{0};    ///< ZMQ_EVENT_HANDSHAKE_SUCCEEDED
    /// ZMQ_EVENT_HANDSHAKE_FAILED_* (a CURVE key refused either way, a peer speaking no ZMTP).
    std::atomic<std::uint64_t> handshakeFailures{0};
};

/// A value copy of MonitorCounters for snapshots.
struct MonitorSnapshot
{
    std::int64_t connectedPeers = 0;
    std::uint64_t connects = 0;
    std::uint64_t disconnects = 0;
    std::uint64_t bindFailures = 0;
    std::uint64_t handshakes = 0;
};

MonitorSnapshot snapshotOf(const MonitorCounters &counters);

/// Per-channel counters shared by every local writer, reader and proxy of the channel. Hot path
/// writers use relaxed increments; readers take snapshots at their own pace.
struct ChannelCounters
{
    std::atomic<std::uint64_t> sent{0};      ///< messages handed to ZeroMQ by local writers
    std::atomic<std::uint64_t> received{0};  ///< well-formed messages read by local readers
    std::atomic<std::uint64_t> malformed{0}; ///< messages with a wrong frame count
    std::atomic<std::uint64_t> forwarded{0}; ///< broker: messages the local proxy forwarded
    /// Broker: set by the local proxy once every planned reader's subscriptions reached it.
    std::atomic<bool> brokerReady{false};
    /// Broker: writers (node and port) whose stream-end announcement the local proxy forwarded,
    /// and when it forwarded the last new one (system-clock micros).
    std::atomic<std::uint64_t> announcedWriters{0};
    std::atomic<std::int64_t> lastNewAnnouncementMicros{0};
    /// Connection state as seen by the channel's binding socket when it is local, else summed
    /// over the local connecting sockets.
    MonitorCounters monitor;
};

/// A value copy of ChannelCounters for snapshots.
struct ChannelSnapshot
{
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    std::uint64_t malformed = 0;
    std::uint64_t forwarded = 0;
    /// sent - received, when both ends are in this process (else meaningless: 0 when negative).
    std::uint64_t backlog = 0;
    MonitorSnapshot monitor;
};

/// Reads every counter (relaxed). For a pubsub or broker with several readers, `received` sums
/// all readers, so the backlog compares against sent × readers (`fanOut`).
ChannelSnapshot snapshotOf(const ChannelCounters &counters, std::uint64_t fanOut = 1);

} // namespace evflow::transport
