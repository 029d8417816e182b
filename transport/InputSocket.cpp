#include "transport/InputSocket.h"

#include "model/StreamEndMessage.h"

#include <algorithm>

namespace evflow::transport {
namespace {

zmq::socket_type socketTypeFor(const ChannelPlan &plan)
{
    return plan.pattern == ChannelPattern::Queue ? zmq::socket_type::pull : zmq::socket_type::sub;
}

std::vector<std::string> prefixesFor(const ChannelPlan &plan, const model::NodeId &reader)
{
    const PlannedReader *r = plan.findReader(reader);
    return r ? r->prefixes : std::vector<std::string>{""};
}

zmq::socket_t &configured(zmq::socket_t &socket, const ChannelPlan &plan,
                          const SocketSettings &settings, const std::vector<std::string> &prefixes,
                          bool binds)
{
    detail::applyChannelOptions(socket, plan, settings, true);
    detail::applyHeartbeats(socket, plan, settings, true, binds);
    // Subscribe before connecting: the subscriptions then travel with the connection itself.
    if (plan.pattern == ChannelPattern::Queue)
        return socket;
    for (const auto &p : prefixes)
        socket.set(zmq::sockopt::subscribe, p);
    // Writers on other hosts announce their stream ends on the channel; "" already selects them.
    const bool everything = std::find(prefixes.begin(), prefixes.end(), "") != prefixes.end();
    if (hasRemoteWriters(plan) && !everything)
        socket.set(zmq::sockopt::subscribe, model::kStreamEndTopic);
    return socket;
}

MonitorCounters *channelSink(const ChannelPlan &plan, bool binds, ChannelCounters &counters)
{
    return binds || !detail::binderIsLocal(plan) ? &counters.monitor : nullptr;
}

/// Whether every peer of this reader's socket runs in another process: then a lost connection
/// is news (a local writer closing at the end of the run is not).
bool peersAreRemote(const ChannelPlan &plan, bool binds)
{
    if (!binds)
        return !detail::binderIsLocal(plan);
    return std::none_of(plan.writers.begin(), plan.writers.end(),
                        [](const PlannedWriter &w) { return w.local; });
}

} // namespace

InputSocket::InputSocket(RunContext &run, const ChannelPlan &plan, const model::NodeId &reader,
                         ChannelCounters &counters)
    : m_run(run)
    , m_plan(plan)
    , m_node(reader)
    , m_counters(counters)
    , m_prefixes(prefixesFor(plan, reader))
    , m_binds(plan.binds(reader))
    , m_socket(run.context, socketTypeFor(plan))
    , m_monitor(run.context, configured(m_socket, plan, run.settings, m_prefixes, m_binds),
                channelSink(plan, m_binds, counters))
{
    if (peersAreRemote(plan, m_binds))
        m_monitor.onDisconnected([this](const std::string &endpoint) { reportLost(endpoint); });
    // A reader that connects to another process has no writer here whose readiness wait would
    // notice that nobody listens: it says so itself, once, after the same timeout.
    if (!m_binds && !detail::binderIsLocal(plan))
        m_monitor.onConnectRetried(
            [this](const std::string &endpoint) { reportUnreachable(endpoint); });
}

void InputSocket::reportUnreachable(const std::string &endpoint)
{
    const auto waited = std::chrono::steady_clock::now() - m_created;
    if (m_reportedUnreachable || m_monitor.counters().connects.load() > 0
        || waited < m_run.settings.readinessTimeout)
        return;
    m_reportedUnreachable = true;
    m_run.errors.report(m_node, RunErrorKind::Readiness,
                        detail::describeChannel(m_plan) + ": node '" + m_node.value
                            + "' cannot reach " + endpoint + ": no connection after "
                            + detail::formatSeconds(m_run.settings.readinessTimeout)
                            + " (ZeroMQ keeps trying; delivery starts when the peer is there)");
}

void InputSocket::reportLost(const std::string &endpoint)
{
    if (m_writersEnded)
        return; // they said goodbye: their host closing the connection is the end, not a loss
    // ZeroMQ does not say why (libzmq 4.3 emits the same DISCONNECTED for all of these), so
    // the message lists what it can be; what was in flight shows up as gaps once the stream
    // continues, and the connection comes back by itself when the peer does.
    std::string why = "the peer closed it or died";
    if (m_binds && m_plan.heartbeatMillis > 0) // connecting readers have none (SocketSetup)
        why += ", stopped answering heartbeats for "
               + detail::formatSeconds(detail::heartbeatTimeout(m_plan));
    why += " or sent a message over maxMessageSize (" + std::to_string(m_plan.maxMessageSize)
           + " bytes)";
    m_run.errors.report(m_node, RunErrorKind::Io,
                        detail::describeChannel(m_plan) + ": node '" + m_node.value + "' lost "
                            + (m_binds ? "a peer's connection on " : "its connection to ")
                            + endpoint + ": " + why
                            + "; events in flight are lost (gaps), delivery resumes when the "
                              "peer is back");
}

bool InputSocket::bind()
{
    if (!m_binds)
        return true;
    return detail::bindAndPublish(m_run, m_socket, m_monitor, m_plan, m_plan.readerEndpoint(),
                                  ResolvedEndpoints::key(m_plan.id.value), m_node);
}

bool InputSocket::connect()
{
    if (m_binds)
        return true;
    const bool backend = m_plan.pattern == ChannelPattern::Broker;
    return detail::resolveAndConnect(m_run, m_socket, m_plan, m_plan.readerEndpoint(),
                                     ResolvedEndpoints::key(m_plan.id.value, backend), m_node);
}

void InputSocket::service()
{
    try {
        // Reading ZMQ_EVENTS makes the socket process its pending commands (new peers).
        (void)m_socket.get(zmq::sockopt::events);
        m_monitor.drain();
    } catch (const zmq::error_t &e) {
        if (!isShutdownError(e.num()))
            throw;
    }
}

int InputSocket::readAvailable(FrameHandler &handler, int maxMessages)
{
    int read = 0;
    while (read < maxMessages) {
        switch (m_reader.tryRecv(m_socket)) {
        case RecvResult::Nothing: return read;
        case RecvResult::Stopped: return -1;
        case RecvResult::Message:
            if (model::isStreamEndTopic(m_reader.type())) {
                handler.onStreamEnd(*this, m_reader);
                break;
            }
            ++m_received;
            m_counters.received.fetch_add(1, std::memory_order_relaxed);
            handler.onFrames(*this, m_reader);
            break;
        case RecvResult::Malformed:
            if (m_malformed++ == 0)
                m_run.errors.report(m_node, RunErrorKind::Malformed,
                                    detail::describeChannel(m_plan) + ": node '" + m_node.value
                                        + "' received a message of "
                                        + std::to_string(m_reader.frameCount())
                                        + " frames, expected 3 (counted as malformed; further "
                                          "ones are only counted)");
            m_counters.malformed.fetch_add(1, std::memory_order_relaxed);
            handler.onMalformed(*this, m_reader.frameCount());
            break;
        }
        ++read;
    }
    return read;
}

} // namespace evflow::transport
