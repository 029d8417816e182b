// The studio at scale (issue 7, point 6): the 1000-node flow of bench/BigFlow.h, which has no
// positions, opened in a real window. Every node and wire is on the canvas with its wires
// attached to its ports, the Problems panel is empty, Auto Layout leaves no two nodes
// overlapping and one undo puts every node back where it was. No timing here: speed is
// measured by evflow-bench-studio-scale.

#include "bench/BigFlow.h"
#include "model/FlowFile.h"
#include "ui/FlowDocument.h"
#include "ui/ProblemsPanel.h"
#include "ui/canvas/CanvasActions.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/PortItem.h"

#include "support/Screenshots.h"
#include "support/StudioWindow.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>
#include <map>
#include <vector>

using namespace evflow;
using namespace evflow::ui::canvas;
using ui::testing::StudioWindow;

namespace {

constexpr std::size_t kNodes = 1000;

/// Every node's rectangle on the canvas, in scene coordinates.
std::map<model::NodeId, QRectF> nodeFrames(const FlowScene &scene, const model::Flow &flow)
{
    std::map<model::NodeId, QRectF> frames;
    for (const model::Node &node : flow.nodes)
        if (const NodeItem *item = scene.nodeItem(node.id))
            frames[node.id] = item->frame().translated(item->pos());
    return frames;
}

/// The first pair of overlapping rectangles, as text; empty when none overlap. Sorted by left
/// edge, so only rectangles that start before another ends are compared.
QString firstOverlap(const std::map<model::NodeId, QRectF> &frames)
{
    std::vector<std::pair<QRectF, model::NodeId>> sorted;
    for (const auto &[id, rect] : frames)
        sorted.emplace_back(rect, id);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto &a, const auto &b) { return a.first.left() < b.first.left(); });
    for (std::size_t i = 0; i < sorted.size(); ++i)
        for (std::size_t j = i + 1; j < sorted.size(); ++j) {
            if (sorted[j].first.left() >= sorted[i].first.right())
                break;
            if (sorted[i].first.intersects(sorted[j].first))
                return QString::fromStdString(sorted[i].second.value + " and "
                                              + sorted[j].second.value);
        }
    return {};
}

/// With $EVFLOW_SCREENSHOT_DIR set: the window after auto-layout, fitted (studio-1000.png).
void saveLaidOutShot(StudioWindow &studio)
{
    if (qEnvironmentVariableIsEmpty("EVFLOW_SCREENSHOT_DIR"))
        return;
    studio.window->resize(1440, 900);
    QCoreApplication::processEvents();
    studio.window->view()->fitToView();
    ui::testing::saveShot(*studio.window, "studio-1000");
}

} // namespace

class TestStudioScale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyNodeAndWireIsOnTheCanvas();
    void autoLayoutLeavesNoOverlapAndUndoRestores();

private:
    void openBigFlow(StudioWindow &studio);
    void verifyWiresFollowPorts(const FlowScene &scene, const model::Flow &flow);

    QTemporaryDir m_dir;
    QString m_path;
    model::Flow m_flow;
};

