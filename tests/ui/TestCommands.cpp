// Every FlowDocument edit as an undoable command: do -> undo gives back the exact text and value
// of the flow, redo the exact result; refused edits push nothing and carry the model's message.

#include "model/FlowEdit.h"
#include "model/FlowFile.h"
#include "ui/FlowClipboard.h"
#include "ui/FlowDocument.h"

#include "../model/support/SampleFlows.h"

#include <QUndoStack>
#include <QtTest>

#include <functional>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::FlowDocument;

namespace {

struct Edit
{
    const char *name;
    std::function<EditResult(FlowDocument &)> apply;
};

LinkId linkId(const std::string &from, const std::string &to)
{
    return wire(from, to).id();
}

std::vector<Edit> acceptedEdits()
{
    return {
        {"add node with position",
         [](FlowDocument &d) {
             return d.addNode(node("extra", NodeKind::Counter), Position{1, 2});
         }},
        {"add node without position",
         [](FlowDocument &d) { return d.addNode(node("extra", NodeKind::Counter)); }},
        {"remove a node with six links", [](FlowDocument &d) { return d.removeNodes({{"bus"}}); }},
        {"remove nodes and a link",
         [](FlowDocument &d) {
             return d.removeNodes(
                 {{"alerts"}, {"orders"}, {"alerts"}},
                 {linkId("telemetry.out", "sensorcount.in"), linkId("orders.out", "bus.in")});
         }},
        {"move placed and unplaced nodes",
         [](FlowDocument &d) {
             return d.moveNodes({{{"orders"}, {5, 5}}, {{"revenue"}, {7, 9}}}, true);
         }},
        {"add link", [](FlowDocument &d) { return d.addLink(wire("bus.out", "alertlog.in")); }},
        {"remove link",
         [](FlowDocument &d) { return d.removeLink(linkId("bus.out", "revenue.in")); }},
        {"set link types",
         [](FlowDocument &d) {
             return d.setLinkTypes(linkId("bus.out", "revenue.in"), {"order."});
         }},
        {"set property", [](FlowDocument &d) { return d.setProperty({"orders"}, "rate", 10.0); }},
        {"reset property",
         [](FlowDocument &d) { return d.setProperty({"bus"}, "hwm", std::nullopt); }},
        {"set router routes",
         [](FlowDocument &d) {
             return d.setProperty({"regions"}, "routes", StringMap{{"eu", "EU"}, {"us", "US"}});
         }},
        {"rename node", [](FlowDocument &d) { return d.renameNode({"bus"}, {"orderbus"}); }},
        {"set label", [](FlowDocument &d) { return d.setLabel({"bus"}, "Order bus"); }},
        {"set host", [](FlowDocument &d) { return d.setHost({"orders"}, "core"); }},
        {"set faults",
         [](FlowDocument &d) {
             return d.setFaults({"bus"}, FaultInjection{0.5, 0, 0, 0.25, 1000, 9});
         }},
        {"remove faults", [](FlowDocument &d) { return d.setFaults({"orders"}, std::nullopt); }},
        {"set delivery",
         [](FlowDocument &d) {
             DeliverySettings settings;
             settings.dedupWindowCount = 5;
             return d.setDelivery({"revenue"}, settings);
         }},
        {"reset delivery",
         [](FlowDocument &d) { return d.setDelivery({"billing"}, std::nullopt); }},
        {"set event types",
         [](FlowDocument &d) {
             std::vector<EventType> types = d.flow().eventTypes;
             types.push_back(eventType("order.shipped", {field("orderId", FieldType::Int)}));
             return d.setEventTypes(types);
         }},
        {"paste",
         [](FlowDocument &d) {
             return d.paste(ui::FlowClipboard::copy(d.flow(), {{"orders"}, {"bus"}}), {40, 40});
         }},
        {"auto-layout", [](FlowDocument &d) { return d.autoLayout(); }},
    };
}

struct Refusal
{
    const char *name;
    std::function<EditResult(FlowDocument &)> apply;
    std::string message;
};

std::vector<Refusal> refusedEdits()
{
    const std::string idRule = "' is not valid: use letters, digits, '_' and '-', and start with "
                               "a letter or '_'";
    return {
        {"add: id taken", [](FlowDocument &d) { return d.addNode(node("bus", NodeKind::Counter)); },
         "node id 'bus' is already in use"},
        {"add: bad id", [](FlowDocument &d) { return d.addNode(node("a.b", NodeKind::Counter)); },
         "node id 'a.b" + idRule},
        {"remove: missing node",
         [](FlowDocument &d) {
             return d.removeNodes({{"bus"}, {"ghost"}});
         },
         "node 'ghost' does not exist"},
        {"remove: missing link",
         [](FlowDocument &d) {
             return d.removeNodes({{"bus"}}, {linkId("alert.out", "eucount.in")});
         },
         "link alert.out -> eucount.in does not exist"},
        {"move: missing node",
         [](FlowDocument &d) {
             return d.moveNodes({{{"orders"}, {1, 1}}, {{"ghost"}, {2, 2}}}, false);
         },
         "node 'ghost' does not exist"},
        {"link: duplicate",
         [](FlowDocument &d) { return d.addLink(wire("bus.out", "revenue.in")); },
         "link bus.out -> revenue.in already exists"},
        {"unlink: missing link",
         [](FlowDocument &d) { return d.removeLink(linkId("bus.out", "eucount.in")); },
         "link bus.out -> eucount.in does not exist"},
        {"property: unknown",
         [](FlowDocument &d) { return d.setProperty({"alertlog"}, "rate", 1.0); },
         "counter 'alertlog' has no property 'rate' (it has: workMicros)"},
        {"rename: taken", [](FlowDocument &d) { return d.renameNode({"bus"}, {"alerts"}); },
         "node id 'alerts' is already in use"},
        {"host: undeclared", [](FlowDocument &d) { return d.setHost({"bus"}, "cloud"); },
         "pubsub 'bus' is placed on host 'cloud', which is not declared (hosts: core, edge)"},
        {"faults: on a consumer",
         [](FlowDocument &d) { return d.setFaults({"alertlog"}, FaultInjection{}); },
         "counter 'alertlog' cannot inject faults: only producers and channels can"},
        {"label: missing node", [](FlowDocument &d) { return d.setLabel({"ghost"}, "x"); },
         "node 'ghost' does not exist"},
        {"paste: bad property",
         [](FlowDocument &d) {
             Flow fragment;
             fragment.nodes = {node("c", NodeKind::Counter, {{"rate", 1.0}})};
             return d.paste(fragment, {0, 0});
         },
         "counter 'c' has no property 'rate' (it has: workMicros)"},
    };
}

/// Refusals whose message is the model's own, asked from the same FlowEdit function on a copy.
std::vector<Refusal> modelRefusals(const Flow &flow)
{
    const auto from = [&](const std::function<EditResult(Flow &)> &edit) {
        Flow copy = flow;
        return edit(copy).message;
    };
    DeliverySettings accept; // leaving "divert" would take away shipping's linked "late" port
    std::vector<EventType> twice = flow.eventTypes;
    twice.push_back(flow.eventTypes.front());
    return {
        {"link types: not from a channel",
         [](FlowDocument &d) { return d.setLinkTypes(linkId("orders.out", "bus.in"), {"x"}); },
         from([](Flow &f) { return setLinkTypes(f, linkId("orders.out", "bus.in"), {"x"}); })},
        {"property: out of range",
         [](FlowDocument &d) { return d.setProperty({"orders"}, "rate", -1.0); },
         from([](Flow &f) { return setProperty(f, {"orders"}, "rate", -1.0); })},
        {"delivery: drops a linked port",
         [=](FlowDocument &d) { return d.setDelivery({"shipping"}, accept); },
         from([=](Flow &f) { return setDelivery(f, {"shipping"}, accept); })},
        {"event types: duplicate", [=](FlowDocument &d) { return d.setEventTypes(twice); },
         from([=](Flow &f) { return setEventTypes(f, twice); })},
    };
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT
private slots:
    void undoRedoIsExact_data();
    void undoRedoIsExact();
    void refusedEditPushesNothing_data();
    void refusedEditPushesNothing();
    void modelMessagesArePassedOn();
    void unchangedEditsPushNothing();
    void removeAndUndoRestoreIndices();
    void undoBringsBackAnInvalidLink();
    void renameOntoStaleLayoutEntry();
    void dragIsOneUndoStep();
    void dragsStaySeparate();
    void dragBackToStartPushesNothing();
    void commandTexts();
};

void TestCommands::undoRedoIsExact_data()
{
    QTest::addColumn<int>("index");
    const auto edits = acceptedEdits();
    for (size_t i = 0; i < edits.size(); ++i)
        QTest::newRow(edits[i].name) << static_cast<int>(i);
}

void TestCommands::undoRedoIsExact()
{
    QFETCH(int, index);
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const Flow before = doc.flow();
    const std::string beforeText = serializeFlow(before);

    const EditResult result = acceptedEdits()[static_cast<size_t>(index)].apply(doc);
    QVERIFY2(result.ok, result.message.c_str());
    QCOMPARE(doc.undoStack()->count(), 1);
    const Flow after = doc.flow();
    const std::string afterText = serializeFlow(after);
    QVERIFY(afterText != beforeText);

    for (int round = 0; round < 2; ++round) {
        doc.undoStack()->undo();
        QCOMPARE(serializeFlow(doc.flow()), beforeText);
        QVERIFY(doc.flow() == before);
        doc.undoStack()->redo();
        QCOMPARE(serializeFlow(doc.flow()), afterText);
        QVERIFY(doc.flow() == after);
    }
}

void TestCommands::refusedEditPushesNothing_data()
{
    QTest::addColumn<int>("index");
    const auto refusals = refusedEdits();
    for (size_t i = 0; i < refusals.size(); ++i)
        QTest::newRow(refusals[i].name) << static_cast<int>(i);
}

void TestCommands::refusedEditPushesNothing()
{
    QFETCH(int, index);
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const std::string beforeText = serializeFlow(doc.flow());
    QSignalSpy problems(&doc, &FlowDocument::problemsChanged);

    const Refusal refusal = refusedEdits()[static_cast<size_t>(index)];
    const EditResult result = refusal.apply(doc);
    QVERIFY(!result.ok);
    QCOMPARE(result.message, refusal.message);
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(serializeFlow(doc.flow()), beforeText);
    QCOMPARE(problems.count(), 0);
    QVERIFY(!doc.isDirty());
}

void TestCommands::modelMessagesArePassedOn()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const std::string beforeText = serializeFlow(doc.flow());
    for (const Refusal &refusal : modelRefusals(doc.flow())) {
        QVERIFY2(!refusal.message.empty(), refusal.name);
        const EditResult result = refusal.apply(doc);
        QVERIFY2(!result.ok, refusal.name);
        QCOMPARE(result.message, refusal.message);
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE(serializeFlow(doc.flow()), beforeText);
    }
}

