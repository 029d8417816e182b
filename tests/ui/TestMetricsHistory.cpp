// The Monitor's metrics history: rates derived from synthetic snapshots with known counters
// (exact values: snapshots 0.25 s apart, so every rate is a whole number), what in and out mean
// per role and for the whole flow, rows of a new run, fixed memory after a long feed, the
// visible window as a view, and the metrics CSV byte for byte.

#include "ui/monitor/MetricsHistory.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;
using ui::monitor::Metric;
using ui::monitor::MetricsHistory;

namespace {

constexpr std::int64_t kStart = 1'700'000'000'000'000; // µs since the epoch
constexpr std::int64_t kStep = 250'000;                // 0.25 s: rates are counts × 4

NodeSnapshot producer(const char *id, std::uint64_t produced)
{
    NodeSnapshot n;
    n.id = id;
    n.role = NodeRole::Producer;
    n.produced = produced;
    return n;
}

NodeSnapshot channel(const char *id, std::uint64_t sent, std::uint64_t received)
{
    NodeSnapshot n;
    n.id = id;
    n.role = NodeRole::Channel;
    n.channel.sent = sent;
    n.channel.received = received;
    return n;
}

/// A consumer (or processor) input whose counters all grow with `k`.
NodeSnapshot input(const char *id, NodeRole role, std::uint64_t k)
{
    NodeSnapshot n;
    n.id = id;
    n.role = role;
    n.input.received = 10 * k;
    n.input.processed = 8 * k;
    n.input.duplicates = 2 * k;
    n.input.outOfOrder = k;
    n.input.late = 3 * k;
    n.input.gaps = 5 * k;
    n.emitted = 4 * k;
    n.latencyMicros = {static_cast<std::int64_t>(100 * k), static_cast<std::int64_t>(900 * k),
                       static_cast<std::int64_t>(1000 * k)};
    return n;
}

/// Row `i` (1-based) of a steady flow: gen → bus → sink (consumer) and alert (processor).
RunSnapshot steady(std::int64_t i, std::int64_t start = kStart)
{
    RunSnapshot s;
    s.run.flow = "steady";
    s.run.startedAtMicros = start;
    s.run.takenAtMicros = start + i * kStep;
    const auto k = static_cast<std::uint64_t>(i);
    s.nodes = {producer("gen", 100 * k), channel("bus", 100 * k, 90 * k),
               input("sink", NodeRole::Consumer, k), input("alert", NodeRole::Processor, 2 * k)};
    return s;
}

double latestOf(const MetricsHistory &h, const char *scope, Metric m)
{
    return h.latest(NodeId{scope}, m).value_or(-1);
}

} // namespace

class TestMetricsHistory : public QObject
{
    Q_OBJECT
private slots:
    void derivesExactRatesPerRole()
    {
        MetricsHistory h;
        QSignalSpy appended(&h, &MetricsHistory::appended);
        h.append(steady(1));
        h.append(steady(2));
        QCOMPARE(appended.size(), 2);
        QCOMPARE(h.size(), std::size_t{2});
        QCOMPARE(h.latestMicros(), kStart + 2 * kStep);
        QCOMPARE(h.flowName(), std::string("steady"));

        // Producer: out = produced/s only.
        QCOMPARE(latestOf(h, "gen", Metric::EventsOut), 400.0);
        QVERIFY(!h.latest(NodeId{"gen"}, Metric::EventsIn));
        QVERIFY(h.samples(NodeId{"gen"}, Metric::Duplicates).empty());
        // Channel: in = sent/s, out = received/s.
        QCOMPARE(latestOf(h, "bus", Metric::EventsIn), 400.0);
        QCOMPARE(latestOf(h, "bus", Metric::EventsOut), 360.0);
        QVERIFY(!h.latest(NodeId{"bus"}, Metric::Gaps));
        // Consumer: in = received/s, out = processed/s, gaps cumulative, latency as reported.
        QCOMPARE(latestOf(h, "sink", Metric::EventsIn), 40.0);
        QCOMPARE(latestOf(h, "sink", Metric::EventsOut), 32.0);
        QCOMPARE(latestOf(h, "sink", Metric::Duplicates), 8.0);
        QCOMPARE(latestOf(h, "sink", Metric::OutOfOrder), 4.0);
        QCOMPARE(latestOf(h, "sink", Metric::Late), 12.0);
        QCOMPARE(latestOf(h, "sink", Metric::Gaps), 10.0);
        QCOMPARE(latestOf(h, "sink", Metric::LatencyP50), 200.0);
        QCOMPARE(latestOf(h, "sink", Metric::LatencyP99), 1800.0);
        // Processor: out = emitted/s.
        QCOMPARE(latestOf(h, "alert", Metric::EventsIn), 80.0);
        QCOMPARE(latestOf(h, "alert", Metric::EventsOut), 32.0);
        // Whole flow: in = producers, out = consumers' processed, inputs summed, worst latency.
        QCOMPARE(latestOf(h, "", Metric::EventsIn), 400.0);
        QCOMPARE(latestOf(h, "", Metric::EventsOut), 32.0);
        QCOMPARE(latestOf(h, "", Metric::Duplicates), 8.0 + 16.0);
        QCOMPARE(latestOf(h, "", Metric::OutOfOrder), 4.0 + 8.0);
        QCOMPARE(latestOf(h, "", Metric::Late), 12.0 + 24.0);
        QCOMPARE(latestOf(h, "", Metric::Gaps), 10.0 + 20.0);
        QCOMPARE(latestOf(h, "", Metric::LatencyP50), 400.0);
        QCOMPARE(latestOf(h, "", Metric::LatencyP99), 3600.0);

        const std::vector<NodeId> nodes{{"gen"}, {"bus"}, {"sink"}, {"alert"}};
        QCOMPARE(h.nodes(), nodes);
        QCOMPARE(h.roleOf(NodeId{"bus"}), std::optional<NodeRole>(NodeRole::Channel));
        QVERIFY(!h.roleOf(NodeId{"nope"}));
        QVERIFY(h.samples(NodeId{"nope"}, Metric::EventsIn).empty());
    }

