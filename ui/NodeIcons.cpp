#include "ui/NodeIcons.h"

#include "model/NodeCatalog.h"
#include "ui/Theme.h"

#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>

#include <array>
#include <cmath>
#include <functional>
#include <utility>

namespace evflow::ui {

namespace {

// Every icon is drawn on a 24 × 24 design grid; the engine scales the grid to the target rect.
constexpr qreal kGrid = 24.0;

/// An icon engine that paints with a function, so icons stay sharp at every size and device
/// pixel ratio instead of being scaled from a bitmap. Pixmaps go through QPixmapCache (owned by
/// Qt and released with the application, unlike pixmaps held in static icons).
class PaintedIconEngine : public QIconEngine
{
public:
    using DrawFunction = std::function<void(QPainter &)>;

    PaintedIconEngine(QString cacheKey, DrawFunction draw)
        : m_cacheKey(std::move(cacheKey))
        , m_draw(std::move(draw))
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        // Keep the design square and centred in whatever rect we are given.
        const qreal side = std::min(rect.width(), rect.height());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.x() + (rect.width() - side) / 2.0,
                           rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / kGrid, side / kGrid);
        if (mode == QIcon::Disabled)
            painter->setOpacity(0.38);
        m_draw(*painter);
        painter->restore();
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    /// `size` is in device pixels (QIcon::pixmap(size, dpr) asks for size × dpr); the result
    /// carries `scale` as its device pixel ratio so it lays out at size / scale.
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        const QString key = QStringLiteral("evflow-icon/%1/%2x%3/%4")
                                .arg(m_cacheKey)
                                .arg(size.width())
                                .arg(size.height())
                                .arg(int(mode));
        QPixmap pixmap;
        if (!QPixmapCache::find(key, &pixmap)) {
            pixmap = QPixmap(size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), size), mode, state);
            painter.end();
            QPixmapCache::insert(key, pixmap);
        }
        pixmap.setDevicePixelRatio(scale > 0 ? scale : 1.0);
        return pixmap;
    }

    QString key() const override { return QStringLiteral("evflow-painted"); }
    QIconEngine *clone() const override { return new PaintedIconEngine(*this); }

private:
    QString m_cacheKey;
    DrawFunction m_draw;
};

QIcon paintedIcon(const QString &cacheKey, PaintedIconEngine::DrawFunction draw)
{
    return QIcon(new PaintedIconEngine(cacheKey, std::move(draw)));
}

// ---- drawing helpers (all in grid units) -------------------------------------------------------

void useStroke(QPainter &p, qreal width = 2.0, QColor color = Qt::white)
{
    p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
}

void useFill(QPainter &p, QColor color = Qt::white)
{
    p.setPen(Qt::NoPen);
    p.setBrush(color);
}

void dot(QPainter &p, QPointF centre, qreal radius)
{
    useFill(p);
    p.drawEllipse(centre, radius, radius);
}

/// A filled triangular head at `tip`, pointing away from `from`.
void arrowHead(QPainter &p, QPointF from, QPointF tip, qreal length = 4.0)
{
    const QPointF d = tip - from;
    const qreal norm = std::hypot(d.x(), d.y());
    const QPointF u = d / norm;
    const QPointF n(-u.y(), u.x());
    const QPointF base = tip - u * length;
    useFill(p);
    p.drawPolygon(QPolygonF({tip, base + n * (length * 0.6), base - n * (length * 0.6)}));
}

// ---- glyphs, one per node kind ---------------------------------------------------------------

void drawWave(QPainter &p) // generator: a signal being produced
{
    QPainterPath wave(QPointF(4.5, 12));
    wave.cubicTo(6.5, 4.5, 10, 4.5, 12, 12);
    wave.cubicTo(14, 19.5, 17.5, 19.5, 19.5, 12);
    useStroke(p, 2.2);
    p.drawPath(wave);
}

void drawRewind(QPainter &p) // replay
{
    useFill(p);
    p.drawPolygon(QPolygonF({QPointF(12, 6.5), QPointF(12, 17.5), QPointF(4.5, 12)}));
    p.drawPolygon(QPolygonF({QPointF(19.5, 6.5), QPointF(19.5, 17.5), QPointF(12, 12)}));
}

