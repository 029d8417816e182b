#include "transport/InputWorker.h"

#include "model/BinaryCodec.h"
#include "model/InputPipeline.h"
#include "model/NodeCatalog.h"
#include "model/StreamEndMessage.h"
#include "transport/InputPoller.h"
#include "transport/NodeActions.h"
#include "transport/RemoteEnds.h"

#include <algorithm>

namespace evflow::transport {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

/// At the end of a run, a reader still missing the tail of a stream gives up after this long
/// without a message: what has not come by then was dropped.
constexpr auto kTailQuiet = 200ms;

bool allTrackSequences(const RuntimeShared &shared, const NodePlan &node)
{
    for (const model::NodeId &id : node.inputs) {
        const ChannelPlan *c = shared.plan.findChannel(id);
        if (c != nullptr && !c->sequenceTracking)
            return false;
    }
    return true;
}

/// One consumer/processor: its sockets, pipeline and action, all owned by its worker thread.
class InputWorker : public FrameHandler
{
public:
    InputWorker(RuntimeShared &shared, const NodePlan &plan, const std::atomic<bool> &stop)
        : m_shared(shared)
        , m_plan(plan)
        , m_node(shared.flowNode(plan.id))
        , m_metrics(shared.node(plan.id))
        , m_pipeline(model::catalog::delivery(m_node), shared.flow.eventTypes,
                     allTrackSequences(shared, plan), m_metrics.input)
        , m_emitter(shared.flow.name, plan.id, nodeEpoch(shared.startMicros, plan.id))
    {
        for (const model::NodeId &id : plan.inputs)
            if (const ChannelPlan *c = shared.plan.findChannel(id)) {
                m_inputs.push_back(
                    std::make_unique<InputSocket>(shared.run, *c, plan.id, shared.channel(id)));
                m_remoteEnds.expect(*c);
            }
        for (const auto &[port, channels] : plan.outputs) {
            auto sender = std::make_unique<PortSender>(shared.errors, plan.id);
            openPort(shared, plan, port, stop, m_outputs, *sender);
            m_ports.emplace(port, std::move(sender));
        }
    }

    /// Opens the action; false (RunError naming the path) when it cannot start.
    bool openAction()
    {
        std::string error;
        m_action = makeAction(
            {m_shared.flow, m_node, m_metrics, m_emitter, m_ports, m_shared.errors}, error);
        if (m_action == nullptr)
            m_shared.errors.report(m_plan.id, RunErrorKind::Io, error);
        return m_action != nullptr;
    }

    std::vector<std::unique_ptr<InputSocket>> &inputs() { return m_inputs; }
    std::vector<std::unique_ptr<OutputSocket>> &outputs() { return m_outputs; }

    /// Hands this node's inputs to the poller of the thread that runs it.
    void addTo(InputPoller &poller)
    {
        for (auto &input : m_inputs)
            poller.add(*input, *this);
        m_lastTick = m_lastPublish = Steady::now();
    }

    /// Between polls: ticks the pipeline every ~50 ms, publishes the books every ~100 ms.
    void periodic(Steady::time_point now)
    {
        if (now - m_lastTick >= 50ms) {
            m_pipeline.tick(systemMicrosNow());
            m_lastTick = now;
        }
        if (now - m_lastPublish >= 100ms) {
            publish();
            m_lastPublish = now;
        }
    }

    /// True once every local writer of every input has published its stream ends.
    bool writersFinal() const
    {
        for (const auto &input : m_inputs)
            for (const PlannedWriter &w : input->plan().writers)
                if (w.local && !m_shared.node(w.node).streamEnds.final())
                    return false;
        return true;
    }

    /// Numbers of the writers' streams this node subscribes to that have not arrived (yet).
    std::uint64_t missingTail()
    {
        collectEnds();
        std::uint64_t missing = 0;
        for (const model::StreamEnd &end : m_ends)
            missing += m_pipeline.missingTail(end);
        return missing;
    }

    /// After the last read: what never arrived of the writers' streams becomes gaps, pending
    /// gaps are confirmed, the action closes and this node publishes its own stream ends.
    void finish()
    {
        collectEnds();
        for (const model::StreamEnd &end : m_ends)
            m_pipeline.closeStream(end);
        m_pipeline.finish();
        m_action->finish();
        publish();
        m_finalEnds = m_emitter.streamEnds();
        m_metrics.streamEnds.publish(m_finalEnds);
        reannounce();
    }

    /// Some output port writes a channel with readers on other hosts.
    bool announces() const
    {
        return std::any_of(m_ports.begin(), m_ports.end(),
                           [](const auto &port) { return port.second->announces(); });
    }

    /// Announces this node's final stream ends (after finish()) to readers on other hosts.
    void reannounce()
    {
        for (auto &[port, sender] : m_ports) {
            sender->service();
            sender->announce(port, m_finalEnds);
        }
    }

