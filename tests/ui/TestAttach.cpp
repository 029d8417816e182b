// The studio attached to three headless runners (issue 9, "Attach"): three `evflow run --host`
// processes on loopback, each publishing telemetry, watched from one studio window through
// Run ▸ Attach. The monitor (accounting, inspector, trace, projections, runner links) shows the
// whole flow; detaching leaves the runners running; a killed runner shows as disconnected and
// a restarted one as connected again; at the end the studio's counters equal the merged
// per-host reports.

#include "model/RunReport.h"
#include "ui/FlowDocument.h"
#include "ui/MainWindow.h"
#include "ui/canvas/FlowScene.h"
#include "ui/monitor/AccountingModel.h"
#include "ui/monitor/AccountingPanel.h"
#include "ui/monitor/AttachControls.h"
#include "ui/monitor/AttachDialog.h"
#include "ui/monitor/CorrelationTimeline.h"
#include "ui/monitor/EventInspector.h"
#include "ui/monitor/MonitorPanels.h"
#include "ui/monitor/ProjectionsModel.h"
#include "ui/monitor/ProjectionsPanel.h"
#include "ui/monitor/RecentEventsModel.h"
#include "ui/monitor/RunLog.h"
#include "ui/monitor/RunnersPanel.h"

#include "transport/CurveKeys.h"
#include "transport/TelemetryPublisher.h"
#include "ui/monitor/AttachedRun.h"

#include "../transport/support/FaultHarness.h"

#include <QComboBox>
#include <QStandardItemModel>
#include <QtTest>

#include "support/Screenshots.h"
#include "support/StudioWindow.h"

#include <array>

using namespace evflow;
using namespace evflow::test;
using namespace evflow::test::faults;
using evflow::ui::testing::StudioWindow;
using State = evflow::ui::monitor::MetricsSource::State;
using Link = evflow::ui::monitor::RunnerState::Link;

namespace {

constexpr int kWait = flows::kWait;
/// orders (generator on a, 1000 events/s until stopped) -> broker hub (on b) -> projection totals
/// (on b) and counter tally (on c); every host on 127.0.0.1, the broker's endpoints named by
/// host. Consumers record the trace hops, so one correlation has hops on b and on c.
md::Flow attachFlow(int frontPort, int backPort)
{
    md::Flow f;
    f.name = "attached";
    f.eventTypes = {flows::tickType()};
    f.hosts = {{"a", "127.0.0.1"}, {"b", "127.0.0.1"}, {"c", "127.0.0.1"}};
    md::Node orders = flows::generator("orders", 0, 1000);
    orders.host = "a";
    md::Node hub = flows::node("hub", md::NodeKind::Broker);
    hub.host = "b";
    hub.properties["endpoint"] = "tcp://b:" + std::to_string(frontPort);
    hub.properties["backendEndpoint"] = "tcp://b:" + std::to_string(backPort);
    md::Node tally = flows::node("tally", md::NodeKind::Counter);
    md::Node totals = flows::node("totals", md::NodeKind::Projection);
    totals.properties["groupBy"] = std::string("key");
    totals.properties["aggregate"] = std::string("count");
    totals.host = "b";
    tally.host = "c";
    f.nodes = {orders, hub, tally, totals};
    f.links = {flows::makeLink("orders", "hub"), flows::makeLink("hub", "tally"),
               flows::makeLink("hub", "totals")};
    return f;
}

/// The counters the monitor shows for a node, as one line (a readable QCOMPARE).
QString countersOf(const md::NodeSnapshot *n)
{
    if (!n)
        return QStringLiteral("missing");
    return QStringLiteral("produced %1 sent %2 chReceived %3 received %4 processed %5 dup %6 "
                          "gaps %7 late %8 malformed %9")
        .arg(n->produced)
        .arg(n->channel.sent)
        .arg(n->channel.received)
        .arg(n->input.received)
        .arg(n->input.processed)
        .arg(n->input.duplicates)
        .arg(n->input.gaps)
        .arg(n->input.late)
        .arg(n->input.malformed);
}

} // namespace

class TestAttach : public QObject
{
    Q_OBJECT
private slots:
    void dialogOffersTheHostTableAndRefusesBadEndpoints();
    void curveRunnersNeedTheRightKeys();
    void studioWatchesThreeRunnersAndAgreesWithTheirReports();
};

