#pragma once

#include "model/Flow.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

namespace evflow::ui::canvas {

/// A wire: a cubic Bézier from an output port to an input port, neutral grey, labelled at its
/// middle with the event types it carries (model::typesCarried). Selectable (to delete it or
/// edit its type filter); hover thickens it and shows the types as a tooltip. The scene moves
/// its ends when nodes move. Without ends (setEnds not called) it draws nothing.
class LinkItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    explicit LinkItem(model::LinkId id);

    int type() const override { return Type; }
    const model::LinkId &id() const { return m_id; }
    void setId(model::LinkId id) { m_id = std::move(id); }

    /// Where the wire starts (an output port) and ends (an input port), in scene coordinates.
    void setEnds(QPointF from, QPointF to);
    /// The event types shown on the wire; `filtered` when the link narrows them with prefixes.
    void setTypes(const QStringList &types, bool filtered);
    QString typesText() const { return m_typesText; }

    /// The curve between two points as every wire draws it (also used for the wire being
    /// dragged).
    static QPainterPath curve(QPointF from, QPointF to);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QRectF labelRect() const;

    model::LinkId m_id;
    QPainterPath m_path;
    QString m_typesText;
    bool m_filtered = false;
    bool m_hovered = false;
};

} // namespace evflow::ui::canvas
