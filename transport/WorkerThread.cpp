#include "transport/WorkerThread.h"

#include <zmq.hpp>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <exception>

namespace evflow::transport {

std::string WorkerThread::threadName(const std::string &name)
{
    constexpr std::size_t kMax = 15; // 16 bytes with the terminating NUL (pthread_setname_np)
    if (name.size() <= kMax)
        return name;
    std::size_t cut = kMax;
    // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
        --cut;
    return name.substr(0, cut);
}

WorkerThread::WorkerThread(model::NodeId node, std::string name, RunErrors &errors, Body body,
                           int nice)
    : m_node(std::move(node))
    , m_name(threadName(name))
    , m_errors(errors)
    , m_thread([this, b = std::move(body), nice]() mutable { run(std::move(b), nice); })
{
}

WorkerThread::~WorkerThread()
{
    requestStop();
    join();
}

void WorkerThread::join()
{
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id())
        m_thread.join();
}

void WorkerThread::run(Body body, int nice)
{
    pthread_setname_np(pthread_self(), m_name.c_str());
    // Raising one's own nice value needs no privilege; on Linux it applies to this thread only.
    // A failure only means the thread keeps the normal priority, so it is not an error.
    if (nice > 0)
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice);
    try {
        body(m_stop);
    } catch (const zmq::error_t &e) {
        if (e.num() != ETERM)
            m_errors.report(m_node, RunErrorKind::Io,
                            "worker '" + m_name + "' failed in ZeroMQ: " + e.what());
    } catch (const std::exception &e) {
        m_errors.report(m_node, RunErrorKind::Internal,
                        "worker '" + m_name + "' stopped by an exception: " + e.what());
    } catch (...) {
        m_errors.report(m_node, RunErrorKind::Internal,
                        "worker '" + m_name + "' stopped by an unknown exception");
    }
    m_finished.store(true, std::memory_order_release);
}

} // namespace evflow::transport
