// One flow across three hosts (issue 9): a producer on host a, a broker on host b, two
// consumers on host c, each host run by its own `evflow run FLOW --host NAME --telemetry ...`
// process. The test watches the three runners through their telemetry (TelemetryClient, as the
// studio would), kills host b's runner (the consumers show the lost connection, the outage
// shows up as gaps), restarts it (delivery resumes), and merges the three reports with
// `evflow report merge`: the flow-wide books balance and every event the producer numbered is
// processed or a gap at each consumer.
//
// Two clusters run the same scenario: three hosts declared on loopback (no privileges needed),
// and three network namespaces joined by a bridge, with CURVE on the broker (needs root; skipped
// with a message otherwise).

#include "model/RunReport.h"
#include "support/FaultHarness.h"
#include "transport/TelemetryClient.h"

#include <QTemporaryDir>

#include <array>
#include <fstream>
#include <functional>
#include <memory>

using namespace evflow;
using namespace evflow::test;
using namespace evflow::test::faults;

namespace {

constexpr Millis kRecoverBound = 2s; // delivery resumes within 2 s of the peer's return
constexpr std::int64_t kHubHwm = 200;

/// Where the three hosts live: their addresses for the flow's host table, how to start an
/// `evflow run` there, and how to open a telemetry client that can reach the runner's loopback.
struct Cluster
{
    std::array<std::string, 3> addresses;                   ///< a, b, c
    std::array<std::string, 3> namespaces;                  ///< "" = this machine's own network
    std::function<bool(int, std::function<void()>)> inHost; ///< runs a step inside host i
    bool curve = false;
};

/// generator 'orders' (host a) -> broker 'hub' (host b, endpoints named by host) -> counters
/// 'tally' and 'audit' (host c).
md::Flow threeHostFlow(const Cluster &cluster, int frontPort, int backPort)
{
    md::Flow f;
    f.name = "three hosts";
    f.eventTypes = {flows::tickType()};
    f.hosts
        = {{"a", cluster.addresses[0]}, {"b", cluster.addresses[1]}, {"c", cluster.addresses[2]}};
    md::Node orders = flows::generator("orders", 1000000000, 1000);
    orders.host = "a";
    md::Node hub = flows::node("hub", md::NodeKind::Broker);
    hub.host = "b";
    hub.properties["endpoint"] = "tcp://b:" + std::to_string(frontPort);
    hub.properties["backendEndpoint"] = "tcp://b:" + std::to_string(backPort);
    // The producer's PUB queues for the broker while it is away, up to the HWM; past it, what
    // the producer sends is lost for good (the outage the test makes).
    hub.properties["hwm"] = std::int64_t{kHubHwm};
    if (cluster.curve) {
        hub.properties["curve"] = true;
        hub.properties["serverKey"] = std::string("hub");
        hub.properties["clientKeys"] = md::StringList{"client"};
    }
    md::Node tally = flows::node("tally", md::NodeKind::Counter);
    md::Node audit = flows::node("audit", md::NodeKind::Counter);
    tally.host = audit.host = "c";
    f.nodes = {orders, hub, tally, audit};
    f.links = {flows::makeLink("orders", "hub"), flows::makeLink("hub", "tally"),
               flows::makeLink("hub", "audit")};
    return f;
}

/// A node of a snapshot, or nullptr when the snapshot has none of that id.
const md::NodeSnapshot *find(const std::optional<md::RunSnapshot> &s, const std::string &id)
{
    if (!s)
        return nullptr;
    for (const md::NodeSnapshot &n : s->nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

std::uint64_t processedAt(const std::optional<md::RunSnapshot> &s, const std::string &id)
{
    const md::NodeSnapshot *n = find(s, id);
    return n ? n->input.processed : 0;
}

/// "processed P, gaps G, pending X" of a consumer, for failure messages.
std::string booksOf(const std::optional<md::RunSnapshot> &s, const std::string &id)
{
    const md::NodeSnapshot *n = find(s, id);
    if (!n)
        return "not in the snapshot";
    std::uint64_t pending = 0;
    for (const md::SourceSequenceBooks &b : n->sources)
        pending += b.books.pending;
    return "processed " + std::to_string(n->input.processed) + ", gaps "
           + std::to_string(n->input.gaps) + ", pending " + std::to_string(pending);
}

bool hasError(const std::optional<md::RunSnapshot> &s, const std::string &text)
{
    if (s)
        for (const md::RunError &e : s->run.errors)
            if (e.message.find(text) != std::string::npos)
                return true;
    return false;
}

const md::NodeSnapshot *nodeIn(const md::RunReport &r, const std::string &id)
{
    for (const md::NodeSnapshot &n : r.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

/// A name unique to this test process, short enough for a network interface (15 bytes).
std::string tag(const char *prefix)
{
    return prefix + std::to_string(::getpid() % 100000);
}

} // namespace

class TestMultiHost : public QObject
{
    Q_OBJECT

private slots:
    void threeHostsOnLoopback();
    void threeHostsInNamespaces();

private:
    void runScenario(const Cluster &cluster);
    std::string path(const std::string &name) const
    {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }

    QTemporaryDir m_dir;
};

void TestMultiHost::threeHostsOnLoopback()
{
    Cluster cluster;
    cluster.addresses = {"127.0.0.1", "127.0.0.1", "127.0.0.1"};
    cluster.inHost = [](int, const std::function<void()> &step) {
        step();
        return true;
    };
    runScenario(cluster);
}

void TestMultiHost::threeHostsInNamespaces()
{
    if (::geteuid() != 0)
        QSKIP("three hosts in network namespaces need root (CAP_NET_ADMIN); the loopback "
              "cluster ran the same scenario");
    // A switch (namespace 'lan' with a bridge) and three hosts, each with a veth into it.
    NetworkNamespace lan(tag("efl"));
    std::array<std::unique_ptr<NetworkNamespace>, 3> hosts;
    const char *names[] = {"efa", "efb", "efc"};
    for (int i = 0; i < 3; ++i)
        hosts[i] = std::make_unique<NetworkNamespace>(tag(names[i]));
    if (!lan.ok() || !hosts[0]->ok() || !hosts[1]->ok() || !hosts[2]->ok())
        QSKIP("cannot create network namespaces (ip netns add failed)");
    QVERIFY(lan.exec("ip link add br0 type bridge") && lan.exec("ip link set br0 up"));
    Cluster cluster;
    for (int i = 0; i < 3; ++i) {
        const std::string inHost = tag("h") + names[i][2], inLan = tag("l") + names[i][2];
        QVERIFY(shell("ip link add " + inHost + " netns " + hosts[i]->name()
                      + " type veth peer name " + inLan + " netns " + lan.name()));
        QVERIFY(lan.exec("ip link set " + inLan + " master br0 up"));
        cluster.addresses[i] = "10.205.0." + std::to_string(i + 1);
        QVERIFY(hosts[i]->exec("ip addr add " + cluster.addresses[i] + "/24 dev " + inHost));
        QVERIFY(hosts[i]->exec("ip link set " + inHost + " up"));
        cluster.namespaces[i] = hosts[i]->name();
    }
    // The broker's address is not loopback: validation requires CURVE there. One key store
    // serves the three hosts here (one machine); docs/DISTRIBUTED.md gives each host its own.
    const QByteArray keys = m_dir.filePath(QStringLiteral("keys")).toUtf8();
    qputenv("EVFLOW_KEYS_DIR", keys);
    QVERIFY(shell(EVFLOW_CLI " keys generate hub") && shell(EVFLOW_CLI " keys generate client"));
    cluster.curve = true;
    cluster.inHost = [&hosts](int i, const std::function<void()> &step) {
        if (!hosts[i]->enter())
            return false;
        step();
        hosts[i]->leave();
        return true;
    };
    runScenario(cluster);
    qunsetenv("EVFLOW_KEYS_DIR");
}

void TestMultiHost::runScenario(const Cluster &cluster)
{
    const int front = freePort(), back = freePort();
    writeFlow(threeHostFlow(cluster, front, back), path("three.json"));
    const char *host[] = {"a", "b", "c"};
    std::array<int, 3> telemetryPort{freePort(), freePort(), freePort()};
    std::array<std::unique_ptr<EvflowProcess>, 3> runner;
    const auto startRunner = [&](int i, const std::string &report) {
        runner[i] = std::make_unique<EvflowProcess>(cluster.namespaces[i]);
        return runner[i]->start(path("three.json"), path(report),
                                {QStringLiteral("--host"), QString::fromLatin1(host[i]),
                                 QStringLiteral("--telemetry"),
                                 QString::fromStdString(loopback(telemetryPort[i]))});
    };
    // The consumers' host and the broker's first. Each runner waits for its peers, but a writer
    // behind a broker learns of the readers only through it: it starts at the first reader's
    // subscription, and events sent before the second reader's arrives at the broker would be
    // lost to that reader (counted as gaps only at the end, through the writer's stream-end
    // announcement: docs/RUNTIME.md). So the producer starts once the broker has both readers.
    for (int i : {2, 1})
        QVERIFY(startRunner(i, std::string(host[i]) + ".json"));

    // The studio's view: one telemetry client per runner, each in its host's network.
    std::array<std::unique_ptr<tr::TelemetryClient>, 3> watch;
    for (int i = 0; i < 3; ++i) {
        std::string error;
        QVERIFY(cluster.inHost(i, [&] {
            watch[i] = std::make_unique<tr::TelemetryClient>();
            watch[i]->connect(loopback(telemetryPort[i]), error);
        }));
        QVERIFY2(error.empty(), error.c_str());
    }
    // A reference to the client's own copy: valid until its next poll, so a node found in it can
    // be read in the same condition.
    const auto latest = [&](int i) -> const std::optional<md::RunSnapshot> & {
        watch[i]->poll();
        return watch[i]->latest();
    };
    QVERIFY(waitFor(
        [&] {
            const md::NodeSnapshot *hub = find(latest(1), "hub");
            return hub && hub->channel.connectedPeers >= 2;
        },
        10s));
    QVERIFY(startRunner(0, "a.json"));
    const auto failWith = [&](const char *what) {
        std::string all = what;
        for (auto &r : runner)
            if (r)
                all += "\n" + r->errors().toStdString();
        return all;
    };
    QVERIFY2(waitFor([&] { return processedAt(latest(2), "tally") >= 300; }),
             failWith("no events reached host c").c_str());
    QVERIFY(waitFor([&] { return find(latest(0), "orders") && find(latest(1), "hub"); }));

    // Host b's runner dies: host c sees the broker's connection go, and so does the studio.
    runner[1]->signal(SIGKILL);
    QCOMPARE(runner[1]->waitExit(), -1);
    const std::string lost = "lost its connection to tcp://" + cluster.addresses[1];
    QVERIFY2(waitFor([&] { return hasError(latest(2), lost); }, 10s),
             failWith("host c did not report the lost broker").c_str());
    QVERIFY(waitFor(
        [&] {
            latest(1);
            return !watch[1]->status().connected;
        },
        10s));
    QCOMPARE(latest(2)->run.state, md::RunState::Running);

    // Down long enough that the producer's queue for it overflowed: loss is certain.
    const auto producedNow = [&] {
        const md::NodeSnapshot *n = find(latest(0), "orders");
        return n ? n->produced : 0;
    };
    const std::uint64_t atKill = producedNow();
    QVERIFY(waitFor([&] { return producedNow() >= atKill + 3 * kHubHwm; }));

    // It comes back: delivery resumes, what was lost meanwhile is counted as gaps.
    const std::uint64_t before = processedAt(latest(2), "tally");
    QVERIFY(startRunner(1, "b-again.json"));
    const auto resumed = waitFor([&] { return processedAt(latest(2), "tally") > before; }, 10s);
    QVERIFY2(resumed, failWith("delivery did not resume").c_str());
    QVERIFY2(*resumed <= kRecoverBound + 3s, // + the new runner's own start-up
             std::to_string(resumed->count()).c_str());
    QVERIFY(waitFor(
        [&] {
            latest(1);
            return watch[1]->status().connected;
        },
        10s));
    QVERIFY(waitFor([&] { return processedAt(latest(2), "tally") > before + 300; }));

    // The producer stops; the consumers catch up with everything it numbered.
    runner[0]->signal(SIGTERM);
    QCOMPARE(runner[0]->waitExit(), 0);
    const md::RunReport producerReport = readReport(path("a.json"));
    const md::NodeSnapshot *orders = nodeIn(producerReport, "orders");
    QVERIFY(orders);
    const std::uint64_t produced = orders->produced;
    for (const char *consumer : {"tally", "audit"})
        QVERIFY2(waitFor(
                     [&] {
                         const md::NodeSnapshot *n = find(latest(2), consumer);
                         return n && n->input.processed + n->input.gaps == produced;
                     },
                     10s),
                 failWith((std::string(consumer) + ": " + booksOf(latest(2), consumer) + " of "
                           + std::to_string(produced) + " produced")
                              .c_str())
                     .c_str());
    // Hosts b and c only pass on and read what a writes: they end by themselves once a's
    // stream-end announcement has reached them (through b's proxy), with no signal.
    for (int i : {1, 2})
        QVERIFY2(
            runner[i]->waitExit() == 0,
            failWith(("host " + std::string(host[i]) + " did not end by itself").c_str()).c_str());

    // One flow-wide report from the three hosts' (the killed runner left none).
    QProcess merge;
    merge.start(
        QStringLiteral(EVFLOW_CLI),
        {QStringLiteral("report"), QStringLiteral("merge"), QString::fromStdString(path("a.json")),
         QString::fromStdString(path("b-again.json")), QString::fromStdString(path("c.json")),
         QStringLiteral("-o"), QString::fromStdString(path("merged.json"))});
    QVERIFY(merge.waitForFinished(30000));
    QVERIFY2(merge.exitCode() == 0, merge.readAllStandardError().constData());
    const md::RunReport merged = readReport(path("merged.json"));
    QCOMPARE(merged.hosts, (std::vector<std::string>{"a", "b", "c"}));
    QVERIFY(merged.accounting.balanced);
    QCOMPARE(merged.accounting.unaccounted, 0u);
    QCOMPARE(nodeIn(merged, "orders")->produced, produced);
    QCOMPARE(nodeIn(merged, "hub")->channel.sent, produced);
    for (const char *consumer : {"tally", "audit"}) {
        const md::NodeSnapshot *n = nodeIn(merged, consumer);
        QVERIFY(n);
        QCOMPARE(n->input.processed + n->input.gaps, produced);
        QVERIFY(n->input.gaps >= 2 * kHubHwm); // the outage, less what the queue kept
        QCOMPARE(n->input.duplicates, 0u);
    }
    const md::NodeSnapshot *tally = nodeIn(merged, "tally");
    qInfo("three hosts: %llu events produced, %llu processed and %llu lost as gaps at 'tally' "
          "while host b was down; delivering %lld ms after its runner restarted",
          static_cast<unsigned long long>(produced),
          static_cast<unsigned long long>(tally->input.processed),
          static_cast<unsigned long long>(tally->input.gaps),
          static_cast<long long>(resumed->count()));
}

QTEST_GUILESS_MAIN(TestMultiHost)
#include "TestMultiHost.moc"
