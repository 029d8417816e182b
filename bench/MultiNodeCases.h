#pragma once

#include "model/Flow.h"

#include <cstdint>

namespace evflow::bench {

/// Fan-out (issue 7, point 2): evflow pubsub over tcp from one generator (`events` events) to 4
/// counters, and a broker over tcp with 4 generators (`events` / 4 each) × 4 counters (each
/// gets every event of every generator). Each `repeat` times, interleaved; prints every run and
/// the median run's per-consumer and total delivered events/s. False on any wrong count.
bool runFanout(const model::Flow &example, std::uint64_t events, int repeat);

/// Scale (issue 7, point 2): a 100-node flow (scaleFlow: 25 lanes of generator → tcp pubsub or
/// queue → 2 counters; `events` / 25 events per generator), with the runtime's default reader
/// threads and with one thread per node, `repeat` times each, interleaved; prints per-consumer
/// events/s (min, median, max), the total delivered and the process's peak thread count. False
/// on any wrong count.
bool runScale(const model::Flow &example, std::uint64_t events, int repeat);

} // namespace evflow::bench
