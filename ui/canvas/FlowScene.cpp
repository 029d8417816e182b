#include "ui/canvas/FlowScene.h"

#include "model/FlowEdit.h"
#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/CanvasStyle.h"
#include "ui/canvas/DotGrid.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/LiveState.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/PortItem.h"
#include "ui/canvas/WireDrag.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace evflow::ui::canvas {

FlowScene::FlowScene(FlowDocument *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_wires(*this)
{
    using model::LinkId;
    using model::NodeId;
    // Wire labels, hidden wires and filled ports depend on the whole flow: a structural change
    // only marks them stale, and problemsChanged (which the document emits once at the end of
    // every change but a move) brings them up to date once. Pasting 100 wires into a flow of
    // 1000 refreshes the 1000 labels once, not 100 times.
    connect(document, &FlowDocument::flowReset, this, &FlowScene::rebuild);
    connect(document, &FlowDocument::nodeAdded, this, [this](const NodeId &id) {
        structureChanged();
        addNodeItem(id);
    });
    connect(document, &FlowDocument::nodeRemoved, this, [this](const NodeId &id) {
        structureChanged();
        removeNodeItem(id);
    });
    connect(document, &FlowDocument::nodeMoved, this, &FlowScene::placeNode);
    connect(document, &FlowDocument::nodeChanged, this, [this](const NodeId &id) {
        structureChanged();
        refreshNode(id);
    });
    connect(document, &FlowDocument::nodeRenamed, this,
            [this](const NodeId &from, const NodeId &to) {
                structureChanged();
                renameNode(from, to);
            });
    connect(document, &FlowDocument::linkAdded, this, [this](const LinkId &id) {
        structureChanged();
        m_wires.add(id);
    });
    connect(document, &FlowDocument::linkRemoved, this, [this](const LinkId &id) {
        structureChanged();
        m_wires.remove(id);
    });
    connect(document, &FlowDocument::linkChanged, this, &FlowScene::structureChanged);
    connect(document, &FlowDocument::problemsChanged, this, &FlowScene::applyProblems);
    connect(document, &FlowDocument::readOnlyChanged, this, &FlowScene::applyReadOnly);
    connect(this, &QGraphicsScene::selectionChanged, this, &FlowScene::emitSelection);
    rebuild();
}

FlowScene::~FlowScene()
{
    m_wireDrag.reset();
    // Items are deleted by QGraphicsScene; stop reacting to the selection changes that causes.
    disconnect(this, &QGraphicsScene::selectionChanged, this, &FlowScene::emitSelection);
}

NodeItem *FlowScene::nodeItem(const model::NodeId &id) const
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second;
}

LinkItem *FlowScene::linkItem(const model::LinkId &id) const
{
    return m_wires.item(id);
}

PortItem *FlowScene::portItem(const model::PortRef &ref) const
{
    NodeItem *node = nodeItem(ref.node);
    return node ? node->port(ref.port) : nullptr;
}

void FlowScene::rebuild()
{
    m_wireDrag.reset();
    const bool blocked = blockSignals(true);
    clear();
    m_nodes.clear();
    m_wires.forget();
    m_autoPositions.reset();
    m_runErrors.clear(); // they named the nodes of the flow that was replaced
    m_hasLive = false;   // and so did the live values: the new items have none
    for (const auto &node : m_document->flow().nodes)
        addNodeItem(node.id);
    for (const auto &link : m_document->flow().links)
        m_wires.add(link.id());
    m_wiresStale = true;
    applyProblems(m_document->problems());
    blockSignals(blocked);
    emit hostsChanged(); // blocked above, and a new flow has new hosts
    emitSelection();
}

void FlowScene::addNodeItem(const model::NodeId &id)
{
    const model::Node *node = m_document->flow().findNode(id);
    if (!node || m_nodes.count(id))
        return;
    auto *item = new NodeItem(*node);
    item->setFlag(QGraphicsItem::ItemIsMovable, !m_document->isReadOnly());
    m_nodes[id] = item;
    addItem(item);
    placeNode(id);
    item->setSnapGrid(m_snapToGrid ? CanvasStyle::kGridSize : 0);
}

void FlowScene::removeNodeItem(const model::NodeId &id)
{
    const auto it = m_nodes.find(id);
    if (it == m_nodes.end())
        return;
    NodeItem *item = it->second;
    m_nodes.erase(it);
    m_wireDrag.reset(); // it may point at this node's ports
    delete item;
}

