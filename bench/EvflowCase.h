#pragma once

#include "bench/BenchFlows.h"
#include "bench/CaseResult.h"

#include "model/RunSnapshot.h"
#include "transport/FlowRuntime.h"

#include <cstddef>
#include <string>

namespace evflow::bench {

/// How runFlowToEnd() watches a run.
struct RunWatch
{
    transport::RunOptions options;
    /// Take snapshot() and recentEvents(`sampledNode`) ten times a second, as the studio does.
    bool sampleLikeStudio = false;
    /// The node sampled, and whose last event's header size FlowRun::headerBytes reports.
    std::string sampledNode;
    /// Count this process's threads (/proc/self/task) every 10 ms; the peak is reported.
    bool countThreads = false;
};

/// One run of a flow with transport::FlowRuntime, to its end.
struct FlowRun
{
    bool started = false;
    bool finished = false;
    /// From start() returning (sockets connected, readers ready) to finished() (polled every
    /// millisecond; the poll period bounds the timing error).
    double seconds = 0.0;
    /// Taken after stop(): every worker joined, the books final.
    model::RunSnapshot snapshot;
    std::size_t peakThreads = 0; ///< 0 unless RunWatch::countThreads
    std::size_t samples = 0;     ///< studio-like samples taken
    std::size_t headerBytes = 0; ///< of RunWatch::sampledNode's last event; 0 when unknown
};

/// Runs `flow` until finished(), then stops it. Gives up (FlowRun::finished false) after 5
/// minutes, or once its inputs received nothing for 10 s (lost events: it would never finish).
/// Removes the flow's ipc socket files at the end.
FlowRun runFlowToEnd(const model::Flow &flow, const RunWatch &watch = {});

/// What is wrong with a run of `bench`: not started or finished, run errors, a producer that
/// produced anything but countPerProducer, a consumer group whose processed counts differ from
/// its expectation, any duplicate, out-of-order, gap or malformed event, unbalanced books.
/// Empty when every count is exact.
std::string checkRun(const FlowRun &run, const BenchFlow &bench);

/// Processed events of `consumer` in the run's final snapshot (0 when unknown).
std::uint64_t processedBy(const FlowRun &run, const std::string &consumer);

/// The evflow case of a matrix cell (or of the overhead comparison): runs `bench` (one
/// generator, one counter; `watch.sampledNode` should name the counter) and returns its
/// counter's processed events over the run's seconds; wrong when checkRun() finds anything.
CaseResult runEvflowCase(const BenchFlow &bench, const RunWatch &watch = {});

} // namespace evflow::bench
