// typesCarried / typesEmitted: what the canvas labels wires with and what an AsyncAPI channel
// carries.

#include "model/CarriedTypes.h"

#include "support/SampleFlows.h"

#include <QtTest>

using namespace evflow::model;
using namespace evflow::model::testing;

namespace {

std::vector<std::string> carried(const Flow &flow, const std::string &from, const std::string &to)
{
    const int index = flow.linkIndex({port(from), port(to)});
    if (index < 0)
        return {"<no such link>"};
    return typesCarried(flow, flow.links[std::size_t(index)]);
}

Flow twoProducers()
{
    Flow f;
    f.nodes = {node("a", NodeKind::Generator, {{"eventTypes", StringList{"order.placed", "x.y"}}}),
               node("b", NodeKind::Generator, {{"eventTypes", StringList{"order.paid"}}}),
               node("bus", NodeKind::PubSub),
               node("f", NodeKind::Filter),
               node("q", NodeKind::Queue),
               node("c", NodeKind::Counter),
               node("replay", NodeKind::Replay)};
    f.links = {wire("a.out", "bus.in"),
               wire("b.out", "bus.in"),
               wire("bus.out", "f.in", {"order."}),
               wire("f.out", "q.in"),
               wire("q.out", "c.in"),
               wire("q.out", "bus.in")}; // a loop back to the bus
    return f;
}

} // namespace

class TestCarriedTypes : public QObject
{
    Q_OBJECT
private slots:
    void producerEmitsItsDeclaredTypes()
    {
        const Flow f = twoProducers();
        QCOMPARE(carried(f, "a.out", "bus.in"), (std::vector<std::string>{"order.placed", "x.y"}));
    }
    void channelCarriesTheUnionOfItsInputs()
    {
        const Flow f = twoProducers();
        QCOMPARE(typesEmitted(f, {"bus"}),
                 (std::vector<std::string>{"order.paid", "order.placed", "x.y"}));
    }
    void linkPrefixesNarrowAndPropagate()
    {
        const Flow f = twoProducers();
        QCOMPARE(carried(f, "bus.out", "f.in"),
                 (std::vector<std::string>{"order.paid", "order.placed"}));
        QCOMPARE(carried(f, "q.out", "c.in"),
                 (std::vector<std::string>{"order.paid", "order.placed"}));
    }
    void filterNarrowsToItsTypes()
    {
        Flow f = twoProducers();
        f.nodes[3].properties["eventTypes"] = StringList{"order.paid"};
        QCOMPARE(carried(f, "f.out", "q.in"), (std::vector<std::string>{"order.paid"}));
    }
    void alertEmitsItsAlertType()
    {
        const Flow f = richFlow();
        QCOMPARE(carried(f, "alert.out", "alerts.in"), (std::vector<std::string>{"alert.high"}));
        QCOMPARE(carried(f, "bus.out", "billing.in"), (std::vector<std::string>{"order.placed"}));
    }
    void unknownSourceGivesNothing()
    {
        Flow f = twoProducers();
        f.links.push_back(wire("replay.out", "q.in"));
        QVERIFY(typesEmitted(f, {"replay"}).empty());
        QVERIFY(typesEmitted(f, {"nobody"}).empty());
    }
};

QTEST_APPLESS_MAIN(TestCarriedTypes)
#include "TestCarriedTypes.moc"
