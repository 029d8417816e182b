#include "bench/RawLink.h"

#include <chrono>
#include <filesystem>
#include <stdexcept>

namespace evflow::bench {
namespace {

using namespace std::chrono_literals;

constexpr int kReceiveTimeoutMs = 10000; // a lost message ends the case instead of hanging it
constexpr auto kReadinessBound = 5s;     // as evflow's default RunOptions::readiness

std::atomic<int> nextLinkNumber{0}; // names ipc and inproc endpoints apart

void configure(zmq::socket_t &socket, int hwm)
{
    socket.set(zmq::sockopt::sndhwm, hwm);
    socket.set(zmq::sockopt::rcvhwm, hwm);
    socket.set(zmq::sockopt::linger, 0);
}

zmq::socket_type senderType(Pattern pattern)
{
    return pattern == Pattern::Queue ? zmq::socket_type::push : zmq::socket_type::xpub;
}

zmq::socket_type receiverType(Pattern pattern)
{
    return pattern == Pattern::Queue ? zmq::socket_type::pull : zmq::socket_type::sub;
}

} // namespace

RawLink::IpcFiles::~IpcFiles()
{
    for (const auto &path : paths) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
}

RawLink::RawLink(const Cell &cell, int hwm)
    : m_cell(cell)
    , m_linkNumber(nextLinkNumber.fetch_add(1))
    , m_sender(m_context, senderType(cell.pattern))
    , m_receiver(m_context, receiverType(cell.pattern))
{
    configure(m_sender, hwm);
    configure(m_receiver, hwm);
    m_receiver.set(zmq::sockopt::rcvtimeo, kReceiveTimeoutMs);
    // A PUSH blocked at the mark by a receiver that stopped reading gives up instead of hanging.
    m_sender.set(zmq::sockopt::sndtimeo, kReceiveTimeoutMs);
    switch (cell.pattern) {
    case Pattern::Queue: setUpQueue(); break;
    case Pattern::PubSub: setUpPubSub(); break;
    case Pattern::Broker:
        m_frontend = zmq::socket_t(m_context, zmq::socket_type::xsub);
        m_backend = zmq::socket_t(m_context, zmq::socket_type::xpub);
        configure(m_frontend, hwm);
        configure(m_backend, hwm);
        setUpBroker();
        break;
    }
}

RawLink::~RawLink()
{
    if (m_proxy.joinable()) {
        m_context.shutdown(); // zmq_proxy returns with ETERM
        m_proxy.join();
    }
}

void RawLink::waitForGo() const
{
    while (!m_go.load(std::memory_order_acquire))
        std::this_thread::yield();
}

std::string RawLink::bindNew(zmq::socket_t &socket, const char *role)
{
    const std::string name = "raw-" + std::to_string(m_linkNumber) + "-" + role;
    const std::string endpoint = benchEndpoint(m_cell.transport, name);
    if (const std::string path = ipcPath(endpoint); !path.empty())
        m_files.paths.push_back(path);
    socket.bind(endpoint);
    return socket.get(zmq::sockopt::last_endpoint);
}

void RawLink::setUpQueue()
{
    m_sender.connect(bindNew(m_receiver, "pipe"));
    m_sender.send(zmq::str_buffer("hello"));
    zmq::message_t hello;
    if (!m_receiver.recv(hello))
        throw std::runtime_error("raw queue: the first message did not arrive");
}

void RawLink::setUpPubSub()
{
    m_receiver.set(zmq::sockopt::subscribe, "");
    m_receiver.connect(bindNew(m_sender, "pipe"));
    awaitSubscription();
}

void RawLink::setUpBroker()
{
    const std::string frontend = bindNew(m_frontend, "front");
    const std::string backend = bindNew(m_backend, "back");
    m_proxy = std::thread([this] {
        try {
            zmq::proxy(m_frontend, m_backend);
        } catch (const zmq::error_t &) {
            // ETERM from the destructor's context shutdown: the normal end.
        }
    });
    m_receiver.set(zmq::sockopt::subscribe, "");
    m_receiver.connect(backend);
    m_sender.connect(frontend);
    awaitSubscription();
}

void RawLink::awaitSubscription()
{
    const auto deadline = std::chrono::steady_clock::now() + kReadinessBound;
    zmq::message_t message;
    while (std::chrono::steady_clock::now() < deadline) {
        // Any call into the SUB makes it process its pending commands, among them attaching the
        // new connection and sending its subscription over it.
        (void)m_receiver.get(zmq::sockopt::events);
        if (m_sender.recv(message, zmq::recv_flags::dontwait) && message.size() > 0
            && *static_cast<const unsigned char *>(message.data()) == 1)
            return;
        std::this_thread::sleep_for(1ms);
    }
    throw std::runtime_error(std::string("raw ") + patternName(m_cell.pattern)
                             + ": the subscription never reached the publisher");
}

} // namespace evflow::bench
