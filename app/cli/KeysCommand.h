#pragma once

#include <string>

namespace CLI {
class App;
}

namespace evflow::cli {

/// Arguments of `evflow keys generate NAME [--force]` and `evflow keys list`.
struct KeysArgs
{
    std::string name;
    bool force = false;
};

/// Declares `keys` with its subcommands `generate` and `list` on `app`; returns the command.
CLI::App *addKeysCommand(CLI::App &app, KeysArgs &args);

/// Runs the `keys` subcommand that was parsed on `keys` (the command addKeysCommand returned).
/// generate: makes the CURVE key pair NAME in the key directory (transport::curveKeysDirectory),
/// prints its public key and both file paths; ExitInvalid with "evflow: MESSAGE" for a bad name,
/// an existing key without --force, or a file that cannot be written. list: one line per key,
/// "NAME PUBLIC-KEY" ("-" when its .pub cannot be read) with a trailing "(secret here)" when
/// NAME.key exists.
int runKeys(const CLI::App &keys, const KeysArgs &args);

} // namespace evflow::cli
