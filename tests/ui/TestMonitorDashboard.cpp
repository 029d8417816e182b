// The Monitor tab's live charts: what each chart shows for a synthetic feed with known counters
// (snapshots 0.25 s apart, so every value is exact), the hint before the first run, scope
// selection, the sliding window, pause, series and axes that stay bounded and round, hover text,
// exports through the (scripted) dialogs, and a real run of an example whose charted values
// must be the ones derived from the controller's own snapshots.

#include "model/FlowFile.h"
#include "ui/charts/AxisScale.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/MonitorDashboard.h"
#include "ui/monitor/MetricsHistory.h"
#include "ui/monitor/RunController.h"

#include "support/FileBytes.h"
#include "support/ScriptedDialogs.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <algorithm>

using namespace evflow;
using namespace evflow::model;
using ui::charts::AxisScale;
using ui::charts::MetricChart;
using ui::charts::MonitorDashboard;
using ui::monitor::Metric;
using ui::monitor::MetricsHistory;
using ui::monitor::RunController;

namespace {

constexpr int kWait = 60000; // ms; generous, the machine is shared
constexpr std::int64_t kStart = 1'700'000'000'000'000;
constexpr std::int64_t kStep = 250'000; // µs

/// Row `i` of gen → sink after `total` events: all produced and received, 90 % processed, 10 %
/// duplicates, 5 % out of order, 2.5 % late; 3 gaps per row; latency p50 1.5 ms, p99 12 ms.
RunSnapshot row(std::int64_t i, std::uint64_t total, std::int64_t step = kStep)
{
    NodeSnapshot gen;
    gen.id = "gen";
    gen.role = NodeRole::Producer;
    gen.produced = total;
    NodeSnapshot sink;
    sink.id = "sink";
    sink.role = NodeRole::Consumer;
    sink.input.received = total;
    sink.input.processed = total * 9 / 10;
    sink.input.duplicates = total / 10;
    sink.input.outOfOrder = total / 20;
    sink.input.late = total / 40;
    sink.input.gaps = 3 * static_cast<std::uint64_t>(i);
    sink.latencyMicros = {1500, 12000, 20000};
    RunSnapshot s;
    s.run.flow = "synthetic";
    s.run.startedAtMicros = kStart;
    s.run.takenAtMicros = kStart + i * step;
    s.nodes = {gen, sink};
    return s;
}

struct Dashboard
{
    MetricsHistory history;
    ui::testing::ScriptedDialogs dialogs;
    MonitorDashboard dashboard{&history, &dialogs};
    std::int64_t rowIndex = 0;
    std::uint64_t total = 0;

    Dashboard()
    {
        dashboard.resize(1200, 640);
        dashboard.show();
        [this] { QVERIFY(QTest::qWaitForWindowExposed(&dashboard)); }();
    }
    /// Appends `rows` more rows, `perRow` events each (× 4 per second).
    void feed(int rows, std::uint64_t perRow = 40)
    {
        for (int r = 0; r < rows; ++r) {
            total += perRow;
            history.append(row(++rowIndex, total));
        }
    }
    QPointF last(int chart, int series) const
    {
        const QList<QPointF> points = dashboard.seriesValues(chart, series);
        return points.isEmpty() ? QPointF(-1, -1) : points.back();
    }
};

} // namespace

class TestMonitorDashboard : public QObject
{
    Q_OBJECT
private slots:
    void showsTheHintUntilTheFirstData()
    {
        Dashboard d;
        QVERIFY(d.dashboard.isShowingEmptyState());
        QCOMPARE(d.dashboard.emptyStateLabel()->text(),
                 QStringLiteral("Press Run (F5) to start the flow and watch it live."));
        d.feed(1);
        QVERIFY(!d.dashboard.isShowingEmptyState());
        QCOMPARE(d.dashboard.pointCount(MonitorDashboard::Throughput, 0), 1);
        // A new run clears the history: the charts empty, the hint does not come back.
        d.history.clear();
        QVERIFY(!d.dashboard.isShowingEmptyState());
        QCOMPARE(d.dashboard.pointCount(MonitorDashboard::Throughput, 0), 0);
    }

