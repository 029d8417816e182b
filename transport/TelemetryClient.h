#pragma once

#include "model/RunSnapshot.h"
#include "model/TelemetryDetails.h"
#include "transport/CurveKeys.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace evflow::transport {

/// What a TelemetryClient knows about its link to a publisher.
struct TelemetryStatus
{
    bool connected = false;      ///< a tcp/ipc connection to the publisher is up right now
    std::uint64_t updates = 0;   ///< valid snapshots received
    std::uint64_t malformed = 0; ///< messages dropped: wrong frames, not JSON, wrong shape
    std::uint64_t missed = 0;    ///< snapshots the publisher sent that never arrived (seq gaps)
    std::uint64_t restarts = 0;  ///< times seq went backwards (the publisher restarted)
    std::uint64_t lastSeq = 0;   ///< seq of the newest valid snapshot; 0 before the first
    /// Connections whose handshake failed: with CURVE, the publisher refused our key or we
    /// refused its (a wrong pinned server key); without, the publisher wants CURVE.
    std::uint64_t handshakeFailures = 0;
    std::string lastMalformed; ///< why the newest malformed message was dropped
    /// Time since the newest valid snapshot arrived; nullopt before the first.
    std::optional<std::chrono::milliseconds> lastUpdateAge;
};

/// Reads a publisher's telemetry (TelemetryPublisher, `evflow run --telemetry`) into
/// model::RunSnapshot values: the studio's MetricsSource for a remote run.
///
/// Non-blocking: poll() drains what has arrived and returns at once, so a GUI timer can call it.
/// Bad input is never fatal: a message with the wrong frames, over kMaxMessageBytes, not JSON
/// or of the wrong shape is counted in status().malformed and skipped.
///
/// Not thread-safe: one thread (e.g. the GUI thread) uses a client; the socket lives in it.
class TelemetryClient
{
public:
    /// Messages larger than this are refused by ZeroMQ itself (ZMQ_MAXMSGSIZE).
    static constexpr std::size_t kMaxMessageBytes = 16u * 1024u * 1024u;
    /// poll() handles at most this many messages per call so a flood cannot stall its caller;
    /// the rest wait for the next call.
    static constexpr int kMaxMessagesPerPoll = 256;

    TelemetryClient();
    ~TelemetryClient();
    TelemetryClient(const TelemetryClient &) = delete;
    TelemetryClient &operator=(const TelemetryClient &) = delete;

    /// Makes the next connect() a CURVE client: `client` (both halves) is this client's key
    /// pair, `serverPublicKey` the publisher's public key, pinned (docs/SECURITY.md). Returns
    /// false with a message when a key is not 40 characters of Z85 or the client is open.
    bool setCurve(const CurveKeyPair &client, const CurveKey &serverPublicKey, std::string &error);

    /// Validates `endpoint` (model::parseEndpoint) and connects a SUB socket subscribed to
    /// kTelemetryTopic. ZeroMQ connects in the background and reconnects after a publisher
    /// restart; status().connected tells when the link is up. Returns false with a one-line
    /// `error` for an invalid endpoint or when already connected. Resets the status.
    bool connect(const std::string &endpoint, std::string &error);
    /// Closes the socket; the latest snapshot stays readable.
    void disconnect();
    bool isOpen() const;

    /// Handles every message that has arrived (up to kMaxMessagesPerPoll) without blocking.
    /// Returns the newest valid snapshot among them, or nullopt when none arrived; with `all`,
    /// also appends every valid snapshot among them there, oldest first.
    std::optional<model::RunSnapshot> poll(std::vector<model::RunSnapshot> *all = nullptr);
    /// The newest valid snapshot ever received, if any.
    const std::optional<model::RunSnapshot> &latest() const;

    /// Subscribes to a detail (recent events at a node, a correlation's hops, a projection's
    /// rows): the publisher sends it with every snapshot while some client watches it, and
    /// poll() keeps the newest answer (detail()), parsing only that one of those it received.
    /// Nothing while the client is not open; ZeroMQ renews the subscription after a reconnect.
    /// Watching an already watched detail is a no-op.
    void watch(const model::DetailRequest &request);
    /// Ends a subscription and forgets its answer.
    void unwatch(const model::DetailRequest &request);
    /// The details watched now.
    std::vector<model::DetailRequest> watched() const;
    /// The newest answer to a watched detail, or nullptr before the first (or when not watched).
    const model::DetailAnswer *detail(const model::DetailRequest &request) const;
    TelemetryStatus status() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace evflow::transport
