#pragma once

namespace evflow::cli {

/// Makes SIGINT and SIGTERM request a clean stop instead of killing the process: the handler
/// (installed with sigaction, without SA_RESTART, so a blocking wait returns EINTR) only records
/// the signal in a lock-free atomic; the command's loop polls stopRequested() between waits of
/// bounded length. The handler resets itself (SA_RESETHAND): a second Ctrl-C kills at once, as
/// a user pressing it twice expects. Call from the main thread before starting work.
void installStopSignals();

/// Whether SIGINT or SIGTERM arrived since installStopSignals(). Async-signal-safe.
bool stopRequested();

/// The signal that requested the stop (SIGINT or SIGTERM), or 0.
int stopSignal();

} // namespace evflow::cli
