#pragma once

#include "model/Flow.h"
#include "model/FlowEdit.h"
#include "model/Problem.h"
#include "model/RunSnapshot.h"
#include "ui/canvas/HostPalette.h"
#include "ui/canvas/WireSet.h"

#include <QGraphicsScene>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace evflow::ui {
class FlowDocument;
}

namespace evflow::ui::canvas {

class LinkItem;
class NodeItem;
class PortItem;
class WireDrag;

/// The canvas scene of one FlowDocument: one NodeItem per node and one LinkItem per link, kept
/// in step with the document's past-tense signals. Items hold ids; every change goes through the
/// document (a drag becomes one moveNodes() on release, a wire dragged from port to port one
/// addLink()), so the undo stack sees every edit. Also draws the dot grid and tells the views
/// what is selected, as ids.
class FlowScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit FlowScene(FlowDocument *document, QObject *parent = nullptr);
    ~FlowScene() override;

    FlowDocument *document() const { return m_document; }
    NodeItem *nodeItem(const model::NodeId &id) const;
    LinkItem *linkItem(const model::LinkId &id) const;
    PortItem *portItem(const model::PortRef &ref) const;

    /// Selected nodes in flow order, and selected wires.
    std::vector<model::NodeId> selectedNodeIds() const;
    std::vector<model::LinkId> selectedLinkIds() const;
    /// Replaces the selection by these nodes.
    void selectNodes(const std::vector<model::NodeId> &ids);

    /// Grid snapping for moves and placement (on by default).
    bool snapToGrid() const { return m_snapToGrid; }
    void setSnapToGrid(bool on);
    /// `point` on the grid when snapping is on.
    QPointF snapped(QPointF point) const;

    /// Adds a node of `kind` with a fresh id, its header centred near `scenePos`, and selects
    /// it. Returns the model's refusal (e.g. never for a fresh id) or ok.
    model::EditResult addNodeAt(model::NodeKind kind, QPointF scenePos);
    /// The dot grid in the background (off while exporting a picture).
    void setGridVisible(bool on);
    /// The rectangle around all nodes (empty when there are none).
    QRectF nodesBoundingRect() const;
    bool hasNodes() const { return !m_nodes.empty(); }
    /// The flow's named hosts with their colours and node counts (the view's host legend);
    /// empty when every node is on the default host and the flow declares no host.
    const std::vector<HostEntry> &hosts() const { return m_hosts; }

    /// Errors a run reported about nodes (RunController::runError): shown like validation errors
    /// (badge and tooltip) until replaced, cleared by an empty list or a new flow.
    void setRunErrors(const model::Problems &errors);
    const model::Problems &runErrors() const { return m_runErrors; }

    /// Shows a run's values (live::liveView): a badge row under each node of `now`, red for
    /// nodes with alarms, and wires whose width follows their rate and whose colour the
    /// channel's backlog. `previous` (an earlier snapshot of the same run) gives the rates. A
    /// final snapshot (run state Stopped or Failed) keeps the rows as totals ("Σ 2000") and
    /// returns the wires to their editing look. Kept until clearLive() or a new flow. GUI thread.
    void setLiveSnapshot(const model::RunSnapshot &now,
                         const std::optional<model::RunSnapshot> &previous);
    /// Removes every live value (RunControls does so when a new run starts).
    void clearLive();
    /// Whether live values are shown.
    bool hasLive() const { return m_hasLive; }

    /// Called by a NodeItem when Qt moved it: its wires follow.
    void nodeItemMoved(NodeItem *item);

signals:
    /// The selection changed: the ids of the selected nodes and wires.
    void selectionIdsChanged(const std::vector<evflow::model::NodeId> &nodes,
                             const std::vector<evflow::model::LinkId> &links);
    /// A message for the status bar (a refused wire, a refused move).
    void statusMessage(const QString &message);
    /// hosts() changed (a host added, removed, renamed, or a node moved to another host).
    void hostsChanged();

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void addNodeItem(const model::NodeId &id);
    void removeNodeItem(const model::NodeId &id);
    void refreshNode(const model::NodeId &id);
    void renameNode(const model::NodeId &from, const model::NodeId &to);
    /// Nodes or links were added, removed, renamed or changed: the computed positions and the
    /// wires' labels and visibility are out of date (refreshWires() follows).
    void structureChanged();
    /// Every wire's ends, label and visibility, and every port's filled state, from the flow.
    void refreshWires();
    void refreshConnectedPorts();
    void applyProblems(const model::Problems &problems);
    /// Host entries from the flow, and each node's host tag; emits hostsChanged() on a change.
    void refreshHosts();
    /// While the document is read-only, nodes cannot be dragged nor wires drawn.
    void applyReadOnly(bool readOnly);
    void placeNode(const model::NodeId &id);
    void commitMoves();
    void emitSelection();

    FlowDocument *m_document;
    std::map<model::NodeId, NodeItem *> m_nodes;
    WireSet m_wires;
    /// AutoLayout's positions for nodes without a layout entry, until the structure changes.
    std::optional<std::map<model::NodeId, model::Position>> m_autoPositions;
    bool m_wiresStale = false;
    std::unique_ptr<WireDrag> m_wireDrag;
    /// Node positions when the left button went down, to see what a drag moved.
    std::map<model::NodeId, QPointF> m_pressPositions;
    model::Problems m_runErrors;
    bool m_hasLive = false;
    bool m_snapToGrid = true;
    bool m_gridVisible = true;
    std::vector<HostEntry> m_hosts;
};

} // namespace evflow::ui::canvas