    void chartsTheWholeFlowExactly()
    {
        Dashboard d;
        d.feed(20);
        using D = MonitorDashboard;
        for (int chart = 0; chart < D::ChartCount; ++chart)
            QCOMPARE(d.dashboard.pointCount(chart, 0), 20);
        QCOMPARE(d.dashboard.seriesValues(D::Throughput, 0).front(), QPointF(-4.75, 160));
        QCOMPARE(d.last(D::Throughput, 0), QPointF(0, 160)); // in: produced/s, now at 0
        QCOMPARE(d.last(D::Throughput, 1), QPointF(0, 144)); // out: processed/s
        QCOMPARE(d.last(D::Duplicates, 0), QPointF(0, 16));
        QCOMPARE(d.last(D::OutOfOrder, 0), QPointF(0, 8));
        QCOMPARE(d.last(D::Late, 0), QPointF(0, 4));
        QCOMPARE(d.last(D::Gaps, 0), QPointF(0, 60));      // cumulative
        QCOMPARE(d.last(D::Latency, 0), QPointF(0, 1.5));  // p50 in ms
        QCOMPARE(d.last(D::Latency, 1), QPointF(0, 12.0)); // p99 in ms

        MetricChart *throughput = d.dashboard.chart(D::Throughput);
        QCOMPARE(throughput->titleText(), QStringLiteral("Throughput (events/s)"));
        QCOMPARE(d.dashboard.chart(D::Latency)->titleText(), QStringLiteral("Latency (ms)"));
        QCOMPARE(throughput->xMinimum(), -60.0);
        QCOMPARE(throughput->xMaximum(), 0.0);
        QCOMPARE(throughput->yScale().max, 200.0); // 160 with headroom, in steps of 50
        QCOMPARE(throughput->yScale().step, 50.0);
        QCOMPARE(d.dashboard.chart(D::Latency)->yScale().max, 15.0);
    }

    void scopeFollowsTheSelection()
    {
        Dashboard d;
        d.feed(8);
        using D = MonitorDashboard;
        d.dashboard.setSelectedNode(NodeId{"gen"});
        QCOMPARE(d.dashboard.scope(), NodeId{}); // still the whole flow
        QCOMPARE(d.dashboard.scopeCombo()->itemText(1), QStringLiteral("Selected: gen (producer)"));
        d.dashboard.scopeCombo()->setCurrentIndex(1);
        QCOMPARE(d.dashboard.scope(), NodeId{"gen"});
        QCOMPARE(d.dashboard.pointCount(D::Throughput, 0), 0); // a producer has no "in"
        QCOMPARE(d.last(D::Throughput, 1), QPointF(0, 160));
        QCOMPARE(d.dashboard.pointCount(D::Duplicates, 0), 0);
        QCOMPARE(d.dashboard.chart(D::Duplicates)->titleText(),
                 QStringLiteral("Duplicates (events/s) — not measured at a producer"));

        d.dashboard.setSelectedNode(NodeId{"sink"});
        QCOMPARE(d.last(D::Throughput, 0), QPointF(0, 160)); // received/s
        QCOMPARE(d.last(D::Throughput, 1), QPointF(0, 144)); // processed/s
        QCOMPARE(d.last(D::Gaps, 0), QPointF(0, 24));
        QCOMPARE(d.dashboard.chart(D::Duplicates)->titleText(),
                 QStringLiteral("Duplicates (events/s)"));

        d.dashboard.setSelectedNode({});
        QCOMPARE(d.dashboard.scopeCombo()->itemText(1), QStringLiteral("Selected node (none)"));
        for (int chart = 0; chart < D::ChartCount; ++chart)
            QCOMPARE(d.dashboard.pointCount(chart, 0), 0);
        d.dashboard.setScopeToSelection(false);
        QCOMPARE(d.dashboard.pointCount(D::Throughput, 0), 8);
    }

    void theWindowIsAViewOnTheHistory()
    {
        Dashboard d;
        d.feed(801); // 200 s
        using D = MonitorDashboard;
        QCOMPARE(d.dashboard.windowSeconds(), 60);
        QCOMPARE(d.dashboard.pointCount(D::Throughput, 0), 241);
        QCOMPARE(d.dashboard.seriesValues(D::Throughput, 0).front().x(), -60.0);
        d.dashboard.windowSpinBox()->setValue(120);
        QCOMPARE(d.dashboard.pointCount(D::Gaps, 0), 481);
        QCOMPARE(d.dashboard.chart(D::Gaps)->xMinimum(), -120.0);
        d.dashboard.setWindowSeconds(5); // clamped to the minimum
        QCOMPARE(d.dashboard.windowSeconds(), MonitorDashboard::kMinWindowSeconds);
        QCOMPARE(d.dashboard.pointCount(D::Gaps, 0), 41);
        d.dashboard.setWindowSeconds(100000);
        QCOMPARE(d.dashboard.windowSeconds(), MonitorDashboard::kMaxWindowSeconds);
        QCOMPARE(d.dashboard.pointCount(D::Gaps, 0), 801);
    }

