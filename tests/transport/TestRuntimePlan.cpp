// The pure part of the plumbing: the runtime plan, subscription bookkeeping, the start gate, the
// endpoint registry, counters and the run-error queue. No sockets.

#include "support/ChannelHarness.h"

#include "model/FlowFile.h"
#include "model/Validation.h"
#include "transport/SubscriptionTracker.h"

#include <QtTest>

#include <thread>

using namespace evflow::test;
using evflow::model::NodeId;
using evflow::model::NodeKind;
using tr::ChannelPattern;

namespace {

md::Flow loadExample(const std::string &name)
{
    const auto loaded
        = md::loadFlowFile(std::string(EVFLOW_SOURCE_DIR) + "/resources/examples/" + name);
    if (!loaded.flow || md::hasErrors(md::validateFlow(*loaded.flow)))
        qFatal("example %s does not load cleanly", name.c_str());
    return *loaded.flow;
}

std::span<const std::byte> bytes(const std::string &s)
{
    return {reinterpret_cast<const std::byte *>(s.data()), s.size()};
}

using Strings = std::vector<std::string>;

} // namespace

class TestRuntimePlan : public QObject
{
    Q_OBJECT

private slots:
    void pubsubExample();
    void queueBoundByConsumer();
    void queueWithTwoReadersDropsSequenceTracking();
    void brokerPlan();
    void hostSplit();
    void trackerCountsSubscribers();
    void trackerIgnoresUnsubscribe();
    void gateReleasesTogether();
    void gateAbortsAndTimesOut();
    void endpointsRegistry();
    void counterSnapshot();
    void runErrorsAreBounded();
    void sinksShareReaderThreads();
};

void TestRuntimePlan::pubsubExample()
{
    const tr::RuntimePlan plan = tr::planRuntime(loadExample("order-pipeline.evflow.json"));
    QCOMPARE(plan.channels.size(), 1u);
    const tr::ChannelPlan &bus = plan.channels[0];
    QCOMPARE(bus.id.value, std::string("bus"));
    QCOMPARE(bus.pattern, ChannelPattern::PubSub);
    QCOMPARE(bus.binder, tr::Binder::Writer);
    QCOMPARE(bus.endpoint, std::string("inproc://orders"));
    QCOMPARE(bus.hwm, 100000);
    QCOMPARE(bus.maxMessageSize, std::int64_t{1 << 20});
    QCOMPARE(bus.writers.size(), 1u);
    QCOMPARE(bus.writers[0].node.value, std::string("orders"));
    QCOMPARE(bus.writers[0].port, std::string("out"));
    QVERIFY(bus.binds({"orders"}));
    QVERIFY(!bus.binds({"billing"}));
    QCOMPARE(bus.readers.size(), 3u);
    QCOMPARE(bus.readers[0].node.value, std::string("billing"));
    QCOMPARE(bus.readers[0].prefixes, Strings{"order."});
    QCOMPARE(bus.readers[1].prefixes, Strings{"order.placed"});
    QVERIFY(!bus.readersFilterTypes);
    QVERIFY(bus.sequenceTracking);
    QCOMPARE(plan.nodes.size(), 4u);
    const tr::NodePlan *orders = plan.findNode({"orders"});
    QVERIFY(orders);
    QCOMPARE(orders->kind, NodeKind::Generator);
    QVERIFY(orders->inputs.empty());
    QCOMPARE(orders->outputs.at("out"), std::vector<NodeId>{{"bus"}});
    QCOMPARE(plan.findNode({"billing"})->inputs, std::vector<NodeId>{{"bus"}});
    QVERIFY(!plan.findNode({"bus"})); // channels are not nodes of the plan
}

void TestRuntimePlan::queueBoundByConsumer()
{
    const tr::RuntimePlan plan = tr::planRuntime(loadExample("throughput.evflow.json"));
    const tr::ChannelPlan *pipe = plan.findChannel({"pipe"});
    QVERIFY(pipe);
    QCOMPARE(pipe->pattern, ChannelPattern::Queue);
    QCOMPARE(pipe->binder, tr::Binder::Reader);
    QVERIFY(pipe->binds({"sink"}));
    QVERIFY(!pipe->binds({"source"}));
    QVERIFY(pipe->readersFilterTypes); // PUSH/PULL cannot filter
    QVERIFY(pipe->sequenceTracking);   // one reader sees every stream whole
    QCOMPARE(pipe->readers[0].prefixes, Strings{""});
}

