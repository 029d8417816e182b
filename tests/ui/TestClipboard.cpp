// Copy and paste of node selections: fragments keep the links among the selected nodes only,
// pasted ids stay unique, one paste is one undo step, and fragments survive the clipboard.

#include "model/FlowFile.h"
#include "ui/FlowClipboard.h"
#include "ui/FlowDocument.h"

#include "../model/support/SampleFlows.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QUndoStack>
#include <QtTest>

#include <set>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::FlowClipboard;
using ui::FlowDocument;

namespace {

std::vector<std::string> ids(const Flow &flow)
{
    std::vector<std::string> out;
    for (const Node &n : flow.nodes)
        out.push_back(n.id.value);
    return out;
}

std::vector<std::string> links(const Flow &flow)
{
    std::vector<std::string> out;
    for (const Link &l : flow.links)
        out.push_back(l.id().toString());
    return out;
}

} // namespace

class TestClipboard : public QObject
{
    Q_OBJECT
private slots:
    void copyKeepsInternalLinksOnly();
    void pasteRenamesAndKeepsLinks();
    void pasteTwiceCountsOn();
    void pastedIdsAvoidEachOther();
    void pasteIntoAnotherFlowBringsEventTypes();
    void pasteIsOneUndoStep();
    void mimeDataRoundTrip();
    void plainTextIsAccepted();
    void garbageIsRefused();
    void systemClipboard();
};

void TestClipboard::copyKeepsInternalLinksOnly()
{
    // Selection order does not matter: the fragment keeps the flow's order.
    const Flow fragment
        = FlowClipboard::copy(richFlow(), {{"billing"}, {"orders"}, {"bus"}, {"x"}});
    QCOMPARE(ids(fragment), (std::vector<std::string>{"orders", "bus", "billing"}));
    QCOMPARE(links(fragment),
             (std::vector<std::string>{"orders.out -> bus.in", "bus.out -> billing.in"}));
    QCOMPARE(fragment.links[1].types, (std::vector<std::string>{"order."}));
    QCOMPARE(fragment.layout.size(), size_t{3});
    QCOMPARE(fragment.layout.at({"billing"}), (Position{520, 0}));
    QCOMPARE(fragment.eventTypes.size(), size_t{1}); // only the type "orders" names
    QCOMPARE(fragment.eventTypes[0].name, std::string("order.placed"));
    QVERIFY(fragment.nodes[0] == richFlow().nodes[0]); // faults, properties and all
}

void TestClipboard::pasteRenamesAndKeepsLinks()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const Flow fragment = FlowClipboard::copy(doc.flow(), {{"orders"}, {"bus"}, {"billing"}});
    std::vector<NodeId> pasted;
    const EditResult result = doc.paste(fragment, {30, 40}, &pasted);
    QVERIFY2(result.ok, result.message.c_str());
    QCOMPARE(pasted, (std::vector<NodeId>{{"orders2"}, {"bus2"}, {"billing2"}}));
    const Flow &flow = doc.flow();
    QCOMPARE(flow.nodes.size(), size_t{19});
    QCOMPARE(flow.links.size(), size_t{17});
    QCOMPARE(flow.links[15].id().toString(), std::string("orders2.out -> bus2.in"));
    QCOMPARE(flow.links[16].id().toString(), std::string("bus2.out -> billing2.in"));
    QCOMPARE(flow.links[16].types, (std::vector<std::string>{"order."}));
    QCOMPARE(flow.layout.at({"orders2"}), (Position{30, 200}));
    QCOMPARE(flow.layout.at({"billing2"}), (Position{550, 40}));
    QCOMPARE(flow.eventTypes.size(), richFlow().eventTypes.size()); // already declared
    std::set<NodeId> unique;
    for (const Node &n : flow.nodes)
        QVERIFY2(unique.insert(n.id).second, n.id.value.c_str());
}

void TestClipboard::pasteTwiceCountsOn()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const Flow fragment = FlowClipboard::copy(doc.flow(), {{"orders"}});
    QVERIFY(doc.paste(fragment, {10, 10}).ok);
    std::vector<NodeId> pasted;
    QVERIFY(doc.paste(fragment, {20, 20}, &pasted).ok);
    QCOMPARE(pasted, (std::vector<NodeId>{{"orders3"}}));
    QCOMPARE(doc.undoStack()->count(), 2);
}

