#pragma once

#include "model/Flow.h"
#include "model/InputAccounting.h"
#include "model/LatencyHistogram.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// Lifecycle of a run, as a runtime reports it.
enum class RunState { Starting, Running, Paused, Stopping, Stopped, Failed };

/// "starting", "running", "paused", "stopping", "stopped", "failed".
const char *runStateName(RunState state);
std::optional<RunState> parseRunState(std::string_view name);
/// "producer", "channel", "consumer", "processor" parsed back (catalog::roleName() writes them).
std::optional<NodeRole> parseNodeRole(std::string_view name);

/// Faults a producer (or a channel with fault injection) injected, each counted once.
struct InjectedFaults
{
    std::uint64_t duplicates = 0;
    std::uint64_t reorders = 0;
    std::uint64_t late = 0;
    std::uint64_t drops = 0;

    InjectedFaults &operator+=(const InjectedFaults &other);
    bool operator==(const InjectedFaults &) const = default;
};

/// Transport counters of a channel.
struct ChannelCounters
{
    std::uint64_t sent = 0;           ///< events written into the channel
    std::uint64_t received = 0;       ///< events read out of the channel (all readers)
    std::uint64_t backlog = 0;        ///< events queued, not yet read (a gauge, not cumulative)
    std::uint64_t connectedPeers = 0; ///< sockets connected right now (a gauge)
    std::uint64_t disconnects = 0;    ///< peer disconnections seen so far
    /// Copies of each event its readers are due: 1 for a queue, one per reader for pubsub and
    /// broker (every reader of the flow, on any host). Lets a merge recompute the backlog.
    std::uint64_t fanOut = 1;

    /// Adds the cumulative counters and the gauges (summing per-host views of one channel);
    /// fanOut is the flow's, the same in every view.
    ChannelCounters &operator+=(const ChannelCounters &other);
    bool operator==(const ChannelCounters &) const = default;
};

/// Latency percentiles of one node, in microseconds (summarised from a LatencyHistogram).
struct LatencySummary
{
    std::int64_t p50 = 0;
    std::int64_t p99 = 0;
    std::int64_t max = 0;

    static LatencySummary of(const LatencyHistogram &histogram);
    bool operator==(const LatencySummary &) const = default;
};

/// One node's cumulative counters at one instant. Which members mean something depends on the
/// role; the others stay zero (and are not written to reports or telemetry):
///  - producer:  produced, injected;
///  - channel:   channel, and injected when injectsFaults;
///  - consumer:  input, and sources (per-source sequence books) when the input tracks them;
///  - processor: input and emitted.
/// Counters are cumulative since the start of the run; rates are derived by readers from two
/// snapshots (ratePerSecond()).
struct NodeSnapshot
{
    std::string id;
    std::string kind; ///< kebab-case kind name, as in flow files ("generator", "pubsub")
    NodeRole role = NodeRole::Producer;
    std::string host; ///< the host the node is placed on; empty when unplaced
    /// Channels: the endpoint in use, with a `*` port or path resolved to what ZeroMQ chose
    /// (empty when unknown); brokers also have the backend endpoint.
    std::string endpoint;
    std::string backendEndpoint;

    std::uint64_t produced = 0;
    InjectedFaults injected;
    bool injectsFaults = false; ///< channels only: whether `injected` is reported
    ChannelCounters channel;
    InputAccounting input;
    std::vector<SourceSequenceBooks> sources; ///< inputs: per-source sequence books, if tracked
    std::uint64_t emitted = 0;
    LatencySummary latencyMicros;

    /// The counter rates are derived from: produced (producer), sent (channel), processed
    /// (consumer, processor).
    std::uint64_t mainCounter() const;
    /// Inputs: the outcome identity and every source's sequence identity hold (true otherwise).
    bool balanced() const;
    bool operator==(const NodeSnapshot &) const = default;
};

/// What a cumulative counter counted between two readings: after - before, or `after` alone when
/// the counter went down (its owner restarted and counts from 0 again), as Prometheus' rate()
/// treats a reset. The one rule every rate in evflow follows.
inline std::uint64_t counterIncrease(std::uint64_t before, std::uint64_t after)
{
    return after >= before ? after - before : after;
}

