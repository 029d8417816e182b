#pragma once

#include "model/Flow.h"
#include "model/Problem.h"
#include "ui/canvas/LiveState.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace evflow::ui::canvas {

class PortItem;

/// One node on the canvas: a rounded rectangle with a header strip in its role colour (icon and
/// caption), a body with the kind and its key properties in muted text, ports on the edges and a
/// problem badge in the corner. While a run has data for it, a row of badge chips sits under the
/// body (rate, dup, ooo, late, gap, …), and a node with alarms or errors is drawn red. It keeps
/// only the node's id and a copy of what it draws; the scene calls update() with the node from the
/// document after every change (QtNodes: items know ids, the model knows the rest). Moving is Qt's;
/// the scene commits the move on release.
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit NodeItem(const model::Node &node);

    int type() const override { return Type; }
    const model::NodeId &id() const { return m_id; }

    /// Redraws from the document's node: caption, properties, ports (recreated when the set of
    /// ports changed, e.g. a router's routes).
    void update(const model::Node &node);
    /// The host the node is placed on and its colour (HostPalette): a tag at the right of the
    /// header. An empty name (the default host) removes the tag.
    void setHost(const QString &name, const QColor &colour);
    const QString &host() const { return m_host; }
    const QColor &hostColour() const { return m_hostColour; }
    /// Where the host tag is drawn, in item coordinates (empty without a host).
    QRectF hostTagRect() const;
    /// The ports that have a wire attached (drawn filled).
    void setConnectedPorts(const std::set<std::string> &ports);
    /// The validation findings about this node (badge and tooltip); empty clears the badge.
    void setProblems(const model::Problems &problems);
    /// The run's values for this node (FlowScene::setLiveSnapshot): the badge row under the body
    /// and the alarms that turn it red. nullopt removes the row. GUI thread.
    void setLiveState(std::optional<NodeLiveState> state);
    const std::optional<NodeLiveState> &liveState() const { return m_live; }
    /// The badge row as text, chips joined by " · " ("12.4k/s · dup 31 · ooo 7 · late 4 ·
    /// gap 0"); empty without live values.
    QString badgeText() const { return m_live ? m_live->text() : QString(); }
    /// Drawn red: an error among its problems (validation or run errors) or a live alarm.
    bool isAlarmed() const;
    /// Where the badge row is drawn, in item coordinates (empty without live values).
    QRectF badgeRect() const { return m_badgeRect; }

    PortItem *port(const std::string &name) const;
    const std::vector<PortItem *> &ports() const { return m_ports; }
    /// The node's rectangle in item coordinates (top-left at 0,0).
    QRectF frame() const { return {0, 0, m_width, m_height}; }
    /// Snapping on the grid while dragging (the scene's setting).
    void setSnapGrid(double grid) { m_snapGrid = grid; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void rebuildPorts(const model::Node &node);
    void updateToolTip();
    /// `overview`: zoomed far out, shapes and colours without text (CanvasStyle::kDetailZoom).
    void paintBody(QPainter *painter, const QPalette &palette, bool overview) const;
    void paintHeader(QPainter *painter, bool overview) const;
    /// The host tag in the header; returns its left edge (the caption ends before it).
    double paintHostTag(QPainter *painter, bool overview) const;
    void paintPortLabels(QPainter *painter, const QPalette &palette) const;
    void paintProblemBadge(QPainter *painter) const;
    void layoutBadges();
    void paintBadges(QPainter *painter, const QPalette &palette) const;
    QFont badgeFont() const;
    double cornerRadius() const;

    model::NodeId m_id;
    model::NodeKind m_kind;
    QString m_caption;
    QString m_kindTitle;
    QString m_kindHelp;
    QStringList m_lines;
    QString m_host;
    QColor m_hostColour;
    std::vector<PortItem *> m_ports;
    std::vector<std::string> m_portSignature;
    model::Problems m_problems;
    std::optional<NodeLiveState> m_live;
    std::vector<QRectF> m_chipRects; ///< one per chip of m_live, under the body
    QRectF m_badgeRect;
    double m_width = 0;
    double m_height = 0;
    double m_snapGrid = 0;
};

} // namespace evflow::ui::canvas
