#include "app/cli/ReportCommand.h"

#include "app/cli/Commands.h"
#include "app/cli/OutputFile.h"
#include "model/RunReport.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace evflow::cli {
namespace {

/// Reports are small; this bounds what a wrong argument (a disk image) can make us read.
constexpr std::size_t kMaxReportBytes = 16 * 1024 * 1024;

bool readReport(const std::string &path, model::RunReport &report, std::string &error)
{
    std::string text;
    if (!readInput(path, kMaxReportBytes, text, error))
        return false;
    auto parsed = model::parseReport(text);
    if (!parsed) {
        error = path + ": " + parsed.error;
        return false;
    }
    report = std::move(*parsed.report);
    return true;
}

} // namespace

CLI::App *addReportCommand(CLI::App &app, ReportArgs &args)
{
    auto *report = app.add_subcommand("report", "Work with run reports");
    report->require_subcommand(1);
    auto *merge = report->add_subcommand("merge", "One flow-wide report from per-host reports");
    merge->add_option("REPORT", args.reports, "Reports of `evflow run --report`")->required();
    merge->add_option("-o,--output", args.output, "Output file; - for standard output");
    return report;
}

int mergeReportFiles(const ReportArgs &args)
{
    std::vector<model::RunReport> reports(args.reports.size());
    std::string error;
    for (std::size_t i = 0; i < args.reports.size(); ++i) {
        if (!readReport(args.reports[i], reports[i], error)) {
            std::cerr << "evflow: " << error << '\n';
            return ExitInvalid;
        }
    }
    const model::ReportResult merged = model::mergeReports(reports);
    if (!merged) {
        std::cerr << "evflow: cannot merge: " << merged.error << '\n';
        return ExitInvalid;
    }
    if (!writeOutput(args.output, model::reportToJson(*merged.report), error)) {
        std::cerr << "evflow: " << error << '\n';
        return ExitInvalid;
    }
    return ExitOk;
}

} // namespace evflow::cli