void TestCommands::unchangedEditsPushNothing()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.renameNode({"bus"}, {"bus"}).ok);
    QVERIFY(doc.setLabel({"bus"}, "").ok);
    QVERIFY(doc.setProperty({"bus"}, "endpoint", std::string("inproc://orders")).ok);
    QVERIFY(doc.setEventTypes(doc.flow().eventTypes).ok);
    QVERIFY(doc.removeNodes({}, {}).ok);
    QVERIFY(doc.paste(Flow{}, {0, 0}).ok);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(doc.autoLayout().ok);
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.autoLayout().ok); // every node is in place already
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestCommands::removeAndUndoRestoreIndices()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.removeNodes({{"regions"}, {"bus"}, {"latecount"}}).ok);
    QCOMPARE(doc.flow().nodes.size(), size_t{13});
    // bus took 6 links, regions 2 more (regions.eu/default -> eubus), latecount 1.
    QCOMPARE(doc.flow().links.size(), size_t{15 - 9});
    QVERIFY(!doc.flow().layout.count({"bus"}));
    doc.undoStack()->undo();
    QVERIFY(doc.flow() == richFlow());
    QCOMPARE(doc.flow().nodes[1].id.value, std::string("bus"));
    QCOMPARE(doc.flow().links[9].from.toString(), std::string("regions.default"));
}

