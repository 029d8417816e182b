#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace evflow::cli {

/// Arguments of `evflow run FLOW [--duration SECONDS] [--report PATH|-] [--host NAME]
/// [--telemetry ENDPOINT] [--seed N] [--quiet]` (PRODUCT.md §4).
struct RunArgs
{
    std::string flow;
    std::optional<double> durationSeconds; ///< none: until finished or SIGINT/SIGTERM
    std::string report;                    ///< empty: no report file; "-": standard output
    std::optional<std::string> host;
    std::string telemetry;
    std::string telemetryKey;                  ///< CURVE key pair of the telemetry server
    std::vector<std::string> telemetryClients; ///< public keys allowed to read telemetry
    std::optional<std::uint64_t> seed;
    bool quiet = false;
};

/// Declares the `run` subcommand on `app`, filling `args` when parsed.
CLI::App *addRunCommand(CLI::App &app, RunArgs &args);

/// Runs the flow until the duration ends, every producer has finished, or SIGINT/SIGTERM
/// arrives; then stops cleanly (in-flight events drain) and writes the report. Shows live
/// progress on a terminal unless quiet. ExitOk after a run (a warning says when the books do
/// not balance), ExitInvalid for an invalid flow or a run that could not start.
int runFlow(const RunArgs &args);

} // namespace evflow::cli
