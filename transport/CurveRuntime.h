#pragma once

// CURVE on a run's tcp channels: the keys each channel needs in this process, the ZAP handler
// that holds the allow-lists, and the socket options set just before bind and connect.
// Included by transport .cpp files only.

#include "model/Flow.h"
#include "transport/CurveKeys.h"
#include "transport/RunErrors.h"
#include "transport/RuntimePlan.h"

#include <zmq.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace evflow::transport {

class ZapHandler;

/// The CURVE keys of one channel as this process uses them.
struct ChannelCurve
{
    bool server = false; ///< this process binds the channel: serverKeys has the secret half
    bool client = false; ///< a node here connects to it: clientKeys is its key pair
    CurveKeyPair serverKeys;
    CurveKeyPair clientKeys;
    std::string clientKeyName;
};

/// The CURVE side of one run. Built by prepare() in the owner thread before any worker starts;
/// afterwards read-only (apply*() from any worker thread) until stop().
class CurveRuntime
{
public:
    /// Loads, from `keysDirectory`, the keys of every channel of `plan` with `curve: true` and a
    /// tcp endpoint: where this process binds, the server key pair (NAME.key) and the public key
    /// of each name in clientKeys (NAME.pub); where a node here connects, the server's public
    /// key and the first key pair of clientKeys whose NAME.key is here. Every missing or bad key
    /// becomes an Auth RunError naming channel and file; then `ok` is false. When some channel
    /// is served here, starts a ZapHandler in `context` with one allow-list per channel (the
    /// ZAP domain is the channel id). Returns null when no channel uses CURVE.
    static std::unique_ptr<CurveRuntime> prepare(const model::Flow &flow, const RuntimePlan &plan,
                                                 zmq::context_t &context, RunErrors &errors,
                                                 const std::filesystem::path &keysDirectory,
                                                 bool &ok);
    ~CurveRuntime();

    /// Before `socket` binds `endpoint` of `plan`: makes it a CURVE server with the channel's
    /// key and ZAP domain when the channel uses CURVE and the endpoint is tcp. False (and an
    /// Auth RunError for `node`) when the channel needs keys this process did not load.
    bool applyServer(zmq::socket_t &socket, const ChannelPlan &plan, const std::string &endpoint,
                     const model::NodeId &node) const;
    /// Before `socket` connects to `endpoint`: makes it a CURVE client pinned to the server's
    /// public key, likewise.
    bool applyClient(zmq::socket_t &socket, const ChannelPlan &plan, const std::string &endpoint,
                     const model::NodeId &node) const;

    /// Stops the ZAP handler (after the channel sockets are closed) and reports, per channel,
    /// how many connection attempts it refused. Idempotent. Owner thread.
    void stop();

    /// Connection attempts the ZAP handler refused on `channel` so far. Any thread.
    std::uint64_t refused(const std::string &channel) const;
    /// The CURVE keys of `channel`, or null when it does not use CURVE here.
    const ChannelCurve *find(const std::string &channel) const;

private:
    CurveRuntime(RunErrors &errors);

    RunErrors &m_errors;
    std::map<std::string, ChannelCurve> m_channels;
    std::map<std::string, std::string> m_describe; ///< channel id -> "pubsub 'bus'"
    std::unique_ptr<ZapHandler> m_zap;
    bool m_stopped = false;
};

/// Whether `endpoint` is a tcp endpoint (the only transport CURVE applies to).
bool isTcpEndpoint(const std::string &endpoint);

} // namespace evflow::transport