void TestCommands::undoBringsBackAnInvalidLink()
{
    // A loaded file may hold a link validation rejects; deleting and undoing must restore it
    // even though the same link could not be added anew.
    Flow flow = richFlow();
    flow.links.insert(flow.links.begin() + 2, wire("bus.out", "revenue.in"));
    FlowDocument doc;
    doc.resetFlow(flow);
    QVERIFY(!checkAddLink(flow, wire("bus.out", "revenue.in")).ok);
    QVERIFY(doc.removeLink(linkId("bus.out", "revenue.in")).ok);
    doc.undoStack()->undo();
    QVERIFY(doc.flow() == flow);
}

void TestCommands::renameOntoStaleLayoutEntry()
{
    Flow flow = richFlow();
    flow.layout[{"ghost"}] = {999, 999}; // names no node (a hand-edited file)
    FlowDocument doc;
    doc.resetFlow(flow);
    QVERIFY(doc.renameNode({"orders"}, {"ghost"}).ok);
    QCOMPARE(doc.flow().layout.at({"ghost"}), (Position{0, 160})); // kept its own position
    QVERIFY(!doc.flow().layout.count({"orders"}));
    doc.undoStack()->undo();
    QVERIFY(doc.flow() == flow);
    doc.undoStack()->redo();
    QCOMPARE(doc.flow().layout.at({"ghost"}), (Position{0, 160}));
}

