#include "transport/RunErrors.h"

#include <chrono>

namespace evflow::transport {

const char *runErrorKindName(RunErrorKind kind)
{
    switch (kind) {
    case RunErrorKind::Bind: return "bind";
    case RunErrorKind::Connect: return "connect";
    case RunErrorKind::Readiness: return "readiness";
    case RunErrorKind::Io: return "io";
    case RunErrorKind::Malformed: return "malformed";
    case RunErrorKind::Auth: return "auth";
    case RunErrorKind::Internal: return "internal";
    }
    return "?";
}

std::int64_t systemMicrosNow()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

RunErrors::RunErrors(std::size_t capacity)
    : m_capacity(capacity)
{
}

void RunErrors::push(RunError error)
{
    if (error.timeMicros == 0)
        error.timeMicros = systemMicrosNow();
    std::lock_guard lock(m_mutex);
    ++m_total;
    if (m_history.size() < m_capacity)
        m_history.push_back(std::move(error));
}

void RunErrors::report(const model::NodeId &node, RunErrorKind kind, std::string message)
{
    push({node, kind, std::move(message), 0});
}

std::vector<RunError> RunErrors::take()
{
    std::lock_guard lock(m_mutex);
    std::vector<RunError> out(m_history.begin() + static_cast<std::ptrdiff_t>(m_taken),
                              m_history.end());
    m_taken = m_history.size();
    return out;
}

std::vector<RunError> RunErrors::all() const
{
    std::lock_guard lock(m_mutex);
    return m_history;
}

std::size_t RunErrors::total() const
{
    std::lock_guard lock(m_mutex);
    return m_total;
}

std::size_t RunErrors::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_total - m_history.size();
}

} // namespace evflow::transport
