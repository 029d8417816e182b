#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace evflow::cli {

/// Arguments of `evflow record ENDPOINT -o FILE.jsonl [--duration SECONDS] [--socket sub|pull]
/// [--bind]`.
struct RecordArgs
{
    std::string endpoint;
    std::string output;
    std::optional<double> durationSeconds; ///< none: until SIGINT/SIGTERM
    std::string socket = "sub";
    bool bind = false;
};

/// Declares the `record` subcommand on `app`, filling `args` when parsed.
CLI::App *addRecordCommand(CLI::App &app, RecordArgs &args);

/// Records CloudEvents JSON from a foreign endpoint into a JSON-lines file (transport::Recorder)
/// until the duration ends or SIGINT/SIGTERM arrives; prints "recording ENDPOINT -> FILE" on
/// standard error once listening, and a summary at the end. The file appears only complete.
/// Returns ExitOk (also with no events), ExitInvalid for a bad or unreachable endpoint or an
/// unwritable file.
int record(const RecordArgs &args);

} // namespace evflow::cli
