#include "bench/LatencyProbe.h"

#include "bench/RuntimeBenchSupport.h"

#include "model/BinaryCodec.h"

#include <zmq.hpp>

#include <array>
#include <span>

namespace evflow::bench {
namespace {

constexpr int kPollTimeoutMs = 100; // how soon stop() is noticed
constexpr int kBatch = 256;         // messages read per wake-up, as the runtime's readBatch

std::span<const std::byte> bytesOf(const zmq::message_t &frame)
{
    return {static_cast<const std::byte *>(frame.data()), frame.size()};
}

/// Reads one whole message without waiting for its first frame. Returns its frame count (0 when
/// nothing was queued); the first three frames land in `frames`, any further ones are dropped.
std::size_t receiveMessage(zmq::socket_t &socket, std::array<zmq::message_t, 3> &frames)
{
    zmq::message_t extra;
    std::size_t count = 0;
    bool more = true;
    while (more) {
        zmq::message_t &into = count < frames.size() ? frames[count] : extra;
        const auto flags = count == 0 ? zmq::recv_flags::dontwait : zmq::recv_flags::none;
        if (!socket.recv(into, flags))
            return count;
        ++count;
        more = into.more();
    }
    return count;
}

} // namespace

LatencyProbe::LatencyProbe(std::size_t expectedEvents)
{
    m_sinceEventTime.reserve(expectedEvents);
    m_sinceSendTime.reserve(expectedEvents);
}

LatencyProbe::~LatencyProbe()
{
    stop();
}

void LatencyProbe::start(const std::string &endpoint)
{
    m_thread = std::thread([this, endpoint] { run(endpoint); });
}

void LatencyProbe::stop()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
}

void LatencyProbe::observeSequence(std::uint64_t sequence)
{
    if (m_seenAny && sequence > m_lastSequence + 1)
        m_gaps += sequence - m_lastSequence - 1;
    if (!m_seenAny || sequence > m_lastSequence)
        m_lastSequence = sequence;
    m_seenAny = true;
}

void LatencyProbe::run(std::string endpoint)
{
    try {
        zmq::context_t context{1};
        zmq::socket_t sub{context, zmq::socket_type::sub};
        sub.set(zmq::sockopt::rcvhwm, 0); // never drop on this side: loss would be the probe's
        sub.set(zmq::sockopt::linger, 0);
        sub.set(zmq::sockopt::subscribe, "");
        sub.connect(endpoint);
        std::array<zmq::message_t, 3> frames;
        model::Event event;
        std::array<zmq::pollitem_t, 1> items{{{sub.handle(), 0, ZMQ_POLLIN, 0}}};
        while (!m_stop.load(std::memory_order_relaxed)) {
            if (zmq::poll(items.data(), items.size(), std::chrono::milliseconds(kPollTimeoutMs))
                == 0)
                continue;
            for (int i = 0; i < kBatch; ++i) {
                const std::size_t count = receiveMessage(sub, frames);
                if (count == 0)
                    break;
                // The arrival time, taken where the runtime's consumer takes it: after the read.
                const std::int64_t now = systemMicros();
                std::int64_t sendTime = 0;
                if (count != 3
                    || !model::decodeFrames(bytesOf(frames[0]), bytesOf(frames[1]),
                                            bytesOf(frames[2]), event, &sendTime)
                            .ok()) {
                    ++m_malformed;
                    continue;
                }
                m_sinceEventTime.push_back(now - event.time);
                m_sinceSendTime.push_back(now - sendTime);
                observeSequence(event.sequence);
            }
        }
    } catch (const std::exception &e) {
        m_error = e.what();
    }
}

} // namespace evflow::bench
