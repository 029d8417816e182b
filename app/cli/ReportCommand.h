#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace evflow::cli {

/// Arguments of `evflow report merge REPORT... [-o PATH]`.
struct ReportArgs
{
    std::vector<std::string> reports;
    std::string output = "-";
};

/// Declares `report` with its `merge` subcommand on `app`; returns the `report` command.
CLI::App *addReportCommand(CLI::App &app, ReportArgs &args);

/// Reads per-host run reports, merges them (model::mergeReports) and writes one report.
/// ExitInvalid with "FILE: error" for an unreadable or malformed report, or a failed merge.
int mergeReportFiles(const ReportArgs &args);

} // namespace evflow::cli
