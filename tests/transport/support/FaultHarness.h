#pragma once

// Helpers for TestFaults: a flow split in two halves that run in different processes (a
// producer half writing into a queue and a consumer half reading it), `evflow run` child
// processes to kill, pause and restart, bounded waits that measure how long a condition took,
// and a network namespace with an nftables table for partitions.

#include "FlowBuilders.h"
#include "model/FlowFile.h"
#include "model/RunReport.h"

#include <QProcess>
#include <QTest>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sched.h>
#include <string>
#include <unistd.h>
#include <zmq.hpp>

namespace evflow::test::faults {

namespace md = evflow::model;
namespace tr = evflow::transport;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

/// Polls `done` every 10 ms (Qt events processed meanwhile) until it holds or `limit` passes.
/// Returns how long it took, or nothing on timeout. Not a sleep for synchronisation: the
/// condition is what is waited for; the elapsed time is checked only against the bounds.
template<typename Condition>
std::optional<Millis> waitFor(Condition done, Millis limit = 30s)
{
    const auto start = Steady::now();
    for (;;) {
        if (done())
            return std::chrono::duration_cast<Millis>(Steady::now() - start);
        if (Steady::now() - start > limit)
            return std::nullopt;
        QTest::qWait(10);
    }
}

/// A tcp port on 127.0.0.1 that was free a moment ago (bound to `*`, read back, closed).
inline int freePort()
{
    zmq::context_t ctx;
    zmq::socket_t probe(ctx, zmq::socket_type::pull);
    probe.set(zmq::sockopt::linger, 0);
    probe.bind("tcp://127.0.0.1:*");
    const std::string ep = probe.get(zmq::sockopt::last_endpoint);
    return std::atoi(ep.substr(ep.rfind(':') + 1).c_str());
}

inline std::string loopback(int port)
{
    return "tcp://127.0.0.1:" + std::to_string(port);
}

/// Queue 'bus' with heartbeats on (a queue has none by default: heartbeatMillis 0), so that a
/// paused or cut-off peer is seen.
inline md::Node faultChannel(const std::string &endpoint, const std::string &bindSide)
{
    md::Node bus = flows::channel("bus", md::NodeKind::Queue, endpoint, bindSide);
    bus.properties["heartbeatMillis"] = std::int64_t{500};
    return bus;
}

/// Producer half: generator 'gen' (`count` events at `rate`/s) -> queue 'bus' on `endpoint`,
/// which the consumer half binds (bindSide "consumer") or this half binds ("producer").
inline md::Flow producerHalf(const std::string &endpoint, std::int64_t count, double rate,
                             const std::string &bindSide = "consumer")
{
    md::Flow f;
    f.name = "faults";
    f.eventTypes = {flows::tickType()};
    f.nodes = {flows::generator("gen", count, rate), faultChannel(endpoint, bindSide)};
    f.links = {flows::makeLink("gen", "bus")};
    return f;
}

/// Consumer half: queue 'bus' on `endpoint` (bound here unless bindSide is "producer") -> log
/// 'sink' writing every event to `path`.
inline md::Flow consumerHalf(const std::string &endpoint, const std::string &path,
                             std::int64_t maxMessageSize = 1 << 20,
                             const std::string &bindSide = "consumer")
{
    md::Flow f;
    f.name = "faults";
    f.eventTypes = {flows::tickType()};
    md::Node bus = faultChannel(endpoint, bindSide);
    bus.properties["maxMessageSize"] = maxMessageSize;
    md::Node sink = flows::node("sink", md::NodeKind::Log);
    sink.properties["path"] = path;
    sink.delivery = flows::strictDelivery();
    f.nodes = {bus, sink};
    f.links = {flows::makeLink("bus", "sink")};
    return f;
}

inline void writeFlow(const md::Flow &flow, const std::string &path)
{
    std::ofstream(path) << md::serializeFlow(flow);
}

/// The consumer half's sink as it is now.
inline md::NodeSnapshot sinkOf(const tr::FlowRuntime &rt)
{
    return flows::nodeOf(rt.snapshot(), "sink");
}

/// The first run error whose message contains `text`, or "" when there is none.
inline std::string errorContaining(const tr::FlowRuntime &rt, const std::string &text)
{
    for (const md::RunError &e : rt.snapshot().run.errors)
        if (e.message.find(text) != std::string::npos)
            return e.message;
    return {};
}

/// An `evflow run FLOW --quiet --report REPORT` child process, optionally inside a network
/// namespace (through `ip netns exec`).
class EvflowProcess
{
public:
    explicit EvflowProcess(const std::string &netns = {})
        : m_netns(netns)
    {
    }
    ~EvflowProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            signal(SIGCONT);
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /// Starts the run; `extra` arguments follow (e.g. --host NAME --telemetry ENDPOINT).
    bool start(const std::string &flow, const std::string &report, const QStringList &extra = {})
    {
        QStringList args = QStringList{QStringLiteral("run"), QString::fromStdString(flow),
                                       QStringLiteral("--quiet"), QStringLiteral("--report"),
                                       QString::fromStdString(report)}
                           + extra;
        if (m_netns.empty()) {
            m_process.start(QStringLiteral(EVFLOW_CLI), args);
        } else {
            args.prepend(QStringLiteral(EVFLOW_CLI));
            args = QStringList{QStringLiteral("netns"), QStringLiteral("exec"),
                               QString::fromStdString(m_netns)}
                   + args;
            m_process.start(QStringLiteral("ip"), args);
        }
        return m_process.waitForStarted(10000);
    }