    void theFirstSnapshotIsMeasuredFromTheRunStart()
    {
        MetricsHistory h;
        h.append(steady(1)); // 100 produced in the first 0.25 s
        QCOMPARE(h.size(), std::size_t{1});
        const std::vector<RateSample> expected{{kStart + kStep, 400.0}};
        QCOMPARE(h.samples(NodeId{"gen"}, Metric::EventsOut), expected);

        // Without a start time there is no interval: it only becomes the baseline.
        MetricsHistory noStart;
        RunSnapshot first = steady(1);
        first.run.startedAtMicros = 0;
        noStart.append(first);
        QVERIFY(noStart.empty());
        RunSnapshot second = steady(3);
        second.run.startedAtMicros = 0;
        noStart.append(second);
        QCOMPARE(noStart.size(), std::size_t{1});
        QCOMPARE(latestOf(noStart, "gen", Metric::EventsOut), 400.0); // 200 more in 0.5 s
    }

    void staleSnapshotsAreIgnoredAndANewRunStartsAfresh()
    {
        MetricsHistory h;
        QSignalSpy cleared(&h, &MetricsHistory::cleared);
        h.append(steady(1));
        h.append(steady(2));
        h.append(steady(2)); // the same instant again: nothing to measure
        h.append(steady(1)); // older
        QCOMPARE(h.size(), std::size_t{2});
        QCOMPARE(cleared.size(), 0);

        const std::int64_t nextRun = kStart + 3'600'000'000;
        h.append(steady(1, nextRun));
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(h.size(), std::size_t{1});
        QCOMPARE(h.startedAtMicros(), nextRun);

        h.clear();
        QCOMPARE(cleared.size(), 2);
        QVERIFY(h.empty());
        QVERIFY(h.nodes().empty());
        QCOMPARE(h.latestMicros(), std::int64_t{0});
    }

    void restartedCountersAndMissingNodes()
    {
        MetricsHistory h;
        h.append(steady(4));
        RunSnapshot restarted = steady(5);
        restarted.nodes[0].produced = 30; // the producer restarted: 30 since then
        restarted.nodes.pop_back();       // the processor is missing from this one
        h.append(restarted);
        QCOMPARE(latestOf(h, "gen", Metric::EventsOut), 120.0);
        // A missing node counted nothing; its cumulative values stay where they were.
        QCOMPARE(latestOf(h, "alert", Metric::EventsIn), 0.0);
        QCOMPARE(latestOf(h, "alert", Metric::Gaps), 40.0);
        QCOMPARE(latestOf(h, "alert", Metric::LatencyP99), 7200.0);
        QCOMPARE(h.samples(NodeId{"alert"}, Metric::EventsIn).size(), std::size_t{2});

        // A node new in a later snapshot is counted from 0 and its series start there.
        RunSnapshot grown = steady(6);
        grown.nodes.push_back(producer("late-gen", 50));
        h.append(grown);
        QCOMPARE(latestOf(h, "late-gen", Metric::EventsOut), 200.0);
        QCOMPARE(h.samples(NodeId{"late-gen"}, Metric::EventsOut).size(), std::size_t{1});
        QCOMPARE(latestOf(h, "", Metric::EventsIn), (600.0 - 30.0) * 4 + 200.0);
    }

