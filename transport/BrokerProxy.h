#pragma once

#include "model/StreamEndMessage.h"
#include "transport/SocketMonitor.h"
#include "transport/SocketSetup.h"
#include "transport/SubscriptionTracker.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace evflow::transport {

/// The broker channel's proxy: XSUB frontend (writers connect) and XPUB backend (readers
/// connect), both bound, forwarding events downstream and subscriptions upstream. A hand-written
/// poll loop rather than zmq::proxy_steerable: it counts forwarded messages, sees the stop flag
/// every poll timeout, and watches the subscriptions for readiness, all without a control socket.
/// Owned by its own worker thread.
class BrokerProxy
{
public:
    BrokerProxy(RunContext &run, const ChannelPlan &plan, ChannelCounters &counters,
                const std::atomic<bool> &stop);

    BrokerProxy(const BrokerProxy &) = delete;
    BrokerProxy &operator=(const BrokerProxy &) = delete;

    /// Phase Bind: binds frontend and backend and publishes both. False (Bind RunError) if either
    /// fails.
    bool bind();
    /// One poll (up to `timeout`) and forwarding of what is pending in both directions. Sets the
    /// channel's brokerReady once every planned reader's subscriptions arrived on the backend, or
    /// (with a Readiness RunError) once readinessTimeout has passed since the first pump.
    /// Returns false when the context is shutting down.
    bool pump(std::chrono::milliseconds timeout);
    /// pump() until the stop flag is set or the context shuts down.
    void run();

    bool ready() const { return m_counters.brokerReady.load(std::memory_order_acquire); }
    const SubscriptionTracker &subscriptions() const { return m_subscriptions; }

private:
    int forward(zmq::socket_t &from, zmq::socket_t &to, bool downstream);
    /// Notes a forwarded stream-end announcement (its three frames) in the channel's counters.
    void noteAnnouncement();
    void checkReadiness();

    RunContext &m_run;
    const ChannelPlan &m_plan;
    ChannelCounters &m_counters;
    const std::atomic<bool> &m_stop;
    zmq::socket_t m_frontend;
    zmq::socket_t m_backend;
    SocketMonitor m_frontendMonitor;
    SocketMonitor m_backendMonitor;
    SubscriptionTracker m_subscriptions;
    zmq::message_t m_part;
    std::vector<zmq::message_t> m_announcement; ///< copies of a stream-end message's frames
    model::StreamEndMessage m_decoded;
    std::set<std::pair<std::string, std::string>> m_announced; ///< (writer, port)
    std::chrono::steady_clock::time_point m_readinessDeadline{};
    bool m_started = false;
};

} // namespace evflow::transport
