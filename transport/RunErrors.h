#pragma once

#include "model/Ids.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace evflow::transport {

/// What went wrong while a flow ran. Every failure of a worker thread becomes one RunError of
/// one of these kinds; none of them ends the process.
enum class RunErrorKind {
    Bind,      ///< an endpoint could not be bound (in use, bad interface, permission)
    Connect,   ///< an endpoint could not be connected (unresolvable, no binder known)
    Readiness, ///< peers did not become ready within the start-up timeout (the run continues)
    Io,        ///< a send or receive failed for another reason than stop
    Malformed, ///< a message arrived that is not a 3-frame evflow event
    Auth,      ///< CURVE: a key is missing or bad, or a client was refused (docs/SECURITY.md)
    Internal,  ///< an exception escaped a worker body
};

/// "bind", "connect", "readiness", "io", "malformed", "auth" or "internal".
const char *runErrorKindName(RunErrorKind kind);

/// One structured run error: which node, what kind, a one-line message, when (microseconds
/// since the epoch, system clock).
struct RunError
{
    model::NodeId node;
    RunErrorKind kind = RunErrorKind::Internal;
    std::string message;
    std::int64_t timeMicros = 0;
};

/// The queue of run errors that workers push to and the owner (runtime, report, UI) reads.
/// Thread-safe. Errors are rare, so a mutex is fine: this is never on the per-event path.
/// Bounded: past `capacity` errors only a count is kept, so a failing loop cannot eat memory.
class RunErrors
{
public:
    explicit RunErrors(std::size_t capacity = 1000);

    /// Appends `error` (stamping its time when it is 0). Any thread.
    void push(RunError error);
    /// Shortcut: push({node, kind, message, now}).
    void report(const model::NodeId &node, RunErrorKind kind, std::string message);

    /// Removes and returns the errors pushed since the last take(), oldest first. Any thread.
    std::vector<RunError> take();
    /// A copy of every error kept so far (take() does not clear this history). Any thread.
    std::vector<RunError> all() const;
    /// Errors pushed in total, including those dropped past the capacity.
    std::size_t total() const;
    /// Errors not kept because the capacity was reached.
    std::size_t dropped() const;

private:
    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::vector<RunError> m_history;
    std::size_t m_taken = 0; ///< index in m_history of the first error take() has not returned
    std::size_t m_total = 0;
};

/// Microseconds since the epoch from the system clock (the time stamp of run errors).
std::int64_t systemMicrosNow();

} // namespace evflow::transport
