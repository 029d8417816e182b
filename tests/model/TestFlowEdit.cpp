#include "model/FlowEdit.h"
#include "model/NodeCatalog.h"
#include "model/Validation.h"

#include "support/SampleFlows.h"

#include <QtTest>

#include <functional>

using namespace evflow::model;
using namespace evflow::model::testing;

namespace {

struct Refusal
{
    const char *name;
    std::function<EditResult(Flow &)> edit;
    std::string message;
};

const std::string kIdRule = "' is not valid: use letters, digits, '_' and '-', and start with a "
                            "letter or '_'";

std::vector<Refusal> nodeRefusals()
{
    return {
        {"add: id with dot", [](Flow &f) { return addNode(f, node("a.b", NodeKind::Counter)); },
         "node id 'a.b" + kIdRule},
        {"add: id taken", [](Flow &f) { return addNode(f, node("bus", NodeKind::Counter)); },
         "node id 'bus' is already in use"},
        {"add: unknown property",
         [](Flow &f) {
             return addNode(f, node("c", NodeKind::Counter, {{"rate", 1.0}}));
         },
         "counter 'c' has no property 'rate' (it has: workMicros)"},
        {"add: out of range",
         [](Flow &f) {
             return addNode(f, node("q", NodeKind::Queue, {{"hwm", std::int64_t{-1}}}), {{1, 2}});
         },
         "queue 'q': property 'hwm' is -1; it must be from 0 to 10000000"},
        {"add: faults on a consumer",
         [](Flow &f) {
             Node n = node("c", NodeKind::Counter);
             n.faults = FaultInjection{};
             return addNode(f, n);
         },
         "counter 'c' cannot inject faults: only producers and channels can"},
        {"add: undeclared host",
         [](Flow &f) { return addNode(f, node("c", NodeKind::Counter, {}, "cloud")); },
         "counter 'c' is placed on host 'cloud', which is not declared (hosts: core, edge)"},
        {"remove: missing node", [](Flow &f) { return removeNode(f, {"ghost"}); },
         "node 'ghost' does not exist"},
        {"rename: to a taken id", [](Flow &f) { return renameNode(f, {"bus"}, {"alerts"}); },
         "node id 'alerts' is already in use"},
        {"rename: to an invalid id", [](Flow &f) { return renameNode(f, {"bus"}, {"b us"}); },
         "node id 'b us" + kIdRule},
        {"rename: missing node", [](Flow &f) { return renameNode(f, {"ghost"}, {"g"}); },
         "node 'ghost' does not exist"},
        {"host: undeclared", [](Flow &f) { return setHost(f, {"bus"}, "cloud"); },
         "pubsub 'bus' is placed on host 'cloud', which is not declared (hosts: core, edge)"},
        {"move: missing node",
         [](Flow &f) {
             return moveNode(f, {"ghost"}, {1, 1});
         },
         "node 'ghost' does not exist"},
        {"restore: id taken again",
         [](Flow &f) {
             RemovedNode removed;
             removed.node = node("bus", NodeKind::Counter);
             removed.index = 0;
             return restoreNode(f, removed);
         },
         "node id 'bus' is already in use"},
        {"restore: index out of range",
         [](Flow &f) {
             RemovedNode removed;
             removed.node = node("extra", NodeKind::Counter);
             removed.index = 99;
             return restoreNode(f, removed);
         },
         "cannot restore node 'extra' at its old place"},
        {"restore: other end gone",
         [](Flow &f) {
             RemovedNode removed;
             removed.node = node("extra", NodeKind::Counter);
             removed.index = 0;
             removed.links = {{0, wire("gone.out", "extra.in")}};
             return restoreNode(f, removed);
         },
         "dangling link: node 'gone' does not exist"},
    };
}

std::vector<Refusal> propertyAndSettingRefusals()
{
    const std::string portKept = "' of router 'regions', which is linked; remove its links first";
    return {
        {"property: unknown", [](Flow &f) { return setProperty(f, {"bus"}, "rate", 1.0); },
         "pubsub 'bus' has no property 'rate' (it has: endpoint, bindSide, hwm, maxMessageSize, "
         "heartbeatMillis, curve, serverKey, clientKeys)"},
        {"property: wrong type",
         [](Flow &f) { return setProperty(f, {"bus"}, "hwm", std::string("many")); },
         "pubsub 'bus': property 'hwm' must be an integer, not a string"},
        {"property: out of range",
         [](Flow &f) { return setProperty(f, {"orders"}, "burstSize", std::int64_t{0}); },
         "generator 'orders': property 'burstSize' is 0; it must be from 1 to 1000000"},
        {"property: not a choice",
         [](Flow &f) { return setProperty(f, {"bus"}, "bindSide", std::string("both")); },
         "pubsub 'bus': property 'bindSide' is 'both'; choose one of: producer, consumer"},
        {"property: bad endpoint",
         [](Flow &f) { return setProperty(f, {"bus"}, "endpoint", std::string("tcp://*:0")); },
         "pubsub 'bus': property 'endpoint': 'tcp://*:0' has an invalid port '0': use 1..65535 "
         "or *"},
        {"property: missing node",
         [](Flow &f) { return setProperty(f, {"ghost"}, "hwm", std::int64_t{1}); },
         "node 'ghost' does not exist"},
        {"property: route removal would strand a link",
         [](Flow &f) {
             return setProperty(f, {"regions"}, "routes", StringMap{{"us", "US"}});
         },
         "changing 'routes' would remove the port 'eu" + portKept},
        {"reset: route removal would strand a link",
         [](Flow &f) { return resetProperty(f, {"regions"}, "routes"); },
         "changing 'routes' would remove the port 'eu" + portKept},
        {"delivery: leaving divert strands the late link",
         [](Flow &f) { return setDelivery(f, {"shipping"}, DeliverySettings{}); },
         "changing the late policy would remove the port 'late' of log 'shipping', which is "
         "linked; remove its links first"},
        {"delivery: on a producer",
         [](Flow &f) { return setDelivery(f, {"orders"}, DeliverySettings{}); },
         "generator 'orders' takes no delivery settings: only consumers and processors receive "
         "events"},
        {"delivery: negative",
         [](Flow &f) {
             DeliverySettings d;
             d.dedupWindowCount = -3;
             return setDelivery(f, {"alertlog"}, d);
         },
         "counter 'alertlog': delivery 'dedupWindowCount' is -3; it must not be negative"},
        {"faults: probability",
         [](Flow &f) {
             FaultInjection faults;
             faults.reorder = 2;
             return setFaults(f, {"bus"}, faults);
         },
         "pubsub 'bus': fault probability 'reorder' is 2; it must be from 0 to 1"},
        {"faults: on a processor",
         [](Flow &f) { return setFaults(f, {"alert"}, FaultInjection{}); },
         "threshold-alert 'alert' cannot inject faults: only producers and channels can"},
        {"event types: duplicate",
         [](Flow &f) {
             return setEventTypes(f, {eventType("a.b"), eventType("c"), eventType("a.b")});
         },
         "event type 'a.b' is declared twice"},
    };
}

std::vector<Refusal> linkRefusals()
{
    const auto add = [](const char *from, const char *to) {
        return [=](Flow &f) { return addLink(f, wire(from, to)); };
    };
    return {
        {"link: producer to consumer", add("orders.out", "alertlog.in"),
         "a producer cannot feed a consumer directly: put a channel between them"},
        {"link: second writer", add("regions.eu", "alerts.in"),
         "queue 'alerts' already has a writer ('alert'); use a broker, or set bindSide to "
         "consumer"},
        {"link: duplicate", add("bus.out", "billing.in"),
         "link bus.out -> billing.in already exists"},
        {"link: dangling", add("bus.out", "ghost.in"),
         "dangling link: node 'ghost' does not exist"},
        {"link: remove missing",
         [](Flow &f) {
             return removeLink(f, {port("bus.out"), port("ghost.in")});
         },
         "link bus.out -> ghost.in does not exist"},
        {"link: types on a producer link",
         [](Flow &f) { return setLinkTypes(f, f.links[0].id(), {"order."}); },
         "only links from a channel can select event types"},
        {"link: restore a duplicate",
         [](Flow &f) {
             return restoreLink(f, {0, f.links[3]});
         },
         "link bus.out -> revenue.in already exists"},
    };
}

const std::vector<Refusal> &allRefusals()
{
    static const std::vector<Refusal> all = [] {
        std::vector<Refusal> out;
        for (auto part : {nodeRefusals(), propertyAndSettingRefusals(), linkRefusals()})
            out.insert(out.end(), part.begin(), part.end());
        return out;
    }();
    return all;
}

} // namespace

