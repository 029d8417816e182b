#include "app/cli/KeysCommand.h"

#include "app/cli/Commands.h"
#include "transport/CurveKeys.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace evflow::cli {
namespace {

namespace tr = transport;

int generate(const KeysArgs &args)
{
    const auto dir = tr::curveKeysDirectory();
    const tr::CurveKeyResult made = tr::generateCurveKeyPair(dir, args.name, args.force);
    if (!made) {
        std::cerr << "evflow: " << made.error << '\n';
        return ExitInvalid;
    }
    std::cout << "public key: " << made.keys->publicKey << '\n'
              << "secret key: " << tr::curveSecretKeyFile(dir, args.name).string()
              << " (mode 0600: keep it on this machine)\n"
              << "public key file: " << tr::curvePublicKeyFile(dir, args.name).string()
              << " (copy it to the machines that must trust this key)\n"
              << "In a flow, name it as a channel's serverKey or in its clientKeys: \"" << args.name
              << "\"\n";
    return ExitOk;
}

int list()
{
    const auto dir = tr::curveKeysDirectory();
    for (const std::string &name : tr::listCurveKeys(dir)) {
        const tr::CurveKeyResult pub = tr::loadCurvePublicKey(dir, name);
        std::cout << name << ' ' << (pub ? pub.keys->publicKey : std::string("-"))
                  << (tr::hasCurveSecretKey(dir, name) ? " (secret here)" : "") << '\n';
    }
    return ExitOk;
}

} // namespace

CLI::App *addKeysCommand(CLI::App &app, KeysArgs &args)
{
    auto *keys = app.add_subcommand(
        "keys", "CURVE key pairs for encrypted tcp channels, kept apart from flow files in "
                "$EVFLOW_KEYS_DIR (default ~/.config/evflow/keys)");
    keys->require_subcommand(1);
    auto *generateCmd = keys->add_subcommand("generate", "Make the CURVE key pair NAME");
    generateCmd->add_option("NAME", args.name, "Key name: letters, digits, '.', '_', '-'")
        ->required();
    generateCmd->add_flag("--force", args.force, "Replace an existing key pair of that name");
    keys->add_subcommand("list", "List the key pairs and public keys in the key directory");
    return keys;
}

int runKeys(const CLI::App &keys, const KeysArgs &args)
{
    if (keys.got_subcommand("generate"))
        return generate(args);
    return list();
}

} // namespace evflow::cli
