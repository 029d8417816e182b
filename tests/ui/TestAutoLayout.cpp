// AutoLayout: columns by depth, rows by barycentre, no overlaps, deterministic.

#include "model/FlowFile.h"
#include "model/NodeCatalog.h"
#include "ui/AutoLayout.h"

#include "../model/support/SampleFlows.h"

#include <QtTest>

#include <algorithm>
#include <random>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::AutoLayout;

namespace {

Flow loadExample(const QString &name)
{
    const LoadResult loaded = loadFlowFile(std::string(EVFLOW_SOURCE_DIR) + "/resources/examples/"
                                           + name.toStdString());
    return loaded.flow.value_or(Flow{});
}

/// 200 nodes in layers: 30 producers each feeding one of 40 channels; 100 consumers reading a
/// channel; 30 processors reading a channel and writing to a later channel (so no cycle).
/// Seeded: the same flow every run.
Flow generatedFlow()
{
    std::mt19937 random(20240601);
    const auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
    Flow flow;
    const auto channel = [](size_t i) { return "ch" + std::to_string(i); };
    for (size_t i = 0; i < 40; ++i)
        flow.nodes.push_back(node(channel(i), i % 2 ? NodeKind::Queue : NodeKind::PubSub));
    for (size_t i = 0; i < 30; ++i) {
        flow.nodes.push_back(node("p" + std::to_string(i), NodeKind::Generator));
        flow.links.push_back(wire("p" + std::to_string(i) + ".out", channel(pick(40)) + ".in"));
    }
    for (size_t i = 0; i < 100; ++i) {
        flow.nodes.push_back(node("c" + std::to_string(i), NodeKind::Counter));
        flow.links.push_back(wire(channel(pick(40)) + ".out", "c" + std::to_string(i) + ".in"));
    }
    for (size_t i = 0; i < 30; ++i) {
        const std::string id = "f" + std::to_string(i);
        flow.nodes.push_back(node(id, NodeKind::Filter));
        const size_t from = pick(39);
        flow.links.push_back(wire(channel(from) + ".out", id + ".in"));
        flow.links.push_back(wire(id + ".out", channel(from + 1 + pick(39 - from)) + ".in"));
    }
    return flow;
}

void verifyLayout(const Flow &flow)
{
    const auto layout = AutoLayout::compute(flow);
    QCOMPARE(layout.size(), flow.nodes.size());
    for (const Node &n : flow.nodes)
        QVERIFY2(layout.count(n.id), n.id.value.c_str());

    // No two node rectangles overlap.
    std::vector<std::pair<NodeId, Position>> placed(layout.begin(), layout.end());
    for (size_t i = 0; i < placed.size(); ++i)
        for (size_t j = i + 1; j < placed.size(); ++j) {
            const Position a = placed[i].second;
            const Position b = placed[j].second;
            const bool apart = std::abs(a.x - b.x) >= AutoLayout::kNodeWidth
                               || std::abs(a.y - b.y) >= AutoLayout::kNodeHeight;
            QVERIFY2(apart, (placed[i].first.value + " overlaps " + placed[j].first.value).c_str());
        }
    // Producers in column 0; every wire points right (producer < channel < consumer).
    for (const Node &n : flow.nodes)
        if (catalog::role(n.kind) == NodeRole::Producer)
            QCOMPARE(layout.at(n.id).x, 0.0);
    for (const Link &l : flow.links)
        QVERIFY2(layout.at(l.from.node).x < layout.at(l.to.node).x, l.id().toString().c_str());
    // Deterministic, and independent of the order of nodes and links.
    QVERIFY(AutoLayout::compute(flow) == layout);
    Flow reversed = flow;
    std::reverse(reversed.nodes.begin(), reversed.nodes.end());
    std::reverse(reversed.links.begin(), reversed.links.end());
    QVERIFY(AutoLayout::compute(reversed) == layout);
}

} // namespace

class TestAutoLayout : public QObject
{
    Q_OBJECT
private slots:
    void examples_data();
    void examples();
    void generatedFlow200();
    void richFlowHasNoOverlap();
    void chainStaysOnOneLine();
    void fanInCentresTheChannel();
    void unlinkedNodesSitInTheirRoleColumn();
    void cyclesDoNotLoop();
    void cycleIsCutWhereItLoopsBack();
    void emptyFlow();
};

void TestAutoLayout::examples_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("iot") << "iot-sensors.evflow.json";
    QTest::newRow("orders") << "order-pipeline.evflow.json";
    QTest::newRow("throughput") << "throughput.evflow.json";
}

void TestAutoLayout::examples()
{
    QFETCH(QString, file);
    const Flow flow = loadExample(file);
    QVERIFY(flow.nodes.size() >= 3);
    verifyLayout(flow);
}

void TestAutoLayout::generatedFlow200()
{
    const Flow flow = generatedFlow();
    QCOMPARE(flow.nodes.size(), size_t{200});
    verifyLayout(flow);
    // Processors write to later channels, so the deepest path is longer than three columns.
    const auto layout = AutoLayout::compute(flow);
    const auto right = std::max_element(layout.begin(), layout.end(),
                                        [](auto &a, auto &b) { return a.second.x < b.second.x; });
    QVERIFY(right->second.x >= 4 * AutoLayout::kColumnWidth);
}

