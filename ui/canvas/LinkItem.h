#pragma once

#include "model/Flow.h"
#include "ui/canvas/LiveState.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

#include <optional>

namespace evflow::ui::canvas {

/// A wire: a cubic Bézier from an output port to an input port, neutral grey, labelled at its
/// middle with the event types it carries (model::typesCarried). Selectable (to delete it or
/// edit its type filter); hover thickens it and shows the types as a tooltip. The scene moves
/// its ends when nodes move. Without ends (setEnds not called) it draws nothing. While a run has
/// live values for it, its width follows the rate and its colour the channel's backlog level.
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

    /// The run's values for this wire (FlowScene::setLiveSnapshot): width and backlog tint, and a
    /// line in the tool tip. nullopt returns to the editing look. GUI thread.
    void setLiveState(std::optional<LinkLiveState> state);
    const std::optional<LinkLiveState> &liveState() const { return m_live; }
    /// The pen width drawn when neither hovered nor selected (the live width while running).
    double penWidth() const;

    /// The curve between two points as every wire draws it (also used for the wire being
    /// dragged).
    static QPainterPath curve(QPointF from, QPointF to);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QRectF labelRect() const;
    void updateBounds();
    void updateToolTip();

    model::LinkId m_id;
    QPainterPath m_path;
    QRectF m_bounds;    ///< boundingRect(), kept up to date by updateBounds()
    QRectF m_labelRect; ///< where the types are written (empty without types)
    QString m_typesText;
    QString m_typesToolTip; ///< the tool tip without live values
    std::optional<LinkLiveState> m_live;
    bool m_filtered = false;
    bool m_hovered = false;
};

} // namespace evflow::ui::canvas
