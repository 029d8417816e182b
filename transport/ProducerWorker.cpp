#include "transport/ProducerWorker.h"

#include "model/CloudEventJson.h"
#include "model/EventGenerator.h"
#include "model/NodeCatalog.h"
#include "model/StreamKey.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

namespace evflow::transport {
namespace {

using namespace std::chrono_literals;

/// Longest a producer sleeps before it looks at its stop and pause flags again.
constexpr std::int64_t kIdleSliceMicros = 10000;

/// The producer's output side: sockets of port "out", the sender over them, and the stream
/// ends it announces to readers on other hosts once it is done.
struct ProducerOutputs
{
    ProducerOutputs(RuntimeShared &shared, const NodePlan &node, const std::atomic<bool> &stop)
        : sender(shared.errors, node.id)
    {
        openPort(shared, node, "out", stop, sockets, sender);
    }

    void announce(model::StreamEnds streamEnds)
    {
        ends = std::move(streamEnds);
        announced = true;
        announcedAt = systemMicrosNow();
        sender.announce("out", ends);
    }

    /// Repeats the announcement every kAnnounceEvery (PortSender.h) while the producer idles.
    void reannounce()
    {
        const auto every = std::chrono::microseconds(kAnnounceEvery).count();
        if (announced && systemMicrosNow() - announcedAt >= every)
            announce(std::move(ends));
    }

    std::vector<std::unique_ptr<OutputSocket>> sockets;
    PortSender sender;
    model::StreamEnds ends;
    bool announced = false;
    std::int64_t announcedAt = 0;
};

/// Sleeps up to `micros` (bounded by the idle slice) while the sockets stay serviced.
void idle(ProducerOutputs &out, std::int64_t micros)
{
    out.sender.service();
    out.reannounce();
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::clamp<std::int64_t>(micros, 100, kIdleSliceMicros)));
}

model::FaultInjector *producerFaults(NodeMetrics &metrics)
{
    return metrics.injectors.empty() ? nullptr : metrics.injectors.front().get();
}

/// Sends one event through the producer's injector (if any) and then the channels.
void emitEvent(model::FaultInjector *faults, PortSender &sender, const model::Event &event)
{
    if (faults == nullptr) {
        sender.send(event);
        return;
    }
    faults->apply(event, [&](const model::Event &out) { sender.send(out); });
}

/// End of the producer's stream: release held events, settle drops, publish how far each
/// stream was numbered (`ends`) to local readers and announce it to remote ones, mark finished.
void finishStream(model::FaultInjector *faults, ProducerOutputs &out, NodeMetrics &metrics,
                  model::StreamEnds ends)
{
    if (metrics.finished.load(std::memory_order_acquire))
        return;
    if (faults != nullptr)
        faults->flush([&](const model::Event &e) { out.sender.send(e); });
    out.sender.flush();
    metrics.streamEnds.publish(ends);
    out.announce(std::move(ends));
    metrics.finishedAtMicros.store(systemMicrosNow(), std::memory_order_relaxed);
    metrics.finished.store(true, std::memory_order_release);
}

/// After a stop: with readers on other hosts, repeats the announcement until kAnnounceFor has
/// passed since the end (a producer that ended by itself has usually done so already).
void farewell(ProducerOutputs &out, const NodeMetrics &metrics)
{
    if (!out.sender.announces())
        return;
    const auto span = std::chrono::microseconds(kAnnounceFor).count();
    while (systemMicrosNow() - metrics.finishedAtMicros.load() < span)
        idle(out, kIdleSliceMicros);
}

std::vector<std::unique_ptr<InputSocket>> noInputs()
{
    return {};
}

} // namespace

void runGenerator(RuntimeShared &shared, const NodePlan &plan, const std::atomic<bool> &stop)
{
    const model::Node &node = shared.flowNode(plan.id);
    NodeMetrics &metrics = shared.node(plan.id);
    model::EventGenerator generator(node, shared.flow, nodeEpoch(shared.startMicros, plan.id),
                                    shared.seed);
    if (!generator.error().empty())
        shared.errors.report(plan.id, RunErrorKind::Internal, generator.error());
    ProducerOutputs out(shared, plan, stop);
    auto inputs = noInputs();
    if (!passStartGate(shared, plan.id, inputs, out.sockets, stop))
        return;
    model::FaultInjector *faults = producerFaults(metrics);
    bool wasPaused = false;
    generator.startPacing(systemMicrosNow());
    while (!stop.load(std::memory_order_relaxed)) {
        if (shared.paused.load(std::memory_order_relaxed) || generator.finished()) {
            if (generator.finished())
                finishStream(faults, out, metrics, generator.streamEnds());
            wasPaused = shared.paused.load(std::memory_order_relaxed);
            idle(out, kIdleSliceMicros);
            continue;
        }
        std::int64_t now = systemMicrosNow();
        if (wasPaused) {
            generator.startPacing(now);
            wasPaused = false;
        }
        if (now < generator.nextDueMicros()) {
            idle(out, generator.nextDueMicros() - now);
            continue;
        }
        for (std::uint64_t i = 0; i < generator.burstSize() && !generator.finished(); ++i) {
            emitEvent(faults, out.sender, generator.next(now));
            metrics.produced.store(generator.emitted(), std::memory_order_relaxed);
        }
    }
    // Stopped before the count: release what the injectors hold so every sent event is whole.
    finishStream(faults, out, metrics, generator.streamEnds());
    farewell(out, metrics);
}