void TestCommands::dragIsOneUndoStep()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    const Flow before = doc.flow();
    for (int step = 1; step <= 20; ++step)
        QVERIFY(doc.moveNodes({{{"orders"}, {double(step), 160}}, {{"bus"}, {260, double(step)}}},
                              step == 20)
                    .ok);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.flow().layout.at({"orders"}), (Position{20, 160}));
    QCOMPARE(doc.flow().layout.at({"bus"}), (Position{260, 20}));
    doc.undoStack()->undo();
    QVERIFY(doc.flow() == before);
    doc.undoStack()->redo();
    QCOMPARE(doc.flow().layout.at({"bus"}), (Position{260, 20}));
}

void TestCommands::dragsStaySeparate()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.moveNodes({{{"orders"}, {1, 1}}}, false).ok);
    QVERIFY(doc.moveNodes({{{"orders"}, {2, 2}}}, true).ok); // release: the first drag ends
    QVERIFY(doc.moveNodes({{{"orders"}, {3, 3}}}, false).ok);
    QVERIFY(doc.moveNodes({{{"orders"}, {4, 4}}}, true).ok);
    QCOMPARE(doc.undoStack()->count(), 2);
    // Another set of nodes is another step, even in the middle of an unfinished drag.
    QVERIFY(doc.moveNodes({{{"bus"}, {5, 5}}}, false).ok);
    QVERIFY(doc.moveNodes({{{"bus"}, {6, 6}}, {{"orders"}, {6, 6}}}, false).ok);
    QCOMPARE(doc.undoStack()->count(), 4);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.flow().layout.at({"orders"}), (Position{4, 4}));
    doc.undoStack()->undo();
    QCOMPARE(doc.flow().layout.at({"orders"}), (Position{2, 2}));
    doc.undoStack()->undo();
    QVERIFY(doc.flow() == richFlow());
}

void TestCommands::dragBackToStartPushesNothing()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.moveNodes({{{"orders"}, {50, 50}}}, false).ok);
    QVERIFY(doc.moveNodes({{{"orders"}, {0, 160}}}, true).ok);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isDirty());
    QVERIFY(doc.flow() == richFlow());
}

void TestCommands::commandTexts()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.addNode(node("extra", NodeKind::Counter)).ok);
    QVERIFY(doc.setProperty({"orders"}, "rate", 5.0).ok);
    QVERIFY(doc.moveNodes({{{"orders"}, {1, 1}}, {{"bus"}, {2, 2}}}, true).ok);
    QVERIFY(doc.removeNodes({{"extra"}}).ok);
    QVERIFY(doc.renameNode({"bus"}, {"b"}).ok);
    const QUndoStack *stack = doc.undoStack();
    QCOMPARE(stack->text(0), QStringLiteral("Add counter 'extra'"));
    QCOMPARE(stack->text(1), QStringLiteral("Set rate of 'orders'"));
    QCOMPARE(stack->text(2), QStringLiteral("Move 2 nodes"));
    QCOMPARE(stack->text(3), QStringLiteral("Delete 'extra'"));
    QCOMPARE(stack->text(4), QStringLiteral("Rename 'bus' to 'b'"));
}

QTEST_MAIN(TestCommands)
#include "TestCommands.moc"
