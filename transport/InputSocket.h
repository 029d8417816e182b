#pragma once

#include "transport/FrameIo.h"
#include "transport/SocketMonitor.h"
#include "transport/SocketSetup.h"

#include <atomic>
#include <chrono>
#include <cstdint>

namespace evflow::transport {

class InputSocket;

/// What a reader does with what arrives. Called on the reader's worker thread, per message.
class FrameHandler
{
public:
    virtual ~FrameHandler() = default;
    /// A 3-frame message (not yet decoded: decoding is the handler's job).
    virtual void onFrames(InputSocket &input, const FrameReader &frames) = 0;
    /// A message with `frameCount` frames instead of 3; already counted on the channel.
    virtual void onMalformed(InputSocket &input, std::size_t frameCount) = 0;
    /// A stream-end message of a writer in another process (model/StreamEndMessage.h; not yet
    /// decoded). It is no event: the channel does not count it as received.
    virtual void onStreamEnd(InputSocket &input, const FrameReader &frames) = 0;
};

/// One reader's socket on one channel: SUB subscribed to the link's prefixes (pubsub, broker
/// backend) or PULL (queue; no filtering, see ChannelPlan::readersFilterTypes). Owned by the
/// reader's worker thread; the plan and counters must outlive it.
class InputSocket
{
public:
    InputSocket(RunContext &run, const ChannelPlan &plan, const model::NodeId &reader,
                ChannelCounters &counters);

    InputSocket(const InputSocket &) = delete;
    InputSocket &operator=(const InputSocket &) = delete;

    /// Phase Bind: binds when this reader is the channel's binder (bindSide consumer).
    bool bind();
    /// Phase Connect: connects otherwise (to the broker's backend for a broker).
    bool connect();
    /// Lets ZeroMQ process pending commands (a binding SUB sends its subscriptions to a new peer
    /// only when its thread touches it) and drains the monitor. Call while waiting at the gate.
    void service();

    /// Reads up to `maxMessages` whole messages without blocking, handing each to `handler`.
    /// Returns how many were read, or -1 when the context is shutting down.
    int readAvailable(FrameHandler &handler, int maxMessages);

    zmq::socket_t &socket() { return m_socket; }
    SocketMonitor &monitor() { return m_monitor; }
    const ChannelPlan &plan() const { return m_plan; }
    const model::NodeId &node() const { return m_node; }
    /// This reader's link: its prefixes (empty = none planned, e.g. a reader not in the plan).
    const std::vector<std::string> &prefixes() const { return m_prefixes; }
    /// False on a queue with several readers: each sees part of every stream (no gap tracking).
    bool sequenceTracking() const { return m_plan.sequenceTracking; }
    /// True on a queue: ZeroMQ did not filter, the reader must drop unwanted types itself.
    bool filtersTypes() const { return m_plan.readersFilterTypes; }
    std::uint64_t received() const { return m_received; }
    /// Every writer of the channel on another host has announced its stream ends: a connection
    /// lost from now on is their runner ending, no longer reported as a RunError.
    void writersEnded() { m_writersEnded = true; }
    std::uint64_t malformed() const { return m_malformed; }

private:
    /// A RunError for a lost connection to a peer in another process.
    void reportLost(const std::string &endpoint);
    /// A Readiness RunError, once, when a connection to another process's endpoint has not
    /// succeeded within the readiness timeout.
    void reportUnreachable(const std::string &endpoint);

    RunContext &m_run;
    const ChannelPlan &m_plan;
    model::NodeId m_node;
    ChannelCounters &m_counters;
    std::vector<std::string> m_prefixes;
    bool m_binds;
    zmq::socket_t m_socket;
    SocketMonitor m_monitor;
    FrameReader m_reader;
    std::uint64_t m_received = 0;
    std::uint64_t m_malformed = 0;
    std::chrono::steady_clock::time_point m_created = std::chrono::steady_clock::now();
    bool m_reportedUnreachable = false;
    bool m_writersEnded = false;
};

} // namespace evflow::transport
