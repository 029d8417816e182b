#pragma once

#include "model/RunSnapshot.h"
#include "model/TelemetryDetails.h"
#include "transport/CurveKeys.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace evflow::transport {

/// Topic frame of every telemetry message (docs/TELEMETRY.md). A new message format gets a new
/// topic, so an old client subscribed to this one never sees messages it cannot read.
inline constexpr const char *kTelemetryTopic = "evflow.telemetry.v1";

/// Publishes a run's snapshots (`evflow run --telemetry ENDPOINT`): every period it calls the
/// caller's snapshot function on its own thread and sends a 2-frame message, the topic and the
/// snapshot's JSON (model::snapshotToJson) with a sequence number that grows by one per message,
/// so clients can count the updates they missed. Then it sends the details clients subscribed
/// to (setDetailSource()). The socket is an XPUB: it sends like a PUB and, unlike one, hears
/// the subscriptions, which is how a client asks for a detail without a second port.
///
/// Never blocks the runtime: the snapshot and detail functions are the only contact (they must
/// be thread-safe, as FlowRuntime's are), and the socket drops rather than blocks when a
/// subscriber is slow. An exception from either function is caught and counted (failures()); the
/// publisher keeps going. Without setCurve() telemetry is plain text: bind it to a loopback
/// address. With it, the socket is a CURVE server whose own ZAP handler lets in only the
/// allowed client keys (docs/SECURITY.md).
///
/// Thread affinity: start() and stop() from one owner thread; the counters from any thread.
class TelemetryPublisher
{
public:
    using SnapshotSource = std::function<model::RunSnapshot()>;
    /// Answers one detail a client watches (TelemetryClient::watch()); called on the
    /// publisher's thread, so it must be thread-safe (FlowRuntime's recentEvents(), trace() and
    /// projection() are, and never wait on the workers).
    using DetailSource = std::function<model::DetailAnswer(const model::DetailRequest &)>;
    /// At most this many distinct details are served at once; further subscriptions are
    /// ignored (and counted) so that clients cannot make a runner do unbounded work.
    static constexpr std::size_t kMaxWatchedDetails = 64;

    explicit TelemetryPublisher(SnapshotSource source,
                                std::chrono::milliseconds period = std::chrono::milliseconds(100));
    /// Stops (see stop()).
    ~TelemetryPublisher();

    TelemetryPublisher(const TelemetryPublisher &) = delete;
    TelemetryPublisher &operator=(const TelemetryPublisher &) = delete;

    /// Serves details (docs/TELEMETRY.md, "Details"): with every snapshot, the answer to each
    /// detail some client subscribed to. Call before start(); without it only snapshots are sent.
    void setDetailSource(DetailSource source);

    /// Makes the socket a CURVE server with `server` (both halves) that accepts only clients
    /// whose public key is in `allowedClients` (an own ZAP handler, as on CURVE channels; an
    /// empty list lets nobody in). Call before start(). False with a message for a bad key.
    bool setCurve(const CurveKeyPair &server, const std::vector<CurveKey> &allowedClients,
                  std::string &error);
    /// Connection attempts the ZAP handler refused (unknown keys, plaintext clients).
    std::uint64_t refusedClients() const;

    /// Validates `endpoint` (model::parseEndpoint), binds it (tcp port `*` allowed) and starts
    /// publishing, the first message at once. Returns false with a one-line `error` naming the
    /// endpoint when the endpoint is invalid or cannot be bound, or when already started.
    bool start(const std::string &endpoint, std::string &error);
    /// Publishes one last snapshot (so clients see the final state), then stops the thread and
    /// closes the socket, waiting at most ~200 ms for the last message to leave. Idempotent.
    void stop();

    /// The bound endpoint with the port ZeroMQ chose ("tcp://127.0.0.1:41234"); empty before
    /// start().
    std::string endpoint() const;
    /// Messages published so far (= the last seq sent).
    std::uint64_t published() const;
    /// Calls of the snapshot or detail function that threw.
    std::uint64_t failures() const;
    /// Distinct details served now (watched by at least one client).
    std::size_t watchedDetails() const;
    /// Detail subscriptions ignored because kMaxWatchedDetails were already served.
    std::uint64_t refusedDetails() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace evflow::transport
