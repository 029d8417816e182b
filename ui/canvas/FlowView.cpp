#include "ui/canvas/FlowView.h"

#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"
#include "ui/Theme.h"
#include "ui/canvas/CanvasStyle.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/NodeItem.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace evflow::ui::canvas {
namespace {

/// The scene rectangle every flow gets at least, and the room kept around the nodes of a
/// larger one.
constexpr QRectF kMinimumSceneRect(-20000, -20000, 40000, 40000);
constexpr double kSceneMargin = 4000;

} // namespace

FlowView::FlowView(FlowScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    // A large scene rectangle that only grows: the scroll bars do not jump while nodes are
    // dragged and there is always room to place a node beyond the current ones.
    setSceneRect(kMinimumSceneRect);
    setFocusPolicy(Qt::StrongFocus);
    m_lockBanner = tr("Running — editing is locked");
    m_lockColour = theme::roleColor(model::NodeRole::Producer);
    if (FlowDocument *document = scene->document()) {
        const auto repaint = [this] { viewport()->update(); };
        connect(document, &FlowDocument::readOnlyChanged, this, repaint);
        connect(scene, &FlowScene::hostsChanged, this, repaint);
        // The empty-canvas hint is foreground: a partial repaint around a new node would leave
        // the rest of it standing, so the first node added (and the last removed) repaints all.
        connect(document, &FlowDocument::nodeAdded, this, repaint);
        connect(document, &FlowDocument::nodeRemoved, this, repaint);
        connect(document, &FlowDocument::flowReset, this, repaint);
        // A laid-out flow of 1000 nodes is taller than the minimum rectangle: grow it so every
        // node can be scrolled to. The scene placed the items first (it connected first).
        connect(document, &FlowDocument::flowReset, this, [this] {
            setSceneRect(kMinimumSceneRect);
            includeInSceneRect(m_scene->nodesBoundingRect());
        });
        const auto includeNode = [this](const model::NodeId &id) {
            if (const NodeItem *item = m_scene->nodeItem(id))
                includeInSceneRect(item->sceneBoundingRect());
        };
        connect(document, &FlowDocument::nodeAdded, this, includeNode);
        connect(document, &FlowDocument::nodeMoved, this, includeNode);
    }
}

void FlowView::includeInSceneRect(const QRectF &rect)
{
    if (rect.isEmpty() || sceneRect().contains(rect))
        return;
    setSceneRect(sceneRect().united(
        rect.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin)));
}

void FlowView::setLockBanner(const QString &text, const QColor &colour)
{
    m_lockBanner = text;
    if (colour.isValid())
        m_lockColour = colour;
    viewport()->update();
}

double FlowView::zoom() const
{
    return transform().m11();
}

void FlowView::setZoom(double factor)
{
    factor = std::clamp(factor, CanvasStyle::kMinZoom, CanvasStyle::kMaxZoom);
    if (std::abs(factor - zoom()) < 1e-9)
        return;
    QTransform t;
    t.scale(factor, factor);
    setTransform(t);
    m_fitted = m_fitting; // a zoom of the user's own ends the fit
    emit zoomChanged(factor);
}

void FlowView::scaleBy(double factor)
{
    setZoom(zoom() * factor);
}

void FlowView::zoomIn()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    scaleBy(1.25);
    setTransformationAnchor(anchor);
}

void FlowView::zoomOut()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    scaleBy(1 / 1.25);
    setTransformationAnchor(anchor);
}

void FlowView::resetZoom()
{
    setZoom(1.0);
}

void FlowView::fitToView()
{
    const QRectF bounds = m_scene->nodesBoundingRect();
    if (bounds.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    includeInSceneRect(bounds);
    const QRectF padded = bounds.adjusted(-40, -40, 40, 40);
    const QRectF port = viewport()->rect();
    const double factor
        = std::min({port.width() / padded.width(), port.height() / padded.height(), 1.0});
    m_fitting = true;
    setZoom(factor);
    centerOn(padded.center());
    m_fitting = false;
    m_fitted = true;
}

void FlowView::centreOnNode(const model::NodeId &id)
{
    NodeItem *item = m_scene->nodeItem(id);
    if (!item)
        return;
    m_scene->selectNodes({id});
    centerOn(item);
}

void FlowView::wheelEvent(QWheelEvent *event)
{
    // The wheel zooms around the cursor (the diagram editors' convention); Shift+wheel and
    // horizontal wheels scroll.
    if (event->modifiers() & Qt::ShiftModifier || event->angleDelta().y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(std::pow(1.0015, event->angleDelta().y()));
    event->accept();
}

void FlowView::setPanning(bool on)
{
    setDragMode(on ? ScrollHandDrag : RubberBandDrag);
    setInteractive(!on);
}

void FlowView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        // ScrollHandDrag only pans with the left button: replay the press as a left press.
        m_middlePanning = true;
        setPanning(true);
        QMouseEvent press(event->type(), event->position(), event->globalPosition(), Qt::LeftButton,
                          Qt::LeftButton, event->modifiers());
        QGraphicsView::mousePressEvent(&press);
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void FlowView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_middlePanning && event->button() == Qt::MiddleButton) {
        QMouseEvent release(event->type(), event->position(), event->globalPosition(),
                            Qt::LeftButton, Qt::NoButton, event->modifiers());
        QGraphicsView::mouseReleaseEvent(&release);
        m_middlePanning = false;
        setPanning(m_spaceHeld);
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void FlowView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        setPanning(true);
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void FlowView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        setPanning(m_middlePanning);
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void FlowView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(nodeKindMimeType()))
        event->acceptProposedAction();
    else
        event->ignore(); // flow files: the window opens them
}

