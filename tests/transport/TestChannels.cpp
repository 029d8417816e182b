// Delivery through real sockets: every pattern over every transport delivers every event
// (readiness closes ZeroMQ's slow-joiner window), prefixes filter exactly, queues balance.

#include "support/ChannelHarness.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace evflow::test;
using evflow::model::NodeKind;

namespace {

constexpr int kWait = 120000; // ms; a bound for QTRY, never a timing assertion

/// Endpoint for `name` over `transport` ("inproc", "ipc" or "tcp"); ipc lives in `dir`.
std::string endpointFor(const QString &transport, const std::string &name, const QTemporaryDir &dir)
{
    if (transport == "inproc")
        return "inproc://" + name;
    if (transport == "ipc")
        return "ipc://" + dir.filePath(QString::fromStdString(name)).toStdString();
    return "tcp://127.0.0.1:*";
}

std::string errorsText(const evflow::transport::RunErrors &errors)
{
    std::string out;
    for (const auto &e : errors.all())
        out += e.message + "\n";
    return out;
}

} // namespace

class TestChannels : public QObject
{
    Q_OBJECT

private slots:
    void deliversEverything_data();
    void deliversEverything();
    void pubsubFiltersByPrefix();
    void queueBalancesOverTwoReaders();
    void bindSideConsumerPubsub();
};

void TestChannels::deliversEverything_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("transport");
    for (const char *t : {"inproc", "ipc", "tcp"}) {
        QTest::addRow("pubsub-%s", t) << int(NodeKind::PubSub) << QString(t);
        QTest::addRow("queue-%s", t) << int(NodeKind::Queue) << QString(t);
        QTest::addRow("broker-%s", t) << int(NodeKind::Broker) << QString(t);
    }
}

void TestChannels::deliversEverything()
{
    QFETCH(int, kind);
    QFETCH(QString, transport);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto k = static_cast<NodeKind>(kind);
    const std::string tag = QTest::currentDataTag();
    evflow::model::Flow flow;
    // PUB drops past the HWM by design (loss then shows up as gaps); here the bound is set above
    // N so that only readiness decides whether anything is lost.
    flow.nodes.push_back(channelNode("bus", k, endpointFor(transport, tag + "-front", dir), 100000,
                                     "producer", endpointFor(transport, tag + "-back", dir)));
    flow.nodes.push_back(plainNode("w", NodeKind::Generator));
    flow.nodes.push_back(plainNode("r", NodeKind::Counter));
    flow.links = {makeLink("w", "bus"), makeLink("bus", "r")};
    Harness h(flow);
    h.start();
    QTRY_COMPARE_WITH_TIMEOUT(h.tally("r").events.load(), h.eventsPerWriter, kWait);
    QCOMPARE(h.writersDone.load(), 1);
    h.group.stop();
    QCOMPARE(h.tally("r").events.load(), h.eventsPerWriter);
    QCOMPARE(h.tally("r").decodeFailures.load(), 0u);
    QCOMPARE(h.tally("r").perType[0].load(), 3334u);
    QCOMPARE(h.tally("r").perType[2].load(), 3333u);
    QCOMPARE(h.channel("bus").sent.load(), h.eventsPerWriter);
    QCOMPARE(h.channel("bus").received.load(), h.eventsPerWriter);
    QCOMPARE(h.channel("bus").forwarded.load(), k == NodeKind::Broker ? h.eventsPerWriter : 0u);
    QCOMPARE(errorsText(h.errors), std::string());
    if (transport == "tcp")
        QVERIFY(h.endpoints.lookup("bus")->rfind("tcp://127.0.0.1:", 0) == 0);
}

