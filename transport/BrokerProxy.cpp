#include "transport/BrokerProxy.h"

#include "model/StreamEndMessage.h"

#include "transport/FrameIo.h"

namespace evflow::transport {
namespace {

zmq::socket_t &configured(zmq::socket_t &socket, const ChannelPlan &plan,
                          const SocketSettings &settings, bool backend)
{
    detail::applyChannelOptions(socket, plan, settings, !backend);
    detail::applyHeartbeats(socket, plan, settings, !backend, true);
    // Verbose: pass every subscription upstream, duplicates included, so that writers and the
    // readiness count see each reader's subscriptions, not only the first of each prefix.
    if (backend)
        socket.set(zmq::sockopt::xpub_verbose, 1);
    return socket;
}

/// At most this many messages per direction per wake-up, so neither direction starves.
constexpr int kForwardBatch = 512;

} // namespace

BrokerProxy::BrokerProxy(RunContext &run, const ChannelPlan &plan, ChannelCounters &counters,
                         const std::atomic<bool> &stop)
    : m_run(run)
    , m_plan(plan)
    , m_counters(counters)
    , m_stop(stop)
    , m_frontend(run.context, zmq::socket_type::xsub)
    , m_backend(run.context, zmq::socket_type::xpub)
    , m_frontendMonitor(run.context, configured(m_frontend, plan, run.settings, false),
                        &counters.monitor)
    , m_backendMonitor(run.context, configured(m_backend, plan, run.settings, true),
                       &counters.monitor)
{
    for (const auto &r : plan.readers)
        m_subscriptions.expectSubscriber(r.prefixes);
}

bool BrokerProxy::bind()
{
    return detail::bindAndPublish(m_run, m_frontend, m_frontendMonitor, m_plan, m_plan.endpoint,
                                  ResolvedEndpoints::key(m_plan.id.value), m_plan.id)
           && detail::bindAndPublish(m_run, m_backend, m_backendMonitor, m_plan,
                                     m_plan.backendEndpoint,
                                     ResolvedEndpoints::key(m_plan.id.value, true), m_plan.id);
}

bool BrokerProxy::pump(std::chrono::milliseconds timeout)
{
    if (!m_started) {
        m_started = true;
        m_readinessDeadline = std::chrono::steady_clock::now() + m_run.settings.readinessTimeout;
    }
    zmq::pollitem_t items[] = {{m_frontend.handle(), 0, ZMQ_POLLIN, 0},
                               {m_backend.handle(), 0, ZMQ_POLLIN, 0},
                               {m_frontendMonitor.socket().handle(), 0, ZMQ_POLLIN, 0},
                               {m_backendMonitor.socket().handle(), 0, ZMQ_POLLIN, 0}};
    try {
        zmq::poll(items, 4, timeout);
        if (items[0].revents & ZMQ_POLLIN)
            m_counters.forwarded.fetch_add(forward(m_frontend, m_backend, true),
                                           std::memory_order_relaxed);
        if (items[1].revents & ZMQ_POLLIN)
            forward(m_backend, m_frontend, false);
        m_frontendMonitor.drain();
        m_backendMonitor.drain();
    } catch (const zmq::error_t &e) {
        if (isShutdownError(e.num()))
            return false;
        throw;
    }
    if (!ready())
        checkReadiness();
    return true;
}

int BrokerProxy::forward(zmq::socket_t &from, zmq::socket_t &to, bool downstream)
{
    int messages = 0;
    for (int read = 0; read < kForwardBatch && from.recv(m_part, zmq::recv_flags::dontwait);
         ++read) {
        // A message's parts arrive together, so the inner reads never wait.
        bool more = m_part.more();
        const std::span<const std::byte> first{static_cast<const std::byte *>(m_part.data()),
                                               m_part.size()};
        if (!downstream)
            m_subscriptions.onMessage(first);
        // A stream-end announcement passes through like an event but is none: not counted,
        // noted instead (finished() waits for every writer's).
        const bool event = !downstream || !model::isStreamEndTopic(first);
        m_announcement.clear();
        while (true) {
            if (!event)
                m_announcement.emplace_back().copy(m_part);
            to.send(m_part, more ? zmq::send_flags::sndmore : zmq::send_flags::none);
            if (!more || !from.recv(m_part, zmq::recv_flags::dontwait))
                break;
            more = m_part.more();
        }
        if (event)
            ++messages;
        else
            noteAnnouncement();
    }
    return messages;
}

void BrokerProxy::noteAnnouncement()
{
    const auto bytes = [&](std::size_t i) {
        return std::span<const std::byte>(static_cast<const std::byte *>(m_announcement[i].data()),
                                          m_announcement[i].size());
    };
    if (m_announcement.size() != 3
        || !model::decodeStreamEnd(bytes(0), bytes(1), bytes(2), m_decoded).ok())
        return; // the readers report it (InputWorker::onStreamEnd)
    if (!m_announced.emplace(m_decoded.writer, m_decoded.port).second)
        return;
    m_counters.lastNewAnnouncementMicros.store(systemMicrosNow(), std::memory_order_relaxed);
    m_counters.announcedWriters.store(m_announced.size(), std::memory_order_release);
}

void BrokerProxy::checkReadiness()
{
    if (m_subscriptions.satisfied()) {
        m_counters.brokerReady.store(true, std::memory_order_release);
        return;
    }
    if (std::chrono::steady_clock::now() < m_readinessDeadline)
        return;
    m_run.errors.report(m_plan.id, RunErrorKind::Readiness,
                        detail::describeChannel(m_plan) + ": only "
                            + std::to_string(m_subscriptions.readySubscribers()) + " of "
                            + std::to_string(m_subscriptions.expectedSubscribers())
                            + " subscribers ready after "
                            + detail::formatSeconds(m_run.settings.readinessTimeout)
                            + " (the proxy starts anyway)");
    // Writers wait for this flag: release them rather than make each time out again.
    m_counters.brokerReady.store(true, std::memory_order_release);
}

void BrokerProxy::run()
{
    while (!m_stop.load(std::memory_order_relaxed))
        if (!pump(m_run.settings.pollTimeout))
            return;
}

} // namespace evflow::transport
