// Issue 5's tests, end to end in one studio window: an example run from the studio's own Run
// action fills the charts, the badges, the inspector and the accounting panel, and what they show
// equals the runtime's snapshot; with seeded faults the badges, the accounting panel and the
// exported report agree with the exact counts; Stop at full rate returns within a bound.

#include "model/FlowFile.h"
#include "model/RunReport.h"
#include "support/FileBytes.h"
#include "support/StudioWindow.h"
#include "tests/tools/ToolRunner.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/LiveState.h"
#include "ui/canvas/NodeItem.h"
#include "ui/charts/MonitorDashboard.h"
#include "ui/monitor/AccountingModel.h"
#include "ui/monitor/AccountingPanel.h"
#include "ui/monitor/EventInspector.h"
#include "ui/monitor/MetricsHistory.h"
#include "ui/monitor/MonitorPanels.h"
#include "ui/monitor/RecentEventsModel.h"
#include "ui/monitor/RunController.h"

#include <QAction>
#include <QtTest>

using namespace evflow;
using evflow::ui::charts::MonitorDashboard;
using evflow::ui::monitor::AccountingModel;
using evflow::ui::testing::StudioWindow;
using State = evflow::ui::monitor::RunController::State;
namespace live = evflow::ui::canvas::live;

namespace {

constexpr int kWait = 60000;

/// An example copied next to the test's settings, so the files its consumers write stay there.
QString copyExample(const StudioWindow &s, const char *name)
{
    const QString target = s.dir.filePath(QLatin1String(name));
    QFile::copy(QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/") + QLatin1String(name),
                target);
    return target;
}

/// "dup 3", as a badge chip shows a count.
QString chip(const char *label, std::uint64_t count)
{
    return QStringLiteral("%1 %2").arg(QLatin1String(label), live::formatCount(count));
}

/// The accounting panel's cell for `node`, column `column`, as the number it sorts by.
qulonglong accountingCell(const AccountingModel &model, const char *node, int column)
{
    const int row = model.rowOf(node);
    return model.index(row, column).data(AccountingModel::SortRole).toULongLong();
}

void checkBooksShown(const StudioWindow &s, const model::NodeSnapshot &n)
{
    const AccountingModel &model = *s.window->monitorPanels()->accounting()->model();
    const char *id = n.id.c_str();
    QVERIFY2(model.rowOf(n.id) >= 0, id);
    QCOMPARE(accountingCell(model, id, AccountingModel::ReceivedColumn), n.input.received);
    QCOMPARE(accountingCell(model, id, AccountingModel::ProcessedColumn), n.input.processed);
    QCOMPARE(accountingCell(model, id, AccountingModel::DuplicatesColumn), n.input.duplicates);
    QCOMPARE(accountingCell(model, id, AccountingModel::LateDroppedColumn), n.input.lateDropped);
    QCOMPARE(accountingCell(model, id, AccountingModel::GapsColumn), n.input.gaps);
}

void checkBadgeShown(const StudioWindow &s, const model::NodeSnapshot &n)
{
    const QString badge = s.window->scene()->nodeItem({n.id})->badgeText();
    QVERIFY2(badge.contains(chip("dup", n.input.duplicates)), qPrintable(badge));
    QVERIFY2(badge.contains(chip("late", n.input.late)), qPrintable(badge));
    QVERIFY2(badge.contains(chip("gap", n.input.gaps)), qPrintable(badge));
}

} // namespace