    void onFrames(InputSocket &input, const FrameReader &frames) override
    {
        const std::int64_t now = systemMicrosNow();
        m_metrics.lastActivityMicros.store(now, std::memory_order_relaxed);
        const model::CodecResult decoded
            = model::decodeFrames(frames.type(), frames.header(), frames.data(), m_event);
        if (!decoded.ok()) {
            const auto *bytes = reinterpret_cast<const char *>(frames.header().data());
            m_pipeline.malformedFrame(decoded.message, {bytes, frames.header().size()}, now);
            return;
        }
        if (m_shared.monitoring)
            m_metrics.latency.record(now - m_event.time);
        const model::InputVerdict verdict = m_pipeline.accept(m_event, now);
        bool filtered = false;
        if (verdict.outcome == model::InputOutcome::Act) {
            filtered = input.filtersTypes() && !prefixesWant(input.prefixes(), m_event.type);
            filtered = filtered || !m_action->act(m_event);
            if (filtered)
                m_pipeline.filtered();
            else
                m_pipeline.processed();
        } else if (verdict.outcome == model::InputOutcome::LateDiverted) {
            divert();
        }
        if (m_shared.monitoring) {
            m_metrics.recent.record(m_event, verdict.eventClass(filtered), now);
            m_metrics.trace.record(m_event, m_plan.id.value, now);
        }
    }

    void onMalformed(InputSocket &, std::size_t frameCount) override
    {
        const std::int64_t now = systemMicrosNow();
        m_metrics.lastActivityMicros.store(now, std::memory_order_relaxed);
        m_pipeline.malformedFrame(
            "message with " + std::to_string(frameCount) + " frames instead of 3", {}, now);
        if (!m_reportedMalformed) {
            // Once per node: a foreign peer spraying garbage must not flood the error queue.
            m_reportedMalformed = true;
            m_shared.errors.report(m_plan.id, RunErrorKind::Malformed,
                                   "a message with " + std::to_string(frameCount)
                                       + " frames instead of 3 arrived (counted as malformed)");
        }
    }

    void onStreamEnd(InputSocket &input, const FrameReader &frames) override
    {
        const model::CodecResult decoded
            = model::decodeStreamEnd(frames.type(), frames.header(), frames.data(), m_endMessage);
        if (!decoded.ok()) {
            if (!m_reportedBadEnd) {
                m_reportedBadEnd = true; // once per node, like malformed events
                m_shared.errors.report(m_plan.id, RunErrorKind::Malformed,
                                       "channel '" + input.plan().id.value
                                           + "': ignored a stream-end message: " + decoded.message);
            }
            return;
        }
        if (!m_remoteEnds.take(input.plan(), m_endMessage))
            return;
        m_metrics.remoteWritersEnded.store(m_remoteEnds.announced(), std::memory_order_relaxed);
        if (m_remoteEnds.allAnnounced(input.plan()))
            input.writersEnded();
    }

private:
    void divert()
    {
        const auto it = m_ports.find("late");
        if (it == m_ports.end() || it->second->empty())
            return;
        m_late = m_event;
        m_emitter.stamp(m_late, "late", m_event);
        it->second->send(m_late);
        m_metrics.emitted.fetch_add(1, std::memory_order_relaxed);
    }

    /// The final ends of the writers' streams on this node's inputs, of the types it
    /// subscribes to: local writers' once all have published theirs (those that have not yet
    /// are skipped until then), and what writers on other hosts have announced so far.
    void collectEnds()
    {
        if (!m_endsCollected)
            collectLocalEnds();
        m_ends = m_localEnds;
        for (const auto &input : m_inputs)
            m_remoteEnds.appendEnds(input->plan(), input->prefixes(), m_ends);
    }

    /// The ends published by local writers, final once every writer is (writersFinal()).
    void collectLocalEnds()
    {
        m_endsCollected = writersFinal();
        m_localEnds.clear();
        for (const auto &input : m_inputs)
            for (const PlannedWriter &w : input->plan().writers)
                if (w.local)
                    appendWanted(m_shared.node(w.node).streamEnds.get(), w.port, input->prefixes());
    }

    /// Appends the ends of `port`'s streams among `ends` whose types `prefixes` want.
    void appendWanted(model::StreamEnds ends, const std::string &port,
                      const std::vector<std::string> &prefixes)
    {
        for (model::StreamEnd &end : ends)
            if (end.port == port && prefixesWant(prefixes, end.type))
                m_localEnds.push_back(std::move(end));
    }

    void publish()
    {
        m_action->periodic();
        std::vector<model::SourceSequenceBooks> sources = m_pipeline.report().sources;
        const std::lock_guard lock(m_metrics.publishedMutex);
        m_metrics.publishedSources.swap(sources);
    }

