#include "bench/EvflowCase.h"

#include "model/BinaryCodec.h"

#include <chrono>
#include <filesystem>
#include <thread>

namespace evflow::bench {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Generous: even a loaded 2-core machine moves 20k events in well under this.
constexpr auto kFinishBound = std::chrono::minutes(5);
// finished() is polled this often: the timing error per run is at most one period, and the
// polling thread's wake-ups (the harness's, not evflow's) cost little CPU next to the run's.
constexpr auto kPollPeriod = 1ms;
constexpr auto kStudioPeriod = 100ms; // the studio's snapshot timer
constexpr auto kThreadCountPeriod = 10ms;
// A run whose inputs received nothing for this long will never finish (events were lost, so
// the channels never drain): give up rather than wait for kFinishBound.
constexpr auto kStallBound = 10s;

std::string runErrors(const model::RunSnapshot &snapshot)
{
    std::string text;
    for (const auto &error : snapshot.run.errors) {
        text += text.empty() ? "" : "; ";
        text += error.node.empty() ? error.message : error.node + ": " + error.message;
    }
    return text;
}

std::string countProblem(const std::string &what, std::uint64_t got, std::uint64_t expected)
{
    return what + " " + std::to_string(got) + " of " + std::to_string(expected);
}

std::size_t threadCount()
{
    std::error_code error;
    std::size_t n = 0;
    for (std::filesystem::directory_iterator it("/proc/self/task", error), end; !error && it != end;
         it.increment(error))
        ++n;
    return n;
}

/// Anything a clean stream must not show at `node`; empty when clean.
std::string uncleanInput(const model::NodeSnapshot &node)
{
    const model::InputAccounting &in = node.input;
    if (in.duplicates + in.outOfOrder + in.gaps + in.malformed + in.filtered + in.lateDropped == 0)
        return {};
    return node.id + ": " + std::to_string(in.duplicates) + " duplicates, "
           + std::to_string(in.outOfOrder) + " out of order, " + std::to_string(in.gaps) + " gaps, "
           + std::to_string(in.malformed) + " malformed, "
           + std::to_string(in.filtered + in.lateDropped) + " filtered or dropped";
}

std::string checkGroup(const model::RunSnapshot &snapshot, const ConsumerGroup &group)
{
    std::uint64_t sum = 0;
    for (const auto &id : group.consumers) {
        const model::NodeSnapshot *node = snapshot.findNode(id);
        if (node == nullptr)
            return "the snapshot lacks node " + id;
        if (const std::string unclean = uncleanInput(*node); !unclean.empty())
            return unclean;
        if (group.eachGetsAll && node->input.processed != group.events)
            return countProblem(id + " processed", node->input.processed, group.events);
        sum += node->input.processed;
    }
    if (!group.eachGetsAll && sum != group.events)
        return countProblem("the readers of one queue processed", sum, group.events);
    return {};
}

/// Header size of the newest event `node` saw, re-encoded (the binding is deterministic, so this
/// is the size it had on the wire up to the send time, which has a fixed width); 0 when unknown
/// (no such node, or monitoring off: no recent events recorded).
std::size_t lastHeaderBytes(const transport::FlowRuntime &runtime, const model::NodeId &node)
{
    const auto recent = runtime.recentEvents(node);
    model::EncodedFrames frames;
    if (recent.empty() || !model::encodeFrames(recent.back().event, 0, frames).ok())
        return 0;
    return frames.header.size();
}

std::uint64_t receivedByAllInputs(const model::RunSnapshot &snapshot)
{
    std::uint64_t sum = 0;
    for (const auto &node : snapshot.nodes)
        sum += node.input.received;
    return sum;
}

/// Tells, from time to time, whether the inputs still receive anything.
class StallWatch
{
public:
    explicit StallWatch(Clock::time_point start)
        : m_lastMove(start)
    {
    }

    /// True once the inputs received nothing for kStallBound (checked once a second).
    bool stalled(const transport::FlowRuntime &runtime, Clock::time_point now)
    {
        if (now - m_lastCheck < 1s)
            return false;
        m_lastCheck = now;
        const std::uint64_t received = receivedByAllInputs(runtime.snapshot());
        if (received != m_received) {
            m_received = received;
            m_lastMove = now;
        }
        return now - m_lastMove >= kStallBound;
    }

private:
    Clock::time_point m_lastMove;
    Clock::time_point m_lastCheck;
    std::uint64_t m_received = 0;
};

} // namespace

FlowRun runFlowToEnd(const model::Flow &flow, const RunWatch &watch)
{
    FlowRun run;
    transport::FlowRuntime runtime;
    run.started = runtime.start(flow, watch.options);
    if (!run.started) {
        run.snapshot = runtime.snapshot();
        removeIpcFiles(flow);
        return run;
    }
    const model::NodeId sampled{watch.sampledNode};
    const auto start = Clock::now();
    auto nextSample = start + kStudioPeriod;
    auto nextThreadCount = start;
    StallWatch stall(start);
    while (!runtime.finished() && Clock::now() - start < kFinishBound) {
        std::this_thread::sleep_for(kPollPeriod);
        const auto now = Clock::now();
        if (stall.stalled(runtime, now))
            break;
        if (watch.sampleLikeStudio && now >= nextSample) {
            // What the studio's 10 Hz timer copies; the copies are dropped at once.
            (void)runtime.snapshot();
            (void)runtime.recentEvents(sampled);
            ++run.samples;
            nextSample += kStudioPeriod;
        }
        if (watch.countThreads && now >= nextThreadCount) {
            run.peakThreads = std::max(run.peakThreads, threadCount());
            nextThreadCount = now + kThreadCountPeriod;
        }
    }
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run.finished = runtime.finished();
    runtime.stop();
    run.snapshot = runtime.snapshot();
    run.headerBytes = lastHeaderBytes(runtime, sampled);
    removeIpcFiles(flow);
    return run;
}

std::string checkRun(const FlowRun &run, const BenchFlow &bench)
{
    const model::RunSnapshot &snapshot = run.snapshot;
    if (!run.started)
        return "start failed: " + runErrors(snapshot);
    if (!run.finished)
        return "not finished: nothing received for 10 s, or still running after 5 minutes";
    if (!snapshot.run.errors.empty())
        return "run errors: " + runErrors(snapshot);
    for (const auto &id : bench.producers) {
        const model::NodeSnapshot *node = snapshot.findNode(id);
        if (node == nullptr || node->produced != bench.countPerProducer)
            return countProblem(id + " produced", node ? node->produced : 0,
                                bench.countPerProducer);
    }
    for (const auto &group : bench.groups)
        if (std::string problem = checkGroup(snapshot, group); !problem.empty())
            return problem;
    if (!snapshot.accounting.balanced)
        return "the books do not balance (unaccounted "
               + std::to_string(snapshot.accounting.unaccounted) + ")";
    return {};
}

std::uint64_t processedBy(const FlowRun &run, const std::string &consumer)
{
    const model::NodeSnapshot *node = run.snapshot.findNode(consumer);
    return node == nullptr ? 0 : node->input.processed;
}

CaseResult runEvflowCase(const BenchFlow &bench, const RunWatch &watch)
{
    const FlowRun run = runFlowToEnd(bench.flow, watch);
    CaseResult result;
    const auto consumers = bench.consumers();
    result.events = consumers.empty() ? 0 : processedBy(run, consumers.front());
    result.seconds = run.seconds;
    result.problem = checkRun(run, bench);
    result.headerBytes = run.headerBytes;
    return result;
}

} // namespace evflow::bench
