#include "transport/TelemetryPublisher.h"

#include "model/Endpoint.h"
#include "transport/ZapHandler.h"

#include <zmq.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

namespace evflow::transport {

namespace {
/// The ZAP domain of the telemetry socket (its own context has no other CURVE server).
constexpr const char *kZapDomain = "telemetry";
} // namespace

struct TelemetryPublisher::Impl
{
    SnapshotSource source;
    DetailSource detailSource;
    std::set<model::DetailRequest> watched; // publisher thread only, once started
    std::chrono::milliseconds period;
    zmq::context_t context{1};
    std::optional<CurveKeyPair> curve;
    std::set<CurveKey> allowedClients;
    std::unique_ptr<ZapHandler> zap; // before the socket: it must outlive the CURVE server
    std::optional<zmq::socket_t> socket;
    std::string endpoint;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopRequested = false; // guarded by mutex
    std::atomic<std::uint64_t> published{0};
    std::atomic<std::uint64_t> failures{0};
    std::atomic<std::uint64_t> refusedDetails{0};
    std::atomic<std::size_t> watchedCount{0}; // watched.size(), for other threads

    void loop();
    void publishOnce();
    void readSubscriptions();
    void publishDetails();
    void send(std::string_view topic, const std::string &body);
};

void TelemetryPublisher::Impl::send(std::string_view topic, const std::string &body)
{
    // Never blocks: with no subscriber or a full queue the message is dropped, which the client
    // sees as a missed seq (snapshots) or an older answer (details).
    socket->send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    socket->send(zmq::buffer(body), zmq::send_flags::dontwait);
}

void TelemetryPublisher::Impl::readSubscriptions()
{
    // XPUB delivers a topic's first subscription and its last unsubscription (of all clients):
    // exactly the set of details someone watches. The snapshot topic comes this way too.
    zmq::message_t message;
    while (socket->recv(message, zmq::recv_flags::dontwait)) {
        const std::string_view bytes = message.to_string_view();
        if (bytes.empty())
            continue;
        const auto request = model::parseDetailTopic(bytes.substr(1));
        if (!request)
            continue;
        if (bytes[0] == 0)
            watched.erase(*request);
        else if (watched.size() < kMaxWatchedDetails)
            watched.insert(*request);
        else
            refusedDetails.fetch_add(1, std::memory_order_relaxed);
    }
    watchedCount.store(watched.size(), std::memory_order_relaxed);
}

void TelemetryPublisher::Impl::publishDetails()
{
    for (const model::DetailRequest &request : watched) {
        try {
            model::DetailAnswer answer = detailSource(request);
            answer.request = request;
            send(model::detailTopic(request), model::detailToJson(answer));
        } catch (...) {
            failures.fetch_add(1, std::memory_order_relaxed);
        }
    }
}

void TelemetryPublisher::Impl::publishOnce()
{
    // Everything that can throw (the caller's function, allocation, a closed context) is caught:
    // an exception escaping this thread would terminate the process.
    try {
        const model::RunSnapshot snapshot = source();
        const std::uint64_t seq = published.load(std::memory_order_relaxed) + 1;
        const std::string text = model::snapshotToJson(snapshot, seq);
        send(kTelemetryTopic, text);
        published.store(seq, std::memory_order_relaxed);
    } catch (...) {
        failures.fetch_add(1, std::memory_order_relaxed);
    }
    try {
        readSubscriptions(); // always, so that they do not pile up unread
    } catch (...) {
        failures.fetch_add(1, std::memory_order_relaxed);
    }
    if (detailSource)
        publishDetails();
}

void TelemetryPublisher::Impl::loop()
{
    std::unique_lock lock(mutex);
    while (!stopRequested) {
        lock.unlock();
        publishOnce();
        lock.lock();
        wake.wait_for(lock, period, [this] { return stopRequested; });
    }
    lock.unlock();
    publishOnce(); // the final state, so a client sees "stopped"
}

TelemetryPublisher::TelemetryPublisher(SnapshotSource source, std::chrono::milliseconds period)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->source = std::move(source);
    m_impl->period = period.count() > 0 ? period : std::chrono::milliseconds(1);
}

