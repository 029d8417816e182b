#pragma once

#include "model/Flow.h"
#include "model/Projection.h"
#include "model/RecentEvents.h"
#include "model/RunSnapshot.h"
#include "model/TraceLog.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace evflow::transport {

/// How to run a flow.
struct RunOptions
{
    /// Run only this host's nodes (`evflow run --host`); empty optional = the whole flow.
    std::optional<std::string> host;
    /// Replaces every generator's and fault injector's seed (`evflow run --seed`).
    std::optional<std::uint64_t> seed;
    /// How long stop() lets in-flight events drain before it shuts the context down.
    std::chrono::milliseconds drain{2000};
    /// How long start() waits for readers to become ready (subscriptions, connections).
    std::chrono::milliseconds readiness{5000};
    /// Per-event monitoring in consumers: the latency histogram, the recent-event rings and the
    /// correlation traces. Off only to measure what they cost (evflow-bench-flow's overhead
    /// case); the books (processed, duplicates, gaps, ...) are always kept.
    bool monitoring = true;
    /// Consumers without linked outputs (sinks) share this many reader threads, each polling
    /// the sockets of many nodes (docs/RUNTIME.md, Threads); 0 gives every node a thread of its
    /// own. Default: one per core.
    unsigned readerThreads = std::max(1u, std::thread::hardware_concurrency());
    /// Above 0: every worker thread runs at this nice value (lower priority), so that the
    /// studio's GUI thread gets a core at once when a flow at full rate keeps every core busy.
    /// Idle cores still go to the workers (the scheduler is work-conserving). 0: normal.
    int workerNice = 0;
};

/// A running flow: producers, channels and consumers as ZeroMQ sockets on worker threads
/// (docs/RUNTIME.md). The owner (CLI, studio) drives it from one thread; snapshot() and the
/// inspection calls are cheap, never block the workers, and may be called from any thread at
/// any rate (the studio calls them ten times a second from its GUI thread).
class FlowRuntime
{
public:
    FlowRuntime();
    /// Stops the run if it is still going.
    ~FlowRuntime();
    FlowRuntime(const FlowRuntime &) = delete;
    FlowRuntime &operator=(const FlowRuntime &) = delete;

    /// Starts `flow`, which must be valid (model::validateFlow without errors). Binds, connects
    /// and waits for readiness before returning. On failure (port in use, readiness, invalid
    /// flow) everything started is stopped again, snapshot().run.errors says why, and it
    /// returns false.
    bool start(model::Flow flow, RunOptions options = {});
    /// Producers stop emitting (consumers keep draining); resume() continues where they paused.
    void pause();
    void resume();
    /// Stops producers, lets in-flight events drain (bounded by RunOptions::drain), finalises
    /// every input's books (pending gaps confirmed) and joins all threads. Idempotent.
    void stop();
    /// True once every producer has finished (generator count reached, replay at its end)
    /// and every channel's backlog has drained: a finite flow is done.
    bool finished() const;
    /// True when a channel this host reads is written on another host: such a run never
    /// finishes by itself (finished() stays false) and ends on a duration or a stop.
    bool readsFromOtherHosts() const;

    /// Value copy of every node's counters, the run state, errors and the accounting.
    model::RunSnapshot snapshot() const;
    /// The most recent events seen by a node (bounded ring), newest last; empty if unknown.
    std::vector<model::RecentEvent> recentEvents(const model::NodeId &node) const;
    /// All hops of one correlation id recorded across the flow, in time order.
    std::vector<model::TraceHop> trace(const std::string &correlationId) const;
    /// The current read model of a projection node; empty if unknown.
    std::vector<model::ProjectionRow> projection(const model::NodeId &node) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace evflow::transport