void FlowScene::placeNode(const model::NodeId &id)
{
    NodeItem *item = nodeItem(id);
    if (!item)
        return;
    const auto &layout = m_document->flow().layout;
    const auto it = layout.find(id);
    // A node without a layout entry (a hand-written file) goes to the auto-layout position, so
    // it never hides behind another node at the origin.
    QPointF pos;
    if (it != layout.end()) {
        pos = {it->second.x, it->second.y};
    } else {
        // Computed once per structure: opening a flow without positions places every node
        // from one layout, not one layout per node.
        if (!m_autoPositions)
            m_autoPositions = AutoLayout::compute(m_document->flow());
        const auto c = m_autoPositions->find(id);
        if (c != m_autoPositions->end())
            pos = {c->second.x, c->second.y};
    }
    const double grid = m_snapToGrid ? CanvasStyle::kGridSize : 0;
    item->setSnapGrid(0); // the document's position is the truth, even off the grid
    item->setPos(pos);
    item->setSnapGrid(grid);
    nodeItemMoved(item);
}

void FlowScene::refreshNode(const model::NodeId &id)
{
    NodeItem *item = nodeItem(id);
    const model::Node *node = m_document->flow().findNode(id);
    if (!item || !node)
        return;
    m_wireDrag.reset();
    item->update(*node);
    nodeItemMoved(item);
}

void FlowScene::renameNode(const model::NodeId &from, const model::NodeId &to)
{
    const auto it = m_nodes.find(from);
    if (it != m_nodes.end()) {
        NodeItem *item = it->second;
        m_nodes.erase(it);
        m_nodes[to] = item;
        refreshNode(to);
    }
    m_wires.renameNode(from, to);
}

void FlowScene::structureChanged()
{
    m_autoPositions.reset();
    m_wiresStale = true;
}

void FlowScene::refreshWires()
{
    m_wiresStale = false;
    m_wires.refreshAll(m_document->flow());
    refreshConnectedPorts();
}

void FlowScene::refreshConnectedPorts()
{
    std::map<model::NodeId, std::set<std::string>> connected;
    for (const auto &link : m_document->flow().links) {
        connected[link.from.node].insert(link.from.port);
        connected[link.to.node].insert(link.to.port);
    }
    for (auto &[id, item] : m_nodes)
        item->setConnectedPorts(connected[id]);
}

void FlowScene::setRunErrors(const model::Problems &errors)
{
    m_runErrors = errors;
    applyProblems(m_document->problems());
}

void FlowScene::setLiveSnapshot(const model::RunSnapshot &now,
                                const std::optional<model::RunSnapshot> &previous)
{
    LiveView view = live::liveView(m_document->flow(), now, previous);
    for (auto &[id, item] : m_nodes) {
        auto it = view.nodes.find(id);
        item->setLiveState(it == view.nodes.end() ? std::nullopt
                                                  : std::optional(std::move(it->second)));
    }
    for (auto &[id, item] : m_wires.items()) {
        auto it = view.links.find(id);
        item->setLiveState(it == view.links.end() ? std::nullopt
                                                  : std::optional(std::move(it->second)));
    }
    m_hasLive = true;
}

void FlowScene::clearLive()
{
    for (auto &[id, item] : m_nodes)
        item->setLiveState(std::nullopt);
    for (auto &[id, item] : m_wires.items())
        item->setLiveState(std::nullopt);
    m_hasLive = false;
}

void FlowScene::applyReadOnly(bool readOnly)
{
    m_wireDrag.reset();
    for (auto &[id, item] : m_nodes)
        item->setFlag(QGraphicsItem::ItemIsMovable, !readOnly);
}

void FlowScene::applyProblems(const model::Problems &problems)
{
    std::map<model::NodeId, model::Problems> byNode;
    const auto collect = [&byNode](const model::Problems &list) {
        for (const auto &problem : list)
            if (!problem.node.empty())
                byNode[problem.node].push_back(problem);
    };
    collect(problems);
    collect(m_runErrors); // run errors look like validation errors on the node
    for (auto &[id, item] : m_nodes) {
        const auto it = byNode.find(id);
        item->setProblems(it == byNode.end() ? model::Problems{} : it->second);
    }
    if (m_wiresStale)
        refreshWires();
    refreshHosts();
}

void FlowScene::refreshHosts()
{
    std::vector<HostEntry> hosts = hostEntries(m_document->flow());
    std::map<QString, QColor> colours;
    for (const HostEntry &h : hosts)
        colours[h.name] = h.colour;
    for (auto &[id, item] : m_nodes) {
        const model::Node *node = m_document->flow().findNode(id);
        const QString host = node ? QString::fromStdString(node->host) : QString();
        item->setHost(host, host.isEmpty() ? QColor() : colours[host]);
    }
    if (hosts == m_hosts)
        return;
    m_hosts = std::move(hosts);
    emit hostsChanged();
}

void FlowScene::nodeItemMoved(NodeItem *item)
{
    // Only the node's own wires move, and only their ends: what they carry did not change.
    m_wires.refreshEnds(item->id());
}

