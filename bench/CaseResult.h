#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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
    /// CPU time (user + system) of the whole process over the whole case, set-up and tear-down
    /// included: what the work cost, less sensitive than wall time to other users of the machine.
    double cpuSeconds = 0.0;

    double eventsPerSecond() const { return seconds > 0.0 ? events / seconds : 0.0; }
    double cpuMicrosPerEvent() const { return events > 0 ? cpuSeconds * 1e6 / events : 0.0; }
};

/// The events/s of the median run (the lower middle one for an even count); 0 for no runs.
inline double medianEventsPerSecond(const std::vector<CaseResult> &runs)
{
    std::vector<double> rates;
    for (const auto &r : runs)
        rates.push_back(r.eventsPerSecond());
    if (rates.empty())
        return 0.0;
    std::sort(rates.begin(), rates.end());
    return rates[(rates.size() - 1) / 2];
}

/// The median run's CPU microseconds per event (lower middle for an even count); 0 for no runs.
inline double medianCpuMicrosPerEvent(const std::vector<CaseResult> &runs)
{
    std::vector<double> costs;
    for (const auto &r : runs)
        costs.push_back(r.cpuMicrosPerEvent());
    if (costs.empty())
        return 0.0;
    std::sort(costs.begin(), costs.end());
    return costs[(costs.size() - 1) / 2];
}

/// a / b, or 0 when b is 0.
inline double ratio(double a, double b)
{
    return b > 0.0 ? a / b : 0.0;
}

} // namespace evflow::bench
