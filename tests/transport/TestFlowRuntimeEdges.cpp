// FlowRuntime at its edges: start failures (port in use, unopenable files, unsupported nodes),
// foreign peers, processors and late diversion, replay input errors, and every shipped example.

#include "model/FlowFile.h"
#include "support/FlowBuilders.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <zmq.hpp>

using namespace evflow;
using namespace evflow::test::flows;

class TestFlowRuntimeEdges : public QObject
{
    Q_OBJECT

private slots:
    void portInUseFailsStart();
    void unknownHostFailsStart();
    void foreignGarbageIsMalformed();
    void logFileThatCannotOpenFailsStart();
    void replaySkipsMalformedLines();
    void processorsRestampAndRoute();
    void lateEventsAreDiverted();
    void examplesRunAndBalance_data();
    void examplesRunAndBalance();

private:
    QTemporaryDir m_dir;
};

void TestFlowRuntimeEdges::portInUseFailsStart()
{
    zmq::context_t ctx;
    zmq::socket_t squatter(ctx, zmq::socket_type::pull);
    squatter.bind("tcp://127.0.0.1:*");
    const std::string endpoint = squatter.get(zmq::sockopt::last_endpoint);
    tr::FlowRuntime rt;
    QVERIFY(!rt.start(chain(generator("gen", 10), channel("bus", md::NodeKind::Queue, endpoint),
                            node("count", md::NodeKind::Counter))));
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(s.run.state, md::RunState::Failed);
    QVERIFY(!s.run.errors.empty());
    const md::RunError &e = s.run.errors.front();
    QCOMPARE(e.node, std::string("gen"));
    QCOMPARE(e.kind, std::string("bind"));
    QVERIFY2(e.message.find("node 'gen'") != std::string::npos, e.message.c_str());
    QVERIFY2(e.message.find(endpoint) != std::string::npos, e.message.c_str());
}

void TestFlowRuntimeEdges::unknownHostFailsStart()
{
    md::Flow flow = chain(generator("gen", 10), channel("bus", md::NodeKind::Queue, "inproc://b"),
                          node("count", md::NodeKind::Counter));
    tr::FlowRuntime rt;
    tr::RunOptions options;
    options.host = "edge"; // a typo, or a host of another flow: it would run nothing
    QVERIFY(!rt.start(flow, options));
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(s.run.state, md::RunState::Failed);
    QCOMPARE(s.run.errors.size(), 1u);
    QCOMPARE(s.run.errors[0].message,
             std::string("host 'edge' is not in the flow (hosts with nodes: (default))"));
}

