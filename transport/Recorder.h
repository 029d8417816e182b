#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::transport {

/// How a Recorder reaches the foreign endpoint.
enum class RecorderSocket {
    Sub, ///< subscribe to a PUB (everything, no topic filter)
    Pull ///< pull from a PUSH (no slow-joiner loss)
};

struct RecorderOptions
{
    std::string endpoint;
    RecorderSocket socket = RecorderSocket::Sub;
    bool bind = false; ///< bind the endpoint instead of connecting to it
    /// Larger messages are refused by ZeroMQ itself (ZMQ_MAXMSGSIZE; the peer is disconnected).
    std::size_t maxMessageBytes = 16u * 1024u * 1024u;
    /// How many malformed-message reasons are kept (the first ones) for the summary.
    std::size_t keptReasons = 3;
};

/// What a recording has seen so far.
struct RecorderStats
{
    std::uint64_t messages = 0;  ///< ZeroMQ messages received
    std::uint64_t events = 0;    ///< valid events handed to the sink
    std::uint64_t malformed = 0; ///< messages skipped
    /// "message 4: ..." for the first keptReasons malformed messages (1-based message numbers).
    std::vector<std::string> malformedReasons;
    std::uint64_t connects = 0;      ///< tcp/ipc connections established (or accepted)
    std::int64_t connectedPeers = 0; ///< connections up right now
    /// The last socket error other than an interrupted wait (none is expected while the
    /// recorder owns its context); empty when there was none.
    std::string receiveError;
};

/// Records CloudEvents published by a foreign system (`evflow record`). Each message is one
/// structured-mode CloudEvents JSON frame, or two frames: a topic (ignored) and the JSON. Valid
/// events (model::fromCloudEventJson) go to the sink as canonical one-line JSON
/// (model::toCloudEventJson, no newline); anything else is counted as malformed with its reason,
/// never fatal.
///
/// Not thread-safe: one thread opens, polls and reads stats; the socket lives in that thread.
class Recorder
{
public:
    using Sink = std::function<void(std::string_view line)>;

    explicit Recorder(RecorderOptions options);
    ~Recorder();
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    /// Validates the endpoint (model::parseEndpoint), creates the socket and binds or connects.
    /// Returns false with a one-line `error` naming the endpoint when it is invalid or cannot be
    /// bound or connected (ZeroMQ connects in the background: an unreachable peer shows only as
    /// stats().connects == 0).
    bool open(std::string &error);
    /// The endpoint as bound (with the port ZeroMQ chose for `*`) or as connected.
    const std::string &endpoint() const;

    /// Waits up to `timeout` for a message, then handles every message waiting (without further
    /// waiting). Returns how many messages it handled; 0 on timeout or when a signal interrupted
    /// the wait (EINTR), so the caller can check its stop flag.
    std::size_t pollOnce(std::chrono::milliseconds timeout, const Sink &sink);
    /// Calls pollOnce() until `shouldStop()` returns true; `shouldStop` is checked at least every
    /// `interval`.
    void run(const std::function<bool()> &shouldStop, const Sink &sink,
             std::chrono::milliseconds interval = std::chrono::milliseconds(50));

    const RecorderStats &stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace evflow::transport
