// Stream ends across hosts (docs/RUNTIME.md, "Stream ends"; model/StreamEndMessage.h): runners
// of one flow, one per host, in this process over loopback tcp. A writer announces how far it
// numbered its streams to readers on other hosts, so a lost tail (or a stream of which nothing
// arrived) counts as gaps there, and a host that only reads finishes once its writers are done.
#include "support/FlowBuilders.h"

#include <QTest>

#include <set>

#include <zmq.hpp>

using namespace evflow;
using namespace evflow::test::flows;

namespace {

/// A loopback tcp port that was free a moment ago (bound, read back, released).
int freePort()
{
    zmq::context_t ctx;
    zmq::socket_t probe(ctx, zmq::socket_type::pull);
    probe.bind("tcp://127.0.0.1:*");
    const std::string bound = probe.get(zmq::sockopt::last_endpoint);
    return std::stoi(bound.substr(bound.rfind(':') + 1));
}

std::string onHost(const std::string &host, int port)
{
    return "tcp://" + host + ":" + std::to_string(port);
}

/// Starts host `host` of `flow`; fails the test with the run's errors when it cannot.
bool startHost(tr::FlowRuntime &rt, const md::Flow &flow, const std::string &host)
{
    tr::RunOptions options;
    options.host = host;
    options.seed = 11;
    const bool ok = rt.start(flow, options);
    if (!ok)
        qWarning("host %s: %s", host.c_str(), errorsOf(rt.snapshot()).c_str());
    return ok;
}

/// Hosts a and b, both on loopback; the nodes named in `onB` go to b, the others to a.
void splitAcrossTwoHosts(md::Flow &flow, const std::set<std::string> &onB)
{
    flow.hosts = {{"a", "127.0.0.1"}, {"b", "127.0.0.1"}};
    for (md::Node &n : flow.nodes)
        n.host = onB.count(n.id.value) ? "b" : "a";
}

md::FaultInjection drops(double probability)
{
    md::FaultInjection f;
    f.drop = probability;
    f.seed = 5;
    return f;
}

} // namespace

class TestStreamEnds : public QObject
{
    Q_OBJECT

private slots:
    void readingHostFinishesWhenItsWritersHaveEnded();
    void lostEventsOnTheWireAreGaps_data();
    void lostEventsOnTheWireAreGaps();
    void brokerOnAThirdHostPassesTheEndsOn();
    void slowReaderGetsTheEndDespiteItsFullQueue();
};