std::vector<model::NodeId> FlowScene::selectedNodeIds() const
{
    std::vector<model::NodeId> ids;
    for (const auto &node : m_document->flow().nodes) {
        NodeItem *item = nodeItem(node.id);
        if (item && item->isSelected())
            ids.push_back(node.id);
    }
    return ids;
}

std::vector<model::LinkId> FlowScene::selectedLinkIds() const
{
    std::vector<model::LinkId> ids;
    for (const auto &[id, item] : m_wires.items())
        if (item->isSelected())
            ids.push_back(id);
    return ids;
}

void FlowScene::selectNodes(const std::vector<model::NodeId> &ids)
{
    const bool blocked = blockSignals(true);
    clearSelection();
    for (const auto &id : ids)
        if (NodeItem *item = nodeItem(id))
            item->setSelected(true);
    blockSignals(blocked);
    emitSelection();
}

void FlowScene::emitSelection()
{
    emit selectionIdsChanged(selectedNodeIds(), selectedLinkIds());
}

void FlowScene::setSnapToGrid(bool on)
{
    m_snapToGrid = on;
    for (auto &[id, item] : m_nodes)
        item->setSnapGrid(on ? CanvasStyle::kGridSize : 0);
}

QPointF FlowScene::snapped(QPointF point) const
{
    if (!m_snapToGrid)
        return point;
    const double g = CanvasStyle::kGridSize;
    return {std::round(point.x() / g) * g, std::round(point.y() / g) * g};
}

model::EditResult FlowScene::addNodeAt(model::NodeKind kind, QPointF scenePos)
{
    model::Node node;
    node.kind = kind;
    node.id = model::uniqueNodeId(m_document->flow(), model::catalog::kindName(kind));
    const QPointF topLeft
        = snapped(scenePos - QPointF(CanvasStyle::kNodeWidth / 2, CanvasStyle::kHeaderHeight / 2));
    const model::NodeId id = node.id;
    const auto result
        = m_document->addNode(std::move(node), model::Position{topLeft.x(), topLeft.y()});
    if (result)
        selectNodes({id});
    return result;
}

void FlowScene::setGridVisible(bool on)
{
    m_gridVisible = on;
    update();
}

QRectF FlowScene::nodesBoundingRect() const
{
    QRectF rect;
    for (const auto &[id, item] : m_nodes)
        rect = rect.united(item->sceneBoundingRect());
    return rect;
}

void FlowScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().color(QPalette::Window));
    if (!m_gridVisible)
        return;
    QColor dot = palette().color(QPalette::Text);
    dot.setAlphaF(0.22);
    paintDotGrid(painter, rect, CanvasStyle::kGridSize, dot);
}

void FlowScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item->type() != PortItem::Type || m_document->isReadOnly())
                continue;
            m_wireDrag = std::make_unique<WireDrag>(*this, *static_cast<PortItem *>(item));
            event->accept();
            return;
        }
        m_pressPositions.clear();
        for (const auto &[id, item] : m_nodes)
            m_pressPositions[id] = item->pos();
    }
    QGraphicsScene::mousePressEvent(event);
}

void FlowScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_wireDrag) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    const QString refusal = m_wireDrag->moveTo(event->scenePos());
    if (!refusal.isEmpty()) {
        emit statusMessage(refusal);
        QToolTip::showText(event->screenPos(), refusal);
    } else {
        QToolTip::hideText();
    }
}

void FlowScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_wireDrag && event->button() == Qt::LeftButton) {
        const auto outcome = m_wireDrag->finish(event->scenePos());
        m_wireDrag.reset();
        QToolTip::hideText();
        if (outcome.link) {
            const auto result = m_document->addLink(*outcome.link);
            if (!result)
                emit statusMessage(
                    tr("Cannot wire: %1").arg(QString::fromStdString(result.message)));
        } else if (!outcome.refusal.isEmpty()) {
            emit statusMessage(tr("Cannot wire: %1").arg(outcome.refusal));
        }
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton)
        commitMoves();
}

void FlowScene::commitMoves()
{
    // Qt moved the items during the drag; the document learns the final positions in one call,
    // which is one undo step however long the drag was.
    std::map<model::NodeId, model::Position> moved;
    for (const auto &[id, pressPos] : m_pressPositions) {
        NodeItem *item = nodeItem(id);
        if (item && item->pos() != pressPos)
            moved[id] = {item->pos().x(), item->pos().y()};
    }
    m_pressPositions.clear();
    if (moved.empty())
        return;
    const auto result = m_document->moveNodes(moved, true);
    if (!result) {
        emit statusMessage(QString::fromStdString(result.message));
        for (const auto &[id, pos] : moved)
            placeNode(id);
    }
}

} // namespace evflow::ui::canvas
