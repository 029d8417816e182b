// CURVE on tcp channels (issue 8, point 5): running flows whose CURVE servers are attacked from
// raw ZeroMQ sockets on 127.0.0.1 (unknown keys, a wrong server key, plaintext), and start-up with
// keys missing. The key store: TestCurveKeys; the ZAP handler and key loading: TestCurveSetup.
#include "support/CurveProbe.h"
#include "support/FlowBuilders.h"
#include "transport/CurveKeys.h"
#include "transport/FlowRuntime.h"

#include <QtTest>

#include <zmq.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>

using namespace evflow::test::flows;
using namespace evflow::test::curve;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// gen -> pubsub 'bus' (CURVE, tcp on 127.0.0.1, any port) -> counter 'count'.
md::Flow curveFlow(std::int64_t count, double rate, const std::string &serverKey,
                   md::StringList clientKeys)
{
    md::Node bus = channel("bus", md::NodeKind::PubSub, "tcp://127.0.0.1:*");
    bus.properties["curve"] = true;
    bus.properties["serverKey"] = serverKey;
    bus.properties["clientKeys"] = std::move(clientKeys);
    return chain(generator("gen", count, rate), std::move(bus),
                 node("count", md::NodeKind::Counter));
}

int errorsContaining(const md::RunSnapshot &s, const std::string &text)
{
    int n = 0;
    for (const auto &e : s.run.errors)
        n += e.message.find(text) != std::string::npos ? 1 : 0;
    return n;
}

} // namespace

class TestCurve : public QObject
{
    Q_OBJECT
private slots:
    void init();

    void allowedKeyDelivers();
    void everyChannelKindDelivers_data();
    void everyChannelKindDelivers();
    void brokerRefusesUnknownKeysOnBothEnds();
    void unknownKeysRefused();
    void wrongServerKeyGetsNothing();
    void plaintextPeerRefused();
    void missingKeysFailStart_data();
    void missingKeysFailStart();

private:
    fs::path keys() const { return m_keys->path(); }

    std::unique_ptr<evflow::test::curve::KeyDirectory> m_keys;
};

void TestCurve::init()
{
    m_keys = std::make_unique<evflow::test::curve::KeyDirectory>();
    QVERIFY(m_keys->valid());
}

void TestCurve::allowedKeyDelivers()
{
    QVERIFY(tr::generateCurveKeyPair(keys(), "server"));
    const auto client = tr::generateCurveKeyPair(keys(), "client");
    QVERIFY(client);
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(curveFlow(2000, 0, "server", {"client"}), rt);
    QVERIFY2(s.run.errors.empty(), errorsOf(s).c_str());
    QCOMPARE(nodeOf(s, "count").input.processed, 2000u);
    QVERIFY(nodeOf(s, "bus").endpoint.rfind("tcp://127.0.0.1:", 0) == 0);
}

/// gen1, gen2 -> broker 'hub' (CURVE on both tcp ends) -> c1, c2.
md::Flow curveBrokerFlow(std::int64_t count, double rate)
{
    md::Flow f;
    f.name = "curve broker";
    f.eventTypes = {tickType()};
    md::Node hub = node("hub", md::NodeKind::Broker);
    hub.properties["endpoint"] = std::string("tcp://127.0.0.1:*");
    hub.properties["backendEndpoint"] = std::string("tcp://127.0.0.1:*");
    hub.properties["hwm"] = std::int64_t{200000};
    hub.properties["curve"] = true;
    hub.properties["serverKey"] = std::string("server");
    hub.properties["clientKeys"] = md::StringList{"client"};
    f.nodes = {generator("g1", count, rate), generator("g2", count, rate), hub,
               node("c1", md::NodeKind::Counter), node("c2", md::NodeKind::Counter)};
    f.links = {makeLink("g1", "hub"), makeLink("g2", "hub"), makeLink("hub", "c1"),
               makeLink("hub", "c2")};
    return f;
}

void TestCurve::everyChannelKindDelivers_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("bindSide");
    QTest::addColumn<unsigned>("expected"); // per counter
    QTest::newRow("pubsub, producer binds") << int(md::NodeKind::PubSub) << "producer" << 1000u;
    QTest::newRow("pubsub, consumer binds") << int(md::NodeKind::PubSub) << "consumer" << 1000u;
    QTest::newRow("queue, producer binds") << int(md::NodeKind::Queue) << "producer" << 1000u;
    QTest::newRow("queue, consumer binds") << int(md::NodeKind::Queue) << "consumer" << 1000u;
    QTest::newRow("broker") << int(md::NodeKind::Broker) << "" << 2000u;
}