TelemetryPublisher::~TelemetryPublisher()
{
    stop();
}

bool TelemetryPublisher::start(const std::string &endpoint, std::string &error)
{
    if (m_impl->socket) {
        error = "telemetry is already published on " + m_impl->endpoint;
        return false;
    }
    const auto parsed = model::parseEndpoint(endpoint);
    if (!parsed) {
        error = "invalid telemetry endpoint " + endpoint + ": " + parsed.error;
        return false;
    }
    try {
        zmq::socket_t socket(m_impl->context, zmq::socket_type::xpub);
        socket.set(zmq::sockopt::linger, 200);
        // Old snapshots are worthless once a newer one exists: keep the queue short, with room
        // for one round of details besides.
        socket.set(zmq::sockopt::sndhwm, static_cast<int>(16 + kMaxWatchedDetails));
        if (m_impl->curve) {
            // The handler first: a CURVE server without one would accept any client key.
            m_impl->zap.reset(); // a stopped one from an earlier start() answers nothing
            m_impl->zap = std::make_unique<ZapHandler>(
                m_impl->context, ZapHandler::AllowLists{{kZapDomain, m_impl->allowedClients}});
            socket.set(zmq::sockopt::curve_server, true);
            socket.set(zmq::sockopt::curve_secretkey, m_impl->curve->secretKey);
            socket.set(zmq::sockopt::zap_domain, std::string(kZapDomain));
        }
        socket.bind(endpoint);
        m_impl->endpoint = socket.get(zmq::sockopt::last_endpoint);
        m_impl->socket.emplace(std::move(socket));
    } catch (const zmq::error_t &e) {
        error = "cannot publish telemetry on " + endpoint + ": " + e.what();
        return false;
    }
    m_impl->stopRequested = false;
    // The socket was made on this thread and is used only by the worker from now on; starting a
    // thread is a full memory barrier, which is all ZeroMQ asks for when a socket changes thread.
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->loop(); });
    return true;
}

void TelemetryPublisher::stop()
{
    if (!m_impl->thread.joinable())
        return;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stopRequested = true;
    }
    m_impl->wake.notify_all();
    m_impl->thread.join();
    m_impl->socket.reset(); // close; linger bounds the wait for the final message
    if (m_impl->zap)
        m_impl->zap->stop();
}

bool TelemetryPublisher::setCurve(const CurveKeyPair &server,
                                  const std::vector<CurveKey> &allowedClients, std::string &error)
{
    if (m_impl->thread.joinable()) {
        error = "CURVE must be set before telemetry starts";
        return false;
    }
    if (!isCurveKey(server.publicKey) || !isCurveKey(server.secretKey)) {
        error = "the telemetry key pair is not 40 characters of Z85 each";
        return false;
    }
    for (const CurveKey &key : allowedClients) {
        if (!isCurveKey(key)) {
            error = "an allowed client key is not 40 characters of Z85";
            return false;
        }
    }
    m_impl->curve = server;
    m_impl->allowedClients = {allowedClients.begin(), allowedClients.end()};
    return true;
}

std::uint64_t TelemetryPublisher::refusedClients() const
{
    return m_impl->zap ? m_impl->zap->refused(kZapDomain) : 0;
}

void TelemetryPublisher::setDetailSource(DetailSource source)
{
    if (!m_impl->thread.joinable())
        m_impl->detailSource = std::move(source);
}

std::size_t TelemetryPublisher::watchedDetails() const
{
    return m_impl->watchedCount.load(std::memory_order_relaxed);
}

std::uint64_t TelemetryPublisher::refusedDetails() const
{
    return m_impl->refusedDetails.load(std::memory_order_relaxed);
}

std::string TelemetryPublisher::endpoint() const
{
    return m_impl->endpoint;
}

std::uint64_t TelemetryPublisher::published() const
{
    return m_impl->published.load(std::memory_order_relaxed);
}

std::uint64_t TelemetryPublisher::failures() const
{
    return m_impl->failures.load(std::memory_order_relaxed);
}

} // namespace evflow::transport
