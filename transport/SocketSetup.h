#pragma once

// Internals shared by the channel sockets and the broker proxy: run-wide context, socket
// options, bind-and-publish, resolve-and-connect. Included by transport .cpp files only.

#include "transport/ChannelCounters.h"
#include "transport/ResolvedEndpoints.h"
#include "transport/RunErrors.h"
#include "transport/RuntimePlan.h"
#include "transport/SocketMonitor.h"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

namespace evflow::transport {

class CurveRuntime;

/// Tunables of every socket of a run.
struct SocketSettings
{
    /// How long close() may still flush queued messages (ZMQ_LINGER). Stop drains first, so this
    /// only bounds the wait for a peer that went away.
    std::chrono::milliseconds linger{1000};
    /// Longest a worker waits in zmq::poll or a blocked send before it checks its stop flag.
    std::chrono::milliseconds pollTimeout{100};
    /// Longest a writer waits for its readers at start; then it reports and starts anyway.
    std::chrono::milliseconds readinessTimeout{5000};
    /// Messages read per socket per poll wake-up (batching amortises the poll call).
    int readBatch = 256;
    /// A connect attempt that has no answer within this long is abandoned and retried
    /// (ZMQ_CONNECT_TIMEOUT): otherwise a SYN lost to a partition waits for the kernel's
    /// retransmission back-off (seconds, growing) after the network is back.
    std::chrono::milliseconds connectTimeout{1000};
};

/// What every worker of one run shares. The context is thread-safe; sockets are not, so each
/// worker creates its own sockets from it in its own thread.
struct RunContext
{
    zmq::context_t &context;
    ResolvedEndpoints &endpoints;
    RunErrors &errors;
    SocketSettings settings;
    /// The run's CURVE keys (CurveRuntime.h); null when no channel uses CURVE. Set before the
    /// first worker starts; bindAndPublish() and resolveAndConnect() apply it.
    const CurveRuntime *curve = nullptr;
};

namespace detail {

/// "pubsub 'bus'": how messages name a channel.
std::string describeChannel(const ChannelPlan &plan);
/// "5 s", "0.25 s".
std::string formatSeconds(std::chrono::milliseconds duration);
/// Whether the channel's binding side (writer, reader or proxy) runs in this process.
bool binderIsLocal(const ChannelPlan &plan);

/// Linger (0 for receiving sockets: they only send subscriptions), both high-water marks and,
/// for receiving sockets, ZMQ_MAXMSGSIZE. Before bind/connect.
void applyChannelOptions(zmq::socket_t &socket, const ChannelPlan &plan,
                         const SocketSettings &settings, bool receives);

/// How a socket of `plan` notices a lost peer and gets it back, when its endpoint is tcp or
/// ipc; before bind/connect. Connecting sockets get ZMQ_CONNECT_TIMEOUT; when the channel's
/// heartbeatMillis is above 0, writers and binding readers get ZMTP heartbeats
/// (ZMQ_HEARTBEAT_IVL, and ZMQ_HEARTBEAT_TIMEOUT = heartbeatTimeout(plan)), connecting readers
/// none (libzmq 4.3.4 can abort then: see the .cpp and docs/RUNTIME.md, Faults).
/// How long a peer may stay silent before a heartbeating socket drops it: 5 intervals.
std::chrono::milliseconds heartbeatTimeout(const ChannelPlan &plan);

void applyHeartbeats(zmq::socket_t &socket, const ChannelPlan &plan, const SocketSettings &settings,
                     bool receives, bool binds);

/// Binds `endpoint` (wildcards allowed) and publishes what ZMQ_LAST_ENDPOINT reports under `key`.
/// On failure reports a Bind RunError "<channel>: node 'n' cannot bind <endpoint>: <reason>"
/// for `node` and returns false. `monitor` (of `socket`) supplies the true reason when libzmq
/// lost it (see SocketMonitor::lastBindError()).
bool bindAndPublish(RunContext &run, zmq::socket_t &socket, SocketMonitor &monitor,
                    const ChannelPlan &plan, const std::string &endpoint, const std::string &key,
                    const model::NodeId &node);

/// Connects to the endpoint bound under `key`: the resolved one when the binder is local (it
/// published in phase 1), else `asWritten` (a remote binder needs a fixed tcp port). On failure
/// reports a Connect RunError and returns false.
bool resolveAndConnect(RunContext &run, zmq::socket_t &socket, const ChannelPlan &plan,
                       const std::string &asWritten, const std::string &key,
                       const model::NodeId &node);

} // namespace detail
} // namespace evflow::transport
