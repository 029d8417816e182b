#include "app/cli/RunCommand.h"

#include "app/cli/Commands.h"
#include "app/cli/FlowInput.h"
#include "app/cli/OutputFile.h"
#include "app/cli/Progress.h"
#include "app/cli/Signals.h"
#include "app/cli/TelemetryOptions.h"
#include "model/RunReport.h"
#include "transport/FlowRuntime.h"
#include "transport/RuntimeDetails.h"
#include "transport/TelemetryPublisher.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <thread>

namespace evflow::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// Why the run loop ended, for the closing line.
enum class EndReason { Duration, Finished, Signal };

/// Prints run errors to standard error as they come, each once: a peer that cannot be reached or
/// a lost connection is shown while the run goes on, not only at its end.
class ErrorPrinter
{
public:
    bool hasNew(const model::RunSnapshot &snapshot) const
    {
        return snapshot.run.errors.size() > m_printed;
    }
    void printNew(const model::RunSnapshot &snapshot)
    {
        const auto &errors = snapshot.run.errors;
        for (; m_printed < errors.size(); ++m_printed) {
            const auto &e = errors[m_printed];
            std::cerr << "evflow: " << (e.node.empty() ? std::string() : e.node + ": ") << e.message
                      << " [" << e.kind << "]\n";
        }
    }

private:
    std::size_t m_printed = 0;
};

/// Waits, polling ten times a second, until the duration is over, the flow has finished or a
/// stop signal arrived; refreshes the progress line and prints new run errors meanwhile.
EndReason waitForEnd(const transport::FlowRuntime &runtime, const RunArgs &args, Progress &progress,
                     ErrorPrinter &errors)
{
    const auto started = Clock::now();
    for (;;) {
        if (stopRequested())
            return EndReason::Signal;
        if (runtime.finished())
            return EndReason::Finished;
        const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
        if (args.durationSeconds && elapsed >= *args.durationSeconds)
            return EndReason::Duration;
        const model::RunSnapshot snapshot = runtime.snapshot();
        if (errors.hasNew(snapshot))
            progress.clearLine();
        errors.printNew(snapshot);
        progress.update(snapshot);
        // Not synchronisation: the pace of a terminal display. A signal cuts the wait short.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

const char *endReasonText(EndReason reason, bool readsFromOtherHosts)
{
    switch (reason) {
    case EndReason::Duration: return "duration reached";
    case EndReason::Finished:
        return readsFromOtherHosts ? "every writer on other hosts has ended"
                                   : "all producers finished";
    case EndReason::Signal: return "stopped by signal";
    }
    return "";
}

bool writeReport(const RunArgs &args, const model::RunSnapshot &snapshot)
{
    if (args.report.empty())
        return true;
    std::string error;
    if (writeOutput(args.report, model::reportToJson(model::buildReport(snapshot)), error))
        return true;
    std::cerr << "evflow: " << error << '\n';
    return false;
}

} // namespace

CLI::App *addRunCommand(CLI::App &app, RunArgs &args)
{
    auto *cmd = app.add_subcommand(
        "run", "Run a flow over ZeroMQ and report what happened to every event");
    cmd->add_option("FLOW", args.flow, "Flow file")->required();
    cmd->add_option("--duration", args.durationSeconds,
                    "Stop after SECONDS (default: until "
                    "finished or Ctrl-C)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--report", args.report, "Write the JSON report to PATH (- = standard output)");
    cmd->add_option("--host", args.host, "Run only the nodes placed on host NAME");
    auto *telemetry = cmd->add_option(
        "--telemetry", args.telemetry,
        "Publish snapshots as JSON at ENDPOINT, ten times a second (docs/TELEMETRY.md)");
    auto *telemetryKey
        = cmd->add_option("--telemetry-key", args.telemetryKey,
                          "Encrypt telemetry with CURVE: this runner's key pair NAME (evflow keys)")
              ->needs(telemetry);
    cmd->add_option("--telemetry-clients", args.telemetryClients,
                    "With --telemetry-key: the public keys allowed to attach (NAME,NAME...)")
        ->delimiter(',')
        ->needs(telemetryKey);
    cmd->add_option("--seed", args.seed, "Seed for every generator and fault injector");
    cmd->add_flag("--quiet", args.quiet, "No live progress");
    return cmd;
}

int runFlow(const RunArgs &args)
{
    auto flow = loadValidFlow(args.flow);
    if (!flow)
        return ExitInvalid;
    installStopSignals();

    transport::FlowRuntime runtime;
    transport::RunOptions options;
    options.host = args.host;
    options.seed = args.seed;
    transport::TelemetryPublisher telemetry([&runtime] { return runtime.snapshot(); });
    telemetry.setDetailSource([&runtime](const model::DetailRequest &request) {
        return transport::answerDetail(runtime, request);
    });
    std::string error;
    // Keys and exposure first: a refused telemetry setting must not leave events produced.
    if (!args.telemetry.empty() && !configureTelemetry(telemetry, args, error)) {
        std::cerr << "evflow: telemetry: " << error << '\n';
        return ExitInvalid;
    }
    ErrorPrinter errors;
    if (!runtime.start(std::move(*flow), options)) {
        errors.printNew(runtime.snapshot());
        std::cerr << "evflow: " << args.flow << ": the flow could not start\n";
        return ExitInvalid;
    }
    if (!args.telemetry.empty()) {
        if (!telemetry.start(args.telemetry, error)) {
            runtime.stop();
            std::cerr << "evflow: telemetry: " << error << '\n';
            return ExitInvalid;
        }
        std::cerr << "evflow: telemetry on " << telemetry.endpoint() << '\n';
    }

    if (runtime.readsFromOtherHosts() && !args.durationSeconds)
        std::cerr << "evflow: host '" << args.host.value_or("") << "' reads events written on "
                  << "other hosts: it ends when their writers have announced their stream ends "
                  << "(or on a stop signal, Ctrl-C)\n";
    Progress progress(!args.quiet);
    const EndReason reason = waitForEnd(runtime, args, progress, errors);
    runtime.stop();
    telemetry.stop();
    const model::RunSnapshot final = runtime.snapshot();
    progress.finish(final, endReasonText(reason, runtime.readsFromOtherHosts()));
    errors.printNew(final);
    if (!final.accounting.balanced)
        std::cerr << "evflow: warning: the books do not balance: " << final.accounting.unaccounted
                  << " events unaccounted\n";
    return writeReport(args, final) ? ExitOk : ExitInvalid;
}

} // namespace evflow::cli
