#pragma once

#include "bench/BenchCell.h"

#include "model/BinaryCodec.h"
#include "model/Flow.h"

#include <cstdint>
#include <vector>

namespace evflow::bench {

/// Which of a cell's three cases run (all by default; fewer for profiling one of them).
struct MatrixSides
{
    bool raw = true;
    bool hand = true;
    bool evflow = true;
};

/// Runs the matrix: for each cell, raw ZeroMQ (no work, the frames `frames`), the hand-written
/// consumer and evflow's FlowRuntime (the example's generator → channel → counter with the
/// channel turned into the cell's pattern and transport), `events` events per run. All cases of
/// all cells run `repeat` times, interleaved (run 1 of every case, then run 2, ...) so a change
/// in machine load hits them alike; each run is printed as it ends, then a table of medians and
/// their ratios, and a table of the process's CPU time per event in each case. Returns false
/// when any run's counts were wrong (or a flow did not validate).
bool runMatrix(const std::vector<Cell> &cells, const model::Flow &example,
               const model::EncodedFrames &frames, std::uint64_t events, int repeat,
               const MatrixSides &sides = {});

/// Monitoring overhead (issue 7, point 3): evflow over a tcp queue with monitoring on (latency
/// histogram, recent-event rings, correlation traces) while this thread samples snapshot() and
/// recentEvents() of the counter ten times a second, against monitoring off with no sampling.
/// Interleaved (the order alternates per repeat); the medians' difference in per cent, of
/// events/s and of the process's CPU time per event (the sampling thread's share included).
bool runOverhead(const model::Flow &example, std::uint64_t events, int repeat);

} // namespace evflow::bench
