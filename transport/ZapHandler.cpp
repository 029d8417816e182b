#include "transport/ZapHandler.h"

#include <zmq.h>

namespace evflow::transport {
namespace {

constexpr const char *kZapEndpoint = "inproc://zeromq.zap.01";
/// How often the handler thread looks at its stop flag.
constexpr std::chrono::milliseconds kPollTimeout{100};
/// A ZAP request: version, request id, domain, address, routing id, mechanism, credentials...
constexpr std::size_t kRequestFrames = 6;

std::string text(const zmq::message_t &frame)
{
    return {static_cast<const char *>(frame.data()), frame.size()};
}

/// Z85 of a 32-byte CURVE key frame; "" when the frame is not one.
CurveKey z85Of(const zmq::message_t &frame)
{
    if (frame.size() != 32)
        return {};
    char out[41];
    if (zmq_z85_encode(out, static_cast<const std::uint8_t *>(frame.data()), 32) == nullptr)
        return {};
    return out;
}

} // namespace

ZapHandler::ZapHandler(zmq::context_t &context, AllowLists allowLists, RefusalCallback onRefusal)
    : m_allow(std::move(allowLists))
    , m_onRefusal(std::move(onRefusal))
{
    auto socket = std::make_unique<zmq::socket_t>(context, zmq::socket_type::rep);
    socket->set(zmq::sockopt::linger, 0);
    socket->bind(kZapEndpoint);
    // Handing the socket to another thread is allowed with a full memory barrier, which the
    // thread's start provides; from then on only that thread touches it.
    m_thread = std::thread([this, s = std::move(socket)]() mutable { run(std::move(s)); });
}

ZapHandler::~ZapHandler()
{
    stop();
}

void ZapHandler::stop()
{
    m_stop.store(true, std::memory_order_relaxed);
    if (m_thread.joinable())
        m_thread.join();
}

void ZapHandler::run(std::unique_ptr<zmq::socket_t> socket)
{
    std::vector<zmq::message_t> frames;
    try {
        while (!m_stop.load(std::memory_order_relaxed)) {
            zmq::pollitem_t item{socket->handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, kPollTimeout) == 0)
                continue;
            frames.clear();
            do {
                frames.emplace_back();
                if (!socket->recv(frames.back(), zmq::recv_flags::dontwait))
                    break;
            } while (frames.back().more());
            Refusal request;
            const bool pass = decide(frames, request);
            const std::string requestId = frames.size() > 1 ? text(frames[1]) : std::string();
            socket->send(zmq::buffer(std::string_view("1.0")), zmq::send_flags::sndmore);
            socket->send(zmq::buffer(requestId), zmq::send_flags::sndmore);
            socket->send(zmq::buffer(std::string_view(pass ? "200" : "400")),
                         zmq::send_flags::sndmore);
            socket->send(zmq::buffer(std::string_view(pass ? "OK" : "client key not allowed")),
                         zmq::send_flags::sndmore);
            // User id: the client's key, so the connection's metadata says who it is.
            socket->send(zmq::buffer(pass ? request.clientKey : std::string()),
                         zmq::send_flags::sndmore);
            socket->send(zmq::message_t(), zmq::send_flags::none); // no metadata
            if (!pass && m_onRefusal)
                m_onRefusal(request);
        }
    } catch (const zmq::error_t &) {
        // ETERM: the run's context shut down, which ends the handler like stop() does. Anything
        // else leaves no handler: the servers' requests then go unanswered and no client passes.
    }
}

bool ZapHandler::decide(const std::vector<zmq::message_t> &frames, Refusal &request)
{
    const bool wellFormed = frames.size() >= kRequestFrames && text(frames[0]) == "1.0";
    request.domain = frames.size() > 2 ? text(frames[2]) : std::string();
    request.address = frames.size() > 3 ? text(frames[3]) : std::string();
    request.mechanism = frames.size() > 5 ? text(frames[5]) : std::string();
    const bool curve = wellFormed && request.mechanism == "CURVE" && frames.size() == 7;
    request.clientKey = curve ? z85Of(frames[6]) : CurveKey();
    const auto allowed = m_allow.find(request.domain);
    const bool pass = curve && !request.clientKey.empty() && allowed != m_allow.end()
                      && allowed->second.count(request.clientKey) != 0;
    const std::lock_guard lock(m_mutex);
    Counts &c = m_counts[request.domain];
    if (pass) {
        ++c.accepted;
    } else {
        ++c.refused;
        ++m_refusedTotal;
        request.firstForKey = c.refusedKeys.insert(request.clientKey).second;
        request.keysRefused = c.refusedKeys.size();
    }
    return pass;
}

std::uint64_t ZapHandler::accepted(const std::string &domain) const
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_counts.find(domain);
    return it == m_counts.end() ? 0 : it->second.accepted;
}

std::uint64_t ZapHandler::refused(const std::string &domain) const
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_counts.find(domain);
    return it == m_counts.end() ? 0 : it->second.refused;
}

std::size_t ZapHandler::refusedKeys(const std::string &domain) const
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_counts.find(domain);
    return it == m_counts.end() ? 0 : it->second.refusedKeys.size();
}

std::uint64_t ZapHandler::refusedTotal() const
{
    const std::lock_guard lock(m_mutex);
    return m_refusedTotal;
}

} // namespace evflow::transport