void TestStudioScale::initTestCase()
{
    m_flow = bench::makeBigFlow(kNodes);
    QCOMPARE(m_flow.nodes.size(), kNodes);
    QVERIFY(m_flow.layout.empty()); // auto-layout has every node to place
    m_path = m_dir.filePath(QStringLiteral("big.evflow.json"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(QByteArray::fromStdString(model::serializeFlow(m_flow))) > 0);
}

void TestStudioScale::openBigFlow(StudioWindow &studio)
{
    QVERIFY(studio.window->openFlow(m_path));
    QCOMPARE(studio.window->document()->flow().nodes.size(), kNodes);
}

void TestStudioScale::verifyWiresFollowPorts(const FlowScene &scene, const model::Flow &flow)
{
    for (const model::Link &link : flow.links) {
        const LinkItem *item = scene.linkItem(link.id());
        QVERIFY2(item, link.id().toString().c_str());
        QVERIFY2(item->isVisible(), link.id().toString().c_str());
        const PortItem *from = scene.portItem(link.from);
        const PortItem *to = scene.portItem(link.to);
        QVERIFY(from && to);
        // The wire's bounds hold both of its ends wherever the nodes went.
        QVERIFY2(item->boundingRect().contains(from->anchor()), link.id().toString().c_str());
        QVERIFY2(item->boundingRect().contains(to->anchor()), link.id().toString().c_str());
    }
}

void TestStudioScale::everyNodeAndWireIsOnTheCanvas()
{
    StudioWindow studio;
    openBigFlow(studio);
    const FlowScene &scene = *studio.window->scene();
    int nodeItems = 0, linkItems = 0;
    for (QGraphicsItem *item : scene.items()) {
        nodeItems += item->type() == NodeItem::Type;
        linkItems += item->type() == LinkItem::Type;
    }
    QCOMPARE(nodeItems, int(m_flow.nodes.size()));
    QCOMPARE(linkItems, int(m_flow.links.size()));
    for (const model::Node &node : m_flow.nodes)
        QVERIFY2(scene.nodeItem(node.id), node.id.value.c_str());
    verifyWiresFollowPorts(scene, m_flow);

    QVERIFY(studio.window->document()->problems().empty());
    const auto *table = studio.window->problemsPanel()->findChild<QTableView *>();
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(studio.window->runAction()->isEnabled()); // a valid flow can run

    // The Events dock names a few of the hundreds of inputs and lists them all in its tooltip:
    // the whole list on one line once made the window 42 000 px wide.
    const auto *scope = studio.window->findChild<QLabel *>(QStringLiteral("eventScope"));
    QVERIFY(scope);
    QVERIFY2(scope->text().endsWith(QStringLiteral("more")), qPrintable(scope->text()));
    const int inputs = int(scope->toolTip().split(QLatin1Char('\n')).size());
    QVERIFY2(inputs > 400, qPrintable(QString::number(inputs)));
    QVERIFY2(studio.window->minimumSizeHint().width() < 2000,
             qPrintable(QString::number(studio.window->minimumSizeHint().width())));
}

void TestStudioScale::autoLayoutLeavesNoOverlapAndUndoRestores()
{
    StudioWindow studio;
    openBigFlow(studio);
    ui::FlowDocument &document = *studio.window->document();
    const FlowScene &scene = *studio.window->scene();
    // Pile the first lane onto one spot, so the layout has overlaps to undo as well.
    std::map<model::NodeId, model::Position> piled;
    for (std::size_t i = 0; i < 10; ++i)
        piled[m_flow.nodes[i].id] = {5000, 5000};
    QVERIFY(document.moveNodes(piled, true));
    QVERIFY(!firstOverlap(nodeFrames(scene, m_flow)).isEmpty());
    const auto framesBefore = nodeFrames(scene, m_flow);
    const auto layoutBefore = document.flow().layout;
    const int undoSteps = document.undoStack()->count();

    studio.window->canvasActions()->autoLayoutAction()->trigger();
    QCOMPARE(document.undoStack()->count(), undoSteps + 1); // one step for all nodes
    QCOMPARE(document.flow().layout.size(), kNodes);
    const auto framesAfter = nodeFrames(scene, m_flow);
    QCOMPARE(framesAfter.size(), kNodes);
    const QString overlap = firstOverlap(framesAfter);
    QVERIFY2(overlap.isEmpty(), qPrintable(QStringLiteral("overlap: ") + overlap));
    QVERIFY(framesAfter != framesBefore);
    verifyWiresFollowPorts(scene, m_flow);
    QVERIFY(document.problems().empty());
    saveLaidOutShot(studio);

    document.undoStack()->undo();
    QCOMPARE(document.flow().layout, layoutBefore);
    QCOMPARE(nodeFrames(scene, m_flow), framesBefore);
    verifyWiresFollowPorts(scene, m_flow);
}

QTEST_MAIN(TestStudioScale)
#include "TestStudioScale.moc"