void TestChannels::pubsubFiltersByPrefix()
{
    evflow::model::Flow flow;
    flow.nodes.push_back(channelNode("bus", NodeKind::PubSub, "tcp://127.0.0.1:*", 100000));
    flow.nodes.push_back(plainNode("w", NodeKind::Generator));
    flow.nodes.push_back(plainNode("orders", NodeKind::Counter));
    flow.nodes.push_back(plainNode("payments", NodeKind::Counter));
    flow.nodes.push_back(plainNode("shipped", NodeKind::Counter));
    flow.links = {makeLink("w", "bus"), makeLink("bus", "orders", {"order."}),
                  makeLink("bus", "payments", {"payment"}),
                  makeLink("bus", "shipped", {"order.shipped", "payment.received"})};
    Harness h(flow);
    h.eventsPerWriter = 9000;
    h.start();
    QTRY_COMPARE_WITH_TIMEOUT(h.tally("orders").events.load(), 6000u, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(h.tally("payments").events.load(), 3000u, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(h.tally("shipped").events.load(), 6000u, kWait);
    h.group.stop();
    QCOMPARE(h.tally("orders").events.load(), 6000u);
    QCOMPARE(h.tally("orders").perType[0].load(), 3000u);
    QCOMPARE(h.tally("orders").perType[1].load(), 3000u);
    QCOMPARE(h.tally("orders").perType[2].load(), 0u);
    QCOMPARE(h.tally("payments").events.load(), 3000u);
    QCOMPARE(h.tally("payments").perType[2].load(), 3000u);
    QCOMPARE(h.tally("shipped").perType[0].load(), 0u);
    QCOMPARE(h.tally("shipped").perType[1].load(), 3000u);
    QCOMPARE(h.tally("shipped").perType[2].load(), 3000u);
    QCOMPARE(h.channel("bus").received.load(), 15000u);
    QCOMPARE(errorsText(h.errors), std::string());
}

void TestChannels::queueBalancesOverTwoReaders()
{
    evflow::model::Flow flow;
    flow.nodes.push_back(channelNode("jobs", NodeKind::Queue, "tcp://127.0.0.1:*", 100));
    flow.nodes.push_back(plainNode("w", NodeKind::Generator));
    flow.nodes.push_back(plainNode("a", NodeKind::Counter));
    flow.nodes.push_back(plainNode("b", NodeKind::Counter));
    flow.links = {makeLink("w", "jobs"), makeLink("jobs", "a"), makeLink("jobs", "b")};
    Harness h(flow);
    QVERIFY(!h.plan.findChannel({"jobs"})->sequenceTracking);
    h.start();
    const auto sum = [&] { return h.tally("a").events.load() + h.tally("b").events.load(); };
    QTRY_COMPARE_WITH_TIMEOUT(sum(), h.eventsPerWriter, kWait);
    h.group.stop();
    QCOMPARE(sum(), h.eventsPerWriter);
    QVERIFY(h.tally("a").events.load() > 0);
    QVERIFY(h.tally("b").events.load() > 0);
    // Readiness waited for both readers' connections (the binder's monitor saw both).
    QCOMPARE(h.channel("jobs").monitor.connects.load(), 2u);
    QCOMPARE(errorsText(h.errors), std::string());
}

void TestChannels::bindSideConsumerPubsub()
{
    // The reader binds; two writers connect, each waits for the reader's subscription.
    evflow::model::Flow flow;
    flow.nodes.push_back(
        channelNode("sink", NodeKind::PubSub, "tcp://127.0.0.1:*", 100000, "consumer"));
    flow.nodes.push_back(plainNode("w1", NodeKind::Generator));
    flow.nodes.push_back(plainNode("w2", NodeKind::Generator));
    flow.nodes.push_back(plainNode("r", NodeKind::Counter));
    flow.links
        = {makeLink("w1", "sink"), makeLink("w2", "sink"), makeLink("sink", "r", {"order."})};
    Harness h(flow);
    h.eventsPerWriter = 3000;
    h.start();
    QTRY_COMPARE_WITH_TIMEOUT(h.tally("r").events.load(), 4000u, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(h.writersDone.load(), 2, kWait);
    h.group.stop();
    QCOMPARE(h.tally("r").events.load(), 4000u);
    QCOMPARE(h.channel("sink").sent.load(), 6000u);
    QCOMPARE(errorsText(h.errors), std::string());
}

QTEST_GUILESS_MAIN(TestChannels)
#include "TestChannels.moc"
