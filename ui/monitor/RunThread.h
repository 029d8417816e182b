#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace evflow::ui::monitor {

/// One worker thread that runs posted jobs in order: the one thread a FlowRuntime is driven
/// from (start, pause, resume, stop must not interleave). Plain C++ on purpose: the jobs never
/// touch Qt objects; they hand results back with a queued call. Post from any thread; the
/// destructor runs the jobs already posted, then joins.
class RunThread
{
public:
    RunThread();
    ~RunThread();
    RunThread(const RunThread &) = delete;
    RunThread &operator=(const RunThread &) = delete;

    /// Queues `job` behind the ones already posted. Jobs must not throw out (they are wrapped,
    /// but an escaping exception is swallowed rather than terminating the studio).
    void post(std::function<void()> job);

private:
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_quit = false;
    std::thread m_thread; ///< last: started once the members above exist
};

} // namespace evflow::ui::monitor