class TestFlowEdit : public QObject
{
    Q_OBJECT

private slots:
    void refusedEditsChangeNothing_data();
    void refusedEditsChangeNothing();
    void checkAddLinkSpeaksLikeValidation_data();
    void checkAddLinkSpeaksLikeValidation();
    void removeAndRestoreEveryNode();
    void removeAndRestoreLink();
    void addNodeAndLink();
    void setPropertyStoresLoaderTypes();
    void renameUpdatesLinksAndLayout();
    void divertAddsLatePort();
    void moveTouchesOnlyLayout();
    void settingsAndTypesAccepted();
    void uniqueNodeId_data();
    void uniqueNodeId();
};

void TestFlowEdit::refusedEditsChangeNothing_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < allRefusals().size(); ++i)
        QTest::newRow(allRefusals()[i].name) << int(i);
}

void TestFlowEdit::refusedEditsChangeNothing()
{
    QFETCH(int, index);
    const Refusal &r = allRefusals()[size_t(index)];
    Flow flow = richFlow();
    const EditResult result = r.edit(flow);
    QVERIFY(!result);
    QCOMPARE(result.message, r.message);
    QVERIFY(flow == richFlow());
}

void TestFlowEdit::checkAddLinkSpeaksLikeValidation_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("producer to consumer") << "orders.out"
                                          << "alertlog.in";
    QTest::newRow("channel to channel") << "bus.out"
                                        << "latebus.in";
    QTest::newRow("processor to processor") << "alert.out"
                                            << "regions.in";
    QTest::newRow("second writer") << "shipping.late"
                                   << "alerts.in";
    QTest::newRow("wrong direction") << "bus.in"
                                     << "alertlog.in";
    QTest::newRow("no such port") << "regions.us"
                                  << "eubus.in";
    QTest::newRow("self loop") << "eubus.out"
                               << "eubus.in";
    QTest::newRow("duplicate") << "telemetry.out"
                               << "sensorcount.in";
}

