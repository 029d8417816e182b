#pragma once

#include "transport/ChannelCounters.h"

#include <zmq.hpp>

#include <functional>
#include <string>

namespace evflow::transport {

/// Watches one socket's connection events (zmq_socket_monitor over a private inproc endpoint)
/// and turns them into lock-free counters. Owned by the thread that owns the monitored socket:
/// that thread calls drain() (or polls socket() with its other sockets and then drains); the
/// counters can be read from any thread at any time.
///
/// ZeroMQ emits no connection events for inproc, so on inproc channels the counters stay 0.
class SocketMonitor
{
public:
    /// Starts monitoring `monitored`. Call before it binds or connects, so no event is missed.
    /// When `channelSink` is given, every change is applied to it too (the channel-level view).
    /// Throws zmq::error_t when the monitor cannot be set up (the worker turns it into a
    /// RunError).
    SocketMonitor(zmq::context_t &context, zmq::socket_t &monitored,
                  MonitorCounters *channelSink = nullptr);

    /// Stops monitoring before the event socket closes (the monitored socket must still be
    /// open: owners declare the monitor after the socket it watches).
    ~SocketMonitor();

    SocketMonitor(const SocketMonitor &) = delete;
    SocketMonitor &operator=(const SocketMonitor &) = delete;

    /// The PAIR socket events arrive on, for a zmq::poll set (ZMQ_POLLIN means: drain()).
    zmq::socket_ref socket() { return m_events; }
    /// Applies every pending event without blocking; returns how many there were.
    int drain();
    const MonitorCounters &counters() const { return m_counters; }
    /// errno carried by the last ZMQ_EVENT_BIND_FAILED (0 when none). libzmq 4.3 reports that
    /// event from inside bind(), and the monitor's own send can overwrite errno with EAGAIN
    /// before bind() returns, so this value is the reliable reason. Owner thread only.
    int lastBindError() const { return m_lastBindError; }
    /// Endpoint of the last event (e.g. the address a bind failed on); owner thread only.
    const std::string &lastEventAddress() const { return m_lastAddress; }
    /// Called by drain(), on the owner thread, for every ZMQ_EVENT_DISCONNECTED of a connection
    /// that had completed its handshake, with the endpoint concerned (the one connected to, or
    /// the bound one for an accepted peer). Set it before the socket binds or connects.
    void onDisconnected(std::function<void(const std::string &endpoint)> handler)
    {
        m_onDisconnected = std::move(handler);
    }
    /// Called by drain(), on the owner thread, each time a connecting socket schedules another
    /// attempt (ZMQ_EVENT_CONNECT_RETRIED: refused, timed out, or lost), with the endpoint.
    void onConnectRetried(std::function<void(const std::string &endpoint)> handler)
    {
        m_onConnectRetried = std::move(handler);
    }

private:
    void apply(std::uint16_t event, std::uint32_t value);

    void *m_monitored; ///< libzmq handle of the watched socket, for stopping the monitor
    zmq::socket_t m_events;
    MonitorCounters m_counters;
    MonitorCounters *m_sink;
    zmq::message_t m_frame;
    std::string m_lastAddress;
    int m_lastBindError = 0;
    std::function<void(const std::string &)> m_onDisconnected;
    std::function<void(const std::string &)> m_onConnectRetried;
    bool m_handshakeFailed = false; ///< the next DISCONNECTED ends a failed handshake
};

} // namespace evflow::transport