void drawPlug(QPainter &p) // zmq-source: plugged into a foreign endpoint
{
    useStroke(p, 2.0);
    p.drawLine(QPointF(9.5, 4.5), QPointF(9.5, 8.5));
    p.drawLine(QPointF(14.5, 4.5), QPointF(14.5, 8.5));
    p.drawLine(QPointF(12, 15), QPointF(12, 19.5));
    useFill(p);
    p.drawRoundedRect(QRectF(6.5, 8.5, 11, 7), 2, 2);
}

void drawFanOut(QPainter &p) // pubsub: one to many
{
    useStroke(p, 1.8);
    for (qreal y : {6.5, 12.0, 17.5})
        p.drawLine(QPointF(6.5, 12), QPointF(17.5, y));
    dot(p, QPointF(6.5, 12), 2.6);
    for (qreal y : {6.5, 12.0, 17.5})
        dot(p, QPointF(17.5, y), 2.0);
}

void drawQueue(QPainter &p) // queue: items waiting in line
{
    useFill(p);
    for (qreal x : {5.0, 10.5, 16.0})
        p.drawRoundedRect(QRectF(x, 7, 3.2, 10), 0.8, 0.8);
}

void drawHub(QPainter &p) // broker: many to many through a hub
{
    const QPointF centre(12, 12);
    const QPointF corners[] = {{6, 6}, {18, 6}, {6, 18}, {18, 18}};
    useStroke(p, 1.8);
    for (const QPointF &c : corners)
        p.drawLine(centre, c);
    for (const QPointF &c : corners)
        dot(p, c, 2.0);
    dot(p, centre, 3.2);
}

void drawHash(QPainter &p) // counter
{
    useStroke(p, 2.0);
    p.drawLine(QPointF(10.5, 5.5), QPointF(9, 18.5));
    p.drawLine(QPointF(15.5, 5.5), QPointF(14, 18.5));
    p.drawLine(QPointF(5.5, 9.5), QPointF(18.5, 9.5));
    p.drawLine(QPointF(5.5, 14.5), QPointF(18.5, 14.5));
}

void drawLines(QPainter &p) // log: lines of text
{
    useStroke(p, 2.2);
    p.drawLine(QPointF(5.5, 7), QPointF(18.5, 7));
    p.drawLine(QPointF(5.5, 12), QPointF(15, 12));
    p.drawLine(QPointF(5.5, 17), QPointF(18.5, 17));
}

void drawCylinder(QPainter &p) // event-store: a database
{
    useStroke(p, 1.8);
    p.drawEllipse(QRectF(5.5, 4.5, 13, 4.5));
    p.drawLine(QPointF(5.5, 6.75), QPointF(5.5, 17.25));
    p.drawLine(QPointF(18.5, 6.75), QPointF(18.5, 17.25));
    // Lower halves only: the arcs of the middle band and of the bottom.
    p.drawArc(QRectF(5.5, 9.75, 13, 4.5), 180 * 16, 180 * 16);
    p.drawArc(QRectF(5.5, 15, 13, 4.5), 180 * 16, 180 * 16);
}

void drawTable(QPainter &p) // projection: a read-model table
{
    const QRectF table(5, 6, 14, 12);
    useFill(p);
    p.drawRect(QRectF(table.left(), table.top(), table.width(), 3.5));
    useStroke(p, 1.6);
    p.drawRect(table);
    p.drawLine(QPointF(12, 9.5), QPointF(12, 18));
    p.drawLine(QPointF(5, 13.75), QPointF(19, 13.75));
}

void drawBell(QPainter &p) // threshold-alert
{
    QPainterPath bell(QPointF(5.5, 16.5));
    bell.lineTo(18.5, 16.5);
    bell.lineTo(16.5, 14);
    bell.lineTo(16.5, 10.5);
    bell.cubicTo(16.5, 7.5, 14.5, 5.5, 12, 5.5);
    bell.cubicTo(9.5, 5.5, 7.5, 7.5, 7.5, 10.5);
    bell.lineTo(7.5, 14);
    bell.closeSubpath();
    useFill(p);
    p.drawPath(bell);
    dot(p, QPointF(12, 18.8), 1.8);
    dot(p, QPointF(12, 4.8), 1.2);
}

void drawFunnel(QPainter &p) // filter
{
    useFill(p);
    p.drawPolygon(QPolygonF({QPointF(4.5, 6), QPointF(19.5, 6), QPointF(13.5, 12.5),
                             QPointF(13.5, 18.5), QPointF(10.5, 16.5), QPointF(10.5, 12.5)}));
}

