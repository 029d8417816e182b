#include "transport/TelemetryPublisher.h"

#include "model/Endpoint.h"

#include <zmq.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace evflow::transport {

struct TelemetryPublisher::Impl
{
    SnapshotSource source;
    std::chrono::milliseconds period;
    zmq::context_t context{1};
    std::optional<zmq::socket_t> socket;
    std::string endpoint;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopRequested = false; // guarded by mutex
    std::atomic<std::uint64_t> published{0};
    std::atomic<std::uint64_t> failures{0};

    void loop();
    void publishOnce();
};

void TelemetryPublisher::Impl::publishOnce()
{
    // Everything that can throw (the caller's function, allocation, a closed context) is caught:
    // an exception escaping this thread would terminate the process.
    try {
        const model::RunSnapshot snapshot = source();
        const std::uint64_t seq = published.load(std::memory_order_relaxed) + 1;
        const std::string text = model::snapshotToJson(snapshot, seq);
        const std::string_view topic(kTelemetryTopic);
        // PUB never blocks: with no subscriber or a full queue the message is dropped, which the
        // client sees as a missed seq.
        socket->send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
        socket->send(zmq::buffer(text), zmq::send_flags::dontwait);
        published.store(seq, std::memory_order_relaxed);
    } catch (...) {
        failures.fetch_add(1, std::memory_order_relaxed);
    }
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
        zmq::socket_t socket(m_impl->context, zmq::socket_type::pub);
        socket.set(zmq::sockopt::linger, 200);
        // Old snapshots are worthless once a newer one exists: keep the queue short.
        socket.set(zmq::sockopt::sndhwm, 16);
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
