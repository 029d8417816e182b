#include "ui/canvas/DotGrid.h"

#include <QPainter>
#include <QVector>

#include <cmath>

namespace evflow::ui::canvas {

void paintDotGrid(QPainter *painter, const QRectF &rect, double step, const QColor &colour)
{
    const QTransform toDevice = painter->worldTransform();
    const double scale = toDevice.m11();
    if (scale <= 0)
        return;
    while (step * scale < 12)
        step *= 2;
    // Small squares in device pixels, without antialiasing: a round pen of 1.6 pixels is
    // stroked dot by dot, which cost more than the nodes themselves in a 1000-node flow's frame.
    constexpr double kDot = 1.6;
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    QVector<QRectF> dots;
    for (double x = left; x <= rect.right(); x += step)
        for (double y = top; y <= rect.bottom(); y += step) {
            const QPointF at = toDevice.map(QPointF(x, y));
            dots.append({at.x() - kDot / 2, at.y() - kDot / 2, kDot, kDot});
        }
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRects(dots.data(), int(dots.size()));
    painter->restore();
}

} // namespace evflow::ui::canvas
