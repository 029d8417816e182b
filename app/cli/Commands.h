#pragma once

namespace evflow::cli {

/// Exit codes of PRODUCT.md §4.
enum ExitCode { ExitOk = 0, ExitInvalid = 1, ExitUsage = 2 };

/// Parses the command line and runs the command; returns the process exit status.
int run(int argc, char **argv);

} // namespace evflow::cli