void TestFlowEdit::checkAddLinkSpeaksLikeValidation()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    Flow flow = richFlow();
    const Link l = wire(from.toStdString(), to.toStdString());
    const EditResult check = checkAddLink(flow, l);
    QVERIFY(!check);
    flow.links.push_back(l);
    const std::string pointer = "/links/" + std::to_string(flow.links.size() - 1);
    bool found = false;
    for (const Problem &p : validateFlow(flow))
        if (p.pointer.rfind(pointer, 0) == 0 && p.severity == Severity::Error) {
            QCOMPARE(p.message, check.message);
            found = true;
        }
    QVERIFY(found);
}

void TestFlowEdit::removeAndRestoreEveryNode()
{
    const Flow original = richFlow();
    for (const Node &n : original.nodes) {
        Flow flow = original;
        RemovedNode removed;
        QVERIFY(removeNode(flow, n.id, &removed));
        QVERIFY(!flow.findNode(n.id));
        QCOMPARE(flow.nodes.size(), original.nodes.size() - 1);
        QCOMPARE(flow.links.size() + removed.links.size(), original.links.size());
        for (const Link &l : flow.links)
            QVERIFY(l.from.node != n.id && l.to.node != n.id);
        QVERIFY(!flow.layout.count(n.id));
        QCOMPARE(removed.position.has_value(), original.layout.count(n.id) == 1);
        QVERIFY(restoreNode(flow, std::move(removed)));
        QVERIFY2(flow == original, n.id.value.c_str());
    }
}

void TestFlowEdit::removeAndRestoreLink()
{
    const Flow original = richFlow();
    Flow flow = original;
    RemovedLink removed;
    QVERIFY(removeLink(flow, original.links[4].id(), &removed));
    QCOMPARE(removed.index, 4);
    QVERIFY(removed.link == original.links[4]);
    QCOMPARE(flow.links.size(), original.links.size() - 1);
    QVERIFY(restoreLink(flow, removed));
    QVERIFY(flow == original);
}

void TestFlowEdit::addNodeAndLink()
{
    Flow flow = richFlow();
    QVERIFY(addNode(flow, node("c2", NodeKind::Counter), Position{5, 6}));
    QCOMPARE(flow.nodes.back().id.value, std::string("c2"));
    QVERIFY(flow.layout.at({"c2"}) == (Position{5, 6}));
    const EditResult r = addLink(flow, wire("eubus.out", "c2.in", {"order."}));
    QVERIFY2(r, r.message.c_str());
    QVERIFY(flow.links.back() == wire("eubus.out", "c2.in", {"order."}));
    QCOMPARE(validateFlow(flow).size(), size_t(0));
}

