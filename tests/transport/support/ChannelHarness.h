#pragma once

// A miniature runtime for transport tests: every planned producer becomes a writer worker that
// sends N real encoded events, every consumer a reader worker that decodes and counts them, a
// broker gets its proxy; all pass the StartGate like the real runtime will.

#include "model/BinaryCodec.h"
#include "model/Flow.h"
#include "transport/BrokerProxy.h"
#include "transport/InputPoller.h"
#include "transport/OutputSocket.h"
#include "transport/StartGate.h"
#include "transport/WorkerGroup.h"

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace evflow::test {

using namespace std::chrono_literals;
namespace tr = evflow::transport;
namespace md = evflow::model;

inline md::Node channelNode(const std::string &id, md::NodeKind kind, const std::string &endpoint,
                            std::int64_t hwm, const std::string &bindSide = "producer",
                            const std::string &backend = {})
{
    md::Node n;
    n.id = {id};
    n.kind = kind;
    n.properties["endpoint"] = endpoint;
    n.properties["hwm"] = hwm;
    if (kind == md::NodeKind::Broker)
        n.properties["backendEndpoint"] = backend;
    else
        n.properties["bindSide"] = bindSide;
    return n;
}

inline md::Node plainNode(const std::string &id, md::NodeKind kind, const std::string &host = {})
{
    md::Node n;
    n.id = {id};
    n.kind = kind;
    n.host = host;
    return n;
}

inline md::Link makeLink(const std::string &from, const std::string &to,
                         std::vector<std::string> types = {}, const std::string &fromPort = "out")
{
    md::Link l;
    l.from = {{from}, fromPort};
    l.to = {{to}, "in"};
    l.types = std::move(types);
    return l;
}

/// What one reader saw. Atomics: written by the reader thread, read by the test thread.
struct ReaderTally
{
    std::atomic<std::uint64_t> events{0};
    std::atomic<std::uint64_t> decodeFailures{0};
    std::atomic<std::uint64_t> malformed{0};
    std::array<std::atomic<std::uint64_t>, 3> perType{}; ///< by index in Harness::types
    std::atomic<std::uint64_t> unknownType{0};
};

class Harness
{
public:
    /// Event types writers cycle through (frame 1 is the type, so SUB prefixes filter on it).
    std::vector<std::string> types{"order.placed", "order.shipped", "payment.received"};
    std::uint64_t eventsPerWriter = 10000;

    explicit Harness(const md::Flow &flow, tr::SocketSettings settings = testSettings())
        : plan(tr::planRuntime(flow))
        , run{context, endpoints, errors, settings}
    {
        for (const auto &c : plan.channels)
            counters[c.id.value] = std::make_unique<tr::ChannelCounters>();
        for (const auto &n : plan.nodes)
            tallies[n.id.value] = std::make_unique<ReaderTally>();
    }

    ~Harness() { group.stop(); }

    static tr::SocketSettings testSettings()
    {
        tr::SocketSettings s;
        s.readinessTimeout = 20s; // generous: the machine is shared; timing is never asserted
        s.linger = 5s;
        return s;
    }

    /// Starts one worker per broker proxy and per planned node (all of them, or only `only`).
    void start(const std::vector<std::string> &only = {})
    {
        std::vector<std::function<void()>> starts;
        for (const auto &c : plan.channels)
            if (c.pattern == tr::ChannelPattern::Broker && c.proxyLocal)
                starts.push_back([this, &c] { startProxy(c); });
        for (const auto &n : plan.nodes) {
            if (!only.empty() && std::find(only.begin(), only.end(), n.id.value) == only.end())
                continue;
            if (!n.outputs.empty())
                starts.push_back([this, &n] { startWriter(n); });
            else
                starts.push_back([this, &n] { startReader(n); });
        }
        gate = std::make_unique<tr::StartGate>(starts.size());
        for (auto &s : starts)
            s();
    }

    tr::ChannelCounters &channel(const std::string &id) { return *counters.at(id); }
    ReaderTally &tally(const std::string &id) { return *tallies.at(id); }

    zmq::context_t context;
    tr::ResolvedEndpoints endpoints;
    tr::RunErrors errors;
    tr::RuntimePlan plan;
    tr::RunContext run;
    std::map<std::string, std::unique_ptr<tr::ChannelCounters>> counters;
    std::map<std::string, std::unique_ptr<ReaderTally>> tallies;
    std::unique_ptr<tr::StartGate> gate;
    tr::WorkerGroup group{context, errors};
    std::atomic<int> writersDone{0};

private:
    static constexpr auto kGateTimeout = 30s;

    /// Runs the three start phases for one worker; false when the start failed or was stopped.
    template<typename Socket>
    bool passGate(Socket &socket, const std::atomic<bool> &stop, const std::string &what)
    {
        using P = tr::StartGate::Phase;
        if (!socket.bind()) {
            gate->abort(what + " could not bind");
            return false;
        }
        if (!gate->arriveAndWait(P::Bind, kGateTimeout, stop))
            return false;
        if (!socket.connect()) {
            gate->abort(what + " could not connect");
            return false;
        }
        return gate->arriveAndWait(P::Connect, kGateTimeout, stop);
    }

    void startWriter(const tr::NodePlan &n)
    {
        const tr::ChannelPlan &c = *plan.findChannel(n.outputs.begin()->second.front());
        group.start(n.id, "ev:" + n.id.value, [this, &n, &c](const std::atomic<bool> &stop) {
            tr::OutputSocket out(run, c, n.id, *counters.at(c.id.value), stop);
            if (!passGate(out, stop, n.id.value) || !out.waitReady())
                return;
            if (!gate->arriveAndWait(tr::StartGate::Phase::Ready, kGateTimeout, stop,
                                     [&] { out.service(); }))
                return;
            md::Event e;
            e.source = "test:/" + n.id.value;
            md::EncodedFrames frames;
            for (std::uint64_t i = 0; i < eventsPerWriter && !stop; ++i) {
                e.id = n.id.value + "-" + std::to_string(i);
                e.type = types[i % types.size()];
                e.sequence = i;
                e.time = static_cast<std::int64_t>(i);
                e.setField("i", static_cast<std::int64_t>(i));
                if (!md::encodeFrames(e, 0, frames).ok()
                    || out.send(frames) != tr::SendResult::Sent)
                    return;
            }
            ++writersDone;
        });
    }

    class Counting : public tr::FrameHandler
    {
    public:
        Counting(ReaderTally &tally, const std::vector<std::string> &types)
            : m_tally(tally)
            , m_types(types)
        {
        }
        void onFrames(tr::InputSocket &, const tr::FrameReader &f) override
        {
            if (!md::decodeFrames(f.type(), f.header(), f.data(), m_event).ok()) {
                ++m_tally.decodeFailures;
                return;
            }
            const auto it = std::find(m_types.begin(), m_types.end(), m_event.type);
            if (it == m_types.end())
                ++m_tally.unknownType;
            else
                ++m_tally.perType[static_cast<std::size_t>(it - m_types.begin())];
            ++m_tally.events;
        }
        void onMalformed(tr::InputSocket &, std::size_t) override { ++m_tally.malformed; }
        // Every peer of the harness is local: no writer announces stream ends to it.
        void onStreamEnd(tr::InputSocket &, const tr::FrameReader &) override {}

    private:
        ReaderTally &m_tally;
        const std::vector<std::string> &m_types;
        md::Event m_event;
    };

    void startReader(const tr::NodePlan &n)
    {
        const tr::ChannelPlan &c = *plan.findChannel(n.inputs.front());
        group.start(n.id, "ev:" + n.id.value, [this, &n, &c](const std::atomic<bool> &stop) {
            tr::InputSocket in(run, c, n.id, *counters.at(c.id.value));
            if (!passGate(in, stop, n.id.value))
                return;
            if (!gate->arriveAndWait(tr::StartGate::Phase::Ready, kGateTimeout, stop,
                                     [&] { in.service(); }))
                return;
            Counting handler(*tallies.at(n.id.value), types);
            tr::InputPoller poller;
            poller.add(in, handler);
            while (!stop)
                if (poller.pollOnce(run.settings.pollTimeout, run.settings.readBatch) < 0)
                    return;
        });
    }

    void startProxy(const tr::ChannelPlan &c)
    {
        group.start(c.id, "ev:" + c.id.value, [this, &c](const std::atomic<bool> &stop) {
            tr::BrokerProxy proxy(run, c, *counters.at(c.id.value), stop);
            using P = tr::StartGate::Phase;
            if (!proxy.bind()) {
                gate->abort(c.id.value + " could not bind");
                return;
            }
            const auto pump = [&] { proxy.pump(0ms); };
            if (!gate->arriveAndWait(P::Bind, kGateTimeout, stop)
                || !gate->arriveAndWait(P::Connect, kGateTimeout, stop, pump)
                || !gate->arriveAndWait(P::Ready, kGateTimeout, stop, pump))
                return;
            proxy.run();
        });
    }
};

} // namespace evflow::test