void TestRuntimePlan::queueWithTwoReadersDropsSequenceTracking()
{
    md::Flow flow;
    flow.nodes = {channelNode("jobs", NodeKind::Queue, "inproc://jobs", 50),
                  plainNode("w", NodeKind::Generator), plainNode("a", NodeKind::Counter),
                  plainNode("b", NodeKind::Counter)};
    flow.links
        = {makeLink("w", "jobs"), makeLink("jobs", "a", {"x", "y", "x"}), makeLink("jobs", "b")};
    const tr::RuntimePlan plan = tr::planRuntime(flow);
    const tr::ChannelPlan &jobs = plan.channels.at(0);
    QVERIFY(!jobs.sequenceTracking);
    QCOMPARE(jobs.hwm, 50);
    QCOMPARE(jobs.findReader({"a"})->prefixes, (Strings{"x", "y"})); // duplicates removed
    QCOMPARE(jobs.findReader({"b"})->prefixes, Strings{""});
}

void TestRuntimePlan::brokerPlan()
{
    md::Flow flow;
    flow.nodes = {
        channelNode("hub", NodeKind::Broker, "tcp://127.0.0.1:*", 10, "", "tcp://127.0.0.1:6001"),
        plainNode("w1", NodeKind::Generator), plainNode("w2", NodeKind::Generator),
        plainNode("r", NodeKind::Counter)};
    flow.links = {makeLink("w1", "hub"), makeLink("w2", "hub"), makeLink("hub", "r", {"a"})};
    const tr::RuntimePlan plan = tr::planRuntime(flow);
    const tr::ChannelPlan &hub = plan.channels.at(0);
    QCOMPARE(hub.pattern, ChannelPattern::Broker);
    QCOMPARE(hub.binder, tr::Binder::Proxy);
    QVERIFY(hub.proxyLocal);
    QVERIFY(!hub.binds({"w1"}));
    QVERIFY(!hub.binds({"r"}));
    QCOMPARE(hub.writerEndpoint(), std::string("tcp://127.0.0.1:*"));
    QCOMPARE(hub.readerEndpoint(), std::string("tcp://127.0.0.1:6001"));
    QCOMPARE(hub.writers.size(), 2u);
}

