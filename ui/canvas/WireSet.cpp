#include "ui/canvas/WireSet.h"

#include "model/CarriedTypes.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/PortItem.h"

#include <QStringList>

#include <algorithm>

namespace evflow::ui::canvas {

WireSet::WireSet(FlowScene &scene)
    : m_scene(scene)
{
}

LinkItem *WireSet::item(const model::LinkId &id) const
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : it->second;
}

void WireSet::forget()
{
    m_items.clear();
    m_byNode.clear();
}

void WireSet::add(const model::LinkId &id)
{
    if (m_items.count(id))
        return;
    auto *item = new LinkItem(id);
    m_items[id] = item;
    m_byNode[id.from.node].push_back(item);
    m_byNode[id.to.node].push_back(item);
    m_scene.addItem(item);
    refreshEnds(item);
}

void WireSet::remove(const model::LinkId &id)
{
    const auto it = m_items.find(id);
    if (it == m_items.end())
        return;
    for (const model::NodeId &node : {id.from.node, id.to.node}) {
        auto &wires = m_byNode[node];
        wires.erase(std::remove(wires.begin(), wires.end(), it->second), wires.end());
    }
    delete it->second;
    m_items.erase(it);
}

void WireSet::renameNode(const model::NodeId &from, const model::NodeId &to)
{
    // Wires keep their items; their ids follow the rename.
    std::map<model::LinkId, LinkItem *> renamed;
    for (auto &[id, item] : m_items) {
        model::LinkId next = id;
        if (next.from.node == from)
            next.from.node = to;
        if (next.to.node == from)
            next.to.node = to;
        item->setId(next);
        renamed[next] = item;
    }
    m_items = std::move(renamed);
    index();
}

void WireSet::index()
{
    m_byNode.clear();
    for (const auto &[id, item] : m_items) {
        m_byNode[id.from.node].push_back(item);
        m_byNode[id.to.node].push_back(item);
    }
}

void WireSet::refreshEnds(const model::NodeId &node)
{
    const auto it = m_byNode.find(node);
    if (it != m_byNode.end())
        for (LinkItem *item : it->second)
            refreshEnds(item);
}

void WireSet::refreshEnds(LinkItem *item) const
{
    const PortItem *from = m_scene.portItem(item->id().from);
    const PortItem *to = m_scene.portItem(item->id().to);
    if (from && to)
        item->setEnds(from->anchor(), to->anchor());
}

void WireSet::refreshAll(const model::Flow &flow)
{
    std::map<model::LinkId, const model::Link *> links; // not Flow::linkIndex: a scan per wire
    for (const model::Link &link : flow.links)
        links.emplace(link.id(), &link);
    for (const auto &[id, item] : m_items) {
        const auto it = links.find(id);
        refresh(item, flow, it == links.end() ? nullptr : it->second);
    }
}

void WireSet::refresh(LinkItem *item, const model::Flow &flow, const model::Link *link) const
{
    const PortItem *from = m_scene.portItem(item->id().from);
    const PortItem *to = m_scene.portItem(item->id().to);
    if (!link || !from || !to) {
        item->setVisible(false);
        return;
    }
    item->setVisible(true);
    item->setEnds(from->anchor(), to->anchor());
    QStringList types;
    for (const auto &type : model::typesCarried(flow, *link))
        types << QString::fromStdString(type);
    if (types.isEmpty())
        for (const auto &prefix : link->types)
            types << QString::fromStdString(prefix) + QStringLiteral("*");
    item->setTypes(types, !link->types.empty());
}

} // namespace evflow::ui::canvas
