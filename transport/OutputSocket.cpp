#include "transport/OutputSocket.h"

#include <algorithm>

namespace evflow::transport {
namespace {

constexpr unsigned kServiceEvery = 256;

zmq::socket_type socketTypeFor(const ChannelPlan &plan)
{
    return plan.pattern == ChannelPattern::Queue ? zmq::socket_type::push : zmq::socket_type::xpub;
}

/// The channel-level monitor sink: the binder speaks for the channel when it is local,
/// otherwise every local connector adds its own connection.
MonitorCounters *channelSink(const ChannelPlan &plan, bool binds, ChannelCounters &counters)
{
    return binds || !detail::binderIsLocal(plan) ? &counters.monitor : nullptr;
}

zmq::socket_t &configured(zmq::socket_t &socket, const ChannelPlan &plan,
                          const SocketSettings &settings, bool binds)
{
    detail::applyChannelOptions(socket, plan, settings, false);
    detail::applyHeartbeats(socket, plan, settings, false, binds);
    if (plan.pattern == ChannelPattern::Queue) {
        // A blocked send wakes up every pollTimeout to look at the stop flag.
        socket.set(zmq::sockopt::sndtimeo, static_cast<int>(settings.pollTimeout.count()));
        // Queue only to peers that completed their connection, never to a dead endpoint.
        if (!binds)
            socket.set(zmq::sockopt::immediate, true);
    } else {
        socket.set(zmq::sockopt::xpub_verbose, 1);
    }
    return socket;
}

} // namespace

OutputSocket::OutputSocket(RunContext &run, const ChannelPlan &plan, const model::NodeId &writer,
                           ChannelCounters &counters, const std::atomic<bool> &stop)
    : m_run(run)
    , m_plan(plan)
    , m_node(writer)
    , m_counters(counters)
    , m_stop(stop)
    , m_binds(plan.binds(writer))
    , m_xpub(plan.pattern != ChannelPattern::Queue)
    , m_announces(hasRemoteReaders(plan))
    , m_socket(run.context, socketTypeFor(plan))
    , m_monitor(run.context, configured(m_socket, plan, run.settings, m_binds),
                channelSink(plan, m_binds, counters))
{
    expectSubscribers();
}

void OutputSocket::expectSubscribers()
{
    if (m_plan.pattern == ChannelPattern::Broker) {
        // Through the proxy's XSUB each distinct prefix reaches a writer at least once; which
        // reader asked for it is the proxy's business (it waits for every reader itself).
        std::vector<std::string> seen;
        for (const auto &r : m_plan.readers)
            for (const auto &p : r.prefixes)
                if (std::find(seen.begin(), seen.end(), p) == seen.end()) {
                    seen.push_back(p);
                    m_subscriptions.expectSubscriber({p});
                }
    } else if (m_plan.pattern == ChannelPattern::PubSub) {
        for (const auto &r : m_plan.readers)
            m_subscriptions.expectSubscriber(r.prefixes);
    } else {
        // ZeroMQ reports no connection events on inproc; there a connect is complete at once.
        m_checksPeers = m_plan.endpoint.rfind("inproc://", 0) != 0;
        m_expectedPeers = m_binds ? static_cast<std::int64_t>(m_plan.readers.size()) : 1;
    }
}

bool OutputSocket::bind()
{
    if (!m_binds)
        return true;
    return detail::bindAndPublish(m_run, m_socket, m_monitor, m_plan, m_plan.writerEndpoint(),
                                  ResolvedEndpoints::key(m_plan.id.value), m_node);
}

bool OutputSocket::connect()
{
    if (m_binds)
        return true;
    return detail::resolveAndConnect(m_run, m_socket, m_plan, m_plan.writerEndpoint(),
                                     ResolvedEndpoints::key(m_plan.id.value), m_node);
}

bool OutputSocket::ready() const
{
    if (m_xpub) {
        const bool proxyReady = m_plan.pattern != ChannelPattern::Broker || !m_plan.proxyLocal
                                || m_counters.brokerReady.load(std::memory_order_acquire);
        return proxyReady && m_subscriptions.satisfied();
    }
    return !m_checksPeers || m_monitor.counters().connectedPeers.load() >= m_expectedPeers;
}

bool OutputSocket::waitReady()
{
    const auto deadline = std::chrono::steady_clock::now() + m_run.settings.readinessTimeout;
    zmq::pollitem_t items[]
        = {{m_socket.handle(), 0, ZMQ_POLLIN, 0}, {m_monitor.socket().handle(), 0, ZMQ_POLLIN, 0}};
    while (!m_stop.load(std::memory_order_relaxed)) {
        service();
        if (ready())
            return true;
        if (std::chrono::steady_clock::now() >= deadline) {
            m_run.errors.report(m_node, RunErrorKind::Readiness, notReadyMessage());
            return true;
        }
        // Short waits: the broker's readiness flag changes without any socket event here.
        zmq::poll(items, 2, std::chrono::milliseconds(10));
    }
    return false;
}

std::string OutputSocket::notReadyMessage() const
{
    const std::string head = detail::describeChannel(m_plan) + ": ";
    const std::string tail = " after " + detail::formatSeconds(m_run.settings.readinessTimeout)
                             + " (writer '" + m_node.value + "' starts anyway)";
    if (m_plan.pattern == ChannelPattern::Queue)
        return head + "only " + std::to_string(m_monitor.counters().connectedPeers.load()) + " of "
               + std::to_string(m_expectedPeers) + " readers connected" + tail;
    if (m_plan.pattern == ChannelPattern::Broker && !m_subscriptions.satisfied())
        return head + "only " + std::to_string(m_subscriptions.readySubscribers()) + " of "
               + std::to_string(m_subscriptions.expectedSubscribers())
               + " subscription prefixes reached the writer" + tail;
    if (m_plan.pattern == ChannelPattern::Broker)
        return head + "the proxy did not see every subscriber" + tail;
    return head + "only " + std::to_string(m_subscriptions.readySubscribers()) + " of "
           + std::to_string(m_subscriptions.expectedSubscribers()) + " subscribers ready" + tail;
}

void OutputSocket::service()
{
    m_sinceService = 0;
    try {
        m_monitor.drain();
        if (!m_xpub)
            return;
        while (m_socket.recv(m_incoming, zmq::recv_flags::dontwait))
            m_subscriptions.onMessage(
                {static_cast<const std::byte *>(m_incoming.data()), m_incoming.size()});
    } catch (const zmq::error_t &e) {
        // Shutting down: the next send() reports Stopped; anything else is a real failure.
        if (!isShutdownError(e.num()))
            throw;
    }
}

void OutputSocket::announce(const model::EncodedFrames &frames)
{
    if (!m_announces)
        return;
    const std::size_t copies = m_plan.pattern == ChannelPattern::Queue ? m_plan.readers.size() : 1;
    for (std::size_t i = 0; i < copies; ++i)
        if (sendFrames(m_socket, frames, m_stop) != SendResult::Sent)
            return;
}

SendResult OutputSocket::send(const model::EncodedFrames &frames)
{
    return send(frames.type, frames.header, frames.data);
}

SendResult OutputSocket::send(std::span<const std::byte> type, std::span<const std::byte> header,
                              std::span<const std::byte> data)
{
    if (++m_sinceService >= kServiceEvery)
        service();
    const SendResult result = sendFrames(m_socket, type, header, data, m_stop);
    if (result == SendResult::Sent)
        m_counters.sent.fetch_add(1, std::memory_order_relaxed);
    return result;
}

} // namespace evflow::transport
