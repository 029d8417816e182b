// The canvas as a user drives it: palette drops, wiring by dragging between ports (valid targets
// only, refusals in the model's words), moving (one undo step per drag), selection, delete,
// copy/paste, auto-layout without overlaps, find, alignment and export.

#include "model/FlowEdit.h"
#include "model/FlowFile.h"
#include "ui/FlowClipboard.h"
#include "ui/FlowDocument.h"
#include "ui/PaletteWidget.h"
#include "ui/canvas/Alignment.h"
#include "ui/canvas/CanvasActions.h"
#include "ui/canvas/CanvasExport.h"
#include "ui/canvas/FindBar.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/HostPalette.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/PortItem.h"

#include "../model/support/SampleFlows.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QImage>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using namespace evflow::ui::canvas;
using ui::FlowDocument;

namespace {

Flow loadExample(const char *name)
{
    const auto loaded = loadFlowFile(std::string(EVFLOW_SOURCE_DIR "/resources/examples/") + name);
    return *loaded.flow;
}

/// A document, scene and view of a fixed size, shown offscreen so mouse events reach items.
struct Canvas
{
    FlowDocument doc;
    FlowScene scene{&doc};
    FlowView view{&scene};
    CanvasActions actions{&view};

    Canvas()
    {
        view.resize(1000, 700);
        view.show();
        view.resetZoom();
        view.centerOn(400, 250);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

    QPoint viewPos(QPointF scenePos) const { return view.mapFromScene(scenePos); }
    QPoint portPos(const std::string &ref) const
    {
        PortRef p;
        PortRef::parse(ref, p);
        return viewPos(scene.portItem(p)->anchor());
    }
    QString serialized() const { return QString::fromStdString(serializeFlow(doc.flow())); }

    /// A left-button drag on the viewport from `from` to `to` with intermediate moves.
    void drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {})
    {
        QWidget *vp = view.viewport();
        QTest::mousePress(vp, Qt::LeftButton, modifiers, from);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(vp, from + (to - from) * step / 4);
        QTest::mouseRelease(vp, Qt::LeftButton, modifiers, to);
    }

    /// Drops mime data on the viewport as a drag from the palette would.
    bool drop(QMimeData *mime, QPoint at)
    {
        QWidget *vp = view.viewport();
        QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &enter);
        if (!enter.isAccepted())
            return false;
        QDragMoveEvent move(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &move);
        QDropEvent dropEvent(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &dropEvent);
        return dropEvent.isAccepted();
    }
};

/// The palette's own drag payload for a kind, found through its view's model.
QMimeData *paletteMime(ui::PaletteWidget &palette, const QString &title)
{
    QAbstractItemModel *model = palette.view()->model();
    for (int group = 0; group < model->rowCount(); ++group) {
        const QModelIndex parent = model->index(group, 0);
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data().toString() == title)
                return model->mimeData({index});
        }
    }
    return nullptr;
}

Flow producerChannelConsumer()
{
    Flow f;
    f.eventTypes = {eventType("order.placed")};
    f.nodes = {node("gen", NodeKind::Generator, {{"eventTypes", StringList{"order.placed"}}}),
               node("bus", NodeKind::PubSub, {{"endpoint", std::string("inproc://bus")}}),
               node("count", NodeKind::Counter)};
    f.layout = {{{"gen"}, {0, 0}}, {{"bus"}, {260, 0}}, {{"count"}, {520, 0}}};
    return f;
}

bool overlaps(const FlowScene &scene)
{
    std::vector<QRectF> rects;
    for (const auto &node : scene.document()->flow().nodes) {
        const NodeItem *item = scene.nodeItem(node.id);
        rects.push_back(item->frame().translated(item->pos()));
    }
    for (std::size_t a = 0; a < rects.size(); ++a)
        for (std::size_t b = a + 1; b < rects.size(); ++b)
            if (rects[a].intersects(rects[b]))
                return true;
    return false;
}

} // namespace

