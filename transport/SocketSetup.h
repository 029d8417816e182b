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
};

/// What every worker of one run shares. The context is thread-safe; sockets are not, so each
/// worker creates its own sockets from it in its own thread.
struct RunContext
{
    zmq::context_t &context;
    ResolvedEndpoints &endpoints;
    RunErrors &errors;
    SocketSettings settings;
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