void TestAttach::dialogOffersTheHostTableAndRefusesBadEndpoints()
{
    using ui::monitor::AttachDialog;
    const auto offered = AttachDialog::suggestedRunners(
        {{"hub", "10.0.0.2"}, {"back", "10.0.0.3"}, {"v6", "fd00::1"}});
    QCOMPARE(offered.size(), std::size_t{3});
    // In name order, ports counted from 7401 as docs/DISTRIBUTED.md starts them.
    QCOMPARE(offered[0].name, QStringLiteral("back"));
    QCOMPARE(offered[0].endpoint, QStringLiteral("tcp://10.0.0.3:7401"));
    QCOMPARE(offered[1].endpoint, QStringLiteral("tcp://10.0.0.2:7402"));
    QCOMPARE(offered[2].endpoint, QStringLiteral("tcp://[fd00::1]:7403"));
    QCOMPARE(AttachDialog::suggestedRunners({}).at(0).endpoint,
             QStringLiteral("tcp://127.0.0.1:7401"));

    AttachDialog dialog(offered);
    dialog.model()->item(1, 1)->setText(QStringLiteral("tcp://10.0.0.2"));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("hub: ")), qPrintable(dialog.problem()));
    dialog.model()->item(1, 1)->setText(QStringLiteral("inproc://telemetry"));
    dialog.accept();
    QVERIFY2(dialog.problem().contains(QStringLiteral("inproc")), qPrintable(dialog.problem()));
    dialog.model()->item(1, 1)->setText(QStringLiteral("tcp://*:7402"));
    dialog.accept();
    QVERIFY2(dialog.problem().contains(QStringLiteral("wildcard")), qPrintable(dialog.problem()));
    // An unchecked row is not attached to, and is not checked either.
    dialog.model()->item(1, 0)->setCheckState(Qt::Unchecked);
    dialog.addRunner({QStringLiteral("typed"), QStringLiteral(" ipc:///tmp/evflow-t "), {}, {}});
    dialog.accept();
    QCOMPARE(dialog.problem(), QString());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto chosen = dialog.runners();
    QCOMPARE(chosen.size(), std::size_t{3});
    QCOMPARE(chosen[2].endpoint, QStringLiteral("ipc:///tmp/evflow-t"));

    dialog.model()->item(0, 0)->setCheckState(Qt::Unchecked);
    dialog.model()->item(2, 0)->setCheckState(Qt::Unchecked);
    dialog.model()->item(3, 0)->setCheckState(Qt::Unchecked);
    dialog.accept();
    QVERIFY(dialog.problem().contains(QStringLiteral("at least one")));

    // Hosts with a public key in the key store are offered with CURVE; the studio key goes with
    // them, and without one Attach is refused.
    const auto keyed = AttachDialog::suggestedRunners({{"hub", "10.0.0.2"}, {"edge", "10.0.0.5"}},
                                                      {"hub", "studio"});
    QCOMPARE(keyed[1].serverKey, QStringLiteral("hub"));
    QCOMPARE(keyed[0].serverKey, QString());
    AttachDialog curve(keyed, {"other", "studio"});
    QCOMPARE(curve.studioKey()->currentText(), QStringLiteral("studio"));
    QCOMPARE(curve.runners()[1].clientKey, QStringLiteral("studio"));
    QCOMPARE(curve.runners()[0].clientKey, QString()); // plain text: no key presented
    curve.studioKey()->setCurrentText(QString());
    curve.accept();
    QVERIFY2(curve.problem().contains(QStringLiteral("hub uses CURVE")),
             qPrintable(curve.problem()));
}

