#pragma once

// Internals of FlowRuntime: what every worker of one run shares. Included by transport .cpp
// files only.

#include "model/Flow.h"
#include "transport/CurveRuntime.h"
#include "transport/InputSocket.h"
#include "transport/OutputSocket.h"
#include "transport/PortSender.h"
#include "transport/ResolvedEndpoints.h"
#include "transport/RunErrors.h"
#include "transport/RuntimeMetrics.h"
#include "transport/RuntimePlan.h"
#include "transport/SocketSetup.h"
#include "transport/StartGate.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace evflow::transport {

/// The state of one run shared by the owner and all workers. Built completely before the first
/// worker starts; afterwards only atomics, the metrics and the thread-safe members change.
struct RuntimeShared
{
    RuntimeShared(model::Flow f, RuntimePlan p, SocketSettings settings, std::size_t workers)
        : flow(std::move(f))
        , plan(std::move(p))
        , run{context, endpoints, errors, settings}
        , gate(workers)
    {
    }

    zmq::context_t context;
    ResolvedEndpoints endpoints;
    RunErrors errors;
    model::Flow flow;
    RuntimePlan plan;
    RunContext run;
    /// CURVE keys and ZAP handler (null when no channel uses CURVE); run.curve points to it.
    std::unique_ptr<CurveRuntime> curve;
    StartGate gate;
    /// How long a worker waits at one gate phase (readiness plus slack).
    std::chrono::milliseconds gateTimeout{10000};
    std::optional<std::uint64_t> seed;
    std::int64_t startMicros = 0;
    std::atomic<bool> paused{false};
    /// RunOptions::monitoring: consumers record latency, recent events and trace hops.
    bool monitoring = true;
    /// RunOptions::drain: also bounds how long a stopped reader waits for its writers' ends.
    std::chrono::milliseconds drain{2000};
    std::map<std::string, std::unique_ptr<ChannelCounters>> channels; ///< by channel id
    std::map<std::string, std::unique_ptr<NodeMetrics>> metrics;      ///< every flow node
    /// (channel, writer) -> the writer's injector of the channel's faults (owned by the channel
    /// node's metrics); absent when the channel injects none.
    std::map<std::pair<std::string, std::string>, model::FaultInjector *> channelFaults;

    ChannelCounters &channel(const model::NodeId &id) { return *channels.at(id.value); }
    NodeMetrics &node(const model::NodeId &id) { return *metrics.at(id.value); }
    const model::Node &flowNode(const model::NodeId &id) const { return *flow.findNode(id); }
};

/// The epoch of a node's run: the start time in milliseconds (low 32 bits) XOR an FNV-1a hash
/// of the node id, so a restart within the same second is a new epoch and two producers started
/// in the same millisecond still differ.
std::uint32_t nodeEpoch(std::int64_t startMicros, const model::NodeId &node);

/// Creates the sockets of `node`'s output `port` (one per linked channel), appends them to
/// `sockets` and registers them, with the channel's injector for this writer, with `sender`.
void openPort(RuntimeShared &shared, const NodePlan &node, const std::string &port,
              const std::atomic<bool> &stop, std::vector<std::unique_ptr<OutputSocket>> &sockets,
              PortSender &sender);

/// Runs the three StartGate phases for a worker's sockets (each with bind(), connect(),
/// service(); outputs also waitReady()). False when the start failed or was stopped; a socket
/// that cannot bind or connect aborts the gate (its RunError names node and endpoint).
template<typename Inputs, typename Outputs>
bool passStartGate(RuntimeShared &shared, const model::NodeId &node, Inputs &inputs,
                   Outputs &outputs, const std::atomic<bool> &stop)
{
    using P = StartGate::Phase;
    bool ok = true;
    for (auto &s : inputs)
        ok = ok && s->bind();
    for (auto &s : outputs)
        ok = ok && s->bind();
    if (!ok)
        shared.gate.abort("node '" + node.value + "' could not bind");
    if (!ok || !shared.gate.arriveAndWait(P::Bind, shared.gateTimeout, stop))
        return false;
    for (auto &s : inputs)
        ok = ok && s->connect();
    for (auto &s : outputs)
        ok = ok && s->connect();
    if (!ok)
        shared.gate.abort("node '" + node.value + "' could not connect");
    const auto service = [&] {
        for (auto &s : inputs)
            s->service();
        for (auto &s : outputs)
            s->service();
    };
    if (!ok || !shared.gate.arriveAndWait(P::Connect, shared.gateTimeout, stop, service))
        return false;
    for (auto &s : outputs)
        if (!s->waitReady())
            return false;
    return shared.gate.arriveAndWait(P::Ready, shared.gateTimeout, stop, service);
}

} // namespace evflow::transport
