#include "transport/WorkerGroup.h"

#include <algorithm>
#include <thread>

namespace evflow::transport {

WorkerGroup::WorkerGroup(zmq::context_t &context, RunErrors &errors)
    : m_context(context)
    , m_errors(errors)
{
}

WorkerGroup::~WorkerGroup()
{
    stop();
}

WorkerThread &WorkerGroup::start(model::NodeId node, std::string name, WorkerThread::Body body)
{
    m_workers.push_back(std::make_unique<WorkerThread>(std::move(node), std::move(name), m_errors,
                                                       std::move(body), m_nice));
    return *m_workers.back();
}

bool WorkerGroup::allFinished() const
{
    return std::all_of(m_workers.begin(), m_workers.end(),
                       [](const auto &w) { return w->finished(); });
}

bool WorkerGroup::stop(std::chrono::milliseconds drain)
{
    for (auto &w : m_workers)
        w->requestStop();
    const auto deadline = std::chrono::steady_clock::now() + drain;
    // Polling the finished flags every millisecond is cheap and happens once per run.
    while (!allFinished() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const bool clean = allFinished();
    if (!clean)
        m_context.shutdown(); // blocked sends/receives now fail with ETERM
    for (auto &w : m_workers)
        w->join();
    return clean;
}

} // namespace evflow::transport
