#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace evflow::transport {

/// The start barrier of a run (GNU Radio's scheduler starts every block together). Each worker
/// passes the phases in order; nobody enters phase k+1 before every participant finished k:
///   Bind    - binders bind and publish their resolved endpoints;
///   Connect - connectors connect to the resolved endpoints;
///   Ready   - writers wait until their readers are ready (subscriptions, connections);
/// after Ready everyone runs. A participant that fails calls abort(): every wait then returns
/// false at once and the run does not start. Thread-safe.
class StartGate
{
public:
    enum class Phase { Bind = 0, Connect = 1, Ready = 2 };

    explicit StartGate(std::size_t participants);

    /// Marks the caller done with `phase` and waits until every participant is, the gate is
    /// aborted, `stop` is set, or `timeout` passes. `whileWaiting` (may be empty) is called
    /// about every `slice` so that the caller's sockets keep processing ZeroMQ commands (a
    /// binding SUB only sends its subscriptions once its thread touches it). Returns true when
    /// everyone arrived; false otherwise (on timeout the gate is aborted with a message).
    bool arriveAndWait(Phase phase, std::chrono::milliseconds timeout,
                       const std::atomic<bool> &stop,
                       const std::function<void()> &whileWaiting = {},
                       std::chrono::milliseconds slice = std::chrono::milliseconds(5));

    /// Fails the start: every current and future wait returns false. The first reason is kept.
    void abort(const std::string &reason);
    bool aborted() const;
    std::string abortReason() const;
    /// Participants that finished `phase` so far.
    std::size_t arrived(Phase phase) const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_participants;
    std::size_t m_arrived[3] = {0, 0, 0};
    bool m_aborted = false;
    std::string m_reason;
};

/// "bind", "connect" or "ready".
const char *phaseName(StartGate::Phase phase);

} // namespace evflow::transport