/// Events per second of the node's main counter between two of its snapshots taken `seconds`
/// apart (a node snapshot carries no time of its own, so the interval is passed in; the
/// RunSnapshot overload below takes it from takenAtMicros). 0 when seconds <= 0; when the counter
/// went down (a restarted node) the later value alone is taken as the count since the restart, as
/// RateSeries does.
double ratePerSecond(const NodeSnapshot &earlier, const NodeSnapshot &later, double seconds);

/// One structured run error (a bind that failed, a worker that caught an exception).
struct RunError
{
    std::string node; ///< node id; empty for errors of the run as a whole
    std::string kind; ///< short kebab-case class of error: "bind-failed", "worker-exception"
    std::string message;
    std::int64_t atMicros = 0; ///< system clock, microseconds since the epoch

    bool operator==(const RunError &) const = default;
};

/// The run as a whole.
struct RunInfo
{
    std::string flow; ///< the flow's name
    std::string host; ///< the host this run covers (`evflow run --host`); empty = the whole flow
    RunState state = RunState::Starting;
    std::int64_t startedAtMicros = 0; ///< system clock
    std::int64_t takenAtMicros = 0;   ///< system clock, when the snapshot was taken
    double elapsedSeconds = 0.0;      ///< run time so far (excludes nothing: pauses count)
    std::vector<RunError> errors;

    bool operator==(const RunInfo &) const = default;
};

/// Whether the books of all inputs balance (PRODUCT.md §2, "Accounting").
struct AccountingSummary
{
    bool balanced = true;
    /// Sum over every input of |InputAccounting::unaccounted()| and, for each source it tracks,
    /// |SequenceBooks::unaccounted()|. 0 exactly when balanced.
    std::uint64_t unaccounted = 0;

    bool operator==(const AccountingSummary &) const = default;
};

/// The books of every consumer and processor input in `nodes`.
AccountingSummary summarizeAccounting(const std::vector<NodeSnapshot> &nodes);

/// Everything a reader (studio, CLI progress, telemetry, report) needs about a run at one instant.
/// Plain values: a runtime fills one ~10 times a second, readers copy it freely.
struct RunSnapshot
{
    RunInfo run;
    std::vector<NodeSnapshot> nodes; ///< in flow order
    AccountingSummary accounting;    ///< summarizeAccounting(nodes); see updateAccounting()

    /// The node with this id, or nullptr.
    const NodeSnapshot *findNode(std::string_view id) const;
    /// Sets `accounting` from the nodes.
    void updateAccounting() { accounting = summarizeAccounting(nodes); }
    bool operator==(const RunSnapshot &) const = default;
};

/// Rate of node `id` between two snapshots of one run, over the time between their
/// takenAtMicros; 0 when the node is missing from either.
double ratePerSecond(const RunSnapshot &earlier, const RunSnapshot &later, std::string_view id);

/// The telemetry JSON of a snapshot (docs/TELEMETRY.md): seq, flow, host, state, startedAtMicros,
/// takenAtMicros, elapsedSeconds, nodes (the report's node shape, rates averaged over the
/// elapsed time), totals, accounting, errors. One line, no trailing newline.
std::string snapshotToJson(const RunSnapshot &snapshot, std::uint64_t seq);

/// A parsed telemetry message, or a one-line error naming the JSON pointer at fault.
struct SnapshotParseResult
{
    std::optional<RunSnapshot> snapshot;
    std::uint64_t seq = 0;
    std::string error;
    explicit operator bool() const { return snapshot.has_value(); }
};

/// Parses snapshotToJson()'s output. Refuses text that is not JSON, nested deeper than
/// kMaxRunJsonDepth, or not of the documented shape. Never throws.
SnapshotParseResult parseSnapshotJson(std::string_view text);

/// Nesting limit of parseSnapshotJson() and parseReport(): the documented shapes need 5.
inline constexpr int kMaxRunJsonDepth = 16;

} // namespace evflow::model
