// The CURVE pieces under the runtime (issue 8, point 5): the ZAP handler's allow-lists, driven
// by real handshakes on 127.0.0.1, and which keys CurveRuntime loads on each host of a flow.
#include "support/CurveProbe.h"
#include "support/FlowBuilders.h"
#include "transport/CurveRuntime.h"
#include "transport/ZapHandler.h"

#include <QtTest>

#include <filesystem>

using namespace evflow::test::flows;
using namespace evflow::test::curve;
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

} // namespace

class TestCurveSetup : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void zapHandlerAllowList();
    void keysPerHost();

private:
    fs::path keys() const { return m_keys->path(); }

    std::unique_ptr<evflow::test::curve::KeyDirectory> m_keys;
};

void TestCurveSetup::init()
{
    m_keys = std::make_unique<evflow::test::curve::KeyDirectory>();
    QVERIFY(m_keys->valid());
}

void TestCurveSetup::zapHandlerAllowList()
{
    // A server socket per domain, driven through the handler with real handshakes.
    zmq::context_t context;
    const tr::CurveKeyPair server = randomPair();
    const tr::CurveKeyPair allowed = randomPair();
    std::atomic<int> firsts{0};
    tr::ZapHandler zap(context, {{"bus", {allowed.publicKey}}, {"empty", {}}},
                       [&](const tr::ZapHandler::Refusal &r) { firsts += r.firstForKey ? 1 : 0; });
    const auto serve = [&](const std::string &domain) {
        auto s = std::make_unique<zmq::socket_t>(context, zmq::socket_type::pub);
        s->set(zmq::sockopt::linger, 0);
        s->set(zmq::sockopt::curve_server, true);
        s->set(zmq::sockopt::curve_secretkey, server.secretKey);
        s->set(zmq::sockopt::zap_domain, domain);
        s->bind("tcp://127.0.0.1:*");
        return s;
    };
    auto bus = serve("bus");
    auto empty = serve("empty");
    auto unknown = serve("no-such-channel");
    const auto attempt = [&](zmq::socket_t &s, const tr::CurveKeyPair &keys) {
        Probe p(context, server.publicKey, &keys);
        p.socket.connect(s.get(zmq::sockopt::last_endpoint));
        const bool ended
            = p.watch->waitUntil([&] { return p.watch->succeeded + p.watch->failedAuth > 0; });
        return ended && p.watch->succeeded == 1;
    };
    QVERIFY(attempt(*bus, allowed));
    QVERIFY(!attempt(*bus, randomPair()));
    QVERIFY(!attempt(*empty, allowed));   // an empty allow-list lets nobody in
    QVERIFY(!attempt(*unknown, allowed)); // a domain without a list: fail closed
    QCOMPARE(zap.accepted("bus"), 1u);
    QCOMPARE(zap.refused("bus"), 1u);
    QCOMPARE(zap.refused("empty"), 1u);
    QCOMPARE(zap.refused("no-such-channel"), 1u);
    QCOMPARE(zap.refusedTotal(), 3u);
    QCOMPARE(firsts.load(), 3);
    bus.reset();
    empty.reset();
    unknown.reset();
    zap.stop();
}

void TestCurveSetup::keysPerHost()
{
    // One flow over two machines: 'hub' binds the channel, 'edge-a' reads it. Each machine holds
    // its own secret and the others' public keys only; the plan of each host decides which
    // keys are loaded, and an edge picks the listed client key whose secret it holds.
    md::Flow f = curveFlow(0, 100, "hub", {"edge-b", "edge-a"});
    f.nodes[0].host = "hub";
    f.nodes[1].host = "hub";
    f.nodes[1].properties["endpoint"] = std::string("tcp://10.0.0.1:5555");
    f.nodes[2].host = "edge-a";
    const fs::path hubDir = keys() / "hub-machine";
    const fs::path edgeDir = keys() / "edge-machine";
    QVERIFY(tr::generateCurveKeyPair(hubDir, "hub"));
    QVERIFY(tr::generateCurveKeyPair(edgeDir, "edge-a"));
    QVERIFY(tr::generateCurveKeyPair(keys(), "edge-b")); // edge-b's secret is on neither
    fs::copy_file(edgeDir / "edge-a.pub", hubDir / "edge-a.pub");
    fs::copy_file(keys() / "edge-b.pub", hubDir / "edge-b.pub");
    fs::copy_file(keys() / "edge-b.pub", edgeDir / "edge-b.pub");
    fs::copy_file(hubDir / "hub.pub", edgeDir / "hub.pub");

    zmq::context_t context;
    tr::RunErrors errors;
    bool ok = false;
    auto hub = tr::CurveRuntime::prepare(f, tr::planRuntime(f, "hub"), context, errors, hubDir, ok);
    QCOMPARE(errors.total(), std::size_t{0});
    QVERIFY(ok);
    QVERIFY(hub != nullptr);
    const tr::ChannelCurve *served = hub->find("bus");
    QVERIFY(served != nullptr);
    QVERIFY(served->server);
    QVERIFY(!served->client);
    QCOMPARE(served->serverKeys.secretKey, tr::loadCurveKeyPair(hubDir, "hub").keys->secretKey);
    hub->stop();
    hub.reset();

    zmq::context_t edgeContext;
    auto edge = tr::CurveRuntime::prepare(f, tr::planRuntime(f, "edge-a"), edgeContext, errors,
                                          edgeDir, ok);
    QCOMPARE(errors.total(), std::size_t{0});
    QVERIFY(ok);
    const tr::ChannelCurve *client = edge->find("bus");
    QVERIFY(client != nullptr);
    QVERIFY(!client->server);
    QVERIFY(client->client);
    QCOMPARE(client->clientKeyName, std::string("edge-a"));
    QCOMPARE(client->serverKeys.publicKey, tr::loadCurvePublicKey(hubDir, "hub").keys->publicKey);
    QVERIFY(client->serverKeys.secretKey.empty()); // the hub's secret never left the hub
    QCOMPARE(errors.total(), std::size_t{0});

    // Without the hub's public key the edge cannot pin the server: it does not start.
    fs::remove(edgeDir / "hub.pub");
    auto blind = tr::CurveRuntime::prepare(f, tr::planRuntime(f, "edge-a"), edgeContext, errors,
                                           edgeDir, ok);
    QVERIFY(!ok);
    QCOMPARE(errors.total(), std::size_t{1});
    QVERIFY2(errors.all()[0].message.find("server key 'hub': " + (edgeDir / "hub.pub").string()
                                          + ": no such public key")
                 != std::string::npos,
             errors.all()[0].message.c_str());
}
QTEST_GUILESS_MAIN(TestCurveSetup)
#include "TestCurveSetup.moc"