    void memoryStaysBoundedAfterALongFeed()
    {
        constexpr std::size_t kCapacity = 600;
        MetricsHistory h(kCapacity);
        for (std::int64_t i = 1; i <= 100'000; ++i)
            h.append(steady(i));
        QCOMPARE(h.capacity(), kCapacity);
        QCOMPARE(h.size(), kCapacity);
        // flow 8 + producer 1 + channel 2 + consumer 8 + processor 8 series, each full.
        QCOMPARE(h.seriesCount(), std::size_t{27});
        QCOMPARE(h.storedSamples(), std::size_t{27} * kCapacity);
        QCOMPARE(h.latestMicros(), kStart + 100'000 * kStep);
        QCOMPARE(h.samples({}, Metric::EventsIn).front().timeMicros,
                 kStart + (100'000 - 599) * kStep);
        QCOMPARE(latestOf(h, "sink", Metric::Gaps), 500'000.0);

        // The visible window is a view: the last 60 s hold 241 rows 0.25 s apart.
        const std::int64_t since = h.latestMicros() - 60'000'000;
        const auto window = h.samples({}, Metric::EventsIn, since);
        QCOMPARE(window.size(), std::size_t{241});
        QCOMPARE(window.front().timeMicros, since);
        QCOMPARE(window.back().value, 400.0);

        // The default keeps 10 minutes at 10 snapshots a second.
        QCOMPARE(MetricsHistory().capacity(), std::size_t{6000});
        QCOMPARE(MetricsHistory(0).capacity(), std::size_t{2});
    }

    void writesTheMetricsAsCsv()
    {
        MetricsHistory h;
        QCOMPARE(h.toCsv(), std::string("elapsedSeconds,takenAtMicros,flow.eventsInPerSecond,"
                                        "flow.eventsOutPerSecond,flow.duplicatesPerSecond,"
                                        "flow.outOfOrderPerSecond,flow.latePerSecond,"
                                        "flow.gapsTotal,flow.latencyP50Micros,"
                                        "flow.latencyP99Micros\n"));
        RunSnapshot a;
        a.run.startedAtMicros = kStart;
        a.run.takenAtMicros = kStart + kStep;
        a.nodes = {producer("gen", 10)};
        RunSnapshot b = a;
        b.run.takenAtMicros = kStart + 3 * kStep;
        b.nodes = {producer("gen", 15), input("sink", NodeRole::Consumer, 1)};
        h.append(a);
        h.append(b);
        const std::string expected
            = "elapsedSeconds,takenAtMicros,flow.eventsInPerSecond,flow.eventsOutPerSecond,"
              "flow.duplicatesPerSecond,flow.outOfOrderPerSecond,flow.latePerSecond,"
              "flow.gapsTotal,flow.latencyP50Micros,flow.latencyP99Micros,"
              "node.gen.eventsOutPerSecond,"
              "node.sink.eventsInPerSecond,node.sink.eventsOutPerSecond,"
              "node.sink.duplicatesPerSecond,node.sink.outOfOrderPerSecond,"
              "node.sink.latePerSecond,node.sink.gapsTotal,node.sink.latencyP50Micros,"
              "node.sink.latencyP99Micros\n"
              "0.25,1700000000250000,40,0,0,0,0,0,0,0,40,,,,,,,,\n"
              "0.75,1700000000750000,10,16,4,2,6,5,100,900,10,20,16,4,2,6,5,100,900\n";
        QCOMPARE(h.toCsv(), expected);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("metrics.csv"));
        QString error;
        QVERIFY2(h.writeCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().toStdString(), expected);

        const QString bad = dir.filePath(QStringLiteral("missing/metrics.csv"));
        QVERIFY(!h.writeCsv(bad, &error));
        QVERIFY2(error.contains(bad), qPrintable(error));
    }

    void metricsApplyByRole()
    {
        QVERIFY(MetricsHistory::applies(std::nullopt, Metric::LatencyP99));
        QVERIFY(MetricsHistory::applies(NodeRole::Producer, Metric::EventsOut));
        QVERIFY(!MetricsHistory::applies(NodeRole::Producer, Metric::EventsIn));
        QVERIFY(MetricsHistory::applies(NodeRole::Channel, Metric::EventsIn));
        QVERIFY(!MetricsHistory::applies(NodeRole::Channel, Metric::Late));
        QVERIFY(MetricsHistory::applies(NodeRole::Processor, Metric::Gaps));
        QCOMPARE(QString(MetricsHistory::metricKey(Metric::OutOfOrder)),
                 QStringLiteral("outOfOrderPerSecond"));
    }
};

QTEST_MAIN(TestMetricsHistory)
#include "TestMetricsHistory.moc"