void drawTransform(QPainter &p) // map: one shape becomes another
{
    useStroke(p, 1.8);
    p.drawEllipse(QPointF(6.5, 12), 2.2, 2.2);
    p.drawLine(QPointF(10, 12), QPointF(12.5, 12));
    arrowHead(p, QPointF(10, 12), QPointF(15, 12), 3.2);
    useFill(p);
    p.drawRect(QRectF(16.5, 9.5, 3.5, 5));
}

void drawSplit(QPainter &p) // router: one input, several routed outputs
{
    useStroke(p, 2.0);
    p.drawLine(QPointF(4.5, 12), QPointF(10, 12));
    p.drawLine(QPointF(10, 12), QPointF(15.5, 7.5));
    p.drawLine(QPointF(10, 12), QPointF(15.5, 16.5));
    arrowHead(p, QPointF(10, 12), QPointF(19.5, 5), 4.5);
    arrowHead(p, QPointF(10, 12), QPointF(19.5, 19), 4.5);
}

using Glyph = void (*)(QPainter &);

Glyph glyphFor(model::NodeKind kind)
{
    using K = model::NodeKind;
    switch (kind) {
    case K::Generator: return drawWave;
    case K::Replay: return drawRewind;
    case K::ZmqSource: return drawPlug;
    case K::PubSub: return drawFanOut;
    case K::Queue: return drawQueue;
    case K::Broker: return drawHub;
    case K::Counter: return drawHash;
    case K::Log: return drawLines;
    case K::EventStore: return drawCylinder;
    case K::Projection: return drawTable;
    case K::ThresholdAlert: return drawBell;
    case K::Filter: return drawFunnel;
    case K::Map: return drawTransform;
    case K::Router: return drawSplit;
    }
    return drawHash;
}

// ---- severity glyphs ---------------------------------------------------------------------------

void drawError(QPainter &p)
{
    useFill(p, theme::errorColor());
    p.drawEllipse(QRectF(1, 1, 22, 22));
    useStroke(p, 2.6);
    p.drawLine(QPointF(8, 8), QPointF(16, 16));
    p.drawLine(QPointF(16, 8), QPointF(8, 16));
}

void drawWarning(QPainter &p)
{
    const QPolygonF triangle({QPointF(12, 2.5), QPointF(22, 20.5), QPointF(2, 20.5)});
    // A stroke in the fill colour rounds the corners of the triangle.
    p.setPen(QPen(theme::warningColor(), 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(theme::warningColor());
    p.drawPolygon(triangle);
    // Dark on amber: white would not read on this light yellow.
    const QColor mark(0x21, 0x21, 0x21);
    useStroke(p, 2.6, mark);
    p.drawLine(QPointF(12, 8.5), QPointF(12, 13.5));
    useFill(p, mark);
    p.drawEllipse(QPointF(12, 17.2), 1.5, 1.5);
}

} // namespace

QIcon nodeKindIcon(model::NodeKind kind)
{
    static std::array<QIcon, 14> cache;
    const auto index = static_cast<std::size_t>(kind);
    if (index >= cache.size())
        return {};
    if (cache[index].isNull()) {
        const QColor background = theme::roleColor(model::catalog::role(kind));
        const Glyph glyph = glyphFor(kind);
        cache[index] = paintedIcon(QString::fromLatin1(model::catalog::kindName(kind)),
                                   [background, glyph](QPainter &p) {
                                       useFill(p, background);
                                       p.drawRoundedRect(QRectF(0, 0, kGrid, kGrid), 5.5, 5.5);
                                       glyph(p);
                                   });
    }
    return cache[index];
}

QIcon roleIcon(model::NodeRole role)
{
    static std::array<QIcon, 4> cache;
    const auto index = static_cast<std::size_t>(role);
    if (index >= cache.size())
        return {};
    if (cache[index].isNull()) {
        const QColor colour = theme::roleColor(role);
        cache[index] = paintedIcon(QStringLiteral("role-%1").arg(index), [colour](QPainter &p) {
            useFill(p, colour);
            p.drawRoundedRect(QRectF(4, 4, 16, 16), 4.5, 4.5);
        });
    }
    return cache[index];
}

QIcon problemSeverityIcon(model::Severity severity)
{
    static QIcon error = paintedIcon(QStringLiteral("severity-error"), drawError);
    static QIcon warning = paintedIcon(QStringLiteral("severity-warning"), drawWarning);
    return severity == model::Severity::Error ? error : warning;
}

} // namespace evflow::ui
