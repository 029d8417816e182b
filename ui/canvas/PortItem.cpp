#include "ui/canvas/PortItem.h"

#include "ui/canvas/CanvasStyle.h"

#include <QCoreApplication>
#include <QCursor>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace evflow::ui::canvas {

PortItem::PortItem(model::PortRef ref, model::PortSpec spec, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_ref(std::move(ref))
    , m_spec(std::move(spec))
{
    setAcceptHoverEvents(true);
    setCursor(Qt::CrossCursor);
    setZValue(1);
    QString tip = QString::fromStdString(m_ref.toString());
    if (!m_spec.help.empty())
        tip += QStringLiteral(" — ") + QString::fromStdString(m_spec.help);
    setToolTip(tip + QCoreApplication::translate("PortItem", "\nDrag to wire"));
}

void PortItem::setConnected(bool connected)
{
    if (m_connected != connected) {
        m_connected = connected;
        update();
    }
}

void PortItem::setDragState(DragState state)
{
    if (m_dragState != state) {
        m_dragState = state;
        update();
    }
}

QRectF PortItem::boundingRect() const
{
    // Room for the glow ring around a valid target.
    const double r = CanvasStyle::kPortRadius + 5;
    return {-r, -r, 2 * r, 2 * r};
}

QPainterPath PortItem::shape() const
{
    // A generous hit area: ports are small and wiring should not need precision.
    QPainterPath path;
    const double r = CanvasStyle::kPortRadius + 4;
    path.addEllipse(QPointF(), r, r);
    return path;
}

void PortItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    // Far zoomed out a port is a pixel or less, and there are three per node.
    if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform())
        < CanvasStyle::kDetailZoom / 2)
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QColor ring = palette.color(QPalette::Text);
    double r = CanvasStyle::kPortRadius;
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_dragState == DragState::ValidTarget) {
        QColor glow = palette.color(QPalette::Highlight);
        glow.setAlpha(110);
        painter->setPen(Qt::NoPen);
        painter->setBrush(glow);
        painter->drawEllipse(QPointF(), r + 5, r + 5);
    }
    if (m_hovered || m_dragState == DragState::Source)
        r += 1.5;
    painter->setOpacity(m_dragState == DragState::InvalidTarget ? 0.25 : 1.0);
    painter->setPen(QPen(ring, 1.4));
    const bool filled = m_connected || m_dragState == DragState::Source;
    painter->setBrush(filled ? ring : palette.color(QPalette::Base));
    painter->drawEllipse(QPointF(), r, r);
}

void PortItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void PortItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace evflow::ui::canvas
