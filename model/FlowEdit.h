#pragma once

#include "model/Flow.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evflow::model {

/// The outcome of an edit. A refused edit carries a short message (the same text validation
/// gives for the same fault) and has changed nothing.
struct EditResult
{
    bool ok = true;
    std::string message;

    explicit operator bool() const { return ok; }
    static EditResult refused(std::string why) { return {false, std::move(why)}; }
};

/// Everything removeNode() took out, so that restoreNode() can put it back exactly.
struct RemovedNode
{
    Node node;
    int index = -1;                          ///< its place in Flow::nodes
    std::vector<std::pair<int, Link>> links; ///< removed links with their indices, ascending
    std::optional<Position> position;        ///< its layout entry, if it had one
};

/// A link removeLink() took out, with its place in Flow::links.
struct RemovedLink
{
    int index = -1;
    Link link;
};

// Every edit below first checks and changes nothing when it refuses (GNU Radio's flowgraph.cc
// checks ports and types before connecting). None of them throws. Warnings never refuse an edit:
// the Problems panel shows them.

/// Id well formed and free; stated properties known and of valid values (type, range, choice,
/// endpoint syntax); faults/delivery allowed for the kind and in range; host declared.
/// Required properties may still be missing: a palette drop starts incomplete.
EditResult checkAddNode(const Flow &flow, const Node &node);
/// Appends the node (and its layout position, when given) after checkAddNode().
EditResult addNode(Flow &flow, Node node, std::optional<Position> position = {});
/// Removes the node, every link touching it and its layout entry; fills `removed` for undo.
EditResult removeNode(Flow &flow, const NodeId &id, RemovedNode *removed = nullptr);
/// Undoes removeNode(): re-inserts node, links and position at their old places. Refused when
/// the id is taken again, the recorded indices no longer fit, or a link's other node is gone.
EditResult restoreNode(Flow &flow, RemovedNode removed);

/// The wiring check validation applies to links (same messages): ends and ports exist with the
/// right direction, roles may be linked, no duplicate, socket-pattern limits, `types` allowed.
EditResult checkAddLink(const Flow &flow, const Link &link);
EditResult addLink(Flow &flow, Link link);
EditResult removeLink(Flow &flow, const LinkId &id, RemovedLink *removed = nullptr);
/// Undoes removeLink(); refused when the link would be invalid or the index does not fit.
EditResult restoreLink(Flow &flow, RemovedLink removed);
/// Replaces the event-type filter of a link (only links leaving a channel may have one).
EditResult setLinkTypes(Flow &flow, const LinkId &id, std::vector<std::string> types);

/// Sets a stated property after checking it against the kind's spec (type, range, choice,
/// endpoint syntax; whether named event types are declared is left to validation). A number for a
/// Double property is stored as double. Refused when the change would remove a linked port (router
/// routes).
EditResult setProperty(Flow &flow, const NodeId &id, const std::string &name, PropertyValue value);
/// Removes the stated value so the catalog default applies (same port check as setProperty).
EditResult resetProperty(Flow &flow, const NodeId &id, const std::string &name);
/// Renames a node and updates the links and the layout entry that name it.
EditResult renameNode(Flow &flow, const NodeId &from, const NodeId &to);
EditResult setLabel(Flow &flow, const NodeId &id, std::string label);
/// Places the node on a host ("" = default); the host must be declared when the flow has hosts.
EditResult setHost(Flow &flow, const NodeId &id, std::string host);
/// nullopt removes the settings. Only producers and channels; probabilities in [0, 1].
EditResult setFaults(Flow &flow, const NodeId &id, std::optional<FaultInjection> faults);
/// nullopt restores the defaults. Only consumers and processors; no negative amounts; refused
/// when leaving latePolicy divert while the "late" port is linked.
EditResult setDelivery(Flow &flow, const NodeId &id, std::optional<DeliverySettings> delivery);
/// Replaces all event types; refused when any has an error (name, duplicate, fields, version).
EditResult setEventTypes(Flow &flow, std::vector<EventType> eventTypes);
/// Changes only the layout section.
EditResult moveNode(Flow &flow, const NodeId &id, Position position);

/// A free, well-formed id derived from `base` for palette drops and paste: `base` itself when
/// free, else the base without trailing digits followed by 2, 3, ... ("gen", "gen2", "gen3").
/// Characters an id may not hold become '_'; an empty base becomes "node".
NodeId uniqueNodeId(const Flow &flow, std::string_view base);

} // namespace evflow::model
