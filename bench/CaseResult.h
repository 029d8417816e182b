#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace evflow::bench {

/// One timed run of one end-to-end case of evflow-bench-flow.
struct CaseResult
{
    std::uint64_t events = 0; ///< events the receiving side counted as delivered and handled
    double seconds = 0.0;     ///< wall time from the first send to the last event handled
    /// Size of the header frame of the last event handled, for comparing cases; 0 when unknown.
    std::size_t headerBytes = 0;
    /// Empty when the counts are right; otherwise what is wrong (the run then fails).
    std::string problem;

    double eventsPerSecond() const { return seconds > 0.0 ? events / seconds : 0.0; }
};

} // namespace evflow::bench
