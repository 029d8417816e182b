#include "ui/canvas/LinkItem.h"

#include "ui/canvas/CanvasStyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace evflow::ui::canvas {
namespace {

constexpr double kLabelMaxWidth = 150;
constexpr double kEditWidth = 2;

QFont labelFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.8));
    return font;
}

} // namespace

LinkItem::LinkItem(model::LinkId id)
    : m_id(std::move(id))
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(0);
}

QPainterPath LinkItem::curve(QPointF from, QPointF to)
{
    // Horizontal tangents at both ends, as ports sit on the left and right edges; a wire that
    // goes backwards bends further out so it does not cut through its own nodes.
    const double dx = to.x() - from.x();
    const double bend = std::max(50.0, std::abs(dx) / 2 + (dx < 0 ? 60 : 0));
    QPainterPath path(from);
    path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    return path;
}

void LinkItem::setEnds(QPointF from, QPointF to)
{
    prepareGeometryChange();
    m_path = curve(from, to);
    updateBounds();
}

void LinkItem::setTypes(const QStringList &types, bool filtered)
{
    prepareGeometryChange();
    m_typesText = types.join(QStringLiteral(", "));
    m_filtered = filtered;
    updateBounds();
    QString tip = QString::fromStdString(m_id.toString());
    tip += QLatin1Char('\n')
           + (types.isEmpty()
                  ? QCoreApplication::translate("LinkItem", "Carries: any event type")
                  : QCoreApplication::translate("LinkItem", "Carries: %1").arg(m_typesText));
    if (filtered)
        tip += QCoreApplication::translate("LinkItem", " (filtered by this wire)");
    m_typesToolTip = tip;
    updateToolTip();
    update();
}

void LinkItem::setLiveState(std::optional<LinkLiveState> state)
{
    prepareGeometryChange(); // the width changes the bounding rectangle
    m_live = std::move(state);
    updateBounds();
    updateToolTip();
    update();
}

double LinkItem::penWidth() const
{
    return m_live ? m_live->width : kEditWidth;
}

void LinkItem::updateToolTip()
{
    setToolTip(m_live ? m_typesToolTip + QLatin1Char('\n') + m_live->toolTip : m_typesToolTip);
}

QRectF LinkItem::labelRect() const
{
    if (m_typesText.isEmpty() || m_path.isEmpty())
        return {};
    const QFontMetricsF metrics(labelFont(scene() ? scene()->font() : QFont()));
    const double width = std::min(kLabelMaxWidth, metrics.horizontalAdvance(m_typesText)) + 10;
    const double height = metrics.height() + 2;
    const QPointF middle = m_path.pointAtPercent(0.5);
    return {middle.x() - width / 2, middle.y() - height - 3, width, height};
}

void LinkItem::updateBounds()
{
    // Qt asks for the bounding rectangle many times per frame and per index update; the label's
    // place is a point along the curve (its length measured), so it is computed once per change.
    const double margin = std::max(6.0, penWidth() / 2 + 3);
    m_labelRect = labelRect();
    m_bounds = m_path.boundingRect().adjusted(-margin, -margin, margin, margin).united(m_labelRect);
}

QVariant LinkItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSceneHasChanged && scene()) {
        prepareGeometryChange(); // the label's size follows the scene's font
        updateBounds();
    }
    return QGraphicsItem::itemChange(change, value);
}

QRectF LinkItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath LinkItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(12);
    return stroker.createStroke(m_path);
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_path.isEmpty())
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    QColor colour = palette.color(QPalette::Text);
    colour.setAlphaF(0.45);
    if (m_live) {
        colour = live::backlogColor(m_live->level);
        colour.setAlphaF(0.8);
    }
    double width = penWidth();
    if (isSelected()) {
        colour = palette.color(QPalette::Highlight);
        width += 1;
    } else if (m_hovered) {
        colour.setAlphaF(m_live ? 1.0 : 0.8);
        width += 1;
    }
    const double lod
        = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    const bool overview = lod < CanvasStyle::kDetailZoom;
    QPen pen(colour, width, m_filtered ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
    if (overview) {
        // A hairline as wide as the wire would be on screen: Qt's cosmetic stroker is far
        // cheaper than stroking a long antialiased curve, and the label is unreadable anyway.
        pen.setCosmetic(true);
        pen.setWidthF(std::max(1.0, width * lod));
    }
    painter->setRenderHint(QPainter::Antialiasing, !overview);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(pen);
    painter->drawPath(m_path);
    if (overview)
        return;

    const QRectF &label = m_labelRect;
    if (label.isEmpty())
        return;
    QColor back = palette.color(QPalette::Window);
    back.setAlphaF(0.85);
    painter->setPen(Qt::NoPen);
    painter->setBrush(back);
    painter->drawRoundedRect(label, label.height() / 2, label.height() / 2);
    QColor text = palette.color(QPalette::Text);
    text.setAlphaF(0.75);
    painter->setPen(text);
    const QFont font = labelFont(painter->font());
    painter->setFont(font);
    painter->drawText(
        label, Qt::AlignCenter,
        QFontMetricsF(font).elidedText(m_typesText, Qt::ElideRight, label.width() - 8));
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace evflow::ui::canvas