    /// Sends `sig` to the child; false (nothing sent) when it is no longer running. Never
    /// kill(0, ...): QProcess reports pid 0 once the child has ended, and that would signal the
    /// whole process group, the test and ctest included.
    bool signal(int sig)
    {
        const auto pid = static_cast<pid_t>(m_process.processId());
        return m_process.state() == QProcess::Running && pid > 0 && ::kill(pid, sig) == 0;
    }

    /// Waits for the exit; the exit code, or -1 when it crashed, was killed or did not end.
    int waitExit(int ms = 30000)
    {
        if (!m_process.waitForFinished(ms) || m_process.exitStatus() != QProcess::NormalExit)
            return -1;
        return m_process.exitCode();
    }

    QByteArray errors() { return m_process.readAllStandardError(); }
    bool running() const { return m_process.state() == QProcess::Running; }

private:
    std::string m_netns;
    QProcess m_process;
};

/// The report `evflow run --report` wrote at `path`; an empty report (and a warning saying why)
/// when it is missing or does not parse, so the comparisons that follow fail visibly.
inline md::RunReport readReport(const std::string &path)
{
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto parsed = md::parseReport(text);
    if (!parsed)
        qWarning("%s: %s", path.c_str(), parsed.error.c_str());
    return parsed ? *parsed.report : md::RunReport{};
}

/// `cmd` through the shell; true when it exits 0.
inline bool shell(const std::string &cmd)
{
    return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

/// A network namespace of its own (loopback up) that this test creates and deletes. The
/// calling thread can enter() it so that what it creates (a FlowRuntime's context and threads)
/// lives there, and leave() again.
class NetworkNamespace
{
public:
    explicit NetworkNamespace(std::string name)
        : m_name(std::move(name))
    {
        shell("ip netns del " + m_name);
        m_ok = shell("ip netns add " + m_name) && shell("ip -n " + m_name + " link set lo up");
    }
    ~NetworkNamespace()
    {
        leave();
        shell("ip netns del " + m_name);
    }

    bool ok() const { return m_ok; }
    const std::string &name() const { return m_name; }
    /// Runs `cmd` inside the namespace.
    bool exec(const std::string &cmd) const { return shell("ip netns exec " + m_name + " " + cmd); }

    bool enter()
    {
        m_home = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        const int target = ::open(("/run/netns/" + m_name).c_str(), O_RDONLY | O_CLOEXEC);
        const bool entered = m_home >= 0 && target >= 0 && ::setns(target, CLONE_NEWNET) == 0;
        if (target >= 0)
            ::close(target);
        return entered;
    }
    void leave()
    {
        if (m_home < 0)
            return;
        ::setns(m_home, CLONE_NEWNET);
        ::close(m_home);
        m_home = -1;
    }

private:
    std::string m_name;
    bool m_ok = false;
    int m_home = -1;
};

} // namespace evflow::test::faults
