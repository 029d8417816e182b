#pragma once

#include "model/Event.h"
#include "model/Ids.h"
#include "model/StreamEnd.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evflow::model {

/// The CloudEvents source of events a node emits: "evflow:/<flow name>/<node>", with the flow
/// name's spaces replaced by '-', plus "/<port>" for any port other than "out" (a router's
/// routes and "default", a "late" side output).
std::string nodeSource(std::string_view flowName, const NodeId &node,
                       std::string_view port = "out");

/// Stamps the events a processor (filter, map, router, threshold-alert) emits, so that every
/// output is a new event of its own stream and downstream accounting stays exact whatever the
/// processor lets through:
/// - source = nodeSource(flow, node, port) (one stream family per port);
/// - epoch = this run's epoch; sequence = a counter per (port, event type) from 0;
/// - causationid = the id of the input event; correlationid = the input's correlationid, or its
///   id when it has none (the input then starts the correlation);
/// - id kept (stamp(): filter, map and router forward the same event) or new
///   (stampNew(): "<node>-<epoch hex>-<n>", for derived events such as alerts).
/// Every other attribute and the data are left as the caller set them (time included: event
/// time stays the time of the fact, so lateness propagates downstream).
///
/// Allocation: a port or event type seen for the first time allocates its state once; after
/// that stamping only assigns into `out`'s strings. Not thread-safe: one worker thread.
class Emitter
{
public:
    Emitter(std::string_view flowName, const NodeId &node, std::uint32_t epoch);

    /// Stamps `out` (usually a copy of `cause`, or `cause` itself) as the next event sent on
    /// `port`; keeps out.id.
    void stamp(Event &out, std::string_view port, const Event &cause);
    /// Same, and gives `out` a new id.
    void stampNew(Event &out, std::string_view port, const Event &cause);

    std::uint32_t epoch() const { return m_epoch; }
    /// Events stamped on `port` with `type` so far (= the next sequence number).
    std::uint64_t sent(std::string_view port, std::string_view type) const;
    /// Every (port, type) stream stamped so far and how far it is numbered.
    StreamEnds streamEnds() const;

private:
    struct PortState
    {
        std::string port;
        std::string source;
        std::vector<std::pair<std::string, std::uint64_t>> sequences; ///< per event type
    };

    PortState &portState(std::string_view port);
    static std::uint64_t nextSequence(PortState &state, std::string_view type);

    std::string m_flowName;
    NodeId m_node;
    std::uint32_t m_epoch;
    std::string m_idPrefix;
    std::uint64_t m_newIds = 0;
    std::vector<PortState> m_ports;
};

namespace detail {
/// "<node>-<epoch hex>-": the prefix of the ids a node generates.
std::string idPrefix(const NodeId &node, std::uint32_t epoch);
/// Appends the decimal digits of `n` to `out` without a temporary string.
void appendDecimal(std::string &out, std::uint64_t n);
} // namespace detail

} // namespace evflow::model