namespace {

/// The events of a replay file; malformed lines are skipped and reported once.
bool loadReplay(RuntimeShared &shared, const model::NodeId &node, const std::string &path,
                std::vector<model::Event> &events)
{
    std::ifstream in(path);
    if (!in) {
        shared.errors.report(node, RunErrorKind::Io,
                             "cannot open replay file '" + path + "': " + std::strerror(errno));
        return false;
    }
    std::string line;
    std::string error;
    std::string firstBad;
    std::size_t lineNumber = 0;
    std::size_t skipped = 0;
    model::Event event;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        if (model::fromCloudEventJson(line, event, error)) {
            events.push_back(event);
        } else if (skipped++ == 0) {
            firstBad = path + ":" + std::to_string(lineNumber) + ": " + error;
        }
    }
    if (skipped > 0)
        shared.errors.report(node, RunErrorKind::Malformed,
                             firstBad + " (" + std::to_string(skipped)
                                 + " malformed line(s) skipped)");
    return true;
}

/// Re-stamps replayed events: this run's epoch and a sequence per (source, type) from 0.
class ReplayStamper
{
public:
    explicit ReplayStamper(std::uint32_t epoch)
        : m_epoch(epoch)
    {
    }
    void stamp(model::Event &event)
    {
        model::makeStreamKey(m_key, event.source, event.type);
        auto it = m_next.find(m_key);
        if (it == m_next.end())
            it = m_next.emplace(m_key, 0).first;
        event.epoch = m_epoch;
        event.sequence = it->second++;
    }
    /// How far each (source, type) stream has been numbered.
    model::StreamEnds streamEnds() const
    {
        model::StreamEnds ends;
        for (const auto &[key, next] : m_next)
            ends.push_back({"out", std::string(model::streamKeySource(key)),
                            std::string(model::streamKeyType(key)), m_epoch, next});
        return ends;
    }

private:
    std::uint32_t m_epoch;
    std::string m_key;
    std::map<std::string, std::uint64_t, std::less<>> m_next;
};

} // namespace

namespace {

/// When each replayed event is due: base + (time_i - time_0) / speed (speed 0: at once).
/// Pauses and loops move the base, so the spacing stays the original one.
class ReplayClock
{
public:
    ReplayClock(const std::vector<model::Event> &events, double speed)
        : m_events(events)
        , m_speed(speed)
    {
    }
    std::int64_t offset(std::size_t i) const
    {
        if (m_speed <= 0)
            return 0;
        const auto span = static_cast<double>(m_events[i].time - m_events[0].time);
        return static_cast<std::int64_t>(span / m_speed);
    }
    /// Event i is due now (at `now`).
    void restartAt(std::size_t i, std::int64_t now) { m_base = now - offset(i); }
    std::int64_t due(std::size_t i) const { return m_base + offset(i); }

private:
    const std::vector<model::Event> &m_events;
    double m_speed;
    std::int64_t m_base = 0;
};

} // namespace

void runReplay(RuntimeShared &shared, const NodePlan &plan, const std::atomic<bool> &stop)
{
    const model::Node &node = shared.flowNode(plan.id);
    NodeMetrics &metrics = shared.node(plan.id);
    const std::string path = model::catalog::stringProperty(node, "path");
    const bool loop = model::catalog::boolProperty(node, "loop");
    std::vector<model::Event> events;
    ProducerOutputs out(shared, plan, stop);
    if (!loadReplay(shared, plan.id, path, events)) {
        shared.gate.abort("replay '" + plan.id.value + "' cannot open " + path);
        return;
    }
    auto inputs = noInputs();
    if (!passStartGate(shared, plan.id, inputs, out.sockets, stop))
        return;
    model::FaultInjector *faults = producerFaults(metrics);
    ReplayStamper stamper(nodeEpoch(shared.startMicros, plan.id));
    ReplayClock clock(events, model::catalog::doubleProperty(node, "speed", 1.0));
    model::Event event;
    std::size_t next = 0;
    clock.restartAt(0, systemMicrosNow());
    while (!stop.load(std::memory_order_relaxed)) {
        if (next == events.size() && loop && !events.empty()) {
            next = 0;
            clock.restartAt(0, systemMicrosNow());
        }
        const bool paused = shared.paused.load(std::memory_order_relaxed);
        if (next == events.size() || paused) {
            if (next == events.size())
                finishStream(faults, out, metrics, stamper.streamEnds());
            idle(out, kIdleSliceMicros);
            if (paused && next < events.size())
                clock.restartAt(next, systemMicrosNow());
            continue;
        }
        if (const std::int64_t wait = clock.due(next) - systemMicrosNow(); wait > 0) {
            idle(out, wait);
            continue;
        }
        event = events[next++];
        stamper.stamp(event);
        emitEvent(faults, out.sender, event);
        metrics.produced.fetch_add(1, std::memory_order_relaxed);
    }
    finishStream(faults, out, metrics, stamper.streamEnds());
    farewell(out, metrics);
}

} // namespace evflow::transport
