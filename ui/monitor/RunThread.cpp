#include "ui/monitor/RunThread.h"

namespace evflow::ui::monitor {

RunThread::RunThread()
    : m_thread([this] { loop(); })
{
}

RunThread::~RunThread()
{
    {
        const std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void RunThread::post(std::function<void()> job)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void RunThread::loop()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_quit || !m_jobs.empty(); });
            // Quit only once the queue is empty: a stop posted before destruction must run.
            if (m_jobs.empty())
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        try {
            job();
        } catch (...) {
            // An exception escaping a std::thread terminates the process; the runtime reports
            // its own failures as run errors, so there is nothing more to tell here.
        }
    }
}

} // namespace evflow::ui::monitor
