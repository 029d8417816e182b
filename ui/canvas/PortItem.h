#pragma once

#include "model/Ids.h"
#include "model/NodeCatalog.h"

#include <QGraphicsItem>

namespace evflow::ui::canvas {

/// One port of a node: a small circle on the node's left (input) or right (output) edge, filled
/// when a wire is attached. While a wire is being dragged, the scene marks every port as a valid
/// or invalid target: valid ones glow, invalid ones dim. A child of its NodeItem.
class PortItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    enum class DragState { None, Source, ValidTarget, InvalidTarget };

    PortItem(model::PortRef ref, model::PortSpec spec, QGraphicsItem *parent);

    int type() const override { return Type; }
    const model::PortRef &ref() const { return m_ref; }
    /// The node was renamed: the port keeps its name under the new node id.
    void setNode(const model::NodeId &node) { m_ref.node = node; }
    const model::PortSpec &spec() const { return m_spec; }
    bool isOutput() const { return m_spec.direction == model::PortDirection::Out; }

    void setConnected(bool connected);
    void setDragState(DragState state);
    DragState dragState() const { return m_dragState; }
    /// Where a wire attaches, in scene coordinates.
    QPointF anchor() const { return scenePos(); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    model::PortRef m_ref;
    model::PortSpec m_spec;
    bool m_connected = false;
    bool m_hovered = false;
    DragState m_dragState = DragState::None;
};

} // namespace evflow::ui::canvas