    RuntimeShared &m_shared;
    const NodePlan &m_plan;
    const model::Node &m_node;
    NodeMetrics &m_metrics;
    model::InputPipeline m_pipeline;
    model::Emitter m_emitter;
    std::vector<std::unique_ptr<InputSocket>> m_inputs;
    std::vector<std::unique_ptr<OutputSocket>> m_outputs;
    PortSenders m_ports;
    std::unique_ptr<NodeAction> m_action;
    model::Event m_event;
    model::Event m_late;
    bool m_reportedMalformed = false;
    model::StreamEnds m_ends;
    model::StreamEnds m_localEnds;
    model::StreamEnds m_finalEnds;
    bool m_endsCollected = false;
    RemoteEnds m_remoteEnds;
    model::StreamEndMessage m_endMessage;
    bool m_reportedBadEnd = false;
    Steady::time_point m_lastTick;
    Steady::time_point m_lastPublish;
};

/// Every socket of every node of one reader thread, for the start gate.
struct ThreadSockets
{
    std::vector<InputSocket *> inputs;
    std::vector<OutputSocket *> outputs;
};

ThreadSockets socketsOf(const std::vector<std::unique_ptr<InputWorker>> &workers)
{
    ThreadSockets sockets;
    for (const auto &w : workers) {
        for (auto &s : w->inputs())
            sockets.inputs.push_back(s.get());
        for (auto &s : w->outputs())
            sockets.outputs.push_back(s.get());
    }
    return sockets;
}

/// End of run, before the books close: reads on until every local writer of the thread's
/// nodes has published its stream ends (their last events are then on their way), then until
/// every stream is complete or nothing has arrived for kTailQuiet; both bounded by the drain.
/// What is still missing then was lost (PUB/SUB past its HWM, a dropped tail) and finish()
/// counts it as gaps. A run without loss passes straight through.
void settleTails(RuntimeShared &shared, std::vector<std::unique_ptr<InputWorker>> &workers,
                 InputPoller &poller)
{
    const int batch = shared.run.settings.readBatch;
    const auto deadline = Steady::now() + shared.drain;
    const auto readSome = [&] {
        const int read = poller.pollOnce(10ms, batch);
        const auto now = Steady::now();
        for (auto &w : workers)
            w->periodic(now);
        return read;
    };
    const auto all = [&](auto &&test) {
        return std::all_of(workers.begin(), workers.end(), [&](auto &w) { return test(*w); });
    };
    while (!all([](const InputWorker &w) { return w.writersFinal(); }) && Steady::now() < deadline)
        if (readSome() < 0)
            return;
    auto lastRead = Steady::now();
    while (!all([](InputWorker &w) { return w.missingTail() == 0; }) && Steady::now() < deadline
           && Steady::now() - lastRead < kTailQuiet) {
        const int read = readSome();
        if (read < 0)
            return;
        if (read > 0)
            lastRead = Steady::now();
    }
}

/// After finish(): nodes with readers on other hosts repeat their stream-end announcement
/// every kAnnounceEvery for kAnnounceFor (PortSender.h), since a PUB drops at a slow reader's
/// HWM, a single copy included. The stop waits for it (bounded by the drain + 1 s).
void farewell(std::vector<std::unique_ptr<InputWorker>> &workers)
{
    if (std::none_of(workers.begin(), workers.end(), [](auto &w) { return w->announces(); }))
        return;
    repeatAnnouncement([&] {
        for (auto &w : workers)
            w->reannounce();
    });
}

/// Reads until stopped, then what is still queued (stop comes after the drain), then closes
/// every node's books.
void serve(RuntimeShared &shared, std::vector<std::unique_ptr<InputWorker>> &workers,
           const std::atomic<bool> &stop)
{
    InputPoller poller;
    for (auto &w : workers)
        w->addTo(poller);
    const int batch = shared.run.settings.readBatch;
    while (!stop.load(std::memory_order_relaxed)) {
        if (poller.pollOnce(50ms, batch) < 0)
            break;
        const auto now = Steady::now();
        for (auto &w : workers)
            w->periodic(now);
    }
    while (poller.pollOnce(0ms, batch) > 0) {
    }
    settleTails(shared, workers, poller);
    for (auto &w : workers)
        w->finish();
    farewell(workers);
}

} // namespace

void runInputs(RuntimeShared &shared, const std::vector<const NodePlan *> &nodes,
               const std::atomic<bool> &stop)
{
    std::vector<std::unique_ptr<InputWorker>> workers;
    for (const NodePlan *node : nodes) {
        workers.push_back(std::make_unique<InputWorker>(shared, *node, stop));
        if (!workers.back()->openAction()) {
            shared.gate.abort("node '" + node->id.value + "' cannot start");
            return;
        }
    }
    ThreadSockets sockets = socketsOf(workers);
    if (!passStartGate(shared, nodes.front()->id, sockets.inputs, sockets.outputs, stop))
        return;
    serve(shared, workers, stop);
}

} // namespace evflow::transport