void TestRuntimePlan::hostSplit()
{
    md::Flow flow;
    flow.hosts = {{"edge", "10.0.0.1"}, {"core", "10.0.0.2"}};
    flow.nodes = {channelNode("bus", NodeKind::PubSub, "tcp://10.0.0.1:7000", 10),
                  plainNode("w", NodeKind::Generator, "edge"),
                  plainNode("r1", NodeKind::Counter, "core"),
                  plainNode("r2", NodeKind::Counter, "edge"),
                  channelNode("other", NodeKind::Queue, "inproc://other", 10),
                  plainNode("w2", NodeKind::Generator, "core"),
                  plainNode("r3", NodeKind::Counter, "core")};
    flow.nodes[0].host = "edge";
    flow.nodes[4].host = "core";
    flow.links = {makeLink("w", "bus"), makeLink("bus", "r1"), makeLink("bus", "r2"),
                  makeLink("w2", "other"), makeLink("other", "r3")};
    const tr::RuntimePlan core = tr::planRuntime(flow, std::string("core"));
    QCOMPARE(core.nodes.size(), 3u); // r1, w2, r3
    QVERIFY(core.findNode({"r1"}) && !core.findNode({"w"}) && !core.findNode({"r2"}));
    QCOMPARE(core.channels.size(), 2u);
    const tr::ChannelPlan *bus = core.findChannel({"bus"});
    QVERIFY(bus);
    QVERIFY(!bus->writers[0].local);
    QVERIFY(bus->readers[0].local);
    QVERIFY(!bus->readers[1].local);
    const tr::RuntimePlan edge = tr::planRuntime(flow, std::string("edge"));
    QCOMPARE(edge.channels.size(), 1u); // "other" has nothing on edge
    QCOMPARE(edge.nodes.size(), 2u);
    const tr::RuntimePlan nowhere = tr::planRuntime(flow, std::string(""));
    QCOMPARE(nowhere.channels.size(), 0u);
    QCOMPARE(nowhere.nodes.size(), 0u);

    // core reads 'bus', written on edge: its input is over when w has announced its ends.
    QVERIFY(tr::readsFromOtherHosts(core));
    QVERIFY(!tr::readsFromOtherHosts(edge)); // it writes 'bus' and reads it itself
    QVERIFY(!tr::readsFromOtherHosts(tr::planRuntime(flow)));
    QVERIFY(tr::hasRemoteWriters(*bus) && tr::hasRemoteReaders(*bus)); // w on edge, r2 on edge
    QCOMPARE(tr::remoteWriterCount(core, *core.findNode({"r1"})), 1u);
    QCOMPARE(tr::remoteWriterCount(core, *core.findNode({"r3"})), 0u); // w2 is on core
    QVERIFY(!tr::writesToOtherHosts(core, *core.findNode({"w2"})));
    const tr::ChannelPlan *busOnEdge = edge.findChannel({"bus"});
    QVERIFY(busOnEdge && !tr::hasRemoteWriters(*busOnEdge) && tr::hasRemoteReaders(*busOnEdge));
    QVERIFY(tr::writesToOtherHosts(edge, *edge.findNode({"w"}))); // r1 reads on core
    QCOMPARE(tr::hostProblem(flow, "core"), std::string());
    QCOMPARE(tr::hostProblem(flow, "edge"), std::string());
    QCOMPARE(tr::hostProblem(flow, "cor"),
             std::string("host 'cor' is not in the flow (hosts with nodes: core, edge)"));
    flow.hosts["spare"] = "10.0.0.3";
    QCOMPARE(
        tr::hostProblem(flow, "spare"),
        std::string("host 'spare' is declared but has no nodes (hosts with nodes: core, edge)"));
}

void TestRuntimePlan::trackerCountsSubscribers()
{
    tr::SubscriptionTracker t;
    t.expectSubscriber({"order."});
    t.expectSubscriber({"order.", "pay", "order."});
    t.expectSubscriber({""});
    QCOMPARE(t.expectedSubscribers(), 3u);
    QCOMPARE(t.readySubscribers(), 0u);
    QVERIFY(t.onMessage(bytes(std::string("\x01order.", 7))));
    QCOMPARE(t.readySubscribers(), 1u);
    QVERIFY(t.onMessage(bytes(std::string("\x01pay", 4))));
    QCOMPARE(t.readySubscribers(), 1u); // the second subscriber still lacks its own "order."
    QVERIFY(t.onMessage(bytes(std::string("\x01order.", 7))));
    QCOMPARE(t.readySubscribers(), 2u);
    QVERIFY(!t.satisfied());
    QVERIFY(t.onMessage(bytes(std::string("\x01", 1))));
    QVERIFY(t.satisfied());
    QCOMPARE(t.subscriptionsSeen(), 4u);
}

void TestRuntimePlan::trackerIgnoresUnsubscribe()
{
    tr::SubscriptionTracker t;
    t.expectSubscriber({"a"});
    QVERIFY(!t.onMessage(bytes(std::string("\x00"
                                           "a",
                                           2))));
    QVERIFY(!t.onMessage({}));
    QVERIFY(!t.onMessage(bytes("a")));
    QVERIFY(!t.satisfied());
    QCOMPARE(t.subscriptionsSeen(), 0u);
}

void TestRuntimePlan::gateReleasesTogether()
{
    tr::StartGate gate(3);
    std::atomic<bool> stop{false};
    std::atomic<int> passed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&] {
            if (gate.arriveAndWait(tr::StartGate::Phase::Bind, 60s, stop))
                ++passed;
        });
    QTRY_COMPARE(gate.arrived(tr::StartGate::Phase::Bind), 2u);
    QCOMPARE(passed.load(), 0); // nobody passes before the last one arrives
    int serviced = 0;
    QVERIFY(gate.arriveAndWait(tr::StartGate::Phase::Bind, 60s, stop, [&] { ++serviced; }));
    for (auto &t : threads)
        t.join();
    QCOMPARE(passed.load(), 2);
    QVERIFY(!gate.aborted());
}