class TestCanvas : public QObject
{
    Q_OBJECT
private slots:
    void hostsAreTaggedAndListed()
    {
        Canvas c;
        Flow flow = loadExample("order-pipeline.evflow.json");
        c.doc.resetFlow(flow);
        QVERIFY(c.scene.hosts().empty()); // one machine: no tags, no legend
        QVERIFY(c.view.hostLegendRect().isEmpty());
        QVERIFY(c.scene.nodeItem({"orders"})->hostTagRect().isEmpty());

        flow.hosts = {{"front", "10.0.0.1"}, {"back", "10.0.0.3"}};
        for (auto &n : flow.nodes)
            n.host = n.id.value == "orders" ? "front" : n.id.value == "bus" ? "" : "back";
        QSignalSpy changed(&c.scene, &FlowScene::hostsChanged);
        c.doc.resetFlow(flow);
        QCOMPARE(changed.count(), 1);
        const std::vector<HostEntry> hosts = c.scene.hosts();
        QCOMPARE(hosts.size(), 2u);
        QCOMPARE(hosts[0], (HostEntry{"back", "10.0.0.3", hostColour(0), 3}));
        QCOMPARE(hosts[1], (HostEntry{"front", "10.0.0.1", hostColour(1), 1}));
        QVERIFY(hosts[0].colour != hosts[1].colour);

        NodeItem *orders = c.scene.nodeItem({"orders"});
        QCOMPARE(orders->host(), QStringLiteral("front"));
        QCOMPARE(orders->hostColour(), hosts[1].colour);
        QVERIFY(!orders->hostTagRect().isEmpty());
        QVERIFY(orders->frame().contains(orders->hostTagRect()));
        QVERIFY(orders->toolTip().contains(QStringLiteral("Runs on host front")));
        QVERIFY(c.scene.nodeItem({"bus"})->hostTagRect().isEmpty()); // the default host

        // The legend sits in the view, bottom left, one row per host under its title; its
        // first swatch shows the first host's colour.
        const QRectF legend = c.view.hostLegendRect();
        QVERIFY(!legend.isEmpty());
        QVERIFY(QRectF(c.view.viewport()->rect()).contains(legend));
        const double row = QFontMetricsF(c.view.font()).height();
        const QPoint swatch(int(legend.left() + 8 + 6), int(legend.top() + 8 + row * 1.5));
        QCOMPARE(c.view.viewport()->grab().toImage().pixelColor(swatch), hosts[0].colour);

        // Placing a node on another host is an undoable edit; the tag and the counts follow.
        QVERIFY(c.doc.setHost({"orders"}, "back"));
        QCOMPARE(orders->host(), QStringLiteral("back"));
        QCOMPARE(orders->hostColour(), hosts[0].colour);
        QCOMPARE(c.scene.hosts()[0].nodes, 4);
        QCOMPARE(c.scene.hosts()[1].nodes, 0); // still declared: it stays in the legend
        c.doc.undoStack()->undo();
        QCOMPARE(orders->host(), QStringLiteral("front"));
        QCOMPARE(c.scene.hosts(), hosts);
    }

