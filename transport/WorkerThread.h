#pragma once

#include "transport/RunErrors.h"

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace evflow::transport {

/// One named thread running one worker body (a node, a broker proxy) until it returns.
/// GNU Radio's thread-per-block model: the body owns its sockets, polls with a timeout and
/// returns once stopRequested() is set. Every exception the body lets out becomes a RunError
/// (an exception escaping a std::thread would terminate the process); ETERM from a context
/// shutdown counts as a normal end. The destructor stops and joins.
class WorkerThread
{
public:
    /// The body gets the worker's stop flag; it must check it at least every poll timeout.
    using Body = std::function<void(const std::atomic<bool> &stop)>;

    /// Starts the thread at once. `name` is shortened to the 15 bytes Linux allows
    /// (e.g. "ev:orders"); errors are attributed to `node`. A `nice` above 0 lowers the thread's
    /// scheduling priority by that much (setpriority on its thread id), so that a GUI thread in
    /// the same process wins a contended core (RunOptions::workerNice).
    WorkerThread(model::NodeId node, std::string name, RunErrors &errors, Body body, int nice = 0);
    ~WorkerThread();

    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    /// Asks the body to return (sets the stop flag). Any thread; never blocks.
    void requestStop() { m_stop.store(true, std::memory_order_relaxed); }
    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    /// The body has returned (normally or by an exception). Any thread.
    bool finished() const { return m_finished.load(std::memory_order_acquire); }
    /// Waits for the thread to end; idempotent. Call after requestStop() (or once the body is
    /// known to return by itself). Not from the worker itself.
    void join();

    const model::NodeId &node() const { return m_node; }
    /// The name the thread actually got ("ev:orders").
    const std::string &name() const { return m_name; }

    /// `name` cut to at most 15 bytes without splitting a UTF-8 sequence.
    static std::string threadName(const std::string &name);

private:
    void run(Body body, int nice);

    model::NodeId m_node;
    std::string m_name;
    RunErrors &m_errors;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_finished{false};
    std::thread m_thread; ///< last: starts once every other member is ready
};

} // namespace evflow::transport
