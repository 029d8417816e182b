// FlowRuntime end to end: real sockets, real threads, seeded generators and fault injection.
// Every wait is on a condition (finished(), a counter) with a generous bound; nothing asserts
// on timing.

#include "model/Projection.h"
#include "support/FlowBuilders.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace evflow;

using namespace evflow::test::flows;

class TestFlowRuntime : public QObject
{
    Q_OBJECT

private slots:
    void countsEveryEvent_data();
    void countsEveryEvent();
    void brokerDeliversAllToAll();
    void injectedFaultsEqualDetected_data();
    void injectedFaultsEqualDetected();
    void logHoldsEachEventOnce();
    void eventStoreReplaysIntoSameProjection();
    void alertsCarryCorrelation();
    void stopUnderFullLoad();
    void monitoringOffKeepsTheBooks();
    void pubsubThatDropsAtItsHwmStillFinishes();
    void readerPoolServesManySinks_data();
    void readerPoolServesManySinks();
    void workersRunAtTheirNiceValue();

private:
    QTemporaryDir m_dir;
};

void TestFlowRuntime::countsEveryEvent_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("bindSide");
    const int pubsub = static_cast<int>(md::NodeKind::PubSub);
    const int queue = static_cast<int>(md::NodeKind::Queue);
    QTest::newRow("pubsub inproc") << pubsub << "inproc://rt-a"
                                   << "producer";
    QTest::newRow("queue ipc") << queue << "ipc://" + m_dir.filePath("q.ipc") << "producer";
    QTest::newRow("queue tcp") << queue << "tcp://127.0.0.1:*"
                               << "producer";
    QTest::newRow("pubsub tcp consumer binds") << pubsub << "tcp://127.0.0.1:*"
                                               << "consumer";
}

void TestFlowRuntime::countsEveryEvent()
{
    QFETCH(int, kind);
    QFETCH(QString, endpoint);
    QFETCH(QString, bindSide);
    tr::FlowRuntime rt;
    const md::RunSnapshot s
        = runToEnd(chain(generator("gen", 5000),
                         channel("bus", static_cast<md::NodeKind>(kind), endpoint.toStdString(),
                                 bindSide.toStdString()),
                         node("count", md::NodeKind::Counter)),
                   rt);
    QCOMPARE(errorsOf(s), std::string());
    QCOMPARE(s.run.state, md::RunState::Stopped);
    QCOMPARE(nodeOf(s, "gen").produced, 5000u);
    QCOMPARE(nodeOf(s, "bus").channel.sent, 5000u);
    QCOMPARE(nodeOf(s, "count").input.received, 5000u);
    QCOMPARE(nodeOf(s, "count").input.processed, 5000u);
    QCOMPARE(nodeOf(s, "count").input.gaps, 0u);
    QVERIFY(nodeOf(s, "count").balanced());
    QVERIFY(s.accounting.balanced);
    QCOMPARE(rt.recentEvents({"count"}).size(), std::size_t{256});
    // A bound ipc socket file does not outlive the run.
    if (endpoint.startsWith(QStringLiteral("ipc://")))
        QVERIFY(!QFile::exists(endpoint.mid(6)));
}

