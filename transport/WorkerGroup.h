#pragma once

#include "transport/WorkerThread.h"

#include <zmq.hpp>

#include <chrono>
#include <memory>
#include <vector>

namespace evflow::transport {

/// The worker threads of one run and the context they share, with the run's stop protocol:
/// set every stop flag; let the workers return at their next poll timeout (bounded drain
/// time); then context.shutdown() makes whatever is still blocked inside ZeroMQ fail with ETERM;
/// then join. So stop() returns within drain + one poll timeout even under full load.
/// Owner thread only (the workers themselves run on their own threads).
class WorkerGroup
{
public:
    WorkerGroup(zmq::context_t &context, RunErrors &errors);
    ~WorkerGroup(); ///< stop()

    WorkerGroup(const WorkerGroup &) = delete;
    WorkerGroup &operator=(const WorkerGroup &) = delete;

    /// Starts a worker thread now, at the group's nice value.
    WorkerThread &start(model::NodeId node, std::string name, WorkerThread::Body body);
    /// The nice value of threads started from now on (WorkerThread, RunOptions::workerNice).
    void setNice(int nice) { m_nice = nice; }

    /// Stops every worker as described above and joins them; idempotent. Returns true when
    /// every worker returned within `drain` by itself (no shutdown was needed).
    bool stop(std::chrono::milliseconds drain = std::chrono::milliseconds(1000));

    /// Every worker's body has returned.
    bool allFinished() const;
    std::size_t size() const { return m_workers.size(); }
    const std::vector<std::unique_ptr<WorkerThread>> &workers() const { return m_workers; }

private:
    zmq::context_t &m_context;
    RunErrors &m_errors;
    std::vector<std::unique_ptr<WorkerThread>> m_workers;
    int m_nice = 0;
};

} // namespace evflow::transport
