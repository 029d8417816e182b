#pragma once

#include "model/RunSnapshot.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace evflow::transport {

/// Topic frame of every telemetry message (docs/TELEMETRY.md). A new message format gets a new
/// topic, so an old client subscribed to this one never sees messages it cannot read.
inline constexpr const char *kTelemetryTopic = "evflow.telemetry.v1";

/// Publishes a run's snapshots on a PUB socket (`evflow run --telemetry ENDPOINT`): every period
/// it calls the caller's snapshot function on its own thread and sends a 2-frame message, the
/// topic and the snapshot's JSON (model::snapshotToJson) with a sequence number that grows by one
/// per message, so clients can count the updates they missed.
///
/// Never blocks the runtime: the snapshot function is the only contact (it must be thread-safe,
/// as FlowRuntime::snapshot() is), and a PUB socket drops rather than blocks when a subscriber
/// is slow. An exception from the snapshot function is caught and counted (failures()); the
/// publisher keeps going. Telemetry is plain text without encryption: bind it to a loopback
/// address unless the network is trusted.
///
/// Thread affinity: start() and stop() from one owner thread; the counters from any thread.
class TelemetryPublisher
{
public:
    using SnapshotSource = std::function<model::RunSnapshot()>;

    explicit TelemetryPublisher(SnapshotSource source,
                                std::chrono::milliseconds period = std::chrono::milliseconds(100));
    /// Stops (see stop()).
    ~TelemetryPublisher();

    TelemetryPublisher(const TelemetryPublisher &) = delete;
    TelemetryPublisher &operator=(const TelemetryPublisher &) = delete;

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
    /// Calls of the snapshot function that threw.
    std::uint64_t failures() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace evflow::transport
