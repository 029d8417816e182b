#include "transport/SocketMonitor.h"

#include <atomic>
#include <cstring>
#include <utility>

namespace evflow::transport {
namespace {

constexpr int kHandshakeFailed = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
                                 | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
                                 | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
constexpr int kWatchedEvents = ZMQ_EVENT_CONNECTED | ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED
                               | ZMQ_EVENT_BIND_FAILED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED
                               | kHandshakeFailed | ZMQ_EVENT_CONNECT_RETRIED;

std::string nextMonitorEndpoint()
{
    static std::atomic<unsigned long> counter{0};
    return "inproc://evflow-monitor-" + std::to_string(counter.fetch_add(1));
}

void bump(std::atomic<std::uint64_t> &c)
{
    c.fetch_add(1, std::memory_order_relaxed);
}

void change(MonitorCounters &c, std::uint16_t event)
{
    switch (event) {
    case ZMQ_EVENT_CONNECTED:
    case ZMQ_EVENT_ACCEPTED:
        bump(c.connects);
        c.connectedPeers.fetch_add(1, std::memory_order_relaxed);
        break;
    case ZMQ_EVENT_DISCONNECTED:
        bump(c.disconnects);
        c.connectedPeers.fetch_sub(1, std::memory_order_relaxed);
        break;
    case ZMQ_EVENT_BIND_FAILED: bump(c.bindFailures); break;
    case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: bump(c.handshakes); break;
    default:
        if (event & kHandshakeFailed)
            bump(c.handshakeFailures);
        break;
    }
}

} // namespace

SocketMonitor::SocketMonitor(zmq::context_t &context, zmq::socket_t &monitored,
                             MonitorCounters *channelSink)
    : m_monitored(monitored.handle())
    , m_events(context, zmq::socket_type::pair)
    , m_sink(channelSink)
{
    const std::string endpoint = nextMonitorEndpoint();
    if (zmq_socket_monitor(monitored.handle(), endpoint.c_str(), kWatchedEvents) != 0)
        throw zmq::error_t();
    m_events.set(zmq::sockopt::linger, 0);
    m_events.connect(endpoint);
}

SocketMonitor::~SocketMonitor()
{
    // Left running, libzmq's side of the monitor can still be handing an event (allocated on an
    // I/O thread) to this PAIR while both close, and libzmq 4.3.4 then loses that message: a
    // leak LSan reports now and then. Stopping first ends the events under libzmq's monitor
    // lock; what is already queued is received and dropped here, not applied (the owner is
    // half destroyed).
    // The C calls, not cppzmq's: they report failure (e.g. a terminated context) instead of
    // throwing from a destructor.
    zmq_socket_monitor(m_monitored, nullptr, 0);
    char ignored = 0;
    while (zmq_recv(m_events.handle(), &ignored, sizeof ignored, ZMQ_DONTWAIT) >= 0) {
    }
}

int SocketMonitor::drain()
{
    int events = 0;
    for (;;) {
        // Frame 1: event number (u16) and value (u32); frame 2: the endpoint concerned.
        if (!m_events.recv(m_frame, zmq::recv_flags::dontwait))
            return events;
        std::uint16_t event = 0;
        std::uint32_t value = 0;
        const bool wellFormed = m_frame.size() >= sizeof event + sizeof value;
        if (wellFormed) {
            std::memcpy(&event, m_frame.data(), sizeof event);
            std::memcpy(&value, static_cast<const char *>(m_frame.data()) + sizeof event,
                        sizeof value);
        }
        while (m_frame.more()) {
            if (!m_events.recv(m_frame, zmq::recv_flags::dontwait))
                break;
            m_lastAddress.assign(static_cast<const char *>(m_frame.data()), m_frame.size());
        }
        if (wellFormed)
            apply(event, value);
        ++events;
    }
}

void SocketMonitor::apply(std::uint16_t event, std::uint32_t value)
{
    if (event == ZMQ_EVENT_BIND_FAILED)
        m_lastBindError = static_cast<int>(value);
    change(m_counters, event);
    if (m_sink)
        change(*m_sink, event);
    // libzmq follows a failed handshake (a refused CURVE key, a peer that is no ZMTP peer) with
    // DISCONNECTED too; that connection never carried events, so it is not a lost one.
    if (event & kHandshakeFailed)
        m_handshakeFailed = true;
    if (event == ZMQ_EVENT_DISCONNECTED && !std::exchange(m_handshakeFailed, false)
        && m_onDisconnected)
        m_onDisconnected(m_lastAddress);
    if (event == ZMQ_EVENT_CONNECT_RETRIED && m_onConnectRetried)
        m_onConnectRetried(m_lastAddress);
}

} // namespace evflow::transport