void TestFlowRuntimeEdges::foreignGarbageIsMalformed()
{
    const std::string endpoint = "ipc://" + m_dir.filePath("garbage.ipc").toStdString();
    tr::FlowRuntime rt;
    QVERIFY(rt.start(chain(generator("gen", 1000),
                           channel("bus", md::NodeKind::Queue, endpoint, "consumer"),
                           node("count", md::NodeKind::Counter))));
    zmq::context_t ctx;
    zmq::socket_t foreign(ctx, zmq::socket_type::push);
    foreign.set(zmq::sockopt::linger, 1000);
    foreign.connect(endpoint);
    foreign.send(zmq::str_buffer("one frame"), zmq::send_flags::none);
    foreign.send(zmq::str_buffer("a"), zmq::send_flags::sndmore);
    foreign.send(zmq::str_buffer("b"), zmq::send_flags::none);
    foreign.send(zmq::str_buffer("tick"), zmq::send_flags::sndmore);
    foreign.send(zmq::str_buffer("not a header"), zmq::send_flags::sndmore);
    foreign.send(zmq::str_buffer("no data"), zmq::send_flags::none);
    QTRY_COMPARE_WITH_TIMEOUT(rt.snapshot().findNode("count")->input.malformed, 3u, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(rt.finished(), kWait);
    rt.stop();
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(nodeOf(s, "count").input.processed, 1000u);
    QCOMPARE(nodeOf(s, "count").input.malformed, 3u);
    QCOMPARE(nodeOf(s, "count").input.received, 1003u);
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntimeEdges::logFileThatCannotOpenFailsStart()
{
    md::Node log = node("log", md::NodeKind::Log);
    const std::string path = m_dir.filePath("no-such-dir-file").toStdString() + "/x/../y.jsonl";
    std::ofstream(m_dir.filePath("no-such-dir-file").toStdString()) << "a file, not a dir";
    log.properties["path"] = path;
    tr::FlowRuntime rt;
    QVERIFY(!rt.start(
        chain(generator("gen", 10), channel("bus", md::NodeKind::Queue, "inproc://rt-nf"), log)));
    const md::RunSnapshot s = rt.snapshot();
    QCOMPARE(s.run.state, md::RunState::Failed);
    QVERIFY(!s.run.errors.empty());
    QCOMPARE(s.run.errors.front().node, std::string("log"));
    QVERIFY2(s.run.errors.front().message.find(path) != std::string::npos,
             s.run.errors.front().message.c_str());
}

void TestFlowRuntimeEdges::examplesRunAndBalance_data()
{
    QTest::addColumn<QString>("file");
    for (const auto &entry :
         std::filesystem::directory_iterator(EVFLOW_SOURCE_DIR "/resources/examples"))
        QTest::newRow(entry.path().filename().c_str()) << QString::fromStdString(entry.path());
}

void TestFlowRuntimeEdges::examplesRunAndBalance()
{
    QFETCH(QString, file);
    md::LoadResult loaded = md::loadFlowFile(file.toStdString());
    QVERIFY(loaded.flow);
    md::Flow flow = *loaded.flow;
    const QString dir = m_dir.filePath(QFileInfo(file).baseName());
    QVERIFY(QDir().mkpath(dir));
    for (md::Node &n : flow.nodes) {
        if (n.kind == md::NodeKind::Generator)
            n.properties["count"] = std::int64_t{400};
        if (n.properties.count("path"))
            n.properties["path"] = (dir + "/" + n.id.value.c_str() + ".jsonl").toStdString();
        const auto ep = n.properties.find("endpoint");
        if (ep != n.properties.end() && std::get<std::string>(ep->second).rfind("ipc://", 0) == 0)
            ep->second = ("ipc://" + dir + "/" + n.id.value.c_str() + ".ipc").toStdString();
    }
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(flow, rt);
    QCOMPARE(errorsOf(s), std::string());
    QCOMPARE(s.run.state, md::RunState::Stopped);
    for (const md::NodeSnapshot &n : s.nodes) {
        if (n.role == md::NodeRole::Producer)
            QCOMPARE(n.produced, 400u);
        if (n.role == md::NodeRole::Consumer || n.role == md::NodeRole::Processor) {
            QVERIFY2(n.balanced(), n.id.c_str());
            QVERIFY2(n.input.received > 0 || n.id == "alert-log" || n.id == "alerts-log",
                     n.id.c_str());
        }
    }
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntimeEdges::replaySkipsMalformedLines()
{
    const std::string path = m_dir.filePath("replay.jsonl").toStdString();
    {
        std::ofstream out(path);
        md::Event e;
        e.source = "test:/recorder";
        e.type = "tick";
        for (int i = 0; i < 3; ++i) {
            e.id = "e" + std::to_string(i);
            e.time = 1700000000000000 + i * 1000;
            e.data.clear();
            e.setField("n", std::int64_t{i});
            e.setField("key", std::string("a"));
            e.setField("value", std::int64_t{10});
            out << md::toCloudEventJson(e) << "\n" << (i == 0 ? "not json\n" : "");
        }
        out << "{}\n";
    }
    md::Node replay = node("replay", md::NodeKind::Replay);
    replay.properties["path"] = path;
    replay.properties["speed"] = 0.0;
    tr::FlowRuntime rt;
    const md::RunSnapshot s
        = runToEnd(chain(replay, channel("bus", md::NodeKind::PubSub, "inproc://e-rp"),
                         node("count", md::NodeKind::Counter)),
                   rt);
    QCOMPARE(nodeOf(s, "replay").produced, 3u);
    QCOMPARE(nodeOf(s, "count").input.processed, 3u);
    QCOMPARE(nodeOf(s, "count").input.gaps, 0u);
    QCOMPARE(s.run.errors.size(), std::size_t{1});
    const std::string &message = s.run.errors.front().message;
    QVERIFY2(message.rfind(path + ":2: ", 0) == 0, message.c_str());
    QVERIFY2(message.find("(2 malformed line(s) skipped)") != std::string::npos, message.c_str());
    const std::vector<md::RecentEvent> recent = rt.recentEvents({"count"});
    QCOMPARE(recent.size(), std::size_t{3});
    QCOMPARE(recent[2].event.id, std::string("e2"));
    QCOMPARE(recent[2].event.sequence, 2u); // re-stamped per (source, type) from 0
}

void TestFlowRuntimeEdges::processorsRestampAndRoute()
{
    md::Flow f;
    f.name = "runtime test";
    f.eventTypes = {tickType()};
    md::Node filter = node("only-a", md::NodeKind::Filter);
    filter.properties["field"] = std::string("key");
    filter.properties["op"] = std::string("eq");
    filter.properties["value"] = std::string("a");
    md::Node router = node("router", md::NodeKind::Router);
    router.properties["by"] = std::string("field");
    router.properties["field"] = std::string("key");
    router.properties["routes"] = md::StringMap{{"toB", "b"}};
    md::Node mapper = node("mapper", md::NodeKind::Map);
    mapper.properties["set"] = md::StringMap{{"region", "eu"}};
    mapper.properties["drop"] = md::StringList{"value"};
    md::Node log = node("mapped", md::NodeKind::Log);
    const std::string path = m_dir.filePath("mapped.jsonl").toStdString();
    log.properties["path"] = path;
    md::DeliverySettings noSchema;
    noSchema.validateSchema = false; // the map drops a required field on purpose
    log.delivery = noSchema;
    f.nodes = {generator("gen", 3000),
               channel("bus", md::NodeKind::PubSub, "inproc://e-bus"),
               filter,
               router,
               mapper,
               channel("qa", md::NodeKind::Queue, "inproc://e-qa"),
               channel("qb", md::NodeKind::Queue, "inproc://e-qb"),
               channel("qd", md::NodeKind::Queue, "inproc://e-qd"),
               channel("qm", md::NodeKind::Queue, "inproc://e-qm"),
               node("ca", md::NodeKind::Counter),
               node("cb", md::NodeKind::Counter),
               node("cd", md::NodeKind::Counter),
               log};
    f.links = {makeLink("gen", "bus"),
               makeLink("bus", "only-a"),
               makeLink("bus", "router"),
               makeLink("bus", "mapper"),
               makeLink("only-a", "qa"),
               makeLink("router", "qb", "toB"),
               makeLink("router", "qd", "default"),
               makeLink("mapper", "qm"),
               makeLink("qa", "ca"),
               makeLink("qb", "cb"),
               makeLink("qd", "cd"),
               makeLink("qm", "mapped")};
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(f, rt);
    QCOMPARE(errorsOf(s), std::string());
    const std::uint64_t a = nodeOf(s, "ca").input.processed;
    const std::uint64_t b = nodeOf(s, "cb").input.processed;
    const std::uint64_t d = nodeOf(s, "cd").input.processed;
    QVERIFY(a > 0 && b > 0 && d > a); // d: keys a and c
    QCOMPARE(nodeOf(s, "only-a").emitted, a);
    QCOMPARE(nodeOf(s, "only-a").input.filtered, 3000 - a);
    QCOMPARE(b + d, 3000u);
    QCOMPARE(nodeOf(s, "router").emitted, 3000u);
    const std::vector<md::Event> mapped = readLines(path);
    QCOMPARE(mapped.size(), std::size_t{3000});
    for (std::size_t i = 0; i < mapped.size(); ++i) {
        QCOMPARE(mapped[i].source, std::string("evflow:/runtime-test/mapper"));
        QCOMPARE(mapped[i].causationid, mapped[i].id);
        QCOMPARE(mapped[i].sequence, std::uint64_t(i));
        QVERIFY(mapped[i].field("value") == nullptr);
        QCOMPARE(*mapped[i].field("region"), md::FieldValue(std::string("eu")));
    }
    for (const char *id : {"ca", "cb", "cd", "mapped"})
        QCOMPARE(nodeOf(s, id).input.gaps, 0u);
    QVERIFY(s.accounting.balanced);
}

void TestFlowRuntimeEdges::lateEventsAreDiverted()
{
    md::Node gen = generator("gen", 4000);
    md::FaultInjection late;
    late.late = 0.05;
    late.seed = 11;
    gen.faults = late;
    md::Node main = node("main", md::NodeKind::Counter);
    md::DeliverySettings divert;
    divert.latePolicy = md::LatePolicy::Divert;
    main.delivery = divert;
    md::Flow f = chain(gen, channel("bus", md::NodeKind::PubSub, "inproc://e-late"), main);
    f.nodes.push_back(channel("side", md::NodeKind::Queue, "inproc://e-side"));
    f.nodes.push_back(node("late-count", md::NodeKind::Counter));
    f.links.push_back(makeLink("main", "side", "late"));
    f.links.push_back(makeLink("side", "late-count"));
    tr::FlowRuntime rt;
    const md::RunSnapshot s = runToEnd(f, rt);
    QCOMPARE(errorsOf(s), std::string());
    const std::uint64_t injected = nodeOf(s, "gen").injected.late;
    QVERIFY(injected > 0);
    QCOMPARE(nodeOf(s, "main").input.lateDiverted, injected);
    QCOMPARE(nodeOf(s, "main").emitted, injected);
    QCOMPARE(nodeOf(s, "late-count").input.processed, injected);
    QCOMPARE(nodeOf(s, "late-count").input.late, 0u); // its own stream: late only upstream
    QVERIFY(s.accounting.balanced);
}
QTEST_GUILESS_MAIN(TestFlowRuntimeEdges)
#include "TestFlowRuntimeEdges.moc"
