#pragma once

#include "model/Flow.h"

#include <map>
#include <vector>

namespace evflow::ui::canvas {

class FlowScene;
class LinkItem;

/// The wires of a FlowScene: one LinkItem per link id, also found by either end's node, so a
/// moved node refreshes only its own wires (a scan of every wire per move made an auto-layout of
/// 1000 nodes quadratic). The items belong to the scene; this set creates and deletes them.
class WireSet
{
public:
    explicit WireSet(FlowScene &scene);

    LinkItem *item(const model::LinkId &id) const;
    const std::map<model::LinkId, LinkItem *> &items() const { return m_items; }

    /// Forgets every item (the scene was cleared, which deleted them).
    void forget();
    /// A new wire between the ports' current places; its label and visibility wait for
    /// refreshAll(). Nothing when the id already has one.
    void add(const model::LinkId &id);
    void remove(const model::LinkId &id);
    /// The wires that named `from` now name `to`.
    void renameNode(const model::NodeId &from, const model::NodeId &to);

    /// Moves the ends of `node`'s wires to its ports.
    void refreshEnds(const model::NodeId &node);
    /// Every wire from the flow: ends, the event types it carries, hidden when the flow has no
    /// such link or a port is missing.
    void refreshAll(const model::Flow &flow);

private:
    void refreshEnds(LinkItem *item) const;
    void refresh(LinkItem *item, const model::Flow &flow, const model::Link *link) const;
    void index();

    FlowScene &m_scene;
    std::map<model::LinkId, LinkItem *> m_items;
    std::map<model::NodeId, std::vector<LinkItem *>> m_byNode;
};

} // namespace evflow::ui::canvas
