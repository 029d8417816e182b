#include "transport/TelemetryClient.h"

#include "model/Endpoint.h"
#include "transport/SocketMonitor.h"
#include "transport/TelemetryPublisher.h"

#include <zmq.hpp>

#include <map>
#include <string_view>

namespace evflow::transport {

struct TelemetryClient::Impl
{
    zmq::context_t context{1};
    std::optional<zmq::socket_t> socket;
    std::optional<SocketMonitor> monitor;
    std::optional<model::RunSnapshot> latest;
    std::chrono::steady_clock::time_point latestAt;
    TelemetryStatus status;
    zmq::message_t topic;
    zmq::message_t body;
    std::map<model::DetailRequest, std::optional<model::DetailAnswer>> details; ///< the watched
    /// The newest body of each watched detail received in this poll, parsed once at its end:
    /// a publisher resends every detail with every snapshot, and parsing each of a backlog of
    /// large answers (recent events) stalled the GUI thread for a minute in a sanitizer build.
    std::map<model::DetailRequest, zmq::message_t> unparsed;
    std::optional<CurveKeyPair> curveClient;
    CurveKey curveServer;

    /// Reads one whole message; false when none is waiting.
    bool receive(int &frames);
    void handle(int frames, std::optional<model::RunSnapshot> &newest);
    void handleSnapshot(std::optional<model::RunSnapshot> &newest);
    /// poll(all)'s list while it runs: every valid snapshot is appended; null otherwise.
    std::vector<model::RunSnapshot> *all = nullptr;
    void handleDetail(const model::DetailRequest &request);
    /// Parses what handleDetail() kept: one answer per watched detail.
    void parseDetails();

    void malformed(std::string reason);
    void sequence(std::uint64_t seq);
};

bool TelemetryClient::Impl::receive(int &frames)
{
    if (!socket->recv(topic, zmq::recv_flags::dontwait))
        return false;
    frames = 1;
    if (topic.more()) {
        // The rest of a message is delivered atomically with its first frame.
        (void)socket->recv(body, zmq::recv_flags::dontwait);
        frames = 2;
        zmq::message_t extra;
        while (body.more() && socket->recv(extra, zmq::recv_flags::dontwait)) {
            ++frames;
            if (!extra.more())
                break;
        }
    }
    return true;
}

void TelemetryClient::Impl::malformed(std::string reason)
{
    ++status.malformed;
    status.lastMalformed = std::move(reason);
}

void TelemetryClient::Impl::sequence(std::uint64_t seq)
{
    // The first snapshot sets the reference: messages sent before we joined were not missed.
    if (status.updates > 0 && seq <= status.lastSeq)
        ++status.restarts; // a new publisher counts from 1 again
    else if (status.updates > 0)
        status.missed += seq - status.lastSeq - 1;
    status.lastSeq = seq;
    ++status.updates;
}

void TelemetryClient::Impl::handle(int frames, std::optional<model::RunSnapshot> &newest)
{
    if (frames != 2) {
        malformed(std::to_string(frames) + " frames (expected topic and JSON)");
        return;
    }
    if (topic.to_string_view() == kTelemetryTopic) {
        handleSnapshot(newest);
        return;
    }
    if (const auto request = model::parseDetailTopic(topic.to_string_view())) {
        handleDetail(*request);
        return;
    }
    malformed("unexpected topic \"" + std::string(topic.to_string_view().substr(0, 64)) + "\"");
}

void TelemetryClient::Impl::handleSnapshot(std::optional<model::RunSnapshot> &newest)
{
    auto parsed = model::parseSnapshotJson(body.to_string_view());
    if (!parsed) {
        malformed(std::move(parsed.error));
        return;
    }
    sequence(parsed.seq);
    if (all)
        all->push_back(*parsed.snapshot);
    newest = std::move(parsed.snapshot);
}

void TelemetryClient::Impl::handleDetail(const model::DetailRequest &request)
{
    if (!details.contains(request))
        return; // sent for another client that watches it, or just before our unwatch
    // Only the newest answer is kept, so an older one in the same poll is superseded unread
    // (and, if it was malformed, not counted as such).
    unparsed[request] = std::move(body);
}

void TelemetryClient::Impl::parseDetails()
{
    for (auto &[request, message] : unparsed) {
        const auto watched = details.find(request);
        if (watched == details.end())
            continue;
        auto parsed = model::parseDetailJson(message.to_string_view());
        if (!parsed)
            malformed("detail: " + parsed.error);
        else if (parsed.answer->request != request)
            malformed("detail: the body answers another request than its topic");
        else
            watched->second = std::move(parsed.answer);
    }
    unparsed.clear();
}

TelemetryClient::TelemetryClient()
    : m_impl(std::make_unique<Impl>())
{
}

TelemetryClient::~TelemetryClient()
{
    disconnect();
}

bool TelemetryClient::connect(const std::string &endpoint, std::string &error)
{
    if (m_impl->socket) {
        error = "already connected to telemetry";
        return false;
    }
    const auto parsed = model::parseEndpoint(endpoint);
    if (!parsed) {
        error = "invalid telemetry endpoint " + endpoint + ": " + parsed.error;
        return false;
    }
    try {
        zmq::socket_t socket(m_impl->context, zmq::socket_type::sub);
        socket.set(zmq::sockopt::linger, 0);
        if (m_impl->curveClient) {
            socket.set(zmq::sockopt::curve_serverkey, m_impl->curveServer);
            socket.set(zmq::sockopt::curve_publickey, m_impl->curveClient->publicKey);
            socket.set(zmq::sockopt::curve_secretkey, m_impl->curveClient->secretKey);
        }
        socket.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(kMaxMessageBytes));
        socket.set(zmq::sockopt::subscribe, std::string_view(kTelemetryTopic));
        m_impl->monitor.emplace(m_impl->context, socket);
        socket.connect(endpoint);
        m_impl->socket.emplace(std::move(socket));
    } catch (const zmq::error_t &e) {
        m_impl->monitor.reset();
        error = "cannot connect to telemetry at " + endpoint + ": " + e.what();
        return false;
    }
    m_impl->status = {};
    return true;
}

