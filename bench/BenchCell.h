#pragma once

#include "model/Endpoint.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace evflow::bench {

/// The channel patterns of evflow-bench-flow's matrix: queue = PUSH/PULL, pubsub = XPUB/SUB,
/// broker = publisher -> XSUB/XPUB proxy -> subscriber.
enum class Pattern { Queue, PubSub, Broker };

/// "queue", "pubsub" or "broker" (the flow file's kind names).
const char *patternName(Pattern pattern);
std::optional<Pattern> parsePattern(std::string_view name);
std::optional<model::Transport> parseTransport(std::string_view name);

/// One cell of the matrix: a pattern over a transport.
struct Cell
{
    Pattern pattern = Pattern::Queue;
    model::Transport transport = model::Transport::Tcp;
};

/// The high-water mark every case of a cell uses on every socket. A queue keeps the throughput
/// example's 100000 (PUSH blocks at the mark, nothing is lost). PUB/XPUB drops at the mark, so
/// pubsub and broker use at least `events` (capped at the 10 M the flow format allows): no
/// socket can then hold enough messages to reach it, and every event arrives. A run beyond the
/// cap that drops shows WRONG COUNTS instead of hiding the loss.
int cellHwm(Pattern pattern, std::uint64_t events);

/// A fresh endpoint text for a binding socket: `tcp://127.0.0.1:*` (ZeroMQ picks the port),
/// `ipc:///tmp/evflow-bench-PID-NAME.ipc` or `inproc://evflow-bench-NAME`. `name` must be unique
/// among the endpoints bound at the same time in this process.
std::string benchEndpoint(model::Transport transport, const std::string &name);

/// The ipc path behind an `ipc://` endpoint (empty for other transports), to remove it after a
/// run: ZeroMQ leaves the socket file behind when a process dies before closing.
std::string ipcPath(const std::string &endpoint);

} // namespace evflow::bench
