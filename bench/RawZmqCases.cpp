#include "bench/RawZmqCases.h"

#include "bench/HandWrittenConsumer.h"
#include "bench/RawLink.h"

#include "model/EventGenerator.h"

#include <chrono>
#include <thread>

namespace evflow::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t systemMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Receives one three-frame message into `parts`; false on a timeout or a wrong frame count.
bool receiveEvent(zmq::socket_t &socket, zmq::message_t (&parts)[3])
{
    for (std::size_t i = 0; i < 3; ++i) {
        if (!socket.recv(parts[i]) || parts[i].more() != (i < 2))
            return false;
    }
    return true;
}

/// False when a send timed out (the receiver stopped reading) or the socket failed.
bool sendFrames(zmq::socket_t &socket, const model::EncodedFrames &frames)
{
    try {
        return socket.send(zmq::message_t(frames.type.data(), frames.type.size()),
                           zmq::send_flags::sndmore)
               && socket.send(zmq::message_t(frames.header.data(), frames.header.size()),
                              zmq::send_flags::sndmore)
               && socket.send(zmq::message_t(frames.data.data(), frames.data.size()),
                              zmq::send_flags::none);
    } catch (const zmq::error_t &) {
        return false; // the receiver reports the missing events
    }
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

CaseResult runRawCell(const Cell &cell, std::uint64_t events, const model::EncodedFrames &frames)
{
    RawLink link(cell, cellHwm(cell.pattern, events));
    std::thread sender([&] {
        link.waitForGo();
        for (std::uint64_t i = 0; i < events && sendFrames(link.sender(), frames); ++i) {
        }
    });
    CaseResult result;
    zmq::message_t parts[3];
    const auto start = Clock::now();
    link.go();
    while (result.events < events && receiveEvent(link.receiver(), parts)) {
        if (parts[1].size() != frames.header.size() || parts[2].size() != frames.data.size()) {
            result.problem = "a message arrived with frames of the wrong size";
            break;
        }
        ++result.events;
    }
    result.headerBytes = parts[1].size();
    result.seconds = secondsSince(start);
    sender.join();
    if (result.problem.empty() && result.events != events)
        result.problem = countProblem("received", result.events, events);
    return result;
}

CaseResult runHandWrittenCell(const Cell &cell, std::uint64_t events, const model::Flow &flow,
                              const model::Node &generator, const model::DeliverySettings &delivery)
{
    RawLink link(cell, cellHwm(cell.pattern, events));
    // Built before the sender starts, which spins until go(): not while it spins.
    HandWrittenConsumer consumer(delivery, flow);
    std::thread sender([&] {
        model::EventGenerator source(generator, flow, kBenchEpoch);
        model::EncodedFrames frames;
        link.waitForGo();
        for (std::uint64_t i = 0; i < events; ++i) {
            const std::int64_t now = systemMicros();
            // On failure the receiver times out and reports the missing events.
            if (!model::encodeFrames(source.next(now), now, frames).ok()
                || !sendFrames(link.sender(), frames))
                return;
        }
    });
    zmq::message_t parts[3];
    const auto start = Clock::now();
    link.go();
    while (consumer.books().received < events && receiveEvent(link.receiver(), parts))
        consumer.handle(parts);
    CaseResult result;
    result.seconds = secondsSince(start);
    sender.join();
    result.events = consumer.books().processed;
    result.headerBytes = parts[1].size();
    result.problem = booksProblem(consumer.books(), consumer.finishGaps(), events);
    return result;
}

} // namespace evflow::bench
