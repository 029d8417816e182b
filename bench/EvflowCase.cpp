#include "bench/EvflowCase.h"

#include "model/BinaryCodec.h"
#include "transport/FlowRuntime.h"

#include <chrono>
#include <thread>

namespace evflow::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Generous: even a loaded 2-core machine moves 20k events in well under this.
constexpr auto kFinishBound = std::chrono::minutes(5);
// finished() is polled; the poll period bounds the timing error per run.
constexpr auto kPollPeriod = std::chrono::microseconds(200);

std::string runErrors(const model::RunSnapshot &snapshot)
{
    std::string text;
    for (const auto &error : snapshot.run.errors) {
        text += text.empty() ? "" : "; ";
        text += error.node.empty() ? error.message : error.node + ": " + error.message;
    }
    return text;
}

std::string countProblem(const char *what, std::uint64_t got, std::uint64_t expected)
{
    return std::string(what) + " " + std::to_string(got) + " of " + std::to_string(expected);
}

// What is wrong with a finished run's counters; empty when they are exactly right.
std::string checkSnapshot(const model::RunSnapshot &snapshot, std::uint64_t events,
                          const std::string &generatorId, const std::string &consumerId)
{
    const auto *producer = snapshot.findNode(generatorId);
    const auto *consumer = snapshot.findNode(consumerId);
    if (producer == nullptr || consumer == nullptr) {
        return "the snapshot lacks the generator or the consumer node";
    }
    if (producer->produced != events) {
        return countProblem("produced", producer->produced, events);
    }
    if (consumer->input.processed != events) {
        return countProblem("processed", consumer->input.processed, events);
    }
    if (!snapshot.accounting.balanced) {
        return "the books do not balance";
    }
    if (!snapshot.run.errors.empty()) {
        return "run errors: " + runErrors(snapshot);
    }
    return {};
}

/// Header size of the newest event the consumer saw, re-encoded (the binding is deterministic,
/// so this is the size it had on the wire up to the send time, which has a fixed width).
std::size_t lastHeaderBytes(const transport::FlowRuntime &runtime, const std::string &consumerId)
{
    const auto recent = runtime.recentEvents(model::NodeId{consumerId});
    model::EncodedFrames frames;
    if (recent.empty() || !model::encodeFrames(recent.back().event, 0, frames).ok()) {
        return 0;
    }
    return frames.header.size();
}

} // namespace

CaseResult runEvflow(std::uint64_t events, model::Flow flow, const std::string &generatorId,
                     const std::string &consumerId)
{
    CaseResult result;
    model::Node *generator = flow.findNode(model::NodeId{generatorId});
    if (generator == nullptr) {
        result.problem = "the flow has no node " + generatorId;
        return result;
    }
    generator->properties["count"] = static_cast<std::int64_t>(events);
    generator->properties["rate"] = 0.0;

    transport::FlowRuntime runtime;
    if (!runtime.start(std::move(flow))) {
        result.problem = "start failed: " + runErrors(runtime.snapshot());
        return result;
    }
    const auto start = Clock::now();
    while (!runtime.finished() && Clock::now() - start < kFinishBound) {
        std::this_thread::sleep_for(kPollPeriod);
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const bool finished = runtime.finished();
    runtime.stop();
    // After stop() every worker is joined, so the snapshot is exact and settled.
    const model::RunSnapshot snapshot = runtime.snapshot();
    if (const auto *consumer = snapshot.findNode(consumerId)) {
        result.events = consumer->input.processed;
    }
    result.headerBytes = lastHeaderBytes(runtime, consumerId);
    result.problem = finished ? checkSnapshot(snapshot, events, generatorId, consumerId)
                              : "not finished after 5 minutes";
    return result;
}

} // namespace evflow::bench