void TestCurve::everyChannelKindDelivers()
{
    QFETCH(int, kind);
    QFETCH(QString, bindSide);
    QFETCH(unsigned, expected);
    QVERIFY(tr::generateCurveKeyPair(keys(), "server"));
    QVERIFY(tr::generateCurveKeyPair(keys(), "client"));
    md::Flow f;
    if (kind == int(md::NodeKind::Broker)) {
        f = curveBrokerFlow(1000, 0);
    } else {
        f = curveFlow(1000, 0, "server", {"client"});
        f.nodes[1].kind = md::NodeKind(kind);
        f.nodes[1].properties["bindSide"] = bindSide.toStdString();
    }
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(f, rt);
    QVERIFY2(s.run.errors.empty(), errorsOf(s).c_str());
    for (const char *c : {"count", "c1", "c2"})
        if (s.findNode(c) != nullptr)
            QCOMPARE(nodeOf(s, c).input.processed, std::uint64_t{expected});
    QVERIFY(s.accounting.balanced);
}

void TestCurve::brokerRefusesUnknownKeysOnBothEnds()
{
    const auto server = tr::generateCurveKeyPair(keys(), "server");
    QVERIFY(server);
    QVERIFY(tr::generateCurveKeyPair(keys(), "client"));
    tr::FlowRuntime rt;
    QVERIFY2(rt.start(curveBrokerFlow(0, 200)), errorsOf(rt.snapshot()).c_str());
    const md::NodeSnapshot hub = nodeOf(rt.snapshot(), "hub");
    zmq::context_t context;
    for (const std::string &endpoint : {hub.endpoint, hub.backendEndpoint}) {
        // The socket type must suit the end: the server checks it before the ZAP reply is in.
        const bool frontend = endpoint == hub.endpoint;
        const tr::CurveKeyPair stranger = randomPair();
        Probe p(context, server.keys->publicKey, &stranger,
                frontend ? zmq::socket_type::pub : zmq::socket_type::sub);
        p.socket.connect(endpoint);
        QVERIFY2(p.watch->waitUntil([&] { return p.watch->failedAuth + p.watch->succeeded > 0; }),
                 qPrintable(QString("%1: protocol %2 (%3), other %4")
                                .arg(QString::fromStdString(endpoint))
                                .arg(p.watch->failedProtocol)
                                .arg(p.watch->lastProtocolError, 0, 16)
                                .arg(p.watch->failedOther)));
        QCOMPARE(p.watch->succeeded, 0);
        QVERIFY(frontend || !p.hasMessage());
    }
    rt.stop();
    QCOMPARE(errorsContaining(rt.snapshot(), "broker 'hub': refused a client with an unknown key"),
             2);
}

void TestCurve::unknownKeysRefused()
{
    const auto server = tr::generateCurveKeyPair(keys(), "server");
    QVERIFY(server);
    const auto client = tr::generateCurveKeyPair(keys(), "client");
    QVERIFY(client);
    tr::FlowRuntime rt;
    QVERIFY2(rt.start(curveFlow(0, 500, "server", {"client"})), errorsOf(rt.snapshot()).c_str());
    const std::string endpoint = nodeOf(rt.snapshot(), "bus").endpoint;
    zmq::context_t context;

    constexpr int kAttempts = 100;
    int refused = 0;
    int delivered = 0;
    for (int i = 0; i < kAttempts; ++i) {
        const tr::CurveKeyPair stranger = randomPair();
        Probe p(context, server.keys->publicKey, &stranger);
        p.socket.connect(endpoint);
        // The server answers every handshake: refused (400) or, were the key let in, succeeded.
        QVERIFY2(p.watch->waitUntil([&] { return p.watch->failedAuth + p.watch->succeeded > 0; }),
                 qPrintable(QString("attempt %1 got no answer").arg(i)));
        refused += p.watch->succeeded == 0 && p.watch->failedAuth > 0 ? 1 : 0;
        delivered += p.hasMessage() ? 1 : 0;
    }
    QCOMPARE(refused, kAttempts);
    QCOMPARE(delivered, 0);

    // Control: the allowed key, through the same path, does receive events.
    Probe allowed(context, server.keys->publicKey, &*client.keys);
    allowed.socket.connect(endpoint);
    QVERIFY(allowed.watch->waitUntil([&] { return allowed.watch->succeeded > 0; }));
    zmq::pollitem_t item{allowed.socket.handle(), 0, ZMQ_POLLIN, 0};
    QVERIFY(zmq::poll(&item, 1, std::chrono::milliseconds(kWait)) > 0);

    // The runtime tells: one error per refused key, and a count when it stops.
    QTRY_COMPARE_WITH_TIMEOUT(
        errorsContaining(rt.snapshot(), "pubsub 'bus': refused a client with an unknown key"),
        kAttempts, kWait);
    rt.stop();
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(errorsContaining(s, "by 100 unknown client keys in all"), 1);
    // The 100th key is the last one reported by itself (the error list is bounded).
    QCOMPARE(errorsContaining(s, "further unknown keys are only counted"), 1);
    for (const auto &e : s.run.errors)
        QCOMPARE(e.kind, std::string("auth"));
    QVERIFY(nodeOf(s, "count").input.processed > 0);
}

