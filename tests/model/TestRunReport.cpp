// The run report (PRODUCT.md §4, docs/REPORT.md) and the snapshot values it is built from.
#include "model/RunReport.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace evflow::model;

namespace {

NodeSnapshot producer(const std::string &id, std::uint64_t produced, InjectedFaults injected)
{
    NodeSnapshot n;
    n.id = id;
    n.kind = "generator";
    n.role = NodeRole::Producer;
    n.host = "edge";
    n.produced = produced;
    n.injected = injected;
    return n;
}

NodeSnapshot channel(std::uint64_t sent, std::uint64_t received)
{
    NodeSnapshot n;
    n.id = "bus";
    n.kind = "pubsub";
    n.role = NodeRole::Channel;
    n.host = "edge";
    n.channel = {sent, received, 0, 2, 1};
    return n;
}

NodeSnapshot consumer(const std::string &id, const std::string &host, InputAccounting counters)
{
    NodeSnapshot n;
    n.id = id;
    n.kind = "counter";
    n.role = NodeRole::Consumer;
    n.host = host;
    n.input = counters;
    n.latencyMicros = {120, 900, 1500};
    return n;
}

/// A balanced consumer input: 100 received = 90 processed + 4 duplicates + 3 lateDropped +
/// 1 lateDiverted + 1 malformed + 1 filtered.
InputAccounting balancedInput()
{
    InputAccounting a;
    a.received = 100;
    a.processed = 90;
    a.duplicates = 4;
    a.outOfOrder = 2;
    a.gaps = 5;
    a.late = 6;
    a.lateDropped = 3;
    a.lateDiverted = 1;
    a.malformed = 1;
    a.filtered = 1;
    return a;
}

/// Sequence books that balance: expected 104 = 95 unique + 5 gaps + 4 pending - 0 filled.
SequenceBooks balancedBooks()
{
    SequenceBooks b;
    b.expected = 104;
    b.receivedUnique = 95;
    b.gaps = 5;
    b.pending = 4;
    b.outOfOrder = 2;
    b.epochs = 1;
    return b;
}

RunSnapshot sampleSnapshot()
{
    RunSnapshot s;
    s.run.flow = "orders demo";
    s.run.host = "edge";
    s.run.state = RunState::Stopped;
    s.run.startedAtMicros = 1'700'000'000'000'000;
    s.run.takenAtMicros = 1'700'000'004'000'000;
    s.run.elapsedSeconds = 4.0;
    s.run.errors.push_back({"bus", "bind-failed", "address in use", 1'700'000'000'500'000});
    s.nodes.push_back(producer("orders", 110, {4, 3, 6, 5}));
    s.nodes.push_back(channel(109, 108));
    NodeSnapshot c = consumer("count", "edge", balancedInput());
    c.sources.push_back({"evflow:/orders-demo/orders\x1forder.placed", balancedBooks()});
    s.nodes.push_back(c);
    NodeSnapshot f = consumer("big", "edge", balancedInput());
    f.kind = "filter";
    f.role = NodeRole::Processor;
    f.emitted = 88;
    s.nodes.push_back(f);
    s.updateAccounting();
    return s;
}

RunReport hostReport(const std::string &host, const std::string &consumerId, std::uint64_t produced)
{
    RunSnapshot s;
    s.run.flow = "split";
    s.run.host = host;
    s.run.elapsedSeconds = host == "a" ? 2.0 : 3.0;
    NodeSnapshot p = producer("gen-" + host, produced, {1, 0, 0, 0});
    p.host = host;
    s.nodes.push_back(p);
    NodeSnapshot ch = channel(produced, produced);
    ch.host = "a";
    s.nodes.push_back(ch);
    InputAccounting in;
    in.received = produced;
    in.processed = produced - 1;
    in.duplicates = 1;
    NodeSnapshot c = consumer(consumerId, host, in);
    c.latencyMicros = {host == "a" ? 10 : 30, 50, host == "a" ? 900 : 400};
    SequenceBooks books;
    books.expected = produced - 1;
    books.receivedUnique = produced - 1;
    c.sources.push_back({"src", books});
    s.nodes.push_back(c);
    return buildReport(s);
}

} // namespace

class TestRunReport : public QObject
{
    Q_OBJECT
private slots:
    void reportJsonIsExact();
    void reportRoundTrip();
    void rateFromTwoSnapshots();
    void accountingDetectsImbalance();
    void mergeSumsHostReports();
    void mergeRejectsConflicts();
    void malformedReportsGiveClearErrors_data();
    void malformedReportsGiveClearErrors();
    void snapshotJsonRoundTrip();
    void snapshotJsonRejectsGarbage_data();
    void snapshotJsonRejectsGarbage();
};

void TestRunReport::reportJsonIsExact()
{
    // The whole document, byte for byte: key names, key order, number formats, indentation.
    QFile expected(QStringLiteral(EVFLOW_TEST_DATA_DIR "/report/sample-report.json"));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromStdString(reportToJson(buildReport(sampleSnapshot()))),
             QString::fromUtf8(expected.readAll()));
}

void TestRunReport::reportRoundTrip()
{
    RunSnapshot s = sampleSnapshot();
    s.nodes[1].injectsFaults = true; // a channel with faults reports its injected counters
    s.nodes[1].injected = {1, 2, 3, 4};
    s.run.elapsedSeconds = 0.1 + 0.2; // not exactly representable: must survive as written
    const RunReport report = buildReport(s);
    const ReportResult back = parseReport(reportToJson(report));
    QVERIFY2(back, back.error.c_str());
    QVERIFY(*back.report == report);
    QCOMPARE(back.report->durationSeconds, 0.1 + 0.2);
    QCOMPARE(back.report->nodes[1].injected.drops, std::uint64_t{4});
    QVERIFY(back.report->nodes[2].sources == s.nodes[2].sources);
}

void TestRunReport::rateFromTwoSnapshots()
{
    RunSnapshot a = sampleSnapshot();
    RunSnapshot b = a;
    b.run.takenAtMicros = a.run.takenAtMicros + 250'000;
    b.nodes[0].produced += 50;
    b.nodes[1].channel.sent += 10;
    b.nodes[2].input.processed += 5;
    QCOMPARE(ratePerSecond(a, b, "orders"), 200.0);
    QCOMPARE(ratePerSecond(a, b, "bus"), 40.0);
    QCOMPARE(ratePerSecond(a, b, "count"), 20.0);
    QCOMPARE(ratePerSecond(a, b, "nowhere"), 0.0);
    QCOMPARE(ratePerSecond(a.nodes[0], b.nodes[0], 0.0), 0.0);
    // A restarted node (counter went down): the later value counts from the restart.
    NodeSnapshot restarted = a.nodes[0];
    restarted.produced = 30;
    QCOMPARE(ratePerSecond(a.nodes[0], restarted, 2.0), 15.0);
}

void TestRunReport::accountingDetectsImbalance()
{
    RunSnapshot s = sampleSnapshot();
    QVERIFY(s.accounting.balanced);
    s.nodes[2].input.processed -= 3;       // 3 events received, never accounted for
    s.nodes[3].input.duplicates += 2;      // 2 events counted twice
    s.nodes[2].sources[0].books.gaps += 1; // sequence books off by one
    s.nodes[0].produced = 0;               // producers take no part in the books
    s.updateAccounting();
    QCOMPARE(s.accounting.balanced, false);
    QCOMPARE(s.accounting.unaccounted, std::uint64_t{6});
    const RunReport r = buildReport(s);
    QCOMPARE(r.accounting, s.accounting);
}

void TestRunReport::mergeSumsHostReports()
{
    const RunReport a = hostReport("a", "count-a", 10);
    const RunReport b = hostReport("b", "count-b", 20);
    const ReportResult m = mergeReports({a, b});
    QVERIFY2(m, m.error.c_str());
    const RunReport &r = *m.report;
    QCOMPARE(r.flow, std::string("split"));
    QCOMPARE(r.hosts, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(r.durationSeconds, 3.0);
    QCOMPARE(r.nodes.size(), std::size_t{5}); // gen-a, bus, count-a, gen-b, count-b
    QCOMPARE(r.nodes[1].id, std::string("bus"));
    QCOMPARE(r.nodes[1].channel.sent, std::uint64_t{30});
    QCOMPARE(r.nodes[1].channel.connectedPeers, std::uint64_t{4});
    QCOMPARE(r.nodes[3].id, std::string("gen-b"));
    QCOMPARE(r.nodes[4].input.received, std::uint64_t{20});
    QVERIFY(r.accounting.balanced);
    QCOMPARE(r.accounting.unaccounted, std::uint64_t{0});
    // A channel split across hosts: its writer's host saw what was sent, its readers' hosts what
    // was received. Neither knows the backlog alone (0 in both); the merge works it out.
    RunReport writerSide = hostReport("a", "count-a", 10);
    RunReport readerSide = hostReport("b", "count-b", 10);
    writerSide.nodes[1].channel = {100, 0, 0, 1, 0, 2}; // pubsub with 2 readers: 200 due
    readerSide.nodes[1].channel = {0, 150, 0, 1, 0, 2};
    const ReportResult split = mergeReports({writerSide, readerSide});
    QVERIFY2(split, split.error.c_str());
    QCOMPARE(split.report->nodes[1].channel, (ChannelCounters{100, 150, 50, 2, 0, 2}));
    // The same node in two reports (here: two runs of host a) is summed.
    const ReportResult both
        = mergeReports({hostReport("a", "count", 10), hostReport("a", "count", 7)});
    QVERIFY2(both, both.error.c_str());
    const NodeSnapshot &summed = both.report->nodes[2];
    QCOMPARE(summed.input.received, std::uint64_t{17});
    QCOMPARE(summed.sources.size(), std::size_t{1});
    QCOMPARE(summed.sources[0].books.expected, std::uint64_t{15});
    QCOMPARE(summed.latencyMicros, (LatencySummary{10, 50, 900}));
    QVERIFY(both.report->accounting.balanced);
    // Merging survives the JSON trip too (what `evflow report merge` does).
    const ReportResult parsed = parseReport(reportToJson(r));
    QVERIFY2(parsed, parsed.error.c_str());
    QVERIFY(*parsed.report == r);
}

void TestRunReport::mergeRejectsConflicts()
{
    QCOMPARE(QString::fromStdString(mergeReports({}).error), QStringLiteral("no reports to merge"));
    RunReport other = hostReport("b", "count-b", 20);
    other.flow = "elsewhere";
    QCOMPARE(QString::fromStdString(mergeReports({hostReport("a", "c", 10), other}).error),
             QStringLiteral("report 2 is of flow \"elsewhere\", report 1 of \"split\""));
    RunReport queue = hostReport("b", "count-b", 20);
    queue.nodes[1].kind = "queue";
    QCOMPARE(QString::fromStdString(mergeReports({hostReport("a", "c", 10), queue}).error),
             QStringLiteral("report 2: node \"bus\" differs from an earlier report's (kind "
                            "\"queue\" here, \"pubsub\" there)"));
}

void TestRunReport::malformedReportsGiveClearErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json")
        << "{\"flow\": "
        << "/: not JSON: parse error at line 1, column 10: syntax error while parsing "
           "value - unexpected end of input; expected '[', "
           "'{', or a literal";
    QTest::newRow("array") << "[]"
                           << "/: expected an object";
    QTest::newRow("no flow") << "{}"
                             << "/: missing \"flow\"";
    QTest::newRow("flow type") << R"({"flow": 3})"
                               << "/flow: expected a string";
    const QString head = R"({"flow": "f", "durationSeconds": 1, "totals": {},
        "accounting": {"balanced": true, "unaccounted": 0}, "nodes": )";
    QTest::newRow("negative duration") << R"({"flow": "f", "durationSeconds": -1})"
                                       << "/durationSeconds: must not be negative";
    QTest::newRow("node type")
        << head + R"([{"id": "a", "kind": "k", "type": "sink"}]})"
        << "/nodes/0/type: unknown node type \"sink\" (expected producer, channel, consumer or "
           "processor)";
    QTest::newRow("missing counter")
        << head + R"([{"id": "a", "kind": "k", "type": "producer", "counters": {"produced": 1}}]})"
        << "/nodes/0/counters: missing \"injectedDuplicates\"";
    QTest::newRow("negative counter")
        << head + R"([{"id": "a", "kind": "k", "type": "producer", "counters": {"produced": -1}}]})"
        << "/nodes/0/counters/produced: expected a non-negative integer";
    const QString producer = R"({"id": "a", "kind": "k", "type": "producer", "counters":
        {"produced": 1, "injectedDuplicates": 0, "injectedReorders": 0, "injectedLate": 0,
         "injectedDrops": 0}, "ratePerSecond": 1, "latencyMicros": {"p50": 0, "p99": 0,
         "max": 0}})";
    QTest::newRow("duplicate id") << head + "[" + producer + "," + producer + "]}"
                                  << "/nodes/1/id: duplicate node id \"a\"";
    QTest::newRow("deep") << QString(40, QLatin1Char('[')) + QString(40, QLatin1Char(']'))
                          << "/: nested deeper than 16 levels";
}

