#include "transport/SocketSetup.h"

#include "model/Endpoint.h"
#include "transport/CurveRuntime.h"

#include <cstdio>

namespace evflow::transport::detail {

std::string describeChannel(const ChannelPlan &plan)
{
    return std::string(channelPatternName(plan.pattern)) + " '" + plan.id.value + "'";
}

std::string formatSeconds(std::chrono::milliseconds duration)
{
    const auto ms = duration.count();
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + " s";
    char text[32];
    std::snprintf(text, sizeof text, "%g s", static_cast<double>(ms) / 1000.0);
    return text;
}

bool binderIsLocal(const ChannelPlan &plan)
{
    switch (plan.binder) {
    case Binder::Writer: return !plan.writers.empty() && plan.writers.front().local;
    case Binder::Reader: return !plan.readers.empty() && plan.readers.front().local;
    case Binder::Proxy: return plan.proxyLocal;
    }
    return false;
}

void applyChannelOptions(zmq::socket_t &socket, const ChannelPlan &plan,
                         const SocketSettings &settings, bool receives)
{
    // Receiving sockets only ever send subscriptions: lingering on those (for a writer that is
    // already gone) would only hold up the context's termination.
    socket.set(zmq::sockopt::linger, receives ? 0 : static_cast<int>(settings.linger.count()));
    socket.set(zmq::sockopt::sndhwm, plan.hwm);
    socket.set(zmq::sockopt::rcvhwm, plan.hwm);
    // A frame larger than this makes ZeroMQ drop the connection (and the messages queued on
    // it); the readers' sequence tracking then reports the loss as gaps.
    if (receives)
        socket.set(zmq::sockopt::maxmsgsize, plan.maxMessageSize);
}

void applyHeartbeats(zmq::socket_t &socket, const ChannelPlan &plan, const SocketSettings &settings,
                     bool receives, bool binds)
{
    // inproc has no ZMTP engine: neither heartbeats nor a connection to lose.
    const std::string &endpoint = receives ? plan.readerEndpoint() : plan.endpoint;
    if (endpoint.rfind("inproc://", 0) == 0)
        return;
    if (!binds)
        socket.set(zmq::sockopt::connect_timeout,
                   static_cast<int>(settings.connectTimeout.count()));
    // libzmq 4.3.4 aborts ("Assertion failed: _input_stopped") when a heartbeat timer drops
    // the connection of a *connecting* receiver whose input is stalled at the high-water mark:
    // the reconnected engine inherits the old pipe and is asked to restart an input it never
    // stopped. So connecting receivers get no timeout of their own (they still answer PINGs),
    // and no socket sends a TTL, which would arm the same timer on them. ZMQ_IMMEDIATE, which
    // drops the old pipe instead, made TestChannels hang or abort in fq.cpp ("!_more").
    if (plan.heartbeatMillis <= 0 || (receives && !binds))
        return;
    socket.set(zmq::sockopt::heartbeat_ivl, static_cast<int>(plan.heartbeatMillis));
    socket.set(zmq::sockopt::heartbeat_timeout, static_cast<int>(heartbeatTimeout(plan).count()));
}

std::chrono::milliseconds heartbeatTimeout(const ChannelPlan &plan)
{
    return std::chrono::milliseconds(5 * plan.heartbeatMillis);
}

bool bindAndPublish(RunContext &run, zmq::socket_t &socket, SocketMonitor &monitor,
                    const ChannelPlan &plan, const std::string &endpoint, const std::string &key,
                    const model::NodeId &node)
{
    // CURVE options are taken at bind time, so they go on just before (CurveRuntime.h).
    if (run.curve && !run.curve->applyServer(socket, plan, endpoint, node))
        return false;
    try {
        socket.bind(endpoint);
        run.endpoints.publish(key, socket.get(zmq::sockopt::last_endpoint));
        return true;
    } catch (const zmq::error_t &e) {
        monitor.drain();
        const int reason = monitor.lastBindError() != 0 ? monitor.lastBindError() : e.num();
        run.errors.report(node, RunErrorKind::Bind,
                          describeChannel(plan) + ": node '" + node.value + "' cannot bind "
                              + endpoint + ": " + zmq_strerror(reason));
        return false;
    }
}

namespace {

/// Why `endpoint` cannot be connected to as written, or "" when it can.
std::string unconnectableReason(const std::string &endpoint)
{
    const auto parsed = model::parseEndpoint(endpoint);
    if (!parsed)
        return parsed.error;
    if (parsed.endpoint->transport == model::Transport::Tcp && !parsed.endpoint->port)
        return "its port is '*' and it is bound on another host: give the channel a fixed port";
    if (parsed.endpoint->transport != model::Transport::Tcp)
        return "it is bound on another host: use a tcp endpoint";
    return {};
}

} // namespace

bool resolveAndConnect(RunContext &run, zmq::socket_t &socket, const ChannelPlan &plan,
                       const std::string &asWritten, const std::string &key,
                       const model::NodeId &node)
{
    std::string target;
    if (binderIsLocal(plan)) {
        const auto resolved = run.endpoints.lookup(key);
        if (!resolved) {
            run.errors.report(node, RunErrorKind::Connect,
                              describeChannel(plan) + ": node '" + node.value
                                  + "' cannot connect: " + asWritten + " was never bound");
            return false;
        }
        target = *resolved;
    } else {
        if (const std::string why = unconnectableReason(asWritten); !why.empty()) {
            run.errors.report(node, RunErrorKind::Connect,
                              describeChannel(plan) + ": node '" + node.value
                                  + "' cannot connect to " + asWritten + ": " + why);
            return false;
        }
        target = asWritten;
    }
    if (run.curve && !run.curve->applyClient(socket, plan, target, node))
        return false;
    try {
        socket.connect(target);
        return true;
    } catch (const zmq::error_t &e) {
        run.errors.report(node, RunErrorKind::Connect,
                          describeChannel(plan) + ": node '" + node.value + "' cannot connect to "
                              + target + ": " + e.what());
        return false;
    }
}

} // namespace evflow::transport::detail
