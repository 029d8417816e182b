#include "bench/RawZmqCases.h"

#include "model/DedupWindow.h"
#include "model/EventGenerator.h"
#include "model/SequenceTracker.h"
#include "model/StreamKey.h"
#include "model/Watermark.h"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <span>
#include <string>
#include <thread>

namespace evflow::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kHwm = 100000; // as the queue of resources/examples/throughput.evflow.json
constexpr int kReceiveTimeoutMs = 10000; // a lost message ends the case instead of hanging it

std::int64_t systemMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// A PUSH socket connected to a PULL socket bound on an ephemeral loopback tcp port, with one
/// message already exchanged so that the connection is up before the clock starts.
struct Pipe
{
    zmq::context_t context{1};
    zmq::socket_t pull{context, zmq::socket_type::pull};
    zmq::socket_t push{context, zmq::socket_type::push};
    std::atomic<bool> go{false};

    Pipe()
    {
        pull.set(zmq::sockopt::rcvhwm, kHwm);
        pull.set(zmq::sockopt::rcvtimeo, kReceiveTimeoutMs);
        pull.set(zmq::sockopt::linger, 0);
        push.set(zmq::sockopt::sndhwm, kHwm);
        push.set(zmq::sockopt::linger, 0);
        pull.bind("tcp://127.0.0.1:*");
        push.connect(pull.get(zmq::sockopt::last_endpoint));
        push.send(zmq::str_buffer("hello"));
        zmq::message_t hello;
        if (!pull.recv(hello)) {
            throw zmq::error_t();
        }
    }

    /// Sender side: waits for the receiver's clock to start.
    void waitForGo() const
    {
        while (!go.load(std::memory_order_acquire)) {
            std::this_thread::yield();
        }
    }
};

std::span<const std::byte> bytesOf(const zmq::message_t &message)
{
    return {static_cast<const std::byte *>(message.data()), message.size()};
}

/// Receives one three-frame message into `parts`; false on a timeout or a wrong frame count.
bool receiveEvent(zmq::socket_t &socket, zmq::message_t (&parts)[3])
{
    for (std::size_t i = 0; i < 3; ++i) {
        if (!socket.recv(parts[i]) || parts[i].more() != (i < 2)) {
            return false;
        }
    }
    return true;
}

void sendFrames(zmq::socket_t &socket, const model::EncodedFrames &frames)
{
    socket.send(zmq::message_t(frames.type.data(), frames.type.size()), zmq::send_flags::sndmore);
    socket.send(zmq::message_t(frames.header.data(), frames.header.size()),
                zmq::send_flags::sndmore);
    socket.send(zmq::message_t(frames.data.data(), frames.data.size()), zmq::send_flags::none);
}

std::string countProblem(const char *what, std::uint64_t got, std::uint64_t expected)
{
    return std::string(what) + " " + std::to_string(got) + " of " + std::to_string(expected);
}

} // namespace