void TestRuntimePlan::gateAbortsAndTimesOut()
{
    std::atomic<bool> stop{false};
    tr::StartGate gate(2);
    gate.abort("writer 'w' could not bind");
    gate.abort("second reason is not kept");
    QVERIFY(!gate.arriveAndWait(tr::StartGate::Phase::Connect, 60s, stop));
    QCOMPARE(gate.abortReason(), std::string("writer 'w' could not bind"));

    tr::StartGate lonely(2);
    QVERIFY(!lonely.arriveAndWait(tr::StartGate::Phase::Ready, 20ms, stop));
    QCOMPARE(lonely.abortReason(), std::string("start-up timed out in phase 'ready': 1 of 2 "
                                               "workers arrived"));

    tr::StartGate stopped(2);
    stop = true;
    QVERIFY(!stopped.arriveAndWait(tr::StartGate::Phase::Bind, 60s, stop));
    QVERIFY(!stopped.aborted()); // a stop is not a failure
}

void TestRuntimePlan::endpointsRegistry()
{
    tr::ResolvedEndpoints r;
    QCOMPARE(tr::ResolvedEndpoints::key("hub", true), std::string("hub#backend"));
    QVERIFY(!r.lookup("bus"));
    r.publish("bus", "tcp://127.0.0.1:41000");
    r.publish(tr::ResolvedEndpoints::key("hub", true), "ipc:///tmp/x");
    QCOMPARE(*r.lookup("bus"), std::string("tcp://127.0.0.1:41000"));
    QCOMPARE(r.all().size(), 2u);
    QCOMPARE(r.all().at("hub#backend"), std::string("ipc:///tmp/x"));
}

void TestRuntimePlan::counterSnapshot()
{
    tr::ChannelCounters c;
    c.sent = 10;
    c.received = 17;
    c.monitor.connectedPeers = 2;
    auto s = tr::snapshotOf(c, 2);
    QCOMPARE(s.backlog, 3u); // 10 sent to 2 readers, 17 received
    QCOMPARE(s.monitor.connectedPeers, std::int64_t{2});
    c.received = 25;
    QCOMPARE(tr::snapshotOf(c, 2).backlog, 0u); // never negative
}

void TestRuntimePlan::runErrorsAreBounded()
{
    tr::RunErrors errors(2);
    for (int i = 0; i < 5; ++i)
        errors.report({"n"}, tr::RunErrorKind::Io, "e" + std::to_string(i));
    QCOMPARE(errors.total(), 5u);
    QCOMPARE(errors.dropped(), 3u);
    const auto kept = errors.take();
    QCOMPARE(kept.size(), 2u);
    QCOMPARE(kept[1].message, std::string("e1"));
    QCOMPARE(std::string(tr::runErrorKindName(kept[0].kind)), std::string("io"));
}

// Readers with outputs keep a thread each; sinks are dealt round-robin onto the pool.
void TestRuntimePlan::sinksShareReaderThreads()
{
    tr::RuntimePlan plan;
    const auto add = [&](const char *id, NodeKind kind, bool outputs) {
        tr::NodePlan n;
        n.id = NodeId{id};
        n.kind = kind;
        if (outputs)
            n.outputs["out"] = {NodeId{"next"}};
        plan.nodes.push_back(n);
    };
    add("gen", NodeKind::Generator, true);
    add("c1", NodeKind::Counter, false);
    add("filter", NodeKind::Filter, true);
    add("c2", NodeKind::Counter, false);
    add("c3", NodeKind::Counter, false);
    using Threads = std::vector<std::vector<std::size_t>>;
    QCOMPARE(tr::readerThreads(plan, 2), (Threads{{2}, {1, 4}, {3}}));
    QCOMPARE(tr::readerThreads(plan, 1), (Threads{{2}, {1, 3, 4}}));
    QCOMPARE(tr::readerThreads(plan, 8), (Threads{{2}, {1}, {3}, {4}}));
    QCOMPARE(tr::readerThreads(plan, 0), (Threads{{1}, {2}, {3}, {4}}));
}

QTEST_GUILESS_MAIN(TestRuntimePlan)
#include "TestRuntimePlan.moc"