void FlowView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(nodeKindMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void FlowView::dropEvent(QDropEvent *event)
{
    const QByteArray name = event->mimeData()->data(nodeKindMimeType());
    const model::NodeKindSpec *spec = model::catalog::findKind(name.toStdString());
    if (!spec) {
        event->ignore();
        return;
    }
    m_scene->addNodeAt(spec->kind, mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
    setFocus();
}

void FlowView::resizeEvent(QResizeEvent *event)
{
    // The scroll bars move while the view resizes; that is not the user scrolling away.
    const bool fitted = m_fitted;
    m_fitting = true;
    QGraphicsView::resizeEvent(event);
    m_fitting = false;
    if (fitted)
        fitToView();
}

void FlowView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    if (!m_fitting)
        m_fitted = false;
    // The banner and the host legend are pinned to the viewport: scrolled pixels would drag a
    // copy of them along.
    if ((m_scene->document() && m_scene->document()->isReadOnly()) || !m_scene->hosts().empty())
        viewport()->update();
}

void FlowView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (!m_scene->document())
        return;
    painter->save();
    painter->resetTransform(); // both are drawn in viewport pixels, whatever the zoom
    if (!m_scene->hasNodes())
        paintEmptyHint(painter);
    if (m_scene->document()->isReadOnly())
        paintLockBanner(painter);
    if (!m_scene->hosts().empty())
        paintHostLegend(painter);
    painter->restore();
}

namespace {
constexpr double kLegendMargin = 12;
constexpr double kLegendPadding = 8;
constexpr double kLegendSwatch = 12;
} // namespace

QString FlowView::hostLegendLine(const HostEntry &host) const
{
    QString line = host.name;
    line += QStringLiteral("   ")
            + (host.address.isEmpty() ? tr("not in the host table") : host.address);
    line += QStringLiteral(" · ")
            + (host.nodes == 1 ? tr("1 node") : tr("%1 nodes").arg(host.nodes));
    return line;
}

QRectF FlowView::hostLegendRect() const
{
    const auto &hosts = m_scene->hosts();
    if (hosts.empty())
        return {};
    const QFontMetricsF metrics(font());
    double width = metrics.horizontalAdvance(tr("Hosts"));
    for (const HostEntry &h : hosts)
        width = std::max(width, kLegendSwatch + 6 + metrics.horizontalAdvance(hostLegendLine(h)));
    const double rows = static_cast<double>(hosts.size()) + 1; // + the title
    const QSizeF size(width + 2 * kLegendPadding, rows * metrics.height() + 2 * kLegendPadding);
    return {QPointF(kLegendMargin, viewport()->height() - kLegendMargin - size.height()), size};
}

void FlowView::paintHostLegend(QPainter *painter)
{
    const QRectF box = hostLegendRect();
    painter->setFont(font());
    const QFontMetricsF metrics(font());
    painter->setRenderHint(QPainter::Antialiasing);
    QColor base = palette().color(QPalette::Base);
    base.setAlphaF(0.92);
    QColor frame = palette().color(QPalette::Text);
    frame.setAlphaF(0.25);
    painter->setPen(QPen(frame, 1));
    painter->setBrush(base);
    painter->drawRoundedRect(box, 6, 6);
    double y = box.top() + kLegendPadding;
    const double x = box.left() + kLegendPadding;
    QFont bold = font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(palette().color(QPalette::Text));
    painter->drawText(QRectF(x, y, box.width(), metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      tr("Hosts"));
    painter->setFont(font());
    for (const HostEntry &h : m_scene->hosts()) {
        y += metrics.height();
        const QRectF swatch(x, y + (metrics.height() - kLegendSwatch) / 2, kLegendSwatch,
                            kLegendSwatch);
        painter->setPen(Qt::NoPen);
        painter->setBrush(h.colour);
        painter->drawRoundedRect(swatch, 3, 3);
        painter->setPen(palette().color(QPalette::Text));
        painter->drawText(QRectF(swatch.right() + 6, y, box.width(), metrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, hostLegendLine(h));
    }
}

void FlowView::paintEmptyHint(QPainter *painter)
{
    QColor hint = palette().color(QPalette::Text);
    hint.setAlphaF(0.5);
    painter->setPen(hint);
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    painter->setFont(font);
    painter->drawText(viewport()->rect(), Qt::AlignCenter,
                      tr("Drag a producer from the palette, or open an example (File ▸ Examples)"));
}

void FlowView::paintLockBanner(QPainter *painter)
{
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const QString text = QStringLiteral("●  ") + m_lockBanner;
    const QSizeF size(metrics.horizontalAdvance(text) + 28, metrics.height() + 12);
    const QRectF pill(QPointF((viewport()->width() - size.width()) / 2, 10), size);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QColor fill = m_lockColour;
    fill.setAlphaF(0.92);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, size.height() / 2, size.height() / 2);
    // Perceived brightness, not HSL lightness: amber needs black text, green and grey white.
    const double luma = 0.299 * m_lockColour.redF() + 0.587 * m_lockColour.greenF()
                        + 0.114 * m_lockColour.blueF();
    painter->setPen(luma > 0.6 ? Qt::black : Qt::white);
    painter->drawText(pill, Qt::AlignCenter, text);
}

} // namespace evflow::ui::canvas
