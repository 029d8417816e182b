#pragma once

#include <cstddef>
#include <vector>

namespace evflow::bench {

struct MemoryOptions
{
    double seconds = 600.0;
    /// Growth is measured from this point of the run on (the first minute fills buffers).
    double settleSeconds = 60.0;
    /// Calls snapshot() and recentEvents() ten times a second from the main thread, as the
    /// studio's monitor does, so that their cost is in the figure.
    bool studioLoad = true;
};

/// Issue 7, point 5: RSS over a long run of the throughput example at full rate (generator
/// count 0 = until stopped, rate 0 = as fast as possible), sampled every second. Prints RSS at
/// the settle point and at the end, the growth in between, the maximum and the events processed.
/// Returns 1 when the counts are wrong (the queue must deliver every event), never because of
/// memory or speed.
int runMemoryCase(const MemoryOptions &options);

/// Issue 7, point 5: the memory of a DedupWindow remembering n ids, for each n in `windowSizes`:
/// memoryBytes(), cross-checked by the bytes operator new handed out and by the RSS growth while
/// the window is filled, and the bound in bytes per id. Returns 1 when the window's counts are
/// wrong.
int runDedupMemoryCase(const std::vector<std::size_t> &windowSizes);

} // namespace evflow::bench
