#include "transport/FlowRuntime.h"

#include "model/NodeCatalog.h"
#include "model/Validation.h"
#include "transport/BrokerProxy.h"
#include "transport/InputWorker.h"
#include "transport/PortSender.h"
#include "transport/ProducerWorker.h"
#include "transport/RuntimeShared.h"
#include "transport/WorkerGroup.h"
#include "transport/ZmqSourceWorker.h"

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace evflow::transport {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

/// Inputs idle this long (and producers done) count as drained when counts cannot tell.
constexpr std::int64_t kQuietMicros = 250000;

void runProxy(RuntimeShared &shared, const ChannelPlan &channel, const std::atomic<bool> &stop)
{
    using P = StartGate::Phase;
    BrokerProxy proxy(shared.run, channel, shared.channel(channel.id), stop);
    if (!proxy.bind()) {
        shared.gate.abort("broker '" + channel.id.value + "' could not bind");
        return;
    }
    const auto pump = [&] { proxy.pump(0ms); };
    if (!shared.gate.arriveAndWait(P::Bind, shared.gateTimeout, stop)
        || !shared.gate.arriveAndWait(P::Connect, shared.gateTimeout, stop, pump)
        || !shared.gate.arriveAndWait(P::Ready, shared.gateTimeout, stop, pump))
        return;
    proxy.run();
}

/// What a channel's counters say about its backlog once its writers are done.
enum class Drain {
    Done,    ///< every reader received every message
    Pending, ///< messages are still on their way (a queue never drops: they will come)
    Unknown, ///< counts cannot tell: filtered or remote readers, or a PUB that dropped at its HWM
};

Drain channelDrain(const ChannelPlan &c, const ChannelCounters &counters)
{
    // Events from other hosts are not in `sent`; their writers' stream-end announcements, which
    // travel behind their last events, are awaited per node (nodeDone()).
    if (hasRemoteWriters(c))
        return Drain::Unknown;
    const bool queue = c.pattern == ChannelPattern::Queue;
    for (const PlannedReader &r : c.readers)
        if (!r.local || (!queue && r.prefixes != std::vector<std::string>{""}))
            return Drain::Unknown;
    const std::uint64_t fanOut = queue ? 1 : c.readers.size();
    if (counters.received.load() >= counters.sent.load() * fanOut)
        return Drain::Done;
    // PUB and XPUB drop at their HWM (the readers count the loss as gaps): what is missing may
    // never arrive, so only quiet inputs can tell.
    return queue ? Drain::Pending : Drain::Unknown;
}

/// Removes the socket files of the ipc endpoints this run bound (every socket is closed by now):
/// ZeroMQ removes only the ones it named itself (`ipc://*`), and a stale file would be left in
/// the flow's folder after every run. A file already gone is fine.
void removeIpcFiles(const std::map<std::string, std::string> &bound)
{
    constexpr std::string_view scheme = "ipc://";
    for (const auto &[key, endpoint] : bound)
        if (endpoint.compare(0, scheme.size(), scheme) == 0)
            ::unlink(endpoint.c_str() + scheme.size());
}

bool allPeersLocal(const ChannelPlan &c)
{
    const auto local = [](const auto &peer) { return peer.local; };
    return std::all_of(c.writers.begin(), c.writers.end(), local)
           && std::all_of(c.readers.begin(), c.readers.end(), local);
}

bool isProducer(model::NodeKind kind)
{
    return model::catalog::role(kind) == model::NodeRole::Producer;
}

/// A producer with readers on other hosts repeats its stream ends this long after its end (a
/// PUB may drop one copy at a slow reader's HWM) before the run counts as finished.
constexpr std::int64_t kAnnounceMicros = std::chrono::microseconds(kAnnounceFor).count();

/// Whether a broker's proxy in this process is done: when the channel crosses hosts, every
/// writer's stream-end announcement has passed through it, the last new one kAnnounceMicros
/// ago (its writer repeats it meanwhile, in case the proxy's PUB side dropped a copy).
bool proxyDone(const ChannelPlan &c, const ChannelCounters &counters)
{
    if (c.pattern != ChannelPattern::Broker || !c.proxyLocal || allPeersLocal(c))
        return true;
    return counters.announcedWriters.load(std::memory_order_acquire) >= c.writers.size()
           && systemMicrosNow() - counters.lastNewAnnouncementMicros.load() >= kAnnounceMicros;
}

/// Whether `n` is done as far as finished() can see: a producer has finished (and, with readers
/// on other hosts, announced its ends for kAnnounceMicros); a reader has heard the stream-end
/// announcement of every writer on another host (they travel behind the writers' last events).
bool nodeDone(const RuntimePlan &plan, const NodePlan &n, const NodeMetrics &m)
{
    if (isProducer(n.kind)) {
        if (!m.finished.load(std::memory_order_acquire))
            return false;
        return !writesToOtherHosts(plan, n)
               || systemMicrosNow() - m.finishedAtMicros.load() >= kAnnounceMicros;
    }
    return m.remoteWritersEnded.load(std::memory_order_relaxed) >= remoteWriterCount(plan, n);
}

/// Waits until `done` or `timeout`; polls (owner thread only, never a worker).
template<typename Done>
bool waitUntil(Done &&done, std::chrono::milliseconds timeout)
{
    const auto deadline = Steady::now() + timeout;
    while (!done()) {
        if (Steady::now() >= deadline)
            return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

/// One node's counters; `channel` is its plan when the node is a channel.
model::NodeSnapshot snapshotNode(const RuntimeShared &s, const model::Node &node,
                                 const ChannelPlan *channel)
{
    const NodeMetrics &m = *s.metrics.at(node.id.value);
    model::NodeSnapshot n;
    n.id = node.id.value;
    n.kind = model::catalog::kindName(node.kind);
    n.role = model::catalog::role(node.kind);
    n.host = node.host;
    n.injected = injectedOf(m);
    if (channel != nullptr) {
        // Each pubsub/broker reader receives every event it subscribed to: backlog vs sent x n.
        const std::uint64_t fanOut
            = channel->pattern == ChannelPattern::Queue ? 1 : channel->readers.size();
        n.channel = channelCountersOf(*s.channels.at(node.id.value), fanOut);
        // With a writer or reader on another host, this host sees only its own side of the
        // channel: the backlog is known only once the hosts' reports are merged.
        if (!allPeersLocal(*channel))
            n.channel.backlog = 0;
        n.injectsFaults = node.faults && node.faults->any();
        // Report what ZeroMQ chose for a `*` port; a remote binder's endpoint stays as written.
        n.endpoint = s.endpoints.lookup(node.id.value).value_or(channel->endpoint);
        if (channel->pattern == ChannelPattern::Broker)
            n.backendEndpoint
                = s.endpoints.lookup(node.id.value + "#backend").value_or(channel->backendEndpoint);
    } else if (n.role == model::NodeRole::Producer) {
        n.produced = m.produced.load();
    } else {
        n.input = m.input.snapshot();
        n.emitted = m.emitted.load();
        n.latencyMicros = model::LatencySummary::of(m.latency.snapshot());
        const std::lock_guard lock(m.publishedMutex);
        n.sources = m.publishedSources;
    }
    return n;
}

} // namespace

struct FlowRuntime::Impl
{
    mutable std::mutex mutex; ///< guards `shared` (swapped by start) and `state`
    std::shared_ptr<RuntimeShared> shared;
    std::unique_ptr<WorkerGroup> group;
    std::vector<WorkerThread *> producers;
    std::vector<WorkerThread *> inputs;
    std::vector<WorkerThread *> proxies;
    RunOptions options;
    std::vector<std::vector<std::size_t>> readers; ///< readerThreads() of the current plan
    std::string host;
    std::atomic<model::RunState> state{model::RunState::Stopped};
    std::int64_t stoppedAtMicros = 0;

    std::shared_ptr<RuntimeShared> current() const
    {
        const std::lock_guard lock(mutex);
        return shared;
    }
    bool prepare(RuntimeShared &s);
    void startWorkers(RuntimeShared &s);
    bool awaitGate(RuntimeShared &s, std::size_t participants);
    void drain(RuntimeShared &s) const;
    void shutdown();
};

bool FlowRuntime::Impl::prepare(RuntimeShared &s)
{
    bool ok = true;
    for (const ChannelPlan &c : s.plan.channels)
        s.channels[c.id.value] = std::make_unique<ChannelCounters>();
    // Keys are checked before any socket exists: a missing key is a start error, not a crash.
    s.curve = CurveRuntime::prepare(s.flow, s.plan, s.context, s.errors, curveKeysDirectory(), ok);
    s.run.curve = s.curve.get();
    if (!ok && s.curve)
        s.curve->stop();
    for (const model::Node &n : s.flow.nodes)
        s.metrics[n.id.value] = std::make_unique<NodeMetrics>();
    const auto injection = [&](const model::FaultInjection &faults) {
        model::FaultInjection f = faults;
        if (s.seed)
            f.seed = *s.seed;
        return std::make_unique<model::FaultInjector>(f);
    };
    for (const NodePlan &n : s.plan.nodes) {
        const model::Node &node = s.flowNode(n.id);
        if (isProducer(node.kind) && node.faults && node.faults->any())
            s.node(n.id).injectors.push_back(injection(*node.faults));
    }
    for (const ChannelPlan &c : s.plan.channels) {
        const model::Node &node = s.flowNode(c.id);
        if (!node.faults || !node.faults->any())
            continue;
        for (const PlannedWriter &w : c.writers) {
            if (!w.local)
                continue;
            auto &injectors = s.node(c.id).injectors;
            injectors.push_back(injection(*node.faults));
            s.channelFaults[{c.id.value, w.node.value}] = injectors.back().get();
        }
    }
    return ok;
}

void FlowRuntime::Impl::startWorkers(RuntimeShared &s)
{
    group = std::make_unique<WorkerGroup>(s.context, s.errors);
    group->setNice(options.workerNice);
    RuntimeShared *sp = &s;
    for (const ChannelPlan &c : s.plan.channels)
        if (c.pattern == ChannelPattern::Broker && c.proxyLocal)
            proxies.push_back(&group->start(
                c.id, "ev:" + c.id.value, [sp, &c](const auto &stop) { runProxy(*sp, c, stop); }));
    for (const NodePlan &n : s.plan.nodes) {
        const model::NodeKind kind = s.flowNode(n.id).kind;
        WorkerThread::Body body;
        if (kind == model::NodeKind::Generator)
            body = [sp, &n](const auto &stop) { runGenerator(*sp, n, stop); };
        else if (kind == model::NodeKind::Replay)
            body = [sp, &n](const auto &stop) { runReplay(*sp, n, stop); };
        else if (kind == model::NodeKind::ZmqSource)
            body = [sp, &n](const auto &stop) { runZmqSource(*sp, n, stop); };
        else
            continue; // a reader: started below, on its own or a shared thread
        producers.push_back(&group->start(n.id, "ev:" + n.id.value, std::move(body)));
    }
    for (std::size_t t = 0; t < readers.size(); ++t) {
        std::vector<const NodePlan *> nodes;
        for (const std::size_t i : readers[t])
            nodes.push_back(&s.plan.nodes[i]);
        const std::string name
            = nodes.size() == 1 ? "ev:" + nodes[0]->id.value : "ev:readers-" + std::to_string(t);
        inputs.push_back(&group->start(
            nodes[0]->id, name, [sp, nodes](const auto &stop) { runInputs(*sp, nodes, stop); }));
    }
}

bool FlowRuntime::Impl::awaitGate(RuntimeShared &s, std::size_t participants)
{
    // Three phases, each bounded by the readiness wait (plus slack for a loaded machine).
    const auto limit = 3 * options.readiness + 5s;
    const bool through = waitUntil(
        [&] { return s.gate.aborted() || s.gate.arrived(StartGate::Phase::Ready) >= participants; },
        std::chrono::duration_cast<std::chrono::milliseconds>(limit));
    if (!through)
        s.gate.abort(
            "start-up did not complete within "
            + detail::formatSeconds(std::chrono::duration_cast<std::chrono::milliseconds>(limit)));
    if (s.gate.aborted()) {
        const auto all = s.errors.all();
        if (all.empty())
            s.errors.report({}, RunErrorKind::Internal, s.gate.abortReason());
        return false;
    }
    return true;
}

void FlowRuntime::Impl::drain(RuntimeShared &s) const
{
    // In flight = counters still moving. Quiet for 100 ms (or the drain bound) ends the drain.
    std::uint64_t last = ~std::uint64_t{0};
    auto quietSince = Steady::now();
    const auto deadline = Steady::now() + options.drain;
    while (Steady::now() < deadline) {
        std::uint64_t total = 0;
        for (const auto &[id, c] : s.channels)
            total
                += c->sent.load() + c->received.load() + c->malformed.load() + c->forwarded.load();
        if (total != last) {
            last = total;
            quietSince = Steady::now();
        } else if (Steady::now() - quietSince >= 100ms) {
            return;
        }
        std::this_thread::sleep_for(5ms);
    }
}

void FlowRuntime::Impl::shutdown()
{
    if (!group)
        return;
    const auto stopAll
        = [](const std::vector<WorkerThread *> &workers, std::chrono::milliseconds bound) {
              for (WorkerThread *w : workers)
                  w->requestStop();
              waitUntil(
                  [&] {
                      return std::all_of(workers.begin(), workers.end(),
                                         [](const WorkerThread *w) { return w->finished(); });
                  },
                  bound);
          };
    stopAll(producers, options.drain + 1s);
    if (shared && !shared->gate.aborted())
        drain(*shared);
    stopAll(inputs, options.drain + 1s);
    stopAll(proxies, 1s);
    group->stop(500ms);
    group.reset();
    if (shared && shared->curve)
        shared->curve->stop(); // after the sockets: it reports what the ZAP handler refused
    if (shared)
        removeIpcFiles(shared->endpoints.all());
    producers.clear();
    inputs.clear();
    proxies.clear();
}

FlowRuntime::FlowRuntime()
    : m_impl(std::make_unique<Impl>())
{
}

FlowRuntime::~FlowRuntime()
{
    stop();
}

bool FlowRuntime::start(model::Flow flow, RunOptions options)
{
    stop();
    Impl &d = *m_impl;
    d.options = options;
    d.host = options.host.value_or("");
    SocketSettings settings;
    settings.readinessTimeout = options.readiness;
    const model::Problems problems = model::validateFlow(flow);
    const std::string badHost = options.host ? hostProblem(flow, *options.host) : std::string();
    const bool invalid = model::hasErrors(problems) || !badHost.empty();
    RuntimePlan plan = invalid ? RuntimePlan{} : planRuntime(flow, options.host);
    d.readers = readerThreads(plan, options.readerThreads);
    std::size_t participants = d.readers.size();
    for (const NodePlan &n : plan.nodes)
        participants += isProducer(n.kind) ? 1 : 0;
    for (const ChannelPlan &c : plan.channels)
        participants += c.pattern == ChannelPattern::Broker && c.proxyLocal ? 1 : 0;
    auto shared
        = std::make_shared<RuntimeShared>(std::move(flow), std::move(plan), settings, participants);
    shared->gateTimeout = 2 * options.readiness + 5s;
    shared->seed = options.seed;
    shared->monitoring = options.monitoring;
    shared->drain = options.drain;
    shared->startMicros = systemMicrosNow();
    {
        const std::lock_guard lock(d.mutex);
        d.shared = shared;
        d.state = model::RunState::Starting;
    }
    for (const model::Problem &p : problems)
        if (p.severity == model::Severity::Error)
            shared->errors.report({}, RunErrorKind::Internal,
                                  "invalid flow: " + p.message + " (" + p.pointer + ")");
    if (!badHost.empty())
        shared->errors.report({}, RunErrorKind::Internal, badHost);
    if (invalid || !d.prepare(*shared)) {
        d.stoppedAtMicros = systemMicrosNow();
        d.state = model::RunState::Failed;
        return false;
    }
    d.startWorkers(*shared);
    if (!d.awaitGate(*shared, participants)) {
        d.shutdown();
        d.state = model::RunState::Failed;
        d.stoppedAtMicros = systemMicrosNow();
        return false;
    }
    d.state = model::RunState::Running;
    return true;
}

void FlowRuntime::pause()
{
    if (auto s = m_impl->current(); s && m_impl->state == model::RunState::Running) {
        s->paused = true;
        m_impl->state = model::RunState::Paused;
    }
}

void FlowRuntime::resume()
{
    if (auto s = m_impl->current(); s && m_impl->state == model::RunState::Paused) {
        s->paused = false;
        m_impl->state = model::RunState::Running;
    }
}

void FlowRuntime::stop()
{
    Impl &d = *m_impl;
    if (!d.group)
        return;
    d.state = model::RunState::Stopping;
    if (d.shared)
        d.shared->paused = false; // paused producers must see their stop flag and flush
    d.shutdown();
    d.stoppedAtMicros = systemMicrosNow();
    d.state = model::RunState::Stopped;
}

bool FlowRuntime::finished() const
{
    const auto s = m_impl->current();
    if (!s || m_impl->state == model::RunState::Failed)
        return false;
    std::int64_t lastActivity = 0;
    for (const NodePlan &n : s->plan.nodes) {
        const NodeMetrics &m = *s->metrics.at(n.id.value);
        if (!nodeDone(s->plan, n, m))
            return false;
        lastActivity = std::max(lastActivity, m.lastActivityMicros.load());
    }
    bool needQuiet = false;
    for (const ChannelPlan &c : s->plan.channels) {
        if (!proxyDone(c, *s->channels.at(c.id.value)))
            return false;
        switch (channelDrain(c, *s->channels.at(c.id.value))) {
        case Drain::Done: break;
        case Drain::Pending: return false;
        case Drain::Unknown: needQuiet = true; break;
        }
    }
    // Where counts cannot tell, inputs quiet for a while mean the backlog is gone.
    return !needQuiet || systemMicrosNow() - lastActivity >= kQuietMicros;
}

bool FlowRuntime::readsFromOtherHosts() const
{
    const auto s = m_impl->current();
    return s && transport::readsFromOtherHosts(s->plan);
}

model::RunSnapshot FlowRuntime::snapshot() const
{
    model::RunSnapshot out;
    const auto s = m_impl->current();
    out.run.state = m_impl->state.load();
    out.run.host = m_impl->host;
    out.run.takenAtMicros = systemMicrosNow();
    if (!s)
        return out;
    out.run.flow = s->flow.name;
    out.run.startedAtMicros = s->startMicros;
    const bool over
        = out.run.state == model::RunState::Stopped || out.run.state == model::RunState::Failed;
    const std::int64_t end = over ? m_impl->stoppedAtMicros : out.run.takenAtMicros;
    out.run.elapsedSeconds = static_cast<double>(end - s->startMicros) / 1e6;
    for (const RunError &e : s->errors.all())
        out.run.errors.push_back({e.node.value, runErrorKindName(e.kind), e.message, e.timeMicros});
    for (const model::Node &node : s->flow.nodes) {
        const ChannelPlan *channel = s->plan.findChannel(node.id);
        if (channel != nullptr || s->plan.findNode(node.id) != nullptr)
            out.nodes.push_back(snapshotNode(*s, node, channel)); // else: not on this host
    }
    out.updateAccounting();
    return out;
}

std::vector<model::RecentEvent> FlowRuntime::recentEvents(const model::NodeId &node) const
{
    const auto s = m_impl->current();
    if (!s || !s->metrics.count(node.value))
        return {};
    return s->metrics.at(node.value)->recent.snapshot();
}

std::vector<model::TraceHop> FlowRuntime::trace(const std::string &correlationId) const
{
    const auto s = m_impl->current();
    if (!s)
        return {};
    std::vector<const model::TraceLog *> logs;
    for (const model::Node &node : s->flow.nodes)
        logs.push_back(&s->metrics.at(node.id.value)->trace);
    return model::mergeHops(logs, correlationId);
}

std::vector<model::ProjectionRow> FlowRuntime::projection(const model::NodeId &node) const
{
    const auto s = m_impl->current();
    if (!s || !s->metrics.count(node.value))
        return {};
    const NodeMetrics &m = *s->metrics.at(node.value);
    const std::lock_guard lock(m.publishedMutex);
    return m.publishedRows;
}

} // namespace evflow::transport