void TestAutoLayout::richFlowHasNoOverlap()
{
    verifyLayout(richFlow());
    const auto layout = AutoLayout::compute(richFlow());
    // orders -> bus -> regions -> eubus -> eucount: five columns deep.
    QCOMPARE(layout.at({"eucount"}).x, 4 * AutoLayout::kColumnWidth);
    // shipping (column 2) diverts late events to latebus (3) and latecount (4).
    QCOMPARE(layout.at({"latecount"}).x, 4 * AutoLayout::kColumnWidth);
}

void TestAutoLayout::chainStaysOnOneLine()
{
    Flow flow;
    flow.nodes = {node("sink", NodeKind::Counter), node("pipe", NodeKind::Queue),
                  node("gen", NodeKind::Generator)};
    flow.links = {wire("gen.out", "pipe.in"), wire("pipe.out", "sink.in")};
    const auto layout = AutoLayout::compute(flow);
    QCOMPARE(layout.at({"gen"}), (Position{0, 0}));
    QCOMPARE(layout.at({"pipe"}), (Position{260, 0}));
    QCOMPARE(layout.at({"sink"}), (Position{520, 0}));
}

void TestAutoLayout::fanInCentresTheChannel()
{
    Flow flow;
    flow.nodes = {node("b", NodeKind::Generator), node("a", NodeKind::Generator),
                  node("c", NodeKind::Generator), node("bus", NodeKind::PubSub),
                  node("x", NodeKind::Counter),   node("y", NodeKind::Counter)};
    flow.links = {wire("a.out", "bus.in"), wire("b.out", "bus.in"), wire("c.out", "bus.in"),
                  wire("bus.out", "y.in"), wire("bus.out", "x.in")};
    const auto layout = AutoLayout::compute(flow);
    QCOMPARE(layout.at({"a"}), (Position{0, 0})); // producers by id
    QCOMPARE(layout.at({"b"}), (Position{0, 130}));
    QCOMPARE(layout.at({"c"}), (Position{0, 260}));
    QCOMPARE(layout.at({"bus"}), (Position{260, 130})); // barycentre of rows 0, 1, 2
    QCOMPARE(layout.at({"x"}), (Position{520, 130}));   // same barycentre: by id, then below
    QCOMPARE(layout.at({"y"}), (Position{520, 260}));
}

void TestAutoLayout::unlinkedNodesSitInTheirRoleColumn()
{
    Flow flow;
    flow.nodes = {node("count", NodeKind::Counter), node("q", NodeKind::Queue),
                  node("gen", NodeKind::Generator), node("route", NodeKind::Router)};
    const auto layout = AutoLayout::compute(flow);
    QCOMPARE(layout.at({"gen"}), (Position{0, 0}));
    QCOMPARE(layout.at({"q"}), (Position{260, 0}));
    QCOMPARE(layout.at({"count"}), (Position{520, 0}));
    QCOMPARE(layout.at({"route"}), (Position{520, 130}));
}

void TestAutoLayout::cyclesDoNotLoop()
{
    // bus -> filter -> bus: the link closing the cycle is ignored for depth.
    Flow flow;
    flow.nodes = {node("gen", NodeKind::Generator), node("bus", NodeKind::PubSub),
                  node("loop", NodeKind::Filter), node("sink", NodeKind::Counter)};
    flow.links = {wire("gen.out", "bus.in"), wire("bus.out", "loop.in"), wire("loop.out", "bus.in"),
                  wire("bus.out", "sink.in")};
    const auto layout = AutoLayout::compute(flow);
    QCOMPARE(layout.at({"gen"}).x, 0.0);
    QCOMPARE(layout.at({"bus"}).x, 260.0);
    QCOMPARE(layout.at({"loop"}).x, 520.0);
    QCOMPARE(layout.at({"sink"}).x, 520.0);
    QCOMPARE(layout.at({"loop"}).y, 0.0); // "loop" < "sink"
    QCOMPARE(layout.at({"sink"}).y, 130.0);
}

void TestAutoLayout::cycleIsCutWhereItLoopsBack()
{
    // Same loop, but the filter's id sorts before the channel's: the search starts from the
    // producer, so the filter -> bus link is still the one ignored.
    Flow flow;
    flow.nodes = {node("gen", NodeKind::Generator), node("bus", NodeKind::PubSub),
                  node("aloop", NodeKind::Filter)};
    flow.links
        = {wire("gen.out", "bus.in"), wire("bus.out", "aloop.in"), wire("aloop.out", "bus.in")};
    const auto layout = AutoLayout::compute(flow);
    QCOMPARE(layout.at({"bus"}), (Position{260, 0}));
    QCOMPARE(layout.at({"aloop"}), (Position{520, 0}));
}

void TestAutoLayout::emptyFlow()
{
    QVERIFY(AutoLayout::compute(Flow{}).empty());
}

QTEST_MAIN(TestAutoLayout)
#include "TestAutoLayout.moc"