void TestAttach::curveRunnersNeedTheRightKeys()
{
    QTemporaryDir dir;
    qputenv("EVFLOW_KEYS_DIR", dir.path().toLocal8Bit());
    const std::filesystem::path keys = dir.path().toStdString();
    const auto runnerKeys = tr::generateCurveKeyPair(keys, "runner");
    QVERIFY(runnerKeys && tr::generateCurveKeyPair(keys, "studio")
            && tr::generateCurveKeyPair(keys, "stranger"));
    md::RunSnapshot published;
    published.run.flow = "curve";
    published.run.state = md::RunState::Running;
    tr::TelemetryPublisher publisher([&] { return published; }, std::chrono::milliseconds(20));
    std::string error;
    QVERIFY(publisher.setCurve(*runnerKeys.keys,
                               {tr::loadCurvePublicKey(keys, "studio").keys->publicKey}, error));
    QVERIFY2(publisher.start("tcp://127.0.0.1:*", error), error.c_str());
    const QString endpoint = QString::fromStdString(publisher.endpoint());

    ui::monitor::AttachedRun allowed;
    QString why;
    QVERIFY2(allowed.attach({{"runner", endpoint, "runner", "studio"}}, why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(allowed.runners()[0].link, Link::Connected, kWait);
    QCOMPARE(allowed.lastSnapshot().run.flow, std::string("curve"));

    ui::monitor::AttachedRun stranger;
    QVERIFY2(stranger.attach({{"runner", endpoint, "runner", "stranger"}}, why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(stranger.runners()[0].link, Link::Refused, kWait);
    QCOMPARE(stranger.runners()[0].updates, std::uint64_t{0});
    QVERIFY(stranger.runners()[0].linkText().contains(QStringLiteral("keys")));

    ui::monitor::AttachedRun plain; // the runner wants CURVE: refused too
    QVERIFY2(plain.attach({{"runner", endpoint, {}, {}}}, why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(plain.runners()[0].link, Link::Refused, kWait);

    ui::monitor::AttachedRun missing; // keys that do not load: nothing is attached
    QVERIFY(!missing.attach({{"runner", endpoint, "absent", "studio"}}, why));
    QVERIFY2(why.startsWith(QStringLiteral("runner: server key: ")), qPrintable(why));
    QVERIFY(!missing.isAttached());
    QVERIFY(!missing.attach({{"runner", endpoint, "runner", {}}}, why));
    QVERIFY2(why.contains(QStringLiteral("studio's key pair")), qPrintable(why));
    qunsetenv("EVFLOW_KEYS_DIR");
}

void TestAttach::studioWatchesThreeRunnersAndAgreesWithTheirReports()
{
    StudioWindow s;
    const QString flowPath = s.dir.filePath(QStringLiteral("attached.evflow.json"));
    writeFlow(attachFlow(freePort(), freePort()), flowPath.toStdString());
    QVERIFY(s.window->openFlow(flowPath));
    const std::array<const char *, 3> host{"a", "b", "c"};
    std::array<int, 3> port{freePort(), freePort(), freePort()};
    std::array<std::unique_ptr<EvflowProcess>, 3> runner;
    const auto report
        = [&](int i) { return s.dir.filePath(QStringLiteral("%1.json").arg(host[i])); };
    const auto startRunner = [&](int i) {
        runner[i] = std::make_unique<EvflowProcess>();
        return runner[i]->start(flowPath.toStdString(), report(i).toStdString(),
                                {QStringLiteral("--host"), QString::fromLatin1(host[i]),
                                 QStringLiteral("--telemetry"),
                                 QString::fromStdString(loopback(port[i]))});
    };
    const auto failWith = [&](const char *what) {
        QString all = QString::fromLatin1(what);
        for (auto &r : runner)
            if (r)
                all += "\n" + QString::fromUtf8(r->errors());
        return all;
    };

    // The readers' host and the broker's first (docs/DISTRIBUTED.md says why).
    QVERIFY(startRunner(2));
    QVERIFY(startRunner(1));
    ui::monitor::AttachControls *attach = s.window->attachControls();
    std::vector<ui::monitor::RunnerAddress> addresses;
    for (int i = 0; i < 3; ++i)
        addresses.push_back(
            {QString::fromLatin1(host[i]), QString::fromStdString(loopback(port[i])), {}, {}});
    QVERIFY(attach->attach(addresses));
    ui::monitor::AttachedRun *run = attach->run();
    const ui::monitor::MetricsSource *source = s.window->runControls()->source();
    QVERIFY(s.window->document()->isReadOnly());
    QVERIFY(!s.window->runAction()->isEnabled());
    QVERIFY(!attach->attachAction()->isEnabled());
    // Host a has no runner yet: its link is still connecting, the others' are up.
    QTRY_COMPARE_WITH_TIMEOUT(run->runners()[2].link, Link::Connected, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(run->runners()[1].link, Link::Connected, kWait);
    QCOMPARE(run->runners()[0].link, Link::Connecting);
    QVERIFY2(attach->panel(nullptr)->summary().startsWith(
                 QStringLiteral("Attached to 3 runners: 2 connected, 1 connecting…")),
             qPrintable(attach->panel(nullptr)->summary()));
    const auto hubPeers = [&] {
        const auto &b = run->runners()[1].latest;
        const md::NodeSnapshot *hub = b ? b->findNode("hub") : nullptr;
        return hub ? hub->channel.connectedPeers : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hubPeers() >= 2, kWait);
    QVERIFY(startRunner(0));
    const auto processed = [&](const char *id) {
        const md::NodeSnapshot *n = source->lastSnapshot().findNode(id);
        return n ? n->input.processed : 0;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(processed("tally") >= 300,
                              qPrintable(failWith("no events reached host c")), kWait);
    QCOMPARE(source->state(), State::Running);

    // Detach: the studio lets go, the runners keep running, the last values stay on show.
    attach->detach();
    QCOMPARE(source->state(), State::Idle);
    QVERIFY(!s.window->document()->isReadOnly());
    QVERIFY(attach->attachAction()->isEnabled());
    QVERIFY(attach->panel(nullptr)->summary().startsWith(QStringLiteral("Detached")));
    QVERIFY(source->lastSnapshot().findNode("tally"));
    QVERIFY(runner[0]->running() && runner[1]->running() && runner[2]->running());

    // Attached again, the whole flow in one monitor: a's producer, b's broker and projection,
    // c's counter.
    QVERIFY(attach->attach(addresses));
    const std::uint64_t before = processed("tally");
    QTRY_VERIFY_WITH_TIMEOUT(processed("tally") > before, kWait);

    // The inspector shows host c's recent events, the trace one event's hops on b and c, the
    // projection host b's read model: all three are telemetry details.
    auto *panels = s.window->monitorPanels();
    s.window->scene()->selectNodes({{"tally"}});
    const ui::monitor::RecentEventsModel *events = panels->inspector()->eventsModel();
    QTRY_VERIFY_WITH_TIMEOUT(events->rowCount() > 0, kWait);
    const QString key
        = events->index(0, 0).data(ui::monitor::RecentEventsModel::TraceKeyRole).toString();
    panels->timeline()->showCorrelation(key);
    QTRY_VERIFY_WITH_TIMEOUT(panels->timeline()->hops().size() >= 2, kWait);
    QStringList nodes;
    for (const md::TraceHop &hop : panels->timeline()->hops())
        nodes << QString::fromStdString(hop.node);
    QVERIFY2(nodes.contains("tally") && nodes.contains("totals"), qPrintable(nodes.join(',')));
    s.window->scene()->selectNodes({{"totals"}});
    QTRY_COMPARE_WITH_TIMEOUT(panels->projections()->model()->rows().size(), std::size_t{3},
                              kWait); // keys a, b, c
    ui::testing::saveShot(*s.window, "studio-attached");

    // Host b's runner dies and comes back.
    QVERIFY(runner[1]->signal(SIGKILL));
    QCOMPARE(runner[1]->waitExit(), -1);
    QTRY_COMPARE_WITH_TIMEOUT(run->runners()[1].link, Link::Disconnected, kWait);
    QVERIFY2(attach->panel(nullptr)->summary().contains(QStringLiteral("1 disconnected")),
             qPrintable(attach->panel(nullptr)->summary()));
    QVERIFY(s.window->runLog()->toPlainText().contains(QStringLiteral("Runner b (")));
    QVERIFY(startRunner(1));
    QTRY_COMPARE_WITH_TIMEOUT(run->runners()[1].link, Link::Connected, kWait);
    QCOMPARE(run->runners()[1].reconnects, std::uint64_t{1});
    const std::uint64_t afterRestart = processed("tally");
    QTRY_VERIFY2_WITH_TIMEOUT(processed("tally") > afterRestart,
                              qPrintable(failWith("no events after b came back")), kWait);

    // The end: host a's runner stops on a signal and announces its stream ends; b and c, which
    // only read what a writes, end by themselves once they have them. Every runner writes its
    // report; the studio's numbers are the merged reports'.
    QVERIFY(runner[0]->signal(SIGINT));
    for (int i : {0, 1, 2})
        QVERIFY2(runner[i]->waitExit() == 0,
                 qPrintable(failWith(("runner " + std::to_string(i) + " did not end").c_str())));
    for (int i : {0, 1, 2})
        QTRY_COMPARE_WITH_TIMEOUT(run->runners()[static_cast<std::size_t>(i)].link, Link::Ended,
                                  kWait);
    QTRY_COMPARE_WITH_TIMEOUT(source->state(), State::Finished, kWait);
    const auto merged = md::mergeReports({readReport(report(0).toStdString()),
                                          readReport(report(1).toStdString()),
                                          readReport(report(2).toStdString())});
    QVERIFY2(merged, merged.error.c_str());
    const md::RunSnapshot &shown = source->lastSnapshot();
    QCOMPARE(shown.nodes.size(), merged.report->nodes.size());
    for (const md::NodeSnapshot &expected : merged.report->nodes)
        QCOMPARE(countersOf(shown.findNode(expected.id)), countersOf(&expected));
    QCOMPARE(shown.accounting, merged.report->accounting);
    QVERIFY(shown.accounting.balanced);
    // And the Accounting tab shows them.
    const auto &books = *panels->accounting()->model();
    for (const char *consumer : {"tally", "totals"}) {
        const md::NodeSnapshot *expected = nullptr;
        for (const md::NodeSnapshot &n : merged.report->nodes)
            if (n.id == consumer)
                expected = &n;
        QVERIFY(expected);
        QCOMPARE(books.index(books.rowOf(consumer), ui::monitor::AccountingModel::ProcessedColumn)
                     .data(ui::monitor::AccountingModel::SortRole)
                     .toULongLong(),
                 expected->input.processed);
    }
    attach->detach();
}

QTEST_MAIN(TestAttach)
#include "TestAttach.moc"
