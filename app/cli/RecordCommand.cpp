#include "app/cli/RecordCommand.h"

#include "app/cli/Commands.h"
#include "app/cli/Signals.h"
#include "app/cli/StreamingOutputFile.h"
#include "model/Endpoint.h"
#include "transport/Recorder.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace evflow::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// Why `endpoint` cannot be recorded from, or empty when it can.
std::string checkEndpoint(const std::string &endpoint)
{
    const auto parsed = model::parseEndpoint(endpoint);
    if (!parsed)
        return "invalid endpoint " + endpoint + ": " + parsed.error;
    if (parsed.endpoint->transport == model::Transport::Inproc) {
        return "cannot record from " + endpoint
               + ": inproc endpoints exist only inside one process; use tcp:// or ipc://";
    }
    return {};
}

std::string plural(std::uint64_t n, const char *noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void printSummary(const transport::RecorderStats &stats, const std::string &endpoint,
                  const std::string &output, double seconds)
{
    std::ostringstream out;
    out.precision(3);
    out << "evflow: recorded " << plural(stats.events, "event") << " from " << endpoint << " to "
        << output << " in " << seconds << " s";
    if (stats.events == 0)
        out << " (nothing valid arrived)";
    out << '\n';
    if (!stats.receiveError.empty())
        out << "evflow: receiving was interrupted by an error: " << stats.receiveError << '\n';
    if (stats.malformed > 0) {
        out << "evflow: " << plural(stats.malformed, "malformed message") << " skipped: ";
        for (std::size_t i = 0; i < stats.malformedReasons.size(); ++i)
            out << (i > 0 ? "; " : "") << stats.malformedReasons[i];
        if (stats.malformed > stats.malformedReasons.size())
            out << "; ...";
        out << '\n';
    }
    std::cerr << out.str() << std::flush;
}

bool timeIsUp(const std::optional<Clock::time_point> &deadline)
{
    return deadline && Clock::now() >= *deadline;
}

transport::RecorderOptions recorderOptions(const RecordArgs &args)
{
    transport::RecorderOptions options;
    options.endpoint = args.endpoint;
    options.socket
        = args.socket == "pull" ? transport::RecorderSocket::Pull : transport::RecorderSocket::Sub;
    options.bind = args.bind;
    return options;
}

/// Receives into `output` until a stop signal, the deadline or a write error (which commit()
/// then reports).
void recordUntilStopped(transport::Recorder &recorder, StreamingOutputFile &output,
                        const std::optional<Clock::time_point> &deadline)
{
    bool writeFailed = false;
    const auto sink = [&](std::string_view line) {
        writeFailed = writeFailed || !output.write(line) || !output.write("\n");
    };
    while (!stopRequested() && !timeIsUp(deadline) && !writeFailed) {
        // Flushing each batch keeps the temporary file current: a kill loses little, and a
        // watcher (a test, `tail -f`) sees progress while the target stays untouched.
        if (recorder.pollOnce(std::chrono::milliseconds(50), sink) > 0)
            writeFailed = !output.flush();
    }
}

} // namespace

CLI::App *addRecordCommand(CLI::App &app, RecordArgs &args)
{
    auto *cmd = app.add_subcommand("record", "Record CloudEvents JSON from a foreign ZeroMQ "
                                             "endpoint into a JSON-lines file");
    cmd->add_option("ENDPOINT", args.endpoint, "tcp://HOST:PORT or ipc://PATH")->required();
    cmd->add_option("-o,--output", args.output, "Recording (JSON lines); - for standard output")
        ->required();
    cmd->add_option("--duration", args.durationSeconds, "Stop after SECONDS (default: on Ctrl-C)")
        ->check(CLI::Validator(
            [](std::string &text) -> std::string {
                double seconds = 0;
                const bool ok
                    = CLI::detail::lexical_cast(text, seconds) && seconds > 0 && seconds < 1e9;
                return ok ? std::string() : "must be a positive number of seconds, not " + text;
            },
            "SECONDS"));
    cmd->add_option("--socket", args.socket, "sub (from a PUB, default) or pull (from a PUSH)")
        ->check(CLI::IsMember({"sub", "pull"}));
    cmd->add_flag("--bind", args.bind, "Bind ENDPOINT instead of connecting to it");
    return cmd;
}

int record(const RecordArgs &args)
{
    if (const std::string problem = checkEndpoint(args.endpoint); !problem.empty()) {
        std::cerr << "evflow: " << problem << '\n';
        return ExitInvalid;
    }
    std::string error;
    StreamingOutputFile output;
    transport::Recorder recorder(recorderOptions(args));
    if (!output.open(args.output, error) || !recorder.open(error)) {
        std::cerr << "evflow: " << error << '\n';
        return ExitInvalid;
    }
    installStopSignals();
    const Clock::time_point start = Clock::now();
    std::optional<Clock::time_point> deadline;
    if (args.durationSeconds) {
        deadline = start
                   + std::chrono::duration_cast<Clock::duration>(
                       std::chrono::duration<double>(*args.durationSeconds));
    }
    std::cerr << "evflow: recording " << recorder.endpoint() << " -> " << args.output << std::endl;
    recordUntilStopped(recorder, output, deadline);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    const transport::RecorderStats &stats = recorder.stats();
    if (!args.bind && stats.connects == 0 && stats.events == 0) {
        output.discard();
        std::cerr << "evflow: could not connect to " << args.endpoint
                  << ": nothing accepted the connection while recording (is the publisher "
                     "running, and the endpoint right?)\n";
        return ExitInvalid;
    }
    if (!output.commit(error)) {
        std::cerr << "evflow: " << error << '\n';
        return ExitInvalid;
    }
    printSummary(stats, recorder.endpoint(), args.output, seconds);
    return ExitOk;
}

} // namespace evflow::cli