std::string zmqVersion()
{
    const auto [major, minor, patch] = zmq::version();
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

CaseResult runRawPushPull(std::uint64_t events, const model::EncodedFrames &frames)
{
    Pipe pipe;
    std::thread sender([&] {
        pipe.waitForGo();
        for (std::uint64_t i = 0; i < events; ++i) {
            sendFrames(pipe.push, frames);
        }
    });
    CaseResult result;
    zmq::message_t parts[3];
    const auto start = Clock::now();
    pipe.go.store(true, std::memory_order_release);
    while (result.events < events && receiveEvent(pipe.pull, parts)) {
        if (parts[1].size() != frames.header.size() || parts[2].size() != frames.data.size()) {
            result.problem = "a message arrived with frames of the wrong size";
            break;
        }
        ++result.events;
    }
    result.headerBytes = parts[1].size();
    result.seconds = secondsSince(start);
    sender.join();
    if (result.problem.empty() && result.events != events) {
        result.problem = countProblem("received", result.events, events);
    }
    return result;
}

namespace {

/// What the hand-written consumer counted.
struct ConsumerBooks
{
    std::uint64_t received = 0;
    std::uint64_t processed = 0;
    std::uint64_t malformed = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t notInOrder = 0;
    std::uint64_t late = 0;
};

std::string booksProblem(const ConsumerBooks &books, std::uint64_t gaps, std::uint64_t events)
{
    if (books.received != events) {
        return countProblem("received", books.received, events);
    }
    if (books.processed != events) {
        return countProblem("processed", books.processed, events);
    }
    if (books.malformed + books.duplicates + books.notInOrder + books.late + gaps != 0) {
        return "malformed, duplicate, out-of-order, late or missing events in a clean stream";
    }
    return {};
}

} // namespace

namespace {

/// The minimal consumer: what evflow's input does per event, written out by hand.
class HandWrittenConsumer
{
public:
    explicit HandWrittenConsumer(const model::DeliverySettings &delivery)
        : m_dedup(static_cast<std::size_t>(delivery.dedupWindowCount),
                  delivery.dedupWindowMillis * 1000)
        , m_tracker({.reorderWaitMicros = delivery.reorderWaitMillis * 1000})
        , m_watermark(delivery.outOfOrdernessMillis * 1000)
    {
    }

    /// Decode, dedup, sequence, watermark; counts the outcome.
    void handle(const zmq::message_t (&parts)[3])
    {
        ++m_books.received;
        const std::int64_t now = systemMicros();
        if (!model::decodeFrames(bytesOf(parts[0]), bytesOf(parts[1]), bytesOf(parts[2]), m_event)
                 .ok()) {
            ++m_books.malformed;
            return;
        }
        if (m_dedup.checkAndInsert(m_event.source, m_event.id, now)) {
            ++m_books.duplicates;
            return;
        }
        model::makeStreamKey(m_key, m_event.source, m_event.type);
        const auto c = m_tracker.classify(m_key, m_event.epoch, m_event.sequence, now);
        const bool inOrder
            = c == model::SequenceClass::InOrder || c == model::SequenceClass::FirstOfEpoch;
        m_books.notInOrder += inOrder ? 0 : 1;
        m_books.late += m_watermark.observe(m_event.time) ? 1 : 0;
        ++m_books.processed;
    }

    const ConsumerBooks &books() const { return m_books; }
    /// Confirms every pending gap (end of run) and returns all gaps.
    std::uint64_t finishGaps()
    {
        m_tracker.finaliseAll();
        return m_tracker.totals().gaps;
    }

private:
    model::DedupWindow m_dedup;
    model::SequenceTracker m_tracker;
    model::Watermark m_watermark;
    model::Event m_event; // reused: decoding overwrites it in place
    std::string m_key;    // reused stream key
    ConsumerBooks m_books;
};

} // namespace

CaseResult runHandWrittenConsumer(std::uint64_t events, const model::Flow &flow,
                                  const model::Node &generator,
                                  const model::DeliverySettings &delivery)
{
    Pipe pipe;
    std::thread sender([&] {
        model::EventGenerator source(generator, flow, kBenchEpoch);
        model::EncodedFrames frames;
        pipe.waitForGo();
        for (std::uint64_t i = 0; i < events; ++i) {
            const std::int64_t now = systemMicros();
            if (!model::encodeFrames(source.next(now), now, frames).ok()) {
                return; // the receiver times out and reports the missing events
            }
            sendFrames(pipe.push, frames);
        }
    });
    HandWrittenConsumer consumer(delivery);
    zmq::message_t parts[3];
    const auto start = Clock::now();
    pipe.go.store(true, std::memory_order_release);
    while (consumer.books().received < events && receiveEvent(pipe.pull, parts)) {
        consumer.handle(parts);
    }
    CaseResult result;
    result.seconds = secondsSince(start);
    sender.join();
    result.events = consumer.books().processed;
    result.headerBytes = parts[1].size();
    result.problem = booksProblem(consumer.books(), consumer.finishGaps(), events);
    return result;
}

} // namespace evflow::bench
