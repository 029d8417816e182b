#include "ui/canvas/WireDrag.h"

#include "model/FlowEdit.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/PortItem.h"

#include <QGraphicsPathItem>
#include <QPalette>
#include <QPen>

namespace evflow::ui::canvas {

WireDrag::WireDrag(FlowScene &scene, PortItem &source)
    : m_scene(scene)
    , m_source(source)
{
    const model::Flow &flow = scene.document()->flow();
    for (const auto &node : flow.nodes) {
        NodeItem *item = scene.nodeItem(node.id);
        if (!item)
            continue;
        for (PortItem *port : item->ports()) {
            if (port->isOutput() == source.isOutput())
                continue;
            const auto verdict = model::checkAddLink(flow, linkTo(*port));
            m_verdicts[port] = verdict ? QString() : QString::fromStdString(verdict.message);
            port->setDragState(verdict ? PortItem::DragState::ValidTarget
                                       : PortItem::DragState::InvalidTarget);
        }
    }
    source.setDragState(PortItem::DragState::Source);
    m_preview = scene.addPath(LinkItem::curve(source.anchor(), source.anchor()));
    m_preview->setPen(QPen(scene.palette().color(QPalette::Highlight), 2, Qt::DashLine));
    m_preview->setZValue(20);
}

WireDrag::~WireDrag()
{
    for (auto &[port, verdict] : m_verdicts)
        port->setDragState(PortItem::DragState::None);
    m_source.setDragState(PortItem::DragState::None);
    delete m_preview;
}

model::Link WireDrag::linkTo(const PortItem &target) const
{
    model::Link link;
    link.from = m_source.isOutput() ? m_source.ref() : target.ref();
    link.to = m_source.isOutput() ? target.ref() : m_source.ref();
    return link;
}

PortItem *WireDrag::targetAt(QPointF scenePos) const
{
    PortItem *firstValid = nullptr;
    PortItem *firstInvalid = nullptr;
    for (QGraphicsItem *item : m_scene.items(scenePos)) {
        if (item->type() == PortItem::Type) {
            auto *port = static_cast<PortItem *>(item);
            if (m_verdicts.count(port))
                return port;
        }
        if (item->type() != NodeItem::Type)
            continue;
        // Dropped on a node's body: its first port that accepts the wire, as GNU Radio
        // Companion does, or the first refusal so the user learns why.
        for (PortItem *port : static_cast<NodeItem *>(item)->ports()) {
            const auto it = m_verdicts.find(port);
            if (it == m_verdicts.end())
                continue;
            if (it->second.isEmpty() && !firstValid)
                firstValid = port;
            if (!it->second.isEmpty() && !firstInvalid)
                firstInvalid = port;
        }
        return firstValid ? firstValid : firstInvalid;
    }
    return nullptr;
}

QString WireDrag::moveTo(QPointF scenePos)
{
    PortItem *target = targetAt(scenePos);
    const QPointF end = target ? target->anchor() : scenePos;
    m_preview->setPath(m_source.isOutput() ? LinkItem::curve(m_source.anchor(), end)
                                           : LinkItem::curve(end, m_source.anchor()));
    return target ? m_verdicts.at(target) : QString();
}

WireDrag::Outcome WireDrag::finish(QPointF scenePos)
{
    PortItem *target = targetAt(scenePos);
    if (!target)
        return {};
    const QString &verdict = m_verdicts.at(target);
    if (!verdict.isEmpty())
        return {std::nullopt, verdict};
    return {linkTo(*target), {}};
}

} // namespace evflow::ui::canvas
