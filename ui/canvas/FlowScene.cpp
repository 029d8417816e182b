#include "ui/canvas/FlowScene.h"

#include "model/CarriedTypes.h"
#include "model/FlowEdit.h"
#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/CanvasStyle.h"
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
{
    using model::LinkId;
    using model::NodeId;
    connect(document, &FlowDocument::flowReset, this, &FlowScene::rebuild);
    connect(document, &FlowDocument::nodeAdded, this, [this](const NodeId &id) {
        addNodeItem(id);
        refreshLinks();
    });
    connect(document, &FlowDocument::nodeRemoved, this, &FlowScene::removeNodeItem);
    connect(document, &FlowDocument::nodeMoved, this, &FlowScene::placeNode);
    connect(document, &FlowDocument::nodeChanged, this, [this](const NodeId &id) {
        refreshNode(id);
        refreshLinks();
    });
    connect(document, &FlowDocument::nodeRenamed, this, &FlowScene::renameNode);
    connect(document, &FlowDocument::linkAdded, this, &FlowScene::addLinkItem);
    connect(document, &FlowDocument::linkRemoved, this, &FlowScene::removeLinkItem);
    connect(document, &FlowDocument::linkChanged, this, [this](const LinkId &) { refreshLinks(); });
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
    const auto it = m_links.find(id);
    return it == m_links.end() ? nullptr : it->second;
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
    m_links.clear();
    m_runErrors.clear(); // they named the nodes of the flow that was replaced
    m_hasLive = false;   // and so did the live values: the new items have none
    for (const auto &node : m_document->flow().nodes)
        addNodeItem(node.id);
    for (const auto &link : m_document->flow().links)
        addLinkItem(link.id());
    applyProblems(m_document->problems());
    blockSignals(blocked);
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
        const auto computed = AutoLayout::compute(m_document->flow());
        const auto c = computed.find(id);
        if (c != computed.end())
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
    // Links keep their items; their ids follow the rename.
    std::map<model::LinkId, LinkItem *> links;
    for (auto &[id, item] : m_links) {
        model::LinkId renamed = id;
        if (renamed.from.node == from)
            renamed.from.node = to;
        if (renamed.to.node == from)
            renamed.to.node = to;
        item->setId(renamed);
        links[renamed] = item;
    }
    m_links = std::move(links);
    refreshLinks();
}

void FlowScene::addLinkItem(const model::LinkId &id)
{
    if (m_links.count(id))
        return;
    auto *item = new LinkItem(id);
    m_links[id] = item;
    addItem(item);
    refreshLinks();
    refreshConnectedPorts();
}

void FlowScene::removeLinkItem(const model::LinkId &id)
{
    const auto it = m_links.find(id);
    if (it == m_links.end())
        return;
    delete it->second;
    m_links.erase(it);
    refreshLinks();
    refreshConnectedPorts();
}

void FlowScene::refreshLinks()
{
    for (auto &[id, item] : m_links)
        refreshLink(item);
}

void FlowScene::refreshLink(LinkItem *item)
{
    const model::Flow &flow = m_document->flow();
    const int index = flow.linkIndex(item->id());
    PortItem *from = portItem(item->id().from);
    PortItem *to = portItem(item->id().to);
    if (index < 0 || !from || !to) {
        item->setVisible(false);
        return;
    }
    item->setVisible(true);
    item->setEnds(from->anchor(), to->anchor());
    const model::Link &link = flow.links[std::size_t(index)];
    QStringList types;
    for (const auto &type : model::typesCarried(flow, link))
        types << QString::fromStdString(type);
    if (types.isEmpty())
        for (const auto &prefix : link.types)
            types << QString::fromStdString(prefix) + QStringLiteral("*");
    item->setTypes(types, !link.types.empty());
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
    for (auto &[id, item] : m_links) {
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
    for (auto &[id, item] : m_links)
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
    refreshConnectedPorts();
}

void FlowScene::nodeItemMoved(NodeItem *item)
{
    for (auto &[id, link] : m_links)
        if (id.from.node == item->id() || id.to.node == item->id())
            refreshLink(link);
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
    for (const auto &[id, item] : m_links)
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
    // A dot grid, thinned out when zoomed far out so it stays a texture rather than a fog.
    const double scale = painter->worldTransform().m11();
    double step = CanvasStyle::kGridSize;
    while (step * scale < 12)
        step *= 2;
    QColor dot = palette().color(QPalette::Text);
    dot.setAlphaF(0.22);
    painter->setPen(QPen(dot, 1.6 / scale, Qt::SolidLine, Qt::RoundCap));
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    QVector<QPointF> points;
    for (double x = left; x <= rect.right(); x += step)
        for (double y = top; y <= rect.bottom(); y += step)
            points.append({x, y});
    painter->drawPoints(points.data(), int(points.size()));
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
