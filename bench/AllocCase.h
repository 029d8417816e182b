#pragma once

namespace evflow::bench {

struct AllocOptions
{
    double seconds = 9.0;
    double rate = 0.0; ///< events/s of the generator; 0 = as fast as possible
};

/// Issue 7, point 7: heap allocations per event of a whole FlowRuntime run (the throughput
/// example: generator -> tcp queue -> counter), counted by this executable's operator new
/// (CountingAllocator.h) in the middle third of the run and divided by the events processed
/// then. The benchmark's own snapshot() calls are not counted (UncountedScope). Returns 1 when
/// the run's counts are wrong, never because of a figure.
int runAllocCase(const AllocOptions &options);

} // namespace evflow::bench
