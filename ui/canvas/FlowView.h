#pragma once

#include "model/Ids.h"
#include "ui/canvas/HostPalette.h"

#include <QColor>
#include <QGraphicsView>

namespace evflow::ui::canvas {

class FlowScene;

/// The canvas view: zoom with the wheel (under the cursor) and the zoom keys, pan with the
/// middle button or Space + drag, rubber-band selection (Ctrl adds), drops from the palette
/// place a node where they land. Shows a quiet hint when the flow is empty. Flow files dropped
/// on it are left to the window (the view ignores them).
class FlowView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit FlowView(FlowScene *scene, QWidget *parent = nullptr);

    FlowScene *flowScene() const { return m_scene; }
    /// The zoom factor (1 = 100 %).
    double zoom() const;
    void setZoom(double factor);
    /// The banner drawn across the top while the document is read-only ("Running — editing is
    /// locked" on the producer green by default): the clear sign that a run owns the flow.
    /// An invalid `colour` keeps the current one. GUI thread.
    void setLockBanner(const QString &text, const QColor &colour = {});
    QString lockBanner() const { return m_lockBanner; }
    /// Where the host legend is drawn (viewport pixels, bottom left): one row per named host,
    /// its colour, name, address and node count. Empty when the flow has no named host.
    QRectF hostLegendRect() const;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Fits all nodes in the view (at most 100 %, so a small flow is not blown up).
    void fitToView();
    /// Selects the node and scrolls it into the centre.
    void centreOnNode(const evflow::model::NodeId &id);

signals:
    void zoomChanged(double factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void scaleBy(double factor);
    /// Grows the scene rectangle (never shrinks it while a flow is open) to hold `rect`.
    void includeInSceneRect(const QRectF &rect);
    void setPanning(bool on);
    void paintEmptyHint(QPainter *painter);
    void paintLockBanner(QPainter *painter);
    void paintHostLegend(QPainter *painter);
    /// One legend row's text: "hub  10.0.0.2 · 3 nodes".
    QString hostLegendLine(const HostEntry &host) const;

    FlowScene *m_scene;
    QString m_lockBanner;
    QColor m_lockColour;
    bool m_spaceHeld = false;
    bool m_middlePanning = false;
    /// True from a fit until the user zooms or scrolls: while it holds, resizing the window
    /// fits again (a flow opened before the window reached its final size still fills it).
    bool m_fitted = false;
    bool m_fitting = false;
};

} // namespace evflow::ui::canvas
