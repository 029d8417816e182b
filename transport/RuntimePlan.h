#pragma once

#include "model/Flow.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace evflow::transport {

/// The ZeroMQ pattern of a channel: PUB/SUB (evflow uses XPUB for readiness), PUSH/PULL, or an
/// XSUB/XPUB proxy.
enum class ChannelPattern { PubSub, Queue, Broker };

/// "pubsub", "queue" or "broker".
const char *channelPatternName(ChannelPattern pattern);

/// Which side binds a channel's endpoint(s); the others connect.
enum class Binder {
    Writer, ///< pubsub/queue with bindSide "producer": the single writer binds
    Reader, ///< pubsub/queue with bindSide "consumer": the single reader binds
    Proxy,  ///< broker: the proxy binds frontend (XSUB) and backend (XPUB)
};

/// One node writing into a channel, through one of its output ports.
struct PlannedWriter
{
    model::NodeId node;
    std::string port;  ///< "out", a router route, "late", ...
    bool local = true; ///< runs in this process (its host is the planned host)
};

/// One node reading a channel through its input port.
struct PlannedReader
{
    model::NodeId node;
    std::string port = "in";
    /// Subscription prefixes from the link's `types`; {""} (everything) when the link has none.
    /// Duplicates removed, order kept.
    std::vector<std::string> prefixes;
    bool local = true;
};

/// Whether a reader subscribed to `prefixes` (PlannedReader::prefixes) takes events of `type`:
/// some prefix starts it, or there are no prefixes at all.
bool prefixesWant(const std::vector<std::string> &prefixes, const std::string &type);

/// Everything the transport needs to build one channel's sockets. Pure data.
struct ChannelPlan
{
    model::NodeId id;
    ChannelPattern pattern = ChannelPattern::PubSub;
    Binder binder = Binder::Writer;
    std::string endpoint;        ///< as written in the flow; the broker's frontend
    std::string backendEndpoint; ///< broker only: where readers connect
    int hwm = 1000;
    std::int64_t maxMessageSize = 1 << 20;
    /// ZMTP heartbeat interval (ms; 0 = off); the timeout is 5 intervals (applyHeartbeats()).
    std::int64_t heartbeatMillis = 0;
    std::vector<PlannedWriter> writers; ///< in link order
    std::vector<PlannedReader> readers; ///< in link order
    /// Queue only: PUSH/PULL cannot filter, so readers must drop types they did not ask for
    /// themselves (and count them as filtered). False for pubsub and broker, where SUB does it.
    bool readersFilterTypes = false;
    /// False when a queue load-balances over more than one reader: each reader then sees only
    /// part of every stream, so gaps would be false positives (dedup stays on).
    bool sequenceTracking = true;
    /// Broker only: the proxy runs in this process (the broker node is on the planned host).
    bool proxyLocal = false;

    /// Whether the node in question binds (writer/reader of this channel); never true for the
    /// proxy's endpoints, which only the proxy binds.
    bool binds(const model::NodeId &node) const;
    const PlannedReader *findReader(const model::NodeId &node) const;
    /// The endpoint a writer uses: the frontend for a broker, else `endpoint`.
    const std::string &writerEndpoint() const { return endpoint; }
    /// The endpoint a reader uses: the backend for a broker, else `endpoint`.
    const std::string &readerEndpoint() const;
};

/// One node's view: the channels it reads and the channels each output port writes into.
struct NodePlan
{
    model::NodeId id;
    model::NodeKind kind = model::NodeKind::Counter;
    std::vector<model::NodeId> inputs;                         ///< channels read, link order
    std::map<std::string, std::vector<model::NodeId>> outputs; ///< port -> channels
};

/// The runtime plan of a flow on one host: every channel that a local node uses (or whose
/// broker proxy is local) and every local non-channel node.
struct RuntimePlan
{
    std::vector<ChannelPlan> channels; ///< in flow node order
    std::vector<NodePlan> nodes;       ///< producers, consumers and processors, flow order

    const ChannelPlan *findChannel(const model::NodeId &id) const;
    const NodePlan *findNode(const model::NodeId &id) const;
};

/// Plans `flow`, which must be valid (validateFlow() without errors). With a host, only nodes on
/// that host ("" = the default host) are local; channels with at least one local writer, reader
/// or (broker) proxy are planned, with their remote peers listed as `local = false`. Without a
/// host every node is local. Pure: opens no socket, reads no clock.
RuntimePlan planRuntime(const model::Flow &flow, const std::optional<std::string> &host = {});

/// Why `evflow run --host NAME` cannot run `host` for `flow`, or "" when it can: the name must
/// be one that nodes are placed on ("" = the default host of unplaced nodes). A typo would
/// otherwise run nothing and report nothing. Names the hosts that do carry nodes. Pure.
std::string hostProblem(const model::Flow &flow, const std::string &host);

/// True when some writer of a planned channel runs on another host. Such a run learns that its
/// input is over only from those writers' stream-end messages (model/StreamEndMessage.h).
bool readsFromOtherHosts(const RuntimePlan &plan);

/// Some writer of `channel` runs on another host.
bool hasRemoteWriters(const ChannelPlan &channel);
/// Some reader of `channel` runs on another host: its writers announce their stream ends on it.
bool hasRemoteReaders(const ChannelPlan &channel);
/// How many (channel, writer port) pairs on other hosts write the channels `node` reads: the
/// stream-end announcements it waits for before its input is over.
std::size_t remoteWriterCount(const RuntimePlan &plan, const NodePlan &node);
/// Some output of `node` writes a channel with readers on other hosts.
bool writesToOtherHosts(const RuntimePlan &plan, const NodePlan &node);

/// How the consumer and processor nodes of a plan share reader threads: one entry per thread,
/// listing indices into `plan.nodes`. A node with linked outputs gets a thread of its own (a send
/// blocked at a queue's HWM must stall only its own node, never a reader sharing its thread).
/// Sinks (no linked output) are dealt round-robin, in plan order, onto at most `pool` shared
/// threads; `pool` 0 gives every sink its own thread. Producers are not listed. Pure.
std::vector<std::vector<std::size_t>> readerThreads(const RuntimePlan &plan, unsigned pool);

} // namespace evflow::transport
