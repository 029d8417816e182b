#pragma once

namespace evflow::bench {

struct LatencyOptions
{
    double seconds = 20.0;
    double rate = 10000.0; ///< events/s of the generator
};

/// Issue 7, point 4: end-to-end latency at a fixed rate over tcp loopback. Runs the throughput
/// example with its queue replaced by a pubsub channel the generator binds
/// (tcp://127.0.0.1:*), the generator at `rate` with bursts of 1, for `seconds`, and prints the
/// counter's latency percentiles from the runtime's own histogram next to an exact measurement
/// by a LatencyProbe subscribed to the same channel. Returns the exit status: 1 when a count is
/// wrong (an event lost, duplicated or malformed, books unbalanced, a run error), never because
/// of a latency.
int runLatencyCase(const LatencyOptions &options);

} // namespace evflow::bench
