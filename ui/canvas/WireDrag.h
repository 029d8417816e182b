#pragma once

#include "model/Flow.h"

#include <QPointF>
#include <QString>

#include <map>
#include <optional>

QT_BEGIN_NAMESPACE
class QGraphicsPathItem;
class QGraphicsItem;
QT_END_NAMESPACE

namespace evflow::ui::canvas {

class FlowScene;
class PortItem;

/// One wire being dragged out of a port. On start it asks the model, for every port on the other
/// side, whether a wire there would be accepted (model::checkAddLink: the same rules and words
/// as validation) and marks each port valid or invalid, so only valid targets glow. Dropping on
/// a port (or on a node, which picks its first valid port) gives the link to add, or the model's
/// reason for refusing it.
class WireDrag
{
public:
    WireDrag(FlowScene &scene, PortItem &source);
    ~WireDrag();
    WireDrag(const WireDrag &) = delete;
    WireDrag &operator=(const WireDrag &) = delete;

    /// Follows the cursor; returns the refusal message when hovering an invalid target.
    QString moveTo(QPointF scenePos);

    struct Outcome
    {
        std::optional<model::Link> link; ///< the link to add, when the drop target is valid
        QString refusal;                 ///< why not, when dropped on an invalid target
    };
    /// Where the drag ended: nothing (dropped on empty canvas), a link, or a refusal.
    Outcome finish(QPointF scenePos);

private:
    PortItem *targetAt(QPointF scenePos) const;
    model::Link linkTo(const PortItem &target) const;

    FlowScene &m_scene;
    PortItem &m_source;
    QGraphicsPathItem *m_preview = nullptr;
    /// Every candidate port with the model's verdict ("" = accepted).
    std::map<PortItem *, QString> m_verdicts;
};

} // namespace evflow::ui::canvas
