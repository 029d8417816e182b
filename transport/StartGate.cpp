#include "transport/StartGate.h"

namespace evflow::transport {

const char *phaseName(StartGate::Phase phase)
{
    switch (phase) {
    case StartGate::Phase::Bind: return "bind";
    case StartGate::Phase::Connect: return "connect";
    case StartGate::Phase::Ready: return "ready";
    }
    return "?";
}

StartGate::StartGate(std::size_t participants)
    : m_participants(participants)
{
}

bool StartGate::arriveAndWait(Phase phase, std::chrono::milliseconds timeout,
                              const std::atomic<bool> &stop,
                              const std::function<void()> &whileWaiting,
                              std::chrono::milliseconds slice)
{
    const auto index = static_cast<std::size_t>(phase);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    ++m_arrived[index];
    m_changed.notify_all();
    while (!m_aborted && m_arrived[index] < m_participants) {
        if (stop.load(std::memory_order_relaxed))
            return false;
        if (std::chrono::steady_clock::now() >= deadline) {
            m_aborted = true;
            m_reason = std::string("start-up timed out in phase '") + phaseName(phase)
                       + "': " + std::to_string(m_arrived[index]) + " of "
                       + std::to_string(m_participants) + " workers arrived";
            m_changed.notify_all();
            return false;
        }
        if (whileWaiting) {
            // Never call out while holding the lock: the callback touches sockets only, but a
            // lock held across foreign code is how deadlocks start.
            lock.unlock();
            whileWaiting();
            lock.lock();
        }
        m_changed.wait_for(lock, slice);
    }
    return !m_aborted;
}

void StartGate::abort(const std::string &reason)
{
    std::lock_guard lock(m_mutex);
    if (!m_aborted) {
        m_aborted = true;
        m_reason = reason;
    }
    m_changed.notify_all();
}

bool StartGate::aborted() const
{
    std::lock_guard lock(m_mutex);
    return m_aborted;
}

std::string StartGate::abortReason() const
{
    std::lock_guard lock(m_mutex);
    return m_reason;
}

std::size_t StartGate::arrived(Phase phase) const
{
    std::lock_guard lock(m_mutex);
    return m_arrived[static_cast<std::size_t>(phase)];
}

} // namespace evflow::transport