void TestFlowEdit::setPropertyStoresLoaderTypes()
{
    Flow flow = richFlow();
    QVERIFY(evflow::model::setProperty(flow, {"orders"}, "rate", std::int64_t{50}));
    QVERIFY(flow.findNode({"orders"})->properties.at("rate") == PropertyValue(50.0));
    QVERIFY(evflow::model::setProperty(flow, {"regions"}, "routes",
                                       StringMap{{"eu", "EU"}, {"us", "US"}}));
    QVERIFY(catalog::findPort(*flow.findNode({"regions"}), "us"));
    QVERIFY(resetProperty(flow, {"orders"}, "rate"));
    QVERIFY(!flow.findNode({"orders"})->properties.count("rate"));
}

void TestFlowEdit::renameUpdatesLinksAndLayout()
{
    Flow flow = richFlow();
    QVERIFY(renameNode(flow, {"bus"}, {"orderBus"}));
    QVERIFY(!flow.findNode({"bus"}));
    QCOMPARE(flow.nodeIndex({"orderBus"}), 1);
    QVERIFY(flow.links[0].to == port("orderBus.in"));
    QVERIFY(flow.links[1].from == port("orderBus.out"));
    QVERIFY(flow.layout.at({"orderBus"}) == (Position{260, 160}));
    QVERIFY(!flow.layout.count({"bus"}));
    QCOMPARE(validateFlow(flow).size(), size_t(0));
    QVERIFY(renameNode(flow, {"orderBus"}, {"orderBus"})); // no-op
}

void TestFlowEdit::divertAddsLatePort()
{
    Flow flow = richFlow();
    DeliverySettings divert;
    divert.latePolicy = LatePolicy::Divert;
    QVERIFY(setDelivery(flow, {"billing"}, divert));
    QVERIFY(catalog::findPort(*flow.findNode({"billing"}), "late"));
    QVERIFY(setDelivery(flow, {"billing"}, std::nullopt)); // the late port is unlinked
    QVERIFY(!flow.findNode({"billing"})->delivery);
}

void TestFlowEdit::moveTouchesOnlyLayout()
{
    Flow flow = richFlow();
    QVERIFY(moveNode(flow, {"eucount"}, {10, 20}));
    Flow expected = richFlow();
    expected.layout[{"eucount"}] = {10, 20};
    QVERIFY(flow == expected);
}

void TestFlowEdit::settingsAndTypesAccepted()
{
    Flow flow = richFlow();
    FaultInjection faults;
    faults.drop = 1;
    QVERIFY(setFaults(flow, {"bus"}, faults));
    QVERIFY(flow.findNode({"bus"})->faults == faults);
    QVERIFY(setHost(flow, {"bus"}, "core"));
    QCOMPARE(flow.findNode({"bus"})->host, std::string("core"));
    QVERIFY(setLabel(flow, {"bus"}, "Order bus"));
    QCOMPARE(flow.findNode({"bus"})->label, std::string("Order bus"));
    QVERIFY(setLinkTypes(flow, flow.links[3].id(), {"order.placed"}));
    QCOMPARE(flow.links[3].types, std::vector<std::string>{"order.placed"});
    std::vector<EventType> types = flow.eventTypes;
    types.push_back(eventType("order.shipped"));
    QVERIFY(setEventTypes(flow, types));
    QCOMPARE(flow.eventTypes.size(), size_t(4));
}

void TestFlowEdit::uniqueNodeId_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("free") << "gen"
                          << "gen";
    QTest::newRow("taken") << "orders"
                           << "orders2";
    QTest::newRow("numbered taken") << "bus2"
                                    << "bus3";
    QTest::newRow("bad characters") << "my node!"
                                    << "my_node_";
    QTest::newRow("empty") << ""
                           << "node";
    QTest::newRow("leading digit") << "9lives"
                                   << "_9lives";
}

void TestFlowEdit::uniqueNodeId()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    Flow flow = richFlow();
    QVERIFY(addNode(flow, node("bus2", NodeKind::Counter)));
    QCOMPARE(QString::fromStdString(evflow::model::uniqueNodeId(flow, base.toStdString()).value),
             expected);
}

QTEST_APPLESS_MAIN(TestFlowEdit)
#include "TestFlowEdit.moc"