    void sceneMirrorsTheDocument()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        QCOMPARE(c.scene.items().isEmpty(), false);
        for (const auto &node : c.doc.flow().nodes)
            QVERIFY2(c.scene.nodeItem(node.id), node.id.value.c_str());
        for (const auto &link : c.doc.flow().links) {
            LinkItem *item = c.scene.linkItem(link.id());
            QVERIFY(item);
            QVERIFY(item->isVisible());
        }
        // Wires say what they carry: the bus carries the generator's order.placed.
        const Link &first = c.doc.flow().links.front();
        QCOMPARE(c.scene.linkItem(first.id())->typesText(), QStringLiteral("order.placed"));
        c.doc.undoStack()->clear();
        QCOMPARE(
            c.scene.nodeItem({"orders"})->pos(),
            QPointF(c.doc.flow().layout.at({"orders"}).x, c.doc.flow().layout.at({"orders"}).y));
    }

    void dropFromThePaletteAddsANode()
    {
        Canvas c;
        ui::PaletteWidget palette;
        std::unique_ptr<QMimeData> mime(paletteMime(palette, QStringLiteral("Generator")));
        QVERIFY(mime);
        const QPoint at = c.viewPos({200, 100});
        QVERIFY(c.drop(mime.get(), at));
        QCOMPARE(c.doc.flow().nodes.size(), std::size_t(1));
        const Node &added = c.doc.flow().nodes.front();
        QCOMPARE(added.kind, NodeKind::Generator);
        QCOMPARE(added.id.value, std::string("generator"));
        QCOMPARE(c.doc.undoStack()->count(), 1);
        // Placed where it was dropped (header centred on the cursor, snapped to the grid).
        const Position pos = c.doc.flow().layout.at(added.id);
        QVERIFY(std::abs(pos.x + 90 - 200) <= 10);
        QVERIFY(std::abs(pos.y + 13 - 100) <= 10);
        QCOMPARE(c.scene.selectedNodeIds(), std::vector<NodeId>{added.id});
        // A second drop of the same kind gets a fresh id.
        std::unique_ptr<QMimeData> again(paletteMime(palette, QStringLiteral("Generator")));
        QVERIFY(c.drop(again.get(), c.viewPos({200, 300})));
        QCOMPARE(c.doc.flow().nodes.at(1).id.value, std::string("generator2"));
    }

    void foreignDropsAreLeftToTheWindow()
    {
        Canvas c;
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/x.evflow.json"))});
        QVERIFY(!c.drop(&files, c.viewPos({0, 0})));
        QVERIFY(c.doc.flow().nodes.empty());
    }

    void draggingBetweenPortsWires()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        c.drag(c.portPos("gen.out"), c.portPos("bus.in"));
        QCOMPARE(c.doc.flow().links.size(), std::size_t(1));
        QCOMPARE(c.doc.flow().links[0].id().toString(), std::string("gen.out -> bus.in"));
        QCOMPARE(c.doc.undoStack()->count(), 1);
        // From an input back to an output works too.
        c.drag(c.portPos("count.in"), c.portPos("bus.out"));
        QCOMPARE(c.doc.flow().links.size(), std::size_t(2));
        QCOMPARE(c.doc.flow().links[1].id().toString(), std::string("bus.out -> count.in"));
        QVERIFY(c.scene.linkItem(c.doc.flow().links[1].id()));
        QCOMPARE(c.scene.linkItem(c.doc.flow().links[1].id())->typesText(),
                 QStringLiteral("order.placed"));
    }

    void droppingOnANodeBodyPicksItsPort()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        const QPointF body = c.scene.nodeItem({"bus"})->sceneBoundingRect().center();
        c.drag(c.portPos("gen.out"), c.viewPos(body));
        QCOMPARE(c.doc.flow().links.size(), std::size_t(1));
        QCOMPARE(c.doc.flow().links[0].to.toString(), std::string("bus.in"));
    }

    void onlyValidTargetsGlowDuringAWireDrag()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        QWidget *vp = c.view.viewport();
        const QPoint from = c.portPos("gen.out");
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QTest::mouseMove(vp, from + QPoint(30, 30));
        QCOMPARE(c.scene.portItem({{"bus"}, "in"})->dragState(), PortItem::DragState::ValidTarget);
        QCOMPARE(c.scene.portItem({{"count"}, "in"})->dragState(),
                 PortItem::DragState::InvalidTarget);
        QCOMPARE(c.scene.portItem({{"gen"}, "out"})->dragState(), PortItem::DragState::Source);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, from + QPoint(30, 30));
        QCOMPARE(c.scene.portItem({{"bus"}, "in"})->dragState(), PortItem::DragState::None);
        QVERIFY(c.doc.flow().links.empty()); // dropped on empty canvas: nothing
    }

    void anInvalidWireIsRefusedWithTheModelsMessage()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        QSignalSpy status(&c.scene, &FlowScene::statusMessage);
        Link direct;
        direct.from = port("gen.out");
        direct.to = port("count.in");
        const auto expected = checkAddLink(c.doc.flow(), direct);
        QVERIFY(!expected);
        c.drag(c.portPos("gen.out"), c.portPos("count.in"));
        QVERIFY(c.doc.flow().links.empty());
        QCOMPARE(c.doc.undoStack()->count(), 0);
        QVERIFY(!status.isEmpty());
        QCOMPARE(status.last().at(0).toString(),
                 QStringLiteral("Cannot wire: ") + QString::fromStdString(expected.message));
    }

    void aDragIsOneUndoStep()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        const QString before = c.serialized();
        NodeItem *bus = c.scene.nodeItem({"bus"});
        const QPoint grab = c.viewPos(bus->scenePos() + QPointF(90, 50));
        c.drag(grab, grab + QPoint(100, 60));
        QCOMPARE(c.doc.undoStack()->count(), 1);
        const Position moved = c.doc.flow().layout.at({"bus"});
        QCOMPARE(moved.x, 360.0); // 260 + 100, on the 20 px grid
        QCOMPARE(moved.y, 60.0);
        QCOMPARE(bus->pos(), QPointF(360, 60));
        c.doc.undoStack()->undo();
        QCOMPARE(c.serialized(), before);
        QCOMPARE(bus->pos(), QPointF(260, 0));
        c.doc.undoStack()->redo();
        QCOMPARE(bus->pos(), QPointF(360, 60));
    }

    void aClickWithoutMovingChangesNothing()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        const QPoint at = c.viewPos(c.scene.nodeItem({"gen"})->scenePos() + QPointF(90, 50));
        QTest::mouseClick(c.view.viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(c.doc.undoStack()->count(), 0);
        QCOMPARE(c.scene.selectedNodeIds(), std::vector<NodeId>{{"gen"}});
    }

    void rubberBandAndCtrlClickSelect()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        // A band around the first two nodes.
        c.drag(c.viewPos({-30, -30}), c.viewPos({470, 120}));
        QCOMPARE(c.scene.selectedNodeIds(), (std::vector<NodeId>{{"gen"}, {"bus"}}));
        // Ctrl+click adds the third.
        const QPoint count = c.viewPos(c.scene.nodeItem({"count"})->scenePos() + QPointF(90, 50));
        QTest::mouseClick(c.view.viewport(), Qt::LeftButton, Qt::ControlModifier, count);
        QCOMPARE(c.scene.selectedNodeIds(), (std::vector<NodeId>{{"gen"}, {"bus"}, {"count"}}));
        QCOMPARE(c.doc.undoStack()->count(), 0);
    }

    void deleteRemovesNodesAndWiresInOneStep()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        const QString before = c.serialized();
        const std::size_t nodes = c.doc.flow().nodes.size();
        c.scene.selectNodes({{"bus"}});
        c.actions.deleteAction()->trigger();
        QCOMPARE(c.doc.flow().nodes.size(), nodes - 1);
        QVERIFY(!c.scene.nodeItem({"bus"}));
        for (const auto &link : c.doc.flow().links)
            QVERIFY(link.from.node.value != "bus" && link.to.node.value != "bus");
        QCOMPARE(c.doc.undoStack()->count(), 1);
        c.doc.undoStack()->undo();
        QCOMPARE(c.serialized(), before);
        QCOMPARE(int(c.scene.items().size()) > 0, true);
        for (const auto &link : c.doc.flow().links)
            QVERIFY(c.scene.linkItem(link.id()));
    }

    void selectedWireCanBeDeleted()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        const Link first = c.doc.flow().links.front();
        c.scene.linkItem(first.id())->setSelected(true);
        c.actions.deleteAction()->trigger();
        QCOMPARE(c.doc.flow().linkIndex(first.id()), -1);
        QVERIFY(!c.scene.linkItem(first.id()));
    }

    void copyPasteKeepsIdsUniqueAndInternalLinks()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        const std::size_t nodes = c.doc.flow().nodes.size();
        const std::size_t links = c.doc.flow().links.size();
        c.scene.selectNodes({{"orders"}, {"bus"}});
        c.actions.copyAction()->trigger();
        c.actions.pasteAction()->trigger();
        QCOMPARE(c.doc.flow().nodes.size(), nodes + 2);
        QCOMPARE(c.doc.flow().links.size(), links + 1); // orders -> bus came along
        const auto pasted = c.scene.selectedNodeIds();
        QCOMPARE(pasted, (std::vector<NodeId>{{"orders2"}, {"bus2"}}));
        QVERIFY(c.doc.flow().linkIndex({port("orders2.out"), port("bus2.in")}) >= 0);
        QCOMPARE(c.doc.undoStack()->count(), 1);
        // Pasted copies sit beside the originals, not on top of them.
        QVERIFY(!c.scene.nodeItem({"orders2"})->sceneBoundingRect().topLeft().isNull());
        QVERIFY(c.scene.nodeItem({"orders2"})->pos() != c.scene.nodeItem({"orders"})->pos());
        // Duplicate does the same without the clipboard.
        c.actions.duplicateAction()->trigger();
        QCOMPARE(c.scene.selectedNodeIds(), (std::vector<NodeId>{{"orders3"}, {"bus3"}}));
        QVERIFY(c.doc.flow().linkIndex({port("orders3.out"), port("bus3.in")}) >= 0);
    }

    void autoLayoutLeavesNoOverlapAndIsDeterministic()
    {
        Canvas c;
        Flow flow = loadExample("iot-sensors.evflow.json");
        for (auto &[id, pos] : flow.layout)
            pos = {0, 0}; // everything piled up
        c.doc.resetFlow(flow);
        QVERIFY(overlaps(c.scene));
        c.actions.autoLayoutAction()->trigger();
        QVERIFY(!overlaps(c.scene));
        QCOMPARE(c.doc.undoStack()->count(), 1);
        const auto first = c.doc.flow().layout;
        c.doc.undoStack()->undo();
        QVERIFY(overlaps(c.scene));
        c.actions.autoLayoutAction()->trigger();
        QCOMPARE(c.doc.flow().layout, first);
        // Wires run left to right after layout.
        for (const auto &link : c.doc.flow().links)
            QVERIFY(c.scene.portItem(link.from)->anchor().x()
                    < c.scene.portItem(link.to)->anchor().x());
    }

    void findMatchesIdsLabelsAndProperties()
    {
        const Flow flow = loadExample("order-pipeline.evflow.json");
        QCOMPARE(findNodes(flow, QStringLiteral("BUS")), std::vector<NodeId>{{"bus"}});
        QCOMPARE(findNodes(flow, QStringLiteral("ledger")), std::vector<NodeId>{{"billing"}});
        QCOMPARE(findNodes(flow, QStringLiteral("inproc://orders")), std::vector<NodeId>{{"bus"}});
        QVERIFY(findNodes(flow, QStringLiteral("no-such-thing")).empty());
        QVERIFY(findNodes(flow, QStringLiteral("  ")).empty());

        Canvas c;
        c.doc.resetFlow(flow);
        FindBar bar(&c.view);
        bar.activate();
        QTest::keyClicks(bar.edit(), QStringLiteral("ledger"));
        QCOMPARE(c.scene.selectedNodeIds(), std::vector<NodeId>{{"billing"}});
    }

    void alignmentLinesUpAndDistributes()
    {
        const std::map<NodeId, NodeBox> boxes{
            {{"a"}, {0, 0, 180, 90}}, {{"b"}, {300, 40, 180, 90}}, {{"c"}, {500, 200, 180, 130}}};
        const auto left = align(boxes, Alignment::Left);
        QCOMPARE(left.size(), std::size_t(2));
        QCOMPARE(left.at({"b"}), (Position{0, 40}));
        const auto bottom = align(boxes, Alignment::Bottom);
        QCOMPARE(bottom.at({"a"}), (Position{0, 240}));
        QCOMPARE(bottom.count({"c"}), std::size_t(0));
        const auto spread = align(boxes, Alignment::DistributeHorizontally);
        // Span 0..680, boxes 540 wide: gaps of 70, so b starts at 250.
        QCOMPARE(spread.size(), std::size_t(1));
        QCOMPARE(spread.at({"b"}), (Position{250, 40}));
        QVERIFY(align({{{"a"}, {0, 0, 1, 1}}}, Alignment::Left).empty());

        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        c.doc.moveNodes({{{"bus"}, {260, 70}}}, true);
        c.scene.selectNodes({{"gen"}, {"bus"}, {"count"}});
        const int steps = c.doc.undoStack()->count();
        c.actions.alignSelection(Alignment::Top);
        QCOMPARE(c.doc.undoStack()->count(), steps + 1);
        QCOMPARE(c.doc.flow().layout.at({"bus"}).y, 0.0);
    }

    void wheelAndKeysZoom()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        QSignalSpy zoom(&c.view, &FlowView::zoomChanged);
        const double before = c.view.zoom();
        c.actions.zoomInAction()->trigger();
        QVERIFY(c.view.zoom() > before);
        c.actions.zoomOutAction()->trigger();
        QVERIFY(std::abs(c.view.zoom() - before) < 1e-9);
        const QPoint centre = c.view.viewport()->rect().center();
        QWheelEvent wheel(centre, c.view.viewport()->mapToGlobal(centre), {}, {0, 240},
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(c.view.viewport(), &wheel);
        QVERIFY(c.view.zoom() > before);
        c.view.setZoom(100);
        QCOMPARE(c.view.zoom(), 4.0); // clamped
        c.actions.fitAction()->trigger();
        const QRect visible = c.view.mapFromScene(c.scene.nodesBoundingRect()).boundingRect();
        QVERIFY(c.view.viewport()->rect().contains(visible));
        QVERIFY(zoom.count() >= 4);
    }

    void middleButtonAndSpaceDragPan()
    {
        Canvas c;
        c.doc.resetFlow(producerChannelConsumer());
        QWidget *vp = c.view.viewport();
        const QPointF before = c.view.mapToScene(vp->rect().center());
        QTest::mousePress(vp, Qt::MiddleButton, {}, QPoint(500, 300));
        QTest::mouseMove(vp, QPoint(400, 250));
        QTest::mouseMove(vp, QPoint(300, 200));
        QTest::mouseRelease(vp, Qt::MiddleButton, {}, QPoint(300, 200));
        const QPointF afterMiddle = c.view.mapToScene(vp->rect().center());
        QCOMPARE(afterMiddle - before, QPointF(200, 100)); // the canvas followed the hand
        QVERIFY(c.scene.selectedNodeIds().empty());        // no rubber band, no selection
        QCOMPARE(c.doc.undoStack()->count(), 0);

        c.view.setFocus();
        QTest::keyPress(&c.view, Qt::Key_Space);
        c.drag(QPoint(300, 300), QPoint(400, 300));
        QTest::keyRelease(&c.view, Qt::Key_Space);
        const QPointF afterSpace = c.view.mapToScene(vp->rect().center());
        QCOMPARE(afterSpace - afterMiddle, QPointF(-100, 0));
        QCOMPARE(c.doc.undoStack()->count(), 0);
        QCOMPARE(c.view.dragMode(), QGraphicsView::RubberBandDrag); // back to selecting
    }

    void problemsShowOnTheNode()
    {
        Canvas c;
        Flow flow = producerChannelConsumer();
        flow.nodes[1].properties.erase("endpoint"); // required
        c.doc.resetFlow(flow);
        QVERIFY(c.scene.nodeItem({"bus"})->toolTip().contains(QStringLiteral("endpoint")));
        c.doc.setProperty({"bus"}, "endpoint", std::string("inproc://x"));
        QVERIFY(!c.scene.nodeItem({"bus"})->toolTip().contains(QStringLiteral("✗")));
    }

    void exportWritesPngAndSvg()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        c.scene.selectNodes({{"bus"}});
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("flow.png"));
        const QString svg = dir.filePath(QStringLiteral("flow.svg"));
        QVERIFY(CanvasExport::toPng(c.scene, png));
        QVERIFY(CanvasExport::toSvg(c.scene, svg));
        const QImage image(png);
        QVERIFY(!image.isNull());
        const QRectF bounds = c.scene.itemsBoundingRect();
        QVERIFY(image.width() >= int(bounds.width()) * 2);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Order bus")); // node captions are text, not pixels
        // The selection is restored after exporting.
        QCOMPARE(c.scene.selectedNodeIds(), std::vector<NodeId>{{"bus"}});
        // A path that cannot be written is reported, naming it.
        const auto failed = CanvasExport::toPng(c.scene, QStringLiteral("/proc/flow.png"));
        QVERIFY(!failed);
        QVERIFY(failed.message.contains(QStringLiteral("/proc/flow.png")));
    }

    void renameKeepsItemsAndWires()
    {
        Canvas c;
        c.doc.resetFlow(loadExample("order-pipeline.evflow.json"));
        NodeItem *bus = c.scene.nodeItem({"bus"});
        QVERIFY(c.doc.renameNode({"bus"}, {"orderbus"}));
        QCOMPARE(c.scene.nodeItem({"orderbus"}), bus);
        QVERIFY(!c.scene.nodeItem({"bus"}));
        for (const auto &link : c.doc.flow().links) {
            LinkItem *item = c.scene.linkItem(link.id());
            QVERIFY2(item, link.id().toString().c_str());
            QVERIFY(item->isVisible());
        }
        QCOMPARE(bus->port("out")->ref().node.value, std::string("orderbus"));
    }
};

QTEST_MAIN(TestCanvas)
#include "TestCanvas.moc"