void TestRunReport::malformedReportsGiveClearErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const ReportResult r = parseReport(text.toStdString());
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.error), error);
}

void TestRunReport::snapshotJsonRoundTrip()
{
    RunSnapshot s = sampleSnapshot();
    s.run.state = RunState::Paused;
    const std::string text = snapshotToJson(s, 42);
    QVERIFY(text.find('\n') == std::string::npos);
    const auto j = nlohmann::ordered_json::parse(text);
    QCOMPARE(j.at("seq").get<int>(), 42);
    QCOMPARE(j.at("state").get<std::string>(), std::string("paused"));
    QCOMPARE(j.at("nodes").at(0).at("ratePerSecond").get<double>(), 27.5);
    QCOMPARE(j.at("totals").at("received").get<int>(), 200);
    const SnapshotParseResult back = parseSnapshotJson(text);
    QVERIFY2(back, back.error.c_str());
    QCOMPARE(back.seq, std::uint64_t{42});
    QVERIFY(*back.snapshot == s);
}

void TestRunReport::snapshotJsonRejectsGarbage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << ""
                           << "/: not JSON: parse error at line 1, column 1: syntax error while "
                              "parsing value - unexpected "
                              "end of input; expected '[', '{', or a literal";
    QTest::newRow("no seq") << "{}"
                            << "/: missing \"seq\"";
    QTest::newRow("bad state") << R"({"seq": 1, "flow": "f", "host": "", "state": "dancing"})"
                               << "/state: unknown run state \"dancing\"";
}

void TestRunReport::snapshotJsonRejectsGarbage()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const SnapshotParseResult r = parseSnapshotJson(text.toStdString());
    QVERIFY(!r);
    QCOMPARE(r.seq, std::uint64_t{0});
    QCOMPARE(QString::fromStdString(r.error), error);
}

QTEST_APPLESS_MAIN(TestRunReport)
#include "TestRunReport.moc"
