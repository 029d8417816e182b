// zmq-source end to end: a raw cppzmq peer in the test plays the foreign system, the flow's
// zmq-source forwards its CloudEvents JSON into a pubsub channel and a counter. Waits are on
// counters with generous bounds; nothing asserts on timing.

#include "model/CloudEventJson.h"
#include "support/FlowBuilders.h"

#include <QTest>

#include <zmq.hpp>

#include <chrono>

using namespace evflow;
using namespace evflow::test::flows;

namespace {

const std::string kShop = "foreign:/shop";
const std::string kProbe = "foreign:/probe";

std::int64_t nowMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

/// A foreign event as JSON, with a foreign sequence and epoch the source must replace. Without
/// `withTime` the "time" attribute is left out.
std::string foreignJson(const std::string &source, const std::string &id, std::int64_t time,
                        std::int64_t n, bool withTime = true)
{
    md::Event e;
    e.id = id;
    e.source = source;
    e.type = "tick";
    e.time = time;
    e.sequence = 1000 + static_cast<std::uint64_t>(n);
    e.epoch = 77;
    e.setField("n", std::int64_t{n});
    e.setField("key", std::string("k") + std::to_string(n));
    e.setField("value", std::int64_t{n * 10});
    std::string json = md::toCloudEventJson(e);
    if (!withTime) {
        const auto at = json.find("\"time\":\"");
        json.erase(at, json.find("\",", at) + 2 - at);
    }
    return json;
}

md::Event decoded(const std::string &json)
{
    md::Event e;
    std::string error;
    if (!md::fromCloudEventJson(json, e, error))
        qFatal("test event does not decode: %s", error.c_str());
    return e;
}

md::Flow sourceFlow(const std::string &endpoint, const std::string &socket,
                    const std::string &prefix, const std::string &busEndpoint)
{
    md::Node source = node("src", md::NodeKind::ZmqSource);
    source.properties["endpoint"] = endpoint;
    source.properties["socket"] = socket;
    source.properties["subscribe"] = prefix;
    source.properties["bind"] = false;
    return chain(source, channel("bus", md::NodeKind::PubSub, busEndpoint),
                 node("count", md::NodeKind::Counter));
}

void sendText(zmq::socket_t &socket, const std::string &text)
{
    (void)socket.send(zmq::buffer(text), zmq::send_flags::none);
}

void sendTopic(zmq::socket_t &socket, const std::string &topic, const std::string &text)
{
    (void)socket.send(zmq::buffer(topic), zmq::send_flags::sndmore);
    (void)socket.send(zmq::buffer(text), zmq::send_flags::none);
}

const md::SequenceBooks *booksOf(const md::NodeSnapshot &n, const std::string &source)
{
    for (const auto &s : n.sources)
        if (s.source == source)
            return &s.books;
    return nullptr;
}

/// The events of `source` the counter saw, in arrival order.
std::vector<md::RecentEvent> recentOf(tr::FlowRuntime &rt, const std::string &source)
{
    std::vector<md::RecentEvent> out;
    for (const md::RecentEvent &r : rt.recentEvents({"count"}))
        if (r.event.source == source)
            out.push_back(r);
    return out;
}

} // namespace

class TestZmqSource : public QObject
{
    Q_OBJECT

private slots:
    void pullForwardsForeignEvents();
    void subWithPrefixAfterProbes();
    void endpointInUseFailsStart();
};

