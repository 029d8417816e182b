#include "transport/Recorder.h"

#include "model/CloudEventJson.h"
#include "model/Endpoint.h"
#include "model/Event.h"
#include "transport/CloudEventReader.h"
#include "transport/SocketMonitor.h"

#include <zmq.hpp>

#include <optional>

namespace evflow::transport {
namespace {

/// Messages handled per pollOnce() at most, so that a flood still lets the caller see its stop
/// flag regularly.
constexpr std::size_t kMaxMessagesPerPoll = 4096;

} // namespace

struct Recorder::Impl
{
    RecorderOptions options;
    zmq::context_t context{1};
    std::optional<zmq::socket_t> socket;
    std::optional<SocketMonitor> monitor;
    std::string endpoint;
    RecorderStats stats;
    CloudEventReader reader;
    model::Event event; // reused: decoding into it keeps its capacity

    bool receiveOne(const Sink &sink);
    void malformed(std::string reason);
    void updateConnections();
};

void Recorder::Impl::malformed(std::string reason)
{
    ++stats.malformed;
    if (stats.malformedReasons.size() < options.keptReasons)
        stats.malformedReasons.push_back("message " + std::to_string(stats.messages) + ": "
                                         + reason);
}

void Recorder::Impl::updateConnections()
{
    monitor->drain();
    stats.connects = monitor->counters().connects.load(std::memory_order_relaxed);
    stats.connectedPeers = monitor->counters().connectedPeers.load(std::memory_order_relaxed);
}

bool Recorder::Impl::receiveOne(const Sink &sink)
{
    const CloudEventReader::Result result = reader.receive(*socket, event);
    if (result == CloudEventReader::Result::None)
        return false;
    ++stats.messages;
    if (result == CloudEventReader::Result::Malformed) {
        malformed(reader.error());
        return true;
    }
    ++stats.events;
    sink(model::toCloudEventJson(event));
    return true;
}

Recorder::Recorder(RecorderOptions options)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->options = std::move(options);
}

Recorder::~Recorder()
{
    m_impl->monitor.reset();
    m_impl->socket.reset();
}

bool Recorder::open(std::string &error)
{
    const RecorderOptions &o = m_impl->options;
    const auto parsed = model::parseEndpoint(o.endpoint);
    if (!parsed) {
        error = "invalid endpoint " + o.endpoint + ": " + parsed.error;
        return false;
    }
    const char *verb = o.bind ? "bind" : "connect to";
    try {
        const auto type
            = o.socket == RecorderSocket::Sub ? zmq::socket_type::sub : zmq::socket_type::pull;
        zmq::socket_t socket(m_impl->context, type);
        socket.set(zmq::sockopt::linger, 0);
        socket.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(o.maxMessageBytes));
        if (o.socket == RecorderSocket::Sub)
            socket.set(zmq::sockopt::subscribe, std::string_view());
        // A failed bind reports itself to an attached monitor, and libzmq's send of that event
        // overwrites errno ("Resource temporarily unavailable" instead of "Address already in
        // use"): so monitor a binding socket only once it is bound. A peer accepted in between
        // is not counted in stats().connects (connectedPeers is then one low until it leaves).
        if (o.bind) {
            socket.bind(o.endpoint);
            m_impl->monitor.emplace(m_impl->context, socket);
        } else {
            m_impl->monitor.emplace(m_impl->context, socket);
            socket.connect(o.endpoint);
        }
        m_impl->endpoint = o.bind ? socket.get(zmq::sockopt::last_endpoint) : o.endpoint;
        m_impl->socket.emplace(std::move(socket));
    } catch (const zmq::error_t &e) {
        m_impl->monitor.reset();
        error = std::string("cannot ") + verb + " " + o.endpoint + ": " + e.what();
        return false;
    }
    return true;
}

const std::string &Recorder::endpoint() const
{
    return m_impl->endpoint;
}

std::size_t Recorder::pollOnce(std::chrono::milliseconds timeout, const Sink &sink)
{
    if (!m_impl->socket)
        return 0;
    std::size_t handled = 0;
    try {
        zmq::pollitem_t item{m_impl->socket->handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, timeout) > 0) {
            while (handled < kMaxMessagesPerPoll && m_impl->receiveOne(sink))
                ++handled;
        }
        m_impl->updateConnections();
    } catch (const zmq::error_t &e) {
        // A signal interrupts the wait (EINTR): the caller checks its stop flag. Anything else
        // is recorded; the caller decides whether to go on.
        if (e.num() != EINTR)
            m_impl->stats.receiveError = e.what();
    }
    return handled;
}

void Recorder::run(const std::function<bool()> &shouldStop, const Sink &sink,
                   std::chrono::milliseconds interval)
{
    while (!shouldStop())
        pollOnce(interval, sink);
}

const RecorderStats &Recorder::stats() const
{
    return m_impl->stats;
}

} // namespace evflow::transport