void TestFlowRuntime::brokerDeliversAllToAll()
{
    md::Flow f;
    f.name = "broker";
    f.eventTypes = {tickType()};
    md::Node broker = node("hub", md::NodeKind::Broker);
    broker.properties["endpoint"] = std::string("inproc://rt-front");
    broker.properties["backendEndpoint"] = std::string("inproc://rt-back");
    broker.properties["hwm"] = std::int64_t{200000};
    f.nodes = {generator("g1", 3000), generator("g2", 2000), broker,
               node("c1", md::NodeKind::Counter), node("c2", md::NodeKind::Counter)};
    f.links = {makeLink("g1", "hub"), makeLink("g2", "hub"), makeLink("hub", "c1"),
               makeLink("hub", "c2")};
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(f, rt);
    QCOMPARE(errorsOf(s), std::string());
    QCOMPARE(nodeOf(s, "c1").input.processed, 5000u);
    QCOMPARE(nodeOf(s, "c2").input.processed, 5000u);
    QCOMPARE(nodeOf(s, "c1").sources.size(), std::size_t{2});
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntime::injectedFaultsEqualDetected_data()
{
    QTest::addColumn<bool>("onChannel");
    QTest::newRow("producer faults") << false;
    QTest::newRow("channel faults") << true;
}

void TestFlowRuntime::injectedFaultsEqualDetected()
{
    QFETCH(bool, onChannel);
    md::Node gen = generator("gen", 5000);
    md::Node bus = channel("bus", md::NodeKind::PubSub, "inproc://rt-faults");
    (onChannel ? bus : gen).faults = faults();
    md::Node counter = node("count", md::NodeKind::Counter);
    counter.delivery = strictDelivery();
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(chain(gen, bus, counter), rt);
    QCOMPARE(errorsOf(s), std::string());
    const md::InjectedFaults injected = nodeOf(s, onChannel ? "bus" : "gen").injected;
    const md::InputAccounting &in = nodeOf(s, "count").input;
    QVERIFY(injected.duplicates > 0 && injected.reorders > 0);
    QVERIFY(injected.late > 0 && injected.drops > 0);
    QCOMPARE(in.duplicates, injected.duplicates);
    QCOMPARE(in.gaps, injected.drops);
    QCOMPARE(in.outOfOrder, injected.reorders);
    QCOMPARE(in.late, injected.late);
    QCOMPARE(in.lateDropped, injected.late);
    QVERIFY(nodeOf(s, "count").balanced());
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntime::logHoldsEachEventOnce()
{
    md::Node gen = generator("gen", 3000);
    gen.faults = faults();
    md::Node log = node("log", md::NodeKind::Log);
    const std::string path = m_dir.filePath("once.jsonl").toStdString();
    log.properties["path"] = path;
    log.delivery = strictDelivery();
    tr::FlowRuntime rt;
    const md::RunSnapshot s
        = runToEnd(chain(gen, channel("bus", md::NodeKind::Queue, "inproc://rt-log"), log), rt);
    QCOMPARE(errorsOf(s), std::string());
    QVERIFY(nodeOf(s, "gen").injected.duplicates > 0);
    const std::vector<md::Event> lines = readLines(path);
    std::set<std::string> ids;
    for (const md::Event &e : lines)
        QVERIFY2(ids.insert(e.id).second, e.id.c_str());
    QCOMPARE(lines.size(), std::size_t(nodeOf(s, "log").input.processed));
    // Every event sent is logged once, except the late ones the policy dropped.
    const md::InjectedFaults inj = nodeOf(s, "gen").injected;
    QCOMPARE(lines.size(), std::size_t(nodeOf(s, "gen").produced - inj.drops - inj.late));
}

void TestFlowRuntime::eventStoreReplaysIntoSameProjection()
{
    const std::string store = m_dir.filePath("store.jsonl").toStdString();
    md::Node projection = node("proj", md::NodeKind::Projection);
    projection.properties["groupBy"] = std::string("key");
    projection.properties["aggregate"] = std::string("sum");
    projection.properties["field"] = std::string("value");
    md::Node eventStore = node("store", md::NodeKind::EventStore);
    eventStore.properties["path"] = store;
    md::Flow live = chain(generator("gen", 2000),
                          channel("bus", md::NodeKind::PubSub, "inproc://rt-es"), projection);
    live.nodes.push_back(eventStore);
    live.links.push_back(makeLink("bus", "store"));
    tr::FlowRuntime first;
    const md::RunSnapshot s1 = runToEnd(live, first);
    QCOMPARE(errorsOf(s1), std::string());
    const std::vector<md::ProjectionRow> liveRows = first.projection({"proj"});
    QCOMPARE(liveRows.size(), std::size_t{3}); // keys a, b, c
    QCOMPARE(readLines(store).size(), std::size_t{2000});

    md::Node replay = node("replay", md::NodeKind::Replay);
    replay.properties["path"] = store;
    replay.properties["speed"] = 0.0;
    tr::FlowRuntime second;
    const md::RunSnapshot s2 = runToEnd(
        chain(replay, channel("bus", md::NodeKind::PubSub, "inproc://rt-es2"), projection), second);
    QCOMPARE(errorsOf(s2), std::string());
    QCOMPARE(nodeOf(s2, "replay").produced, 2000u);
    QCOMPARE(nodeOf(s2, "proj").input.processed, 2000u);
    QCOMPARE(second.projection({"proj"}), liveRows);
}

void TestFlowRuntime::alertsCarryCorrelation()
{
    md::Flow f;
    f.name = "iot";
    md::EventType reading;
    reading.name = "sensor.reading";
    reading.fields = {{"sensorId", md::FieldType::String, true, {}, {}, {}},
                      {"temperature", md::FieldType::Double, true, {}, {}, {}}};
    md::EventType alert;
    alert.name = "temperature.alert";
    alert.fields = reading.fields;
    alert.fields.push_back({"bound", md::FieldType::Double, true, {}, {}, {}});
    f.eventTypes = {reading, alert};
    md::Node gen = node("sensors", md::NodeKind::Generator);
    gen.properties["eventTypes"] = md::StringList{"sensor.reading"};
    gen.properties["rate"] = 0.0;
    gen.properties["count"] = std::int64_t{1000};
    gen.properties["seed"] = std::int64_t{3};
    gen.properties["fields"]
        = md::StringMap{{"sensorId", "choice(b1,b2)"}, {"temperature", "normal(70,8)"}};
    md::Node overheat = node("overheat", md::NodeKind::ThresholdAlert);
    overheat.properties["field"] = std::string("temperature");
    overheat.properties["bound"] = 80.0;
    overheat.properties["alertType"] = std::string("temperature.alert");
    overheat.properties["hysteresis"] = 2.0;
    md::Node log = node("alert-log", md::NodeKind::Log);
    const std::string path = m_dir.filePath("alerts.jsonl").toStdString();
    log.properties["path"] = path;
    f.nodes = {gen, channel("readings", md::NodeKind::PubSub, "inproc://rt-readings"), overheat,
               channel("alerts", md::NodeKind::Queue, "inproc://rt-alerts"), log};
    f.links = {makeLink("sensors", "readings"), makeLink("readings", "overheat"),
               makeLink("overheat", "alerts"), makeLink("alerts", "alert-log")};
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(f, rt);
    QCOMPARE(errorsOf(s), std::string());
    const std::vector<md::Event> alerts = readLines(path);
    QVERIFY(!alerts.empty());
    QCOMPARE(nodeOf(s, "overheat").emitted, std::uint64_t(alerts.size()));
    QCOMPARE(nodeOf(s, "alert-log").input.processed, std::uint64_t(alerts.size()));
    for (const md::Event &a : alerts) {
        QCOMPARE(a.type, std::string("temperature.alert"));
        const std::vector<md::TraceHop> hops = rt.trace(a.correlationid);
        QCOMPARE(hops.size(), std::size_t{2});
        QCOMPARE(hops[0].node, std::string("overheat"));
        QCOMPARE(hops[0].type, std::string("sensor.reading"));
        QCOMPARE(hops[0].eventId, a.causationid);
        QCOMPARE(hops[1].node, std::string("alert-log"));
        QCOMPARE(hops[1].eventId, a.id);
        QCOMPARE(hops[1].causationId, hops[0].eventId);
    }
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntime::stopUnderFullLoad()
{
    tr::FlowRuntime rt;
    QVERIFY(rt.start(chain(generator("gen", 0),
                           channel("bus", md::NodeKind::Queue, "tcp://127.0.0.1:*"),
                           node("count", md::NodeKind::Counter))));
    QTRY_VERIFY_WITH_TIMEOUT(rt.snapshot().findNode("count")->input.processed > 2000, kWait);
    QVERIFY(!rt.finished());
    rt.pause();
    QCOMPARE(rt.snapshot().run.state, md::RunState::Paused);
    rt.resume();
    rt.stop();
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(s.run.state, md::RunState::Stopped);
    QVERIFY(nodeOf(s, "count").input.processed > 2000);
    QVERIFY(nodeOf(s, "count").input.processed <= nodeOf(s, "gen").produced);
    QVERIFY(s.accounting.balanced);
    rt.stop(); // idempotent
}

void TestFlowRuntime::monitoringOffKeepsTheBooks()
{
    tr::FlowRuntime rt;
    tr::RunOptions options;
    options.monitoring = false;
    const md::RunSnapshot s
        = runToEnd(chain(generator("gen", 5000),
                         channel("bus", md::NodeKind::Queue, "tcp://127.0.0.1:*", "producer"),
                         node("count", md::NodeKind::Counter)),
                   rt, options);
    QCOMPARE(errorsOf(s), std::string());
    QCOMPARE(nodeOf(s, "count").input.processed, 5000u);
    QVERIFY(s.accounting.balanced);
    // Nothing per event was recorded: no recent events, no latency, no trace hops.
    QVERIFY(rt.recentEvents({"count"}).empty());
    QCOMPARE(nodeOf(s, "count").latencyMicros, md::LatencySummary{});
}

// A PUB socket drops at its HWM and the readers count the loss as gaps: the run must still
// finish (it used to wait forever for messages that were never going to come).
void TestFlowRuntime::pubsubThatDropsAtItsHwmStillFinishes()
{
    md::Node bus = channel("bus", md::NodeKind::PubSub, "inproc://rt-drops");
    bus.properties["hwm"] = std::int64_t{1};
    md::Flow f = chain(generator("gen", 50000), bus, node("c1", md::NodeKind::Counter));
    f.nodes.push_back(node("c2", md::NodeKind::Counter));
    f.links.push_back(makeLink("bus", "c2"));
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(f, rt);
    QCOMPARE(errorsOf(s), std::string());
    for (const char *reader : {"c1", "c2"}) {
        const md::InputAccounting &in = nodeOf(s, reader).input;
        // Every drop surfaces as a gap: those between received numbers by the sequence books,
        // the dropped tail by the writer's stream end (StreamEnd) at the end of the run.
        QCOMPARE(in.processed + in.gaps, std::uint64_t(50000));
        QVERIFY(in.processed > 0);
        QVERIFY(nodeOf(s, reader).balanced());
        qInfo("%s: processed %llu, gaps %llu", reader,
              static_cast<unsigned long long>(in.processed),
              static_cast<unsigned long long>(in.gaps));
    }
    QVERIFY(s.accounting.balanced);
}

namespace {

/// This process's threads that evflow started ("ev:..."): name -> nice value.
std::map<std::string, int> evflowThreadNice()
{
    std::map<std::string, int> threads;
    for (const auto &task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        if (!std::getline(comm, name) || name.rfind("ev:", 0) != 0)
            continue;
        // /proc/<tid>/stat: "tid (comm) state ..."; nice is the 19th field, the 17th after ')'.
        std::ifstream statFile(task.path() / "stat");
        const std::string stat((std::istreambuf_iterator<char>(statFile)), {});
        std::istringstream fields(stat.substr(stat.rfind(')') + 1));
        std::string field;
        for (int i = 0; i < 17; ++i)
            fields >> field;
        threads[name] = std::stoi(field);
    }
    return threads;
}

/// Names of this process's threads that evflow started ("ev:..."), sorted.
std::vector<std::string> evflowThreads()
{
    std::vector<std::string> names;
    for (const auto &[name, nice] : evflowThreadNice())
        names.push_back(name);
    return names;
}

} // namespace

void TestFlowRuntime::readerPoolServesManySinks_data()
{
    using Names = std::vector<std::string>;
    QTest::addColumn<unsigned>("pool");
    QTest::addColumn<Names>("threads");
    QTest::newRow("thread per node")
        << 0u << Names{"ev:c1", "ev:c2", "ev:c3", "ev:c4", "ev:c5", "ev:c6", "ev:gen"};
    QTest::newRow("one shared reader") << 1u << Names{"ev:gen", "ev:readers-0"};
    QTest::newRow("two shared readers") << 2u << Names{"ev:gen", "ev:readers-0", "ev:readers-1"};
}

void TestFlowRuntime::readerPoolServesManySinks()
{
    QFETCH(unsigned, pool);
    QFETCH(std::vector<std::string>, threads);
    md::Flow f
        = chain(generator("gen", 20000), channel("bus", md::NodeKind::PubSub, "tcp://127.0.0.1:*"),
                node("c1", md::NodeKind::Counter));
    for (const char *id : {"c2", "c3", "c4", "c5", "c6"}) {
        f.nodes.push_back(node(id, md::NodeKind::Counter));
        f.links.push_back(makeLink("bus", id));
    }
    tr::RunOptions options;
    options.readerThreads = pool;
    tr::FlowRuntime rt;
    QVERIFY(rt.start(f, options));
    QCOMPARE(evflowThreads(), threads);
    QTRY_VERIFY_WITH_TIMEOUT(rt.finished(), kWait);
    rt.stop();
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(errorsOf(s), std::string());
    for (const char *id : {"c1", "c2", "c3", "c4", "c5", "c6"}) {
        QCOMPARE(nodeOf(s, id).input.processed, 20000u);
        QCOMPARE(nodeOf(s, id).input.gaps, 0u);
    }
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntime::workersRunAtTheirNiceValue()
{
    tr::RunOptions options;
    options.workerNice = 7;
    tr::FlowRuntime rt;
    QVERIFY(rt.start(chain(generator("gen", 1000),
                           channel("bus", md::NodeKind::Queue, "tcp://127.0.0.1:*"),
                           node("count", md::NodeKind::Counter)),
                     options));
    const std::map<std::string, int> expected{{"ev:count", 7}, {"ev:gen", 7}};
    QCOMPARE(evflowThreadNice(), expected);
    QTRY_VERIFY_WITH_TIMEOUT(rt.finished(), kWait);
    rt.stop();
    QCOMPARE(nodeOf(rt.snapshot(), "count").input.processed, 1000u);
}

QTEST_GUILESS_MAIN(TestFlowRuntime)
#include "TestFlowRuntime.moc"