class TestMonitorScenario : public QObject
{
    Q_OBJECT
private slots:
    void anExampleRunFromTheStudioIsSeenLive()
    {
        StudioWindow s;
        QVERIFY(s.window->openFlow(copyExample(s, "iot-sensors.evflow.json")));
        s.window->runAction()->trigger();
        const auto *panels = s.window->monitorPanels();
        const MonitorDashboard *dashboard = panels->dashboard();
        // Moving charts, and alerts in the inspector of the alert log.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->pointCount(MonitorDashboard::Throughput, 0) >= 5,
                                 kWait);
        s.window->scene()->selectNodes({{"alert-log"}});
        QTRY_VERIFY_WITH_TIMEOUT(panels->inspector()->eventsModel()->rowCount() > 0, kWait);
        s.window->runControls()->stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Idle, kWait);

        // What is shown equals the runtime's last snapshot.
        const model::RunSnapshot &last = s.controller()->lastSnapshot();
        for (const char *id : {"overheat", "alert-log", "reading-count"}) {
            const model::NodeSnapshot *n = last.findNode(id);
            QVERIFY(n && n->input.received > 0);
            checkBooksShown(s, *n);
            checkBadgeShown(s, *n);
        }
        const model::NodeSnapshot *alerts = last.findNode("alert-log");
        QCOMPARE(panels->history()->latest({}, ui::monitor::Metric::Gaps).value_or(-1), 0.0);
        QVERIFY(panels->inspector()->eventsModel()->rowCount() <= int(alerts->input.received));
        QVERIFY(s.dialogs.errors.isEmpty());

        // The inspector's export is CloudEvents by the specification's schema (issue 6).
        const QString lines = s.dir.filePath(QStringLiteral("alerts.jsonl"));
        const int exported = panels->inspector()->exportTo(lines);
        QCOMPARE(exported, panels->inspector()->eventsModel()->rowCount());
        const QString node = evflow::test::nodeJs();
        if (node.isEmpty())
            QSKIP("Node.js is not installed: the exported events were not checked by ajv");
        const evflow::test::ToolRun valid = evflow::test::runTool(
            node, {evflow::test::toolScript("cloudevents-validate.cjs"), lines});
        if (valid.exitCode == 3)
            QSKIP(qPrintable("ajv is not installed (scripts/npm-tools.sh): "
                             + QString::fromUtf8(valid.err)));
        QVERIFY2(valid.exitCode == 0
                     && valid.out.contains(
                         QStringLiteral("%1 of %1 events valid").arg(exported).toUtf8()),
                 valid.out.constData());
    }

    void seededFaultsAgreeInBadgesBooksAndReport()
    {
        StudioWindow s;
        const QString path = copyExample(s, "order-pipeline.evflow.json");
        model::LoadResult loaded = model::loadFlowFile(path.toStdString());
        QVERIFY(loaded.flow);
        loaded.flow->findNode({"orders"})->properties["count"] = std::int64_t{3000};
        loaded.flow->findNode({"orders"})->properties["rate"] = 0.0;
        s.window->document()->resetFlow(*loaded.flow, path);
        s.window->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Finished, kWait);

        const model::RunSnapshot &last = s.controller()->lastSnapshot();
        const model::InjectedFaults &injected = last.findNode("orders")->injected;
        QVERIFY(injected.duplicates > 0 && injected.drops > 0 && injected.late > 0);
        for (const char *id : {"billing", "shipping", "revenue"}) {
            const model::NodeSnapshot *n = last.findNode(id);
            QVERIFY(n);
            // Every consumer of the bus sees every fault the producer injected.
            QCOMPARE(n->input.duplicates, injected.duplicates);
            QCOMPARE(n->input.gaps, injected.drops);
            checkBooksShown(s, *n);
            checkBadgeShown(s, *n);
        }
        QVERIFY(last.accounting.balanced);
        // The report the accounting panel exports is the runtime's, byte for byte.
        s.dialogs.saveAnswer = s.dir.filePath(QStringLiteral("run.report.json"));
        QVERIFY(s.window->monitorPanels()->accounting()->exportReport());
        const QByteArray report = ui::testing::readAll(s.dialogs.saveAnswer);
        QCOMPARE(report.toStdString(), model::reportToJson(model::buildReport(last)));
        const model::ReportResult parsed = model::parseReport(report.toStdString());
        QVERIFY(parsed);
        QVERIFY(parsed.report->accounting.balanced);
    }

    void stopAtFullRateReturnsWithinABound()
    {
        StudioWindow s;
        QVERIFY(s.window->openFlow(copyExample(s, "throughput.evflow.json")));
        s.window->runAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            s.controller()->lastSnapshot().findNode("sink")
                && s.controller()->lastSnapshot().findNode("sink")->input.processed > 10000,
            kWait);
        s.window->runControls()->stopAction()->trigger();
        // The GUI thread only posts the stop (the drain happens on the run's worker): it is
        // back at once, still Stopping.
        QCOMPARE(s.controller()->state(), State::Stopping);
        // The bound is the runtime's drain limit with a wide margin for a loaded machine.
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Idle, 30000);
        QVERIFY(s.controller()->lastSnapshot().accounting.balanced);
        QVERIFY(!s.window->document()->isReadOnly()); // editable again
    }
};

QTEST_MAIN(TestMonitorScenario)
#include "TestMonitorScenario.moc"