void TestClipboard::pastedIdsAvoidEachOther()
{
    // "gen" becomes "gen2", so the fragment's own "gen2" must move on to "gen3".
    Flow fragment;
    fragment.nodes = {node("gen", NodeKind::Generator), node("gen2", NodeKind::Generator),
                      node("q", NodeKind::Queue, {{"endpoint", std::string("inproc://x")}})};
    fragment.links = {wire("gen.out", "q.in"), wire("gen2.out", "q.in")};
    Flow target;
    target.nodes = {node("gen", NodeKind::Generator)};
    const Flow prepared = FlowClipboard::prepareForPaste(target, fragment, {0, 0});
    QCOMPARE(ids(prepared), (std::vector<std::string>{"gen2", "gen3", "q"}));
    QCOMPARE(links(prepared), (std::vector<std::string>{"gen2.out -> q.in", "gen3.out -> q.in"}));
}

void TestClipboard::pasteIntoAnotherFlowBringsEventTypes()
{
    // sensor sits on host "edge" and emits "sensor.reading": an empty flow has neither.
    const Flow fragment = FlowClipboard::copy(richFlow(), {{"sensor"}, {"telemetry"}});
    QCOMPARE(links(fragment), (std::vector<std::string>{"sensor.out -> telemetry.in"}));
    FlowDocument doc;
    const std::string before = serializeFlow(doc.flow());
    std::vector<NodeId> pasted;
    const EditResult result = doc.paste(fragment, {0, 0}, &pasted);
    QVERIFY2(result.ok, result.message.c_str());
    QCOMPARE(pasted, (std::vector<NodeId>{{"sensor"}, {"telemetry"}})); // free ids are kept
    QCOMPARE(doc.flow().eventTypes.size(), size_t{1});
    QCOMPARE(doc.flow().eventTypes[0].name, std::string("sensor.reading"));
    QCOMPARE(doc.flow().nodes[0].host, std::string()); // "edge" is not declared here
    QCOMPARE(doc.flow().nodes[1].host, std::string());
    doc.undoStack()->undo();
    QCOMPARE(serializeFlow(doc.flow()), before);
}

void TestClipboard::pasteIsOneUndoStep()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const std::string before = serializeFlow(doc.flow());
    const Flow fragment = FlowClipboard::copy(doc.flow(), {{"bus"}, {"billing"}, {"shipping"}});
    QVERIFY(doc.paste(fragment, {0, 300}).ok);
    const std::string after = serializeFlow(doc.flow());
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(serializeFlow(doc.flow()), before);
    doc.undoStack()->redo();
    QCOMPARE(serializeFlow(doc.flow()), after);
}

void TestClipboard::mimeDataRoundTrip()
{
    const Flow fragment = FlowClipboard::copy(richFlow(), {{"orders"}, {"bus"}, {"shipping"}});
    std::unique_ptr<QMimeData> data(FlowClipboard::toMimeData(fragment));
    QVERIFY(data->hasFormat(FlowClipboard::mimeType()));
    QCOMPARE(data->text().toStdString(), serializeFlow(fragment));
    QString error;
    const std::optional<Flow> back = FlowClipboard::fromMimeData(data.get(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(serializeFlow(*back), serializeFlow(fragment));
}

void TestClipboard::plainTextIsAccepted()
{
    QMimeData data;
    data.setText(QString::fromStdString(serializeFlow(richFlow())));
    const std::optional<Flow> flow = FlowClipboard::fromMimeData(&data);
    QVERIFY(flow.has_value());
    QCOMPARE(flow->nodes.size(), size_t{16});
}

void TestClipboard::garbageIsRefused()
{
    QMimeData data;
    data.setText("hello");
    QString error;
    QVERIFY(!FlowClipboard::fromMimeData(&data, &error).has_value());
    QVERIFY2(error.startsWith("The clipboard does not hold an evflow flow: "), qPrintable(error));
    QVERIFY(!FlowClipboard::fromMimeData(nullptr, &error).has_value());
    QCOMPARE(error, QStringLiteral("The clipboard is empty"));
}

void TestClipboard::systemClipboard()
{
    FlowClipboard::copyToClipboard(richFlow(), {{"alert"}, {"alerts"}, {"alertlog"}});
    QVERIFY(QGuiApplication::clipboard()->mimeData()->hasFormat(FlowClipboard::mimeType()));
    const std::optional<Flow> fragment = FlowClipboard::fromClipboard();
    QVERIFY(fragment.has_value());
    QCOMPARE(ids(*fragment), (std::vector<std::string>{"alert", "alerts", "alertlog"}));
    QCOMPARE(links(*fragment),
             (std::vector<std::string>{"alert.out -> alerts.in", "alerts.out -> alertlog.in"}));
    QCOMPARE(fragment->eventTypes.size(), size_t{1}); // alert.high, the alert's alertType
    QCOMPARE(fragment->eventTypes[0].name, std::string("alert.high"));
}

QTEST_MAIN(TestClipboard)
#include "TestClipboard.moc"