void TestZmqSource::pullForwardsForeignEvents()
{
    zmq::context_t context;
    zmq::socket_t push(context, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 0);
    push.bind("tcp://127.0.0.1:*");
    const std::string endpoint = push.get(zmq::sockopt::last_endpoint);

    tr::FlowRuntime rt;
    QVERIFY2(rt.start(sourceFlow(endpoint, "pull", "", "inproc://zs-pull")),
             errorsOf(rt.snapshot()).c_str());
    const std::int64_t base = nowMicros() - 1000000;
    std::vector<std::string> sent; // the events in sending order, duplicates included
    for (int i = 0; i < 10; ++i) {
        sent.push_back(foreignJson(kShop, "e" + std::to_string(i), base + i * 1000, i, i != 9));
        if (i == 4)
            sendTopic(push, "tick", sent.back()); // two frames: topic + JSON
        else
            sendText(push, sent.back());
        if (i == 2 || i == 5 || i == 8) { // deliberate foreign re-sends of the same event
            sent.push_back(sent.back());
            sendText(push, sent.back());
        }
        if (i == 3)
            sendText(push, R"({"specversion":"1.0","id":"x","source":"s"})");
        if (i == 6) {
            (void)push.send(zmq::str_buffer("a"), zmq::send_flags::sndmore);
            (void)push.send(zmq::str_buffer("b"), zmq::send_flags::sndmore);
            (void)push.send(zmq::str_buffer("c"), zmq::send_flags::none);
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(nodeOf(rt.snapshot(), "count").input.received, 13u, kWait);
    rt.stop();
    const md::RunSnapshot s = rt.snapshot();

    QCOMPARE(nodeOf(s, "src").produced, 13u);
    QCOMPARE(nodeOf(s, "bus").channel.sent, 13u);
    const md::InputAccounting &in = nodeOf(s, "count").input;
    QCOMPARE(in.processed, 10u);
    QCOMPARE(in.duplicates, 3u);
    QCOMPARE(in.gaps, 0u);
    QCOMPARE(in.outOfOrder, 0u);
    QCOMPARE(in.malformed, 0u);
    QVERIFY(nodeOf(s, "count").balanced());
    QVERIFY(s.accounting.balanced);
    QCOMPARE(s.run.errors.size(), std::size_t{2});
    QCOMPARE(s.run.errors[0].node, std::string("src"));
    QCOMPARE(s.run.errors[0].kind, std::string("malformed"));
    QCOMPARE(s.run.errors[0].message, std::string("malformed message skipped (1 so far): "
                                                  "missing required attribute \"type\""));
    QCOMPARE(s.run.errors[1].message,
             std::string("malformed message skipped (2 so far): 3 frames (expected the JSON "
                         "event, or a topic and the JSON event)"));

    const auto seen = recentOf(rt, kShop);
    QCOMPARE(seen.size(), sent.size());
    std::uint64_t next = 0;
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const md::Event want = decoded(sent[i]);
        const md::Event &got = seen[i].event;
        const bool repeat = i > 0 && sent[i] == sent[i - 1];
        QCOMPARE(got.id, want.id);
        QCOMPARE(got.type, want.type);
        QCOMPARE(got.data, want.data);
        if (want.time == 0) // no foreign time: stamped on receipt
            QVERIFY(got.time > base + 9000);
        else
            QCOMPARE(got.time, want.time);
        QVERIFY(got.epoch != 77u);
        // Re-stamped: one sequence per (source, type) from 0; a re-send keeps its sequence.
        QCOMPARE(got.sequence, repeat ? next - 1 : next);
        next += repeat ? 0 : 1;
        QCOMPARE(seen[i].classification,
                 repeat ? md::EventClass::Duplicate : md::EventClass::Processed);
    }
}

void TestZmqSource::subWithPrefixAfterProbes()
{
    zmq::context_t context;
    zmq::socket_t pub(context, zmq::socket_type::pub);
    pub.set(zmq::sockopt::linger, 0);
    pub.bind("tcp://127.0.0.1:*");
    const std::string endpoint = pub.get(zmq::sockopt::last_endpoint);

    tr::FlowRuntime rt;
    QVERIFY2(rt.start(sourceFlow(endpoint, "sub", "tick", "inproc://zs-sub")),
             errorsOf(rt.snapshot()).c_str());
    // Slow joiner: the subscription reaches the PUB some time after the connect. Probe until
    // one probe came through; from then on every message reaches the source.
    const std::int64_t base = nowMicros() - 1000000;
    std::int64_t probes = 0;
    while (nodeOf(rt.snapshot(), "src").produced == 0 && probes < 3000) {
        sendTopic(pub, "tick", foreignJson(kProbe, "p" + std::to_string(probes), base, probes));
        ++probes;
        QTest::qWait(20); // pacing of the retries only; no result depends on it
    }
    QVERIFY(nodeOf(rt.snapshot(), "src").produced >= 1);
    std::vector<std::string> sent;
    for (int i = 0; i < 6; ++i) {
        sent.push_back(foreignJson(kShop, "s" + std::to_string(i), base + 1000 + i, i));
        sendTopic(pub, "tick.created", sent.back());
        sendTopic(pub, "other", foreignJson(kShop, "o" + std::to_string(i), base, i));
    }
    QTRY_VERIFY_WITH_TIMEOUT(booksOf(nodeOf(rt.snapshot(), "count"), kShop) != nullptr
                                 && booksOf(nodeOf(rt.snapshot(), "count"), kShop)->receivedUnique
                                        == 6u,
                             kWait);
    rt.stop();
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(errorsOf(s), std::string());
    const md::SequenceBooks *probeBooks = booksOf(nodeOf(s, "count"), kProbe);
    QVERIFY(probeBooks != nullptr);
    const std::uint64_t probesSeen = probeBooks->receivedUnique;
    QVERIFY(probesSeen >= 1 && probesSeen <= static_cast<std::uint64_t>(probes));
    // "other" is not subscribed: only the probes that came through and the six events count.
    QCOMPARE(nodeOf(s, "src").produced, probesSeen + 6);
    QCOMPARE(nodeOf(s, "count").input.received, probesSeen + 6);
    QCOMPARE(nodeOf(s, "count").input.processed, probesSeen + 6);
    QCOMPARE(nodeOf(s, "count").input.gaps, 0u);
    QVERIFY(s.accounting.balanced);
    const auto seen = recentOf(rt, kShop);
    QCOMPARE(seen.size(), sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        QCOMPARE(seen[i].event.id, decoded(sent[i]).id);
        QCOMPARE(seen[i].event.time, decoded(sent[i]).time);
        QCOMPARE(seen[i].event.sequence, std::uint64_t{i});
    }
}

void TestZmqSource::endpointInUseFailsStart()
{
    zmq::context_t context;
    zmq::socket_t holder(context, zmq::socket_type::push);
    holder.set(zmq::sockopt::linger, 0);
    holder.bind("tcp://127.0.0.1:*");
    const std::string endpoint = holder.get(zmq::sockopt::last_endpoint);
    md::Flow f = sourceFlow(endpoint, "pull", "", "inproc://zs-bad");
    f.nodes.front().properties["bind"] = true;
    tr::FlowRuntime rt;
    QVERIFY(!rt.start(f));
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(s.run.state, md::RunState::Failed);
    QCOMPARE(s.run.errors.size(), std::size_t{1});
    QCOMPARE(s.run.errors.front().node, std::string("src"));
    QCOMPARE(s.run.errors.front().kind, std::string("bind"));
    QCOMPARE(s.run.errors.front().message, "cannot bind " + endpoint + ": Address already in use");
}

QTEST_GUILESS_MAIN(TestZmqSource)
#include "TestZmqSource.moc"
