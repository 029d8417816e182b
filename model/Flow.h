#pragma once

#include "model/EventType.h"
#include "model/Ids.h"
#include "model/Property.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace evflow::model {

/// Kinds of nodes (PRODUCT.md §1). Serialised as the kebab-case names in NodeCatalog.
enum class NodeKind {
    Generator,
    Replay,
    ZmqSource, // producers
    PubSub,
    Queue,
    Broker, // channels
    Counter,
    Log,
    EventStore,
    Projection, // consumers
    ThresholdAlert,
    Filter,
    Map,
    Router, // processors (threshold-alert also serves as consumer)
};

/// What a node does in the flow; decides its colour, ports and wiring rules.
enum class NodeRole { Producer, Channel, Consumer, Processor };

/// Probabilities of faults injected on a producer or a channel, seeded for reproducible runs.
struct FaultInjection
{
    double duplicate = 0.0; ///< probability that an event is sent twice
    double reorder = 0.0;   ///< probability that an event is held back and sent after the next
    double late = 0.0;      ///< probability that an event's time is set back past the watermark
    double drop = 0.0;      ///< probability that an event is not sent at all (a gap downstream)
    std::int64_t lateByMillis = 5000; ///< how far back a late event's time is set
    std::uint64_t seed = 1;
    /// Keys of a "faults" object that the loader did not know; kept and written back.
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const FaultInjection &) const = default;
    bool any() const { return duplicate > 0 || reorder > 0 || late > 0 || drop > 0; }
};

/// What a consumer input does with late events (event time behind the watermark).
enum class LatePolicy { Accept, Drop, Divert };

/// Delivery semantics of one consumer or processor input (PRODUCT.md §2).
struct DeliverySettings
{
    std::int64_t dedupWindowCount = 100000;   ///< ids remembered at most (0 = dedup off)
    std::int64_t dedupWindowMillis = 60000;   ///< ids forgotten after this age (0 = no age bound)
    std::int64_t reorderWaitMillis = 0;       ///< hold out-of-order events this long (0 = off)
    std::int64_t outOfOrdernessMillis = 1000; ///< watermark = max event time - this bound
    LatePolicy latePolicy = LatePolicy::Accept;
    bool validateSchema = true; ///< check events against their declared event type
    /// Keys of a "delivery" object that the loader did not know; kept and written back.
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const DeliverySettings &) const = default;
};

/// One node on the canvas. Properties hold only what the file states; defaults come from the
/// catalog (NodeCatalog::property). Unknown keys met while loading are kept in `extra` and
/// written back, so a file from a newer tool never loses data silently.
struct Node
{
    NodeId id;
    NodeKind kind = NodeKind::Counter;
    std::string label;
    std::string host; ///< empty = the default host
    std::map<std::string, PropertyValue> properties;
    std::optional<FaultInjection> faults;     ///< producers and channels only
    std::optional<DeliverySettings> delivery; ///< consumers and processors only (else defaults)
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const Node &) const = default;
};

/// A wire from an output port to an input port. `types` are event-type prefixes the receiving
/// side subscribes to (empty = everything the channel carries); only channel -> consumer or
/// channel -> processor links carry them.
struct Link
{
    PortRef from;
    PortRef to;
    std::vector<std::string> types;
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const Link &) const = default;
    LinkId id() const { return {from, to}; }
};

/// Canvas position of a node. Kept apart from the semantic part of the flow (GNU Radio keeps
/// "states: coordinate" apart from "parameters") so that a move never touches the semantics.
struct Position
{
    double x = 0;
    double y = 0;
    bool operator==(const Position &) const = default;
};

/// A whole flow: what a flow file holds.
struct Flow
{
    std::string name;
    std::string description;
    std::map<std::string, std::string> hosts; ///< host name -> address (for multi-host runs)
    std::vector<EventType> eventTypes;
    std::vector<Node> nodes;
    std::vector<Link> links;
    std::map<NodeId, Position> layout;
    /// Unknown keys of layout entries, by node id (kept apart so that Position stays two
    /// doubles and a move keeps them); written back into the entry of a node still in `layout`.
    std::map<NodeId, nlohmann::json> layoutExtra;
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const Flow &) const = default;

    const Node *findNode(const NodeId &id) const;
    Node *findNode(const NodeId &id);
    /// Index of the node in `nodes`, or -1.
    int nodeIndex(const NodeId &id) const;
    const EventType *findEventType(const std::string &typeName) const;
    int linkIndex(const LinkId &id) const;
};

} // namespace evflow::model