bool TelemetryClient::setCurve(const CurveKeyPair &client, const CurveKey &serverPublicKey,
                               std::string &error)
{
    if (m_impl->socket) {
        error = "CURVE keys must be set before connecting";
        return false;
    }
    if (!isCurveKey(client.publicKey) || !isCurveKey(client.secretKey)
        || !isCurveKey(serverPublicKey)) {
        error = "a CURVE key is not 40 characters of Z85";
        return false;
    }
    m_impl->curveClient = client;
    m_impl->curveServer = serverPublicKey;
    return true;
}

void TelemetryClient::disconnect()
{
    m_impl->details.clear();
    m_impl->monitor.reset();
    m_impl->socket.reset();
    m_impl->status.connected = false;
}

bool TelemetryClient::isOpen() const
{
    return m_impl->socket.has_value();
}

std::optional<model::RunSnapshot> TelemetryClient::poll(std::vector<model::RunSnapshot> *all)
{
    std::optional<model::RunSnapshot> newest;
    if (!m_impl->socket)
        return newest;
    m_impl->all = all; // every exception below is caught: it is always reset
    try {
        m_impl->monitor->drain();
        int frames = 0;
        for (int i = 0; i < kMaxMessagesPerPoll && m_impl->receive(frames); ++i)
            m_impl->handle(frames, newest);
    } catch (const zmq::error_t &e) {
        // EINTR (a signal) and the like: nothing is lost, the messages wait for the next poll.
        m_impl->status.lastMalformed = std::string("receive interrupted: ") + e.what();
    }
    m_impl->parseDetails();
    m_impl->all = nullptr;
    if (newest) {
        m_impl->latest = newest;
        m_impl->latestAt = std::chrono::steady_clock::now();
    }
    return newest;
}

const std::optional<model::RunSnapshot> &TelemetryClient::latest() const
{
    return m_impl->latest;
}

void TelemetryClient::watch(const model::DetailRequest &request)
{
    if (!m_impl->socket || m_impl->details.contains(request))
        return;
    m_impl->socket->set(zmq::sockopt::subscribe, model::detailTopic(request));
    m_impl->details.emplace(request, std::nullopt);
}

void TelemetryClient::unwatch(const model::DetailRequest &request)
{
    if (!m_impl->socket || m_impl->details.erase(request) == 0)
        return;
    m_impl->socket->set(zmq::sockopt::unsubscribe, model::detailTopic(request));
}

std::vector<model::DetailRequest> TelemetryClient::watched() const
{
    std::vector<model::DetailRequest> requests;
    for (const auto &entry : m_impl->details)
        requests.push_back(entry.first);
    return requests;
}

const model::DetailAnswer *TelemetryClient::detail(const model::DetailRequest &request) const
{
    const auto found = m_impl->details.find(request);
    return found == m_impl->details.end() || !found->second ? nullptr : &*found->second;
}

TelemetryStatus TelemetryClient::status() const
{
    TelemetryStatus s = m_impl->status;
    if (m_impl->monitor) {
        const MonitorCounters &counters = m_impl->monitor->counters();
        s.connected = counters.connectedPeers.load() > 0;
        s.handshakeFailures = counters.handshakeFailures.load();
    }
    if (m_impl->latest) {
        s.lastUpdateAge = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - m_impl->latestAt);
    }
    return s;
}

} // namespace evflow::transport
