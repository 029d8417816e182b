#include "transport/ZmqSourceWorker.h"

#include "model/CloudEventJson.h"
#include "model/NodeCatalog.h"
#include "model/StreamKey.h"
#include "transport/CloudEventReader.h"

#include <array>
#include <cerrno>
#include <map>
#include <optional>
#include <thread>

namespace evflow::transport {
namespace {

using namespace std::chrono_literals;

/// How long one wait for a foreign message lasts before stop and pause are looked at again.
constexpr auto kPollSlice = 10ms;
/// Messages taken per wait at most, so that a flood still lets the worker see its stop flag.
constexpr std::size_t kMaxMessagesPerPoll = 1024;
/// Malformed messages reported one by one; later ones are only counted.
constexpr std::uint64_t kReportedMalformed = 5;
/// Ids remembered per stream to give a foreign re-send the sequence of its first send.
constexpr std::size_t kRememberedIds = 64;

/// Re-stamps foreign events: the node's epoch and a sequence per (source, type) from 0.
/// model::Event cannot tell a foreign sequence of 0 from none (fromCloudEventJson leaves 0 for
/// an absent one), so every event is re-stamped; a recent id (per stream) keeps its sequence so
/// that a foreign duplicate stays a duplicate and does not look like a gap downstream.
class ForeignStamper
{
public:
    explicit ForeignStamper(std::uint32_t epoch)
        : m_epoch(epoch)
    {
    }

    void stamp(model::Event &event, std::int64_t now)
    {
        model::makeStreamKey(m_key, event.source, event.type);
        auto it = m_streams.find(m_key);
        if (it == m_streams.end())
            it = m_streams.emplace(m_key, Stream{}).first;
        Stream &stream = it->second;
        event.epoch = m_epoch;
        event.sequence = sequenceOf(stream, event.id);
        // fromCloudEventJson leaves time 0 when the attribute is absent.
        if (event.time == 0)
            event.time = now;
    }

    /// How far each (source, type) stream has been numbered.
    model::StreamEnds streamEnds() const
    {
        model::StreamEnds ends;
        for (const auto &[key, stream] : m_streams)
            ends.push_back({"out", std::string(model::streamKeySource(key)),
                            std::string(model::streamKeyType(key)), m_epoch, stream.next});
        return ends;
    }

private:
    struct Stream
    {
        std::uint64_t next = 0;
        std::array<std::pair<std::string, std::uint64_t>, kRememberedIds> recent;
        std::size_t head = 0;
        std::size_t filled = 0;
    };

    static std::uint64_t sequenceOf(Stream &stream, const std::string &id)
    {
        for (std::size_t i = 0; i < stream.filled; ++i)
            if (stream.recent[i].first == id)
                return stream.recent[i].second;
        auto &slot = stream.recent[stream.head];
        slot.first.assign(id); // reuses the slot's capacity
        slot.second = stream.next;
        stream.head = (stream.head + 1) % kRememberedIds;
        stream.filled = std::min(stream.filled + 1, kRememberedIds);
        return stream.next++;
    }

