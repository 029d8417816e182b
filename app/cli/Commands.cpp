#include "app/cli/Commands.h"

#include "transport/ZmqInfo.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace evflow::cli {

int run(int argc, char **argv)
{
    CLI::App app{"evflow: design, run and watch event flows over ZeroMQ"};
    app.set_version_flag("--version", std::string(EVFLOW_VERSION) + " (libzmq "
                                          + transport::zmqVersion() + ")");
    app.require_subcommand(1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int code = app.exit(e);
        return code == 0 ? ExitOk : ExitUsage;
    }
    return ExitOk;
}

} // namespace evflow::cli