    void pauseFreezesTheViewNotTheHistory()
    {
        Dashboard d;
        QSignalSpy paused(&d.dashboard, &MonitorDashboard::pausedChanged);
        d.feed(10);
        const QList<QPointF> before = d.dashboard.seriesValues(MonitorDashboard::Throughput, 0);
        QTest::mouseClick(d.dashboard.pauseButton(), Qt::LeftButton);
        QVERIFY(d.dashboard.isPaused());
        QCOMPARE(paused.size(), 1);
        d.feed(20, 80);
        QCOMPARE(d.history.size(), std::size_t{30});
        QCOMPARE(d.dashboard.seriesValues(MonitorDashboard::Throughput, 0), before);
        d.dashboard.refresh(); // an explicit refresh does not thaw it either
        QCOMPARE(d.dashboard.seriesValues(MonitorDashboard::Throughput, 0), before);

        QTest::mouseClick(d.dashboard.pauseButton(), Qt::LeftButton);
        QVERIFY(!d.dashboard.isPaused());
        QCOMPARE(paused.size(), 2);
        QCOMPARE(d.dashboard.pointCount(MonitorDashboard::Throughput, 0), 30);
        QCOMPARE(d.last(MonitorDashboard::Throughput, 0), QPointF(0, 320));
    }

