#pragma once

#include <QColor>
#include <QRectF>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace evflow::ui::canvas {

/// Paints the canvas's dot grid over `rect` (scene coordinates, as QGraphicsScene's
/// drawBackground gets it): one dot of `colour` every `step` scene units, thinned out (the step
/// doubled) while dots would be closer than 12 pixels, so a zoomed-out grid stays a texture
/// rather than a fog. Dots are 1.6 pixels whatever the zoom.
void paintDotGrid(QPainter *painter, const QRectF &rect, double step, const QColor &colour);

} // namespace evflow::ui::canvas
