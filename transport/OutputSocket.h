#pragma once

#include "transport/FrameIo.h"
#include "transport/SocketMonitor.h"
#include "transport/SocketSetup.h"
#include "transport/SubscriptionTracker.h"

#include <atomic>
#include <cstdint>

namespace evflow::transport {

/// One writer's socket into one channel: XPUB (verbose; sends like PUB) for pubsub and broker,
/// PUSH for queues. Created, used and destroyed by the writer's worker thread; the plan, the
/// counters and the stop flag must outlive it.
///
/// Start-up, one call per StartGate phase: bind() (the writer binds when the channel's bindSide
/// is producer), connect() (otherwise), waitReady(). Then send() per event and service() when
/// idle.
class OutputSocket
{
public:
    /// Creates the socket and sets its options (nothing is bound or connected yet). Throws
    /// zmq::error_t only when ZeroMQ itself fails (context terminated, out of sockets).
    OutputSocket(RunContext &run, const ChannelPlan &plan, const model::NodeId &writer,
                 ChannelCounters &counters, const std::atomic<bool> &stop);

    OutputSocket(const OutputSocket &) = delete;
    OutputSocket &operator=(const OutputSocket &) = delete;

    /// Phase Bind: binds and publishes the endpoint when this writer is the channel's binder.
    /// False (with a Bind RunError) when the bind failed; true otherwise.
    bool bind();
    /// Phase Connect: connects when this writer is not the binder. False with a Connect
    /// RunError on failure.
    bool connect();
    /// Phase Ready: waits (bounded by readinessTimeout) until the channel's readers can receive
    /// everything sent from now on: every planned subscriber's subscriptions seen (pubsub; a
    /// broker's writer waits for each prefix and for the local proxy), or every peer connected
    /// (queue over ipc/tcp). On timeout it reports a Readiness RunError and returns true (the
    /// run goes on). Returns false only when stopped.
    bool waitReady();

    /// Sends one encoded event; bumps the channel's `sent`. A queue at its HWM blocks here
    /// (no loss) until a reader drains or stop is requested (checked every pollTimeout).
    SendResult send(const model::EncodedFrames &frames);
    SendResult send(std::span<const std::byte> type, std::span<const std::byte> header,
                    std::span<const std::byte> data);
    /// Sends a stream-end message (model/StreamEndMessage.h) when some reader of the channel
    /// runs on another host, else nothing; never counted as sent. A queue gets one copy per
    /// reader: PUSH deals messages out round-robin, so each connected reader gets one while
    /// none is at its HWM (a full one is skipped, see docs/RUNTIME.md).
    void announce(const model::EncodedFrames &frames);
    /// Whether announce() sends anything on this channel.
    bool announces() const { return m_announces; }
    /// Reads pending subscription messages and monitor events without blocking, so the XPUB's
    /// incoming queue never grows. send() calls it every few hundred messages by itself.
    void service();

    bool ready() const;
    bool binds() const { return m_binds; }
    const ChannelPlan &plan() const { return m_plan; }
    const model::NodeId &node() const { return m_node; }
    const SocketMonitor &monitor() const { return m_monitor; }
    const SubscriptionTracker &subscriptions() const { return m_subscriptions; }
    zmq::socket_t &socket() { return m_socket; }

private:
    void expectSubscribers();
    std::string notReadyMessage() const;

    RunContext &m_run;
    const ChannelPlan &m_plan;
    model::NodeId m_node;
    ChannelCounters &m_counters;
    const std::atomic<bool> &m_stop;
    bool m_binds;
    bool m_xpub;
    bool m_announces;           ///< some reader runs on another host
    bool m_checksPeers = false; ///< queue over ipc/tcp: readiness by connected peers
    std::int64_t m_expectedPeers = 0;
    zmq::socket_t m_socket;
    SocketMonitor m_monitor;
    SubscriptionTracker m_subscriptions;
    zmq::message_t m_incoming;
    unsigned m_sinceService = 0;
};

} // namespace evflow::transport
