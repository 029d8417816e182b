#pragma once

#include "model/Flow.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace evflow::bench {

/// Knobs of makeBigFlow(). The defaults give a flow for the studio's scale benchmark; a runtime
/// benchmark will usually want `fileSinks = false` (no files written) and a `count`.
struct BigFlowOptions
{
    /// Events per second of each generator (0 = as fast as possible).
    double rate = 100.0;
    /// Events each generator emits before it stops (0 = until the run is stopped).
    std::int64_t count = 0;
    /// Log and event-store consumers writing into `outputDir`; false puts counters in their
    /// place, so a run writes no file.
    bool fileSinks = true;
    /// Where the file sinks write (relative paths are relative to the run's working directory).
    std::string outputDir = "evflow-out/big";
    /// Every other lane's first channel binds `tcp://127.0.0.1:*` (ZeroMQ picks the port, so
    /// lanes never collide); false keeps every channel on inproc.
    bool tcpChannels = true;
    /// Each lane's counter also reads the previous lane's "warm" channel within groups of five
    /// lanes, so lanes are not independent islands (auto-layout must place wires that cross
    /// lanes) while the flow still falls apart into groups of 50 nodes, as large flows do.
    bool crossLinks = true;
};

/// A large, valid flow of exactly `nodes` nodes (at least 3), deterministic: the same arguments
/// always give the same flow, node for node and link for link, in the same order.
///
/// Built from lanes of 10 nodes; lane k (ids end in "-k") is
///
///     gen-k ──▶ in-k ─┬─▶ count-k
///                     ├─▶ hot-k  (threshold alert) ──▶ alerts-k ──▶ alert-log-k
///                     └─▶ keep-k (filter)          ──▶ warm-k  ─┬─▶ per-sensor-k (projection)
///                                                               └─▶ warm-store-k
///
/// where in-k is a queue, a pub/sub or a broker in turn (k mod 3), on tcp loopback with an
/// ephemeral port for odd k (see BigFlowOptions::tcpChannels) and inproc otherwise; alerts-k is
/// a queue and warm-k a pub/sub, both inproc. With crossLinks, count-k also reads warm-(k-1)
/// when k is not a multiple of 5. The nodes left over after the last full lane form a short lane
/// (gen → in → counters) when there are 3 or more, else extra counters on the last lane's
/// in-channel. About one link per node. Two event types: "sensor.reading" (generated) and
/// "sensor.alert" (the threshold alerts' output).
///
/// The flow has no layout entries, so the studio places every node by auto-layout. It passes
/// model::validateFlow with no problem at all (errors or warnings). Model-only code: usable
/// from any benchmark or test. Throws std::invalid_argument for fewer than 3 nodes.
model::Flow makeBigFlow(std::size_t nodes, const BigFlowOptions &options = {});

} // namespace evflow::bench