void TestCurve::wrongServerKeyGetsNothing()
{
    QVERIFY(tr::generateCurveKeyPair(keys(), "server"));
    const auto client = tr::generateCurveKeyPair(keys(), "client");
    QVERIFY(client);
    tr::FlowRuntime rt;
    QVERIFY2(rt.start(curveFlow(0, 500, "server", {"client"})), errorsOf(rt.snapshot()).c_str());
    zmq::context_t context;
    // An allowed client key, but pinned to another server's public key: the server cannot read
    // its hello, so the handshake fails on every retry and nothing is ever delivered.
    Probe p(context, randomPair().publicKey, &*client.keys);
    p.socket.set(zmq::sockopt::reconnect_ivl, 10);
    p.socket.connect(nodeOf(rt.snapshot(), "bus").endpoint);
    QVERIFY(p.watch->waitUntil([&] {
        return p.watch->succeeded > 0 || p.watch->failedOther + p.watch->failedProtocol >= 5;
    }));
    QCOMPARE(p.watch->succeeded, 0);
    QVERIFY(!p.hasMessage());
    rt.stop();
    // The client never reached the ZAP handler: no key was refused, the books are whole.
    QCOMPARE(errorsContaining(rt.snapshot(), "refused"), 0);
}

void TestCurve::plaintextPeerRefused()
{
    QVERIFY(tr::generateCurveKeyPair(keys(), "server"));
    QVERIFY(tr::generateCurveKeyPair(keys(), "client"));
    tr::FlowRuntime rt;
    QVERIFY2(rt.start(curveFlow(0, 500, "server", {"client"})), errorsOf(rt.snapshot()).c_str());
    zmq::context_t context;
    Probe p(context, {}, nullptr); // NULL mechanism: no encryption, no key
    p.socket.connect(nodeOf(rt.snapshot(), "bus").endpoint);
    QVERIFY(p.watch->waitUntil([&] { return p.watch->succeeded + p.watch->failedProtocol > 0; }));
    QCOMPARE(p.watch->succeeded, 0);
    QCOMPARE(p.watch->lastProtocolError, std::uint32_t(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH));
    QVERIFY(!p.hasMessage());
    rt.stop();
}

void TestCurve::missingKeysFailStart_data()
{
    QTest::addColumn<int>("setup");
    QTest::addColumn<QString>("message");
    QTest::newRow("no server key") << 0 << "/server.key: no such secret key";
    QTest::newRow("server key too open") << 1 << "server.key: permissions 0644 are too open";
    QTest::newRow("no client public key") << 2 << "client key 'client': ";
    QTest::newRow("no client secret here")
        << 3 << "pubsub 'bus': no client key on this machine: none of clientKeys (client)";
    QTest::newRow("no client keys listed")
        << 4 << "pubsub 'bus': no client key on this machine: none of clientKeys (none)";
}

void TestCurve::missingKeysFailStart()
{
    QFETCH(int, setup);
    QFETCH(QString, message);
    QVERIFY(tr::generateCurveKeyPair(keys(), "server"));
    QVERIFY(tr::generateCurveKeyPair(keys(), "client"));
    md::StringList clientKeys{"client"};
    switch (setup) {
    case 0: fs::remove(keys() / "server.key"); break;
    case 1: fs::permissions(keys() / "server.key", fs::perms(0644)); break;
    case 2: fs::remove(keys() / "client.pub"); break;
    case 3: fs::remove(keys() / "client.key"); break;
    case 4: clientKeys.clear(); break;
    }
    tr::FlowRuntime rt;
    QVERIFY(!rt.start(curveFlow(100, 0, "server", clientKeys)));
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(s.run.state, md::RunState::Failed);
    QVERIFY2(errorsContaining(s, message.toStdString()) == 1, errorsOf(s).c_str());
    for (const auto &e : s.run.errors) {
        QCOMPARE(e.kind, std::string("auth"));
        QVERIFY2(e.message.rfind("pubsub 'bus': ", 0) == 0, e.message.c_str());
    }
}

QTEST_GUILESS_MAIN(TestCurve)
#include "TestCurve.moc"