    std::uint32_t m_epoch;
    std::string m_key;
    std::map<std::string, Stream, std::less<>> m_streams;
};

/// Counts malformed messages and reports the first few (rate-limited RunErrors).
class MalformedReports
{
public:
    MalformedReports(RunErrors &errors, model::NodeId node)
        : m_errors(errors)
        , m_node(std::move(node))
    {
    }
    void add(const std::string &reason)
    {
        if (++m_count <= kReportedMalformed)
            m_errors.report(m_node, RunErrorKind::Malformed,
                            "malformed message skipped (" + std::to_string(m_count)
                                + " so far): " + reason);
    }
    void finish()
    {
        if (m_count > kReportedMalformed)
            m_errors.report(m_node, RunErrorKind::Malformed,
                            std::to_string(m_count) + " malformed messages skipped in total");
    }

private:
    RunErrors &m_errors;
    model::NodeId m_node;
    std::uint64_t m_count = 0;
};

/// The node's own socket on the foreign endpoint, bound or connected; empty (with a RunError
/// naming the endpoint) when that fails.
std::optional<zmq::socket_t> openForeign(RuntimeShared &shared, const NodePlan &plan)
{
    const model::Node &node = shared.flowNode(plan.id);
    const std::string endpoint = model::catalog::stringProperty(node, "endpoint");
    const bool sub = model::catalog::stringProperty(node, "socket") != "pull";
    const bool bind = model::catalog::boolProperty(node, "bind");
    try {
        zmq::socket_t socket(shared.context, sub ? zmq::socket_type::sub : zmq::socket_type::pull);
        socket.set(zmq::sockopt::linger, 0);
        socket.set(zmq::sockopt::maxmsgsize,
                   static_cast<std::int64_t>(model::kMaxCloudEventJsonBytes));
        if (sub)
            socket.set(zmq::sockopt::subscribe, model::catalog::stringProperty(node, "subscribe"));
        if (bind)
            socket.bind(endpoint);
        else
            socket.connect(endpoint);
        return socket;
    } catch (const zmq::error_t &e) {
        shared.errors.report(plan.id, bind ? RunErrorKind::Bind : RunErrorKind::Connect,
                             std::string("cannot ") + (bind ? "bind " : "connect to ") + endpoint
                                 + ": " + e.what());
        return std::nullopt;
    }
}

/// What one zmq-source worker reads with and sends through.
struct SourceState
{
    SourceState(RuntimeShared &shared, const NodePlan &plan)
        : metrics(shared.node(plan.id))
        , sender(shared.errors, plan.id)
        , stamper(nodeEpoch(shared.startMicros, plan.id))
        , malformed(shared.errors, plan.id)
    {
    }
    NodeMetrics &metrics;
    std::vector<std::unique_ptr<OutputSocket>> sockets;
    PortSender sender;
    model::FaultInjector *faults = nullptr;
    ForeignStamper stamper;
    MalformedReports malformed;
    CloudEventReader reader;
    model::Event event; // reused: decoding into it keeps its capacity
};

void forward(SourceState &st)
{
    st.stamper.stamp(st.event, systemMicrosNow());
    if (st.faults != nullptr)
        st.faults->apply(st.event, [&](const model::Event &out) { st.sender.send(out); });
    else
        st.sender.send(st.event);
    st.metrics.produced.fetch_add(1, std::memory_order_relaxed);
}

/// Waits up to one poll slice for foreign messages and forwards what is waiting. False when the
/// socket failed for good (reported).
bool pumpOnce(SourceState &st, zmq::socket_t &socket, RunErrors &errors, const NodePlan &plan)
{
    try {
        zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, kPollSlice) <= 0)
            return true;
        for (std::size_t i = 0; i < kMaxMessagesPerPoll; ++i) {
            const CloudEventReader::Result r = st.reader.receive(socket, st.event);
            if (r == CloudEventReader::Result::None)
                break;
            if (r == CloudEventReader::Result::Malformed)
                st.malformed.add(st.reader.error());
            else
                forward(st);
        }
    } catch (const zmq::error_t &e) {
        if (e.num() == EINTR)
            return true;
        errors.report(plan.id, RunErrorKind::Io, std::string("receive failed: ") + e.what());
        return false;
    }
    return true;
}

} // namespace

void runZmqSource(RuntimeShared &shared, const NodePlan &plan, const std::atomic<bool> &stop)
{
    SourceState st(shared, plan);
    openPort(shared, plan, "out", stop, st.sockets, st.sender);
    std::optional<zmq::socket_t> foreign = openForeign(shared, plan);
    if (!foreign) {
        shared.gate.abort("zmq-source '" + plan.id.value + "' cannot open its endpoint");
        return;
    }
    std::vector<std::unique_ptr<InputSocket>> noInputs;
    if (!passStartGate(shared, plan.id, noInputs, st.sockets, stop))
        return;
    if (!st.metrics.injectors.empty())
        st.faults = st.metrics.injectors.front().get();
    bool healthy = true;
    while (!stop.load(std::memory_order_relaxed)) {
        // Paused (or broken): leave foreign messages queued in the socket, up to its HWM.
        if (shared.paused.load(std::memory_order_relaxed) || !healthy) {
            st.sender.service();
            std::this_thread::sleep_for(kPollSlice);
            continue;
        }
        healthy = pumpOnce(st, *foreign, shared.errors, plan);
        st.sender.service();
    }
    if (st.faults != nullptr)
        st.faults->flush([&](const model::Event &out) { st.sender.send(out); });
    st.sender.flush();
    st.malformed.finish();
    const model::StreamEnds ends = st.stamper.streamEnds();
    st.metrics.streamEnds.publish(ends);
    st.sender.announce("out", ends);
    st.metrics.finishedAtMicros.store(systemMicrosNow(), std::memory_order_relaxed);
    st.metrics.finished.store(true, std::memory_order_release);
    // Readers on other hosts: repeat it for a while (a PUB may drop one copy at their HWM).
    if (st.sender.announces())
        repeatAnnouncement([&] {
            st.sender.service();
            st.sender.announce("out", ends);
        });
}

} // namespace evflow::transport