void TestStreamEnds::readingHostFinishesWhenItsWritersHaveEnded()
{
    // "b" in the endpoint is the host table's name, resolved to its address.
    md::Flow flow = chain(generator("gen", 10),
                          channel("bus", md::NodeKind::Queue, onHost("b", freePort()), "consumer"),
                          node("count", md::NodeKind::Counter));
    splitAcrossTwoHosts(flow, {"bus", "count"});

    tr::FlowRuntime reader;
    QVERIFY(startHost(reader, flow, "b"));
    QVERIFY(reader.readsFromOtherHosts());
    // Nothing sent and nothing pending is not the end: the writer has not even started (before
    // the stream-end messages, `evflow run --host b` ended here at once).
    QVERIFY(!reader.finished());
    tr::FlowRuntime writer;
    QVERIFY(startHost(writer, flow, "a"));
    QVERIFY(!writer.readsFromOtherHosts());
    QTRY_COMPARE_WITH_TIMEOUT(nodeOf(reader.snapshot(), "count").input.processed, 10u, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(reader.finished(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(writer.finished(), kWait);
    writer.stop();
    reader.stop();
    const md::RunSnapshot s = reader.snapshot();
    QCOMPARE(nodeOf(s, "count").input.processed, 10u);
    QCOMPARE(nodeOf(s, "count").input.gaps, 0u);
    QCOMPARE(nodeOf(s, "bus").channel.received, 10u); // the announcement is no event
    QVERIFY(s.accounting.balanced);
    QVERIFY2(s.run.errors.empty(), errorsOf(s).c_str());
}

void TestStreamEnds::lostEventsOnTheWireAreGaps_data()
{
    QTest::addColumn<md::NodeKind>("pattern");
    QTest::addColumn<double>("drop");
    // Everything lost but the first event (an injector never drops a stream's first: its
    // loss would be invisible): the whole stream is one lost tail.
    QTest::newRow("pubsub, all lost") << md::NodeKind::PubSub << 1.0;
    QTest::newRow("pubsub, 30% lost") << md::NodeKind::PubSub << 0.3;
    QTest::newRow("queue, 30% lost") << md::NodeKind::Queue << 0.3;
}

void TestStreamEnds::lostEventsOnTheWireAreGaps()
{
    QFETCH(md::NodeKind, pattern);
    QFETCH(double, drop);
    constexpr std::uint64_t kEvents = 200;
    // The channel's injector runs in the writer's process (host a): what it drops never reaches
    // host b, which is exactly loss on the network as the reader sees it.
    md::Node bus = channel("bus", pattern, onHost("b", freePort()), "consumer");
    bus.faults = drops(drop);
    md::Flow flow = chain(generator("gen", kEvents), bus, node("count", md::NodeKind::Counter));
    splitAcrossTwoHosts(flow, {"bus", "count"});

    tr::FlowRuntime reader;
    QVERIFY(startHost(reader, flow, "b"));
    tr::FlowRuntime writer;
    QVERIFY(startHost(writer, flow, "a"));
    QTRY_VERIFY_WITH_TIMEOUT(writer.finished(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(reader.finished(), kWait);
    writer.stop();
    reader.stop();
    const std::uint64_t lost = nodeOf(writer.snapshot(), "bus").injected.drops;
    const md::InputAccounting in
        = nodeOf(reader.snapshot(), "count").input; // a copy: the snapshot is a temporary
    QVERIFY(lost > 0);
    QCOMPARE(in.processed + in.gaps, kEvents);
    QCOMPARE(in.gaps, lost);
    QVERIFY(reader.snapshot().accounting.balanced);
    if (drop >= 1.0)
        QCOMPARE(in.processed, 1u);
}

void TestStreamEnds::brokerOnAThirdHostPassesTheEndsOn()
{
    constexpr std::uint64_t kEvents = 300;
    md::Node hub = node("hub", md::NodeKind::Broker);
    hub.properties["endpoint"] = onHost("b", freePort());
    hub.properties["backendEndpoint"] = onHost("b", freePort());
    hub.faults = drops(0.2);
    md::Node tally = node("tally", md::NodeKind::Counter);
    md::Node audit = node("audit", md::NodeKind::Counter);
    md::Flow flow = chain(generator("gen", kEvents), hub, tally);
    flow.nodes.push_back(audit);
    flow.links.push_back(makeLink("hub", "audit"));
    flow.hosts = {{"a", "127.0.0.1"}, {"b", "127.0.0.1"}, {"c", "127.0.0.1"}};
    for (md::Node &n : flow.nodes)
        n.host = n.id.value == "gen"                            ? "a"
                 : n.id.value == "hub" || n.id.value == "audit" ? "b"
                                                                : "c";

    tr::FlowRuntime onC;
    QVERIFY(startHost(onC, flow, "c"));
    tr::FlowRuntime onB;
    QVERIFY(startHost(onB, flow, "b"));
    // The writer learns of the readers only through the proxy and starts at the first one's
    // subscription: events sent before the other's reached the proxy would be lost to it (and
    // counted as gaps there, through the announced end). Both readers first, for exact books.
    QTRY_VERIFY_WITH_TIMEOUT(nodeOf(onB.snapshot(), "hub").channel.connectedPeers >= 2, kWait);
    tr::FlowRuntime onA;
    QVERIFY(startHost(onA, flow, "a"));
    // Each host ends by itself: a after announcing, b once the announcement passed its proxy
    // (and its own reader has it), c once it has it through b.
    QTRY_VERIFY_WITH_TIMEOUT(onA.finished(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(onB.finished(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(onC.finished(), kWait);
    onA.stop();
    onB.stop();
    onC.stop();
    const std::uint64_t lost = nodeOf(onA.snapshot(), "hub").injected.drops;
    QVERIFY(lost > 0);
    for (const auto &[rt, id] : {std::pair{&onB, "audit"}, std::pair{&onC, "tally"}}) {
        const md::RunSnapshot s = rt->snapshot();
        const md::InputAccounting &in = nodeOf(s, id).input;
        QCOMPARE(in.processed + in.gaps, kEvents);
        QCOMPARE(in.gaps, lost);
        QVERIFY(s.accounting.balanced);
        QVERIFY2(s.run.errors.empty(), errorsOf(s).c_str());
    }
}

void TestStreamEnds::slowReaderGetsTheEndDespiteItsFullQueue()
{
    // Real loss, not injected: a reader that sleeps per event behind a small HWM. PUB drops for
    // it once its queue and the tcp buffers are full, the first copies of the announcement
    // included; the producer repeats it until one gets in.
    constexpr std::uint64_t kEvents = 60000;
    md::Node bus = channel("bus", md::NodeKind::PubSub, onHost("a", freePort()));
    bus.properties["hwm"] = std::int64_t{100};
    md::Node slow = node("slow", md::NodeKind::Counter);
    slow.properties["workMicros"] = std::int64_t{50};
    md::Flow flow = chain(generator("gen", kEvents), bus, slow);
    splitAcrossTwoHosts(flow, {"slow"});

    tr::FlowRuntime writer;
    QVERIFY(startHost(writer, flow, "a"));
    tr::FlowRuntime reader;
    QVERIFY(startHost(reader, flow, "b"));
    QTRY_VERIFY_WITH_TIMEOUT(reader.finished(), kWait);
    writer.stop();
    reader.stop();
    const md::InputAccounting in = nodeOf(reader.snapshot(), "slow").input; // a copy
    qInfo("slow reader on another host: %llu processed, %llu gaps of %llu",
          static_cast<unsigned long long>(in.processed), static_cast<unsigned long long>(in.gaps),
          static_cast<unsigned long long>(kEvents));
    QCOMPARE(nodeOf(writer.snapshot(), "gen").produced, kEvents);
    QVERIFY(in.gaps > 0); // PUB did drop: the case this test is about
    QCOMPARE(in.processed + in.gaps, kEvents);
    QVERIFY(reader.snapshot().accounting.balanced);
}

QTEST_GUILESS_MAIN(TestStreamEnds)
#include "TestStreamEnds.moc"