    void seriesStayBoundedAfterALongFeed()
    {
        Dashboard d;
        d.dashboard.hide(); // a hidden dashboard does not redraw per row...
        d.dashboard.setWindowSeconds(MonitorDashboard::kMaxWindowSeconds);
        for (std::int64_t i = 1; i <= 100'000; ++i)
            d.history.append(row(i, 40 * static_cast<std::uint64_t>(i),
                                 100'000)); // 10 snapshots a second, ~2.8 hours
        QCOMPARE(d.history.size(), MetricsHistory::kDefaultCapacity);
        QCOMPARE(d.history.storedSamples(),
                 d.history.seriesCount() * MetricsHistory::kDefaultCapacity);
        d.dashboard.show(); // ...and catches up when shown
        for (int chart = 0; chart < MonitorDashboard::ChartCount; ++chart) {
            QCOMPARE(d.dashboard.pointCount(chart, 0), MonitorDashboard::kMaxPointsPerSeries);
        }
        QCOMPARE(d.last(MonitorDashboard::Gaps, 0), QPointF(0, 300'000));
        QCOMPARE(d.last(MonitorDashboard::Throughput, 0).y(), 400.0);
    }

    void axesRescaleInRoundStepsWithoutJitter()
    {
        // About four intervals (five labels fit a small multiple's height).
        const AxisScale empty = AxisScale::fitting(0, 4);
        QCOMPARE(empty.max, 4.0);
        QCOMPARE(empty.step, 1.0);
        QCOMPARE(empty.decimals, 0);
        QCOMPARE(AxisScale::fitting(123, 4).max, 150.0);
        const AxisScale k = AxisScale::fitting(1000, 4);
        QCOMPARE(k.max, 1500.0);
        QCOMPARE(k.step, 500.0);
        const AxisScale ms = AxisScale::fitting(0, 2);
        QCOMPARE(ms.max, 2.0);
        QCOMPARE(ms.step, 0.5);
        QCOMPARE(ms.decimals, 1);
        QVERIFY(AxisScale::adjusted(k, 1400, 4) == k); // still fits: unchanged
        QVERIFY(AxisScale::adjusted(k, 400, 4) == k);  // still fills over a quarter
        QCOMPARE(AxisScale::adjusted(k, 1700, 4).max, 2000.0);
        QCOMPARE(AxisScale::adjusted(k, 200, 4).max, 300.0);

        Dashboard d;
        d.feed(4, 40); // 160/s
        MetricChart *throughput = d.dashboard.chart(MonitorDashboard::Throughput);
        QCOMPARE(throughput->yScale().max, 200.0);
        d.feed(2, 45); // 180/s: still fits, no new axis
        QCOMPARE(throughput->yScale().max, 200.0);
        d.feed(1, 250); // 1000/s
        QCOMPARE(throughput->yScale().max, 1500.0);
    }

    void hoverShowsTheValue()
    {
        QCOMPARE(MetricChart::hoverText(QStringLiteral("out"), QStringLiteral("events/s"),
                                        QPointF(-12.5, 1234), 0),
                 QStringLiteral("out: 1234 events/s, 12.5 s ago"));
        QCOMPARE(
            MetricChart::hoverText(QStringLiteral("p99"), QStringLiteral("ms"), QPointF(0, 1.5), 2),
            QStringLiteral("p99: 1.50 ms, now"));
    }

    void exportsThroughTheDialogs()
    {
        Dashboard d;
        d.feed(20);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("charts.png"));
        d.dialogs.saveAnswer = png;
        QTest::mouseClick(d.dashboard.exportPngButton(), Qt::LeftButton);
        QCOMPARE(d.dialogs.asked.size(), 1);
        QVERIFY2(d.dialogs.asked.front().endsWith(QStringLiteral("synthetic-charts.png")),
                 qPrintable(d.dialogs.asked.front()));
        const QImage image(png);
        QVERIFY(!image.isNull());
        const qreal ratio = d.dashboard.devicePixelRatioF();
        QCOMPARE(image.size(), d.dashboard.chartsArea()->size() * ratio);
        QVERIFY(image.width() > 1000); // the whole grid, not one chart

        const QString csv = dir.filePath(QStringLiteral("metrics.csv"));
        d.dialogs.saveAnswer = csv;
        QTest::mouseClick(d.dashboard.exportCsvButton(), Qt::LeftButton);
        QCOMPARE(ui::testing::readAll(csv).toStdString(), d.history.toCsv());
        QVERIFY(d.dialogs.asked.back().endsWith(QStringLiteral("synthetic-metrics.csv")));

        d.dialogs.saveAnswer.clear(); // cancelled: nothing happens
        QTest::mouseClick(d.dashboard.exportCsvButton(), Qt::LeftButton);
        QVERIFY(d.dialogs.errors.isEmpty());

        const QString bad = dir.filePath(QStringLiteral("missing/charts.png"));
        d.dialogs.saveAnswer = bad;
        QTest::mouseClick(d.dashboard.exportPngButton(), Qt::LeftButton);
        QCOMPARE(d.dialogs.errors.size(), 1);
        QVERIFY2(d.dialogs.errors.front().contains(bad), qPrintable(d.dialogs.errors.front()));
        QVERIFY(!QFile::exists(bad));
    }

    void followsARealRun()
    {
        const auto loaded
            = loadFlowFile(EVFLOW_SOURCE_DIR "/resources/examples/order-pipeline.evflow.json");
        QVERIFY(loaded.flow);
        RunController controller;
        Dashboard d;
        QSignalSpy snapshots(&controller, &RunController::snapshotTaken);
        QObject::connect(&controller, &RunController::snapshotTaken, &d.history,
                         &MetricsHistory::append);
        QTemporaryDir dir;
        controller.start(*loaded.flow, dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Running, kWait);
        // Seeded drops surface as gaps once the reorder wait has passed.
        QTRY_VERIFY_WITH_TIMEOUT(d.last(MonitorDashboard::Gaps, 0).y() > 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(d.dashboard.pointCount(MonitorDashboard::Throughput, 0) >= 5,
                                 kWait);
        if (qEnvironmentVariableIsSet("EVFLOW_CHARTS_SHOT"))
            d.dashboard.grab().save(qEnvironmentVariable("EVFLOW_CHARTS_SHOT"));
        controller.stop();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Idle, kWait);
        QCOMPARE(d.history.latestMicros(), controller.lastSnapshot().run.takenAtMicros);

        // The newest points are derived from the controller's last two distinct snapshots.
        const RunSnapshot last = controller.lastSnapshot();
        RunSnapshot previous;
        for (const auto &args : snapshots) {
            const auto s = args.at(0).value<RunSnapshot>();
            if (s.run.takenAtMicros < last.run.takenAtMicros)
                previous = s;
        }
        QVERIFY(previous.run.takenAtMicros > 0);
        const double seconds = (last.run.takenAtMicros - previous.run.takenAtMicros) / 1e6;
        double gaps = 0, duplicates = 0, out = 0, p99 = 0;
        for (const NodeSnapshot &n : last.nodes) {
            if (n.role != NodeRole::Consumer && n.role != NodeRole::Processor)
                continue;
            const NodeSnapshot *before = previous.findNode(n.id);
            QVERIFY(before);
            gaps += static_cast<double>(n.input.gaps);
            duplicates += static_cast<double>(n.input.duplicates - before->input.duplicates);
            if (n.role == NodeRole::Consumer) // the flow's out: what its ends processed
                out += static_cast<double>(n.input.processed - before->input.processed);
            p99 = std::max(p99, static_cast<double>(n.latencyMicros.p99));
        }
        QVERIFY(gaps > 0);
        using D = MonitorDashboard;
        QCOMPARE(d.last(D::Gaps, 0), QPointF(0, gaps));
        QCOMPARE(d.last(D::Throughput, 0).y(), ratePerSecond(previous, last, "orders"));
        QCOMPARE(d.last(D::Throughput, 1).y(), out / seconds);
        QCOMPARE(d.last(D::Duplicates, 0).y(), duplicates / seconds);
        QCOMPARE(d.last(D::Latency, 1).y(), p99 / 1000);
    }
};

QTEST_MAIN(TestMonitorDashboard)
#include "TestMonitorDashboard.moc"
