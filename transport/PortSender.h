#pragma once

// Internals of FlowRuntime: sending one node's events to every channel linked to one output
// port. Included by transport .cpp files only.

#include "model/BinaryCodec.h"
#include "model/FaultInjector.h"
#include "model/StreamEnd.h"
#include "transport/OutputSocket.h"

#include <chrono>
#include <thread>
#include <vector>

namespace evflow::transport {

/// How often a writer repeats its stream-end announcement, and for how long after its end: a
/// PUB drops at a slow reader's HWM, a single announcement included. The runner of a producer
/// with readers on other hosts also counts as finished only kAnnounceFor after its end.
inline constexpr std::chrono::milliseconds kAnnounceEvery{100};
inline constexpr std::chrono::milliseconds kAnnounceFor{1000};

/// Calls `announceAgain` every kAnnounceEvery until kAnnounceFor has passed: how a writer that
/// is done repeats its stream-end announcement before its thread ends.
template<typename AnnounceAgain>
void repeatAnnouncement(AnnounceAgain announceAgain)
{
    const auto until = std::chrono::steady_clock::now() + kAnnounceFor;
    while (std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(kAnnounceEvery); // pacing, not synchronisation
        announceAgain();
    }
}

/// The channels of one output port (fan-out: each gets every event), each with the channel's
/// own fault injector when the channel injects faults (applied after the producer's). Encodes
/// once per event into reused frames. Owned by the node's worker thread.
class PortSender
{
public:
    PortSender(RunErrors &errors, model::NodeId node);

    /// Adds a channel; `channelFaults` may be null. Both must outlive the sender.
    void add(OutputSocket &socket, model::FaultInjector *channelFaults);
    bool empty() const { return m_targets.empty(); }

    /// Sends `event` to every channel. False when an event could not be encoded (reported once
    /// as a RunError) or the run is stopping.
    bool send(const model::Event &event);
    /// Releases what the channel injectors hold back (end of the producer's stream).
    void flush();
    /// Lets every socket process subscriptions and monitor events (when idle).
    void service();
    /// Announces the ends of `port`'s streams (those of `ends` on it) on every channel that has
    /// readers on other hosts (OutputSocket::announce); nothing when none has. Not per event:
    /// once when a writer is done, and producers repeat it (ProducerWorker).
    void announce(const std::string &port, const model::StreamEnds &ends);
    /// Whether some channel of this port has readers on other hosts.
    bool announces() const;

private:
    struct Target
    {
        OutputSocket *socket = nullptr;
        model::FaultInjector *faults = nullptr;
    };

    bool encode(const model::Event &event, model::EncodedFrames &frames);
    bool sendFaulted(Target &target, const model::Event &event);

    RunErrors &m_errors;
    model::NodeId m_node;
    std::vector<Target> m_targets;
    model::EncodedFrames m_frames;
    model::EncodedFrames m_faultedFrames;
    model::EncodedFrames m_endFrames;
    bool m_reportedEncode = false;
};

} // namespace evflow::transport
