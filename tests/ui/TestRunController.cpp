// Run control in the studio: RunController drives a FlowRuntime from its worker thread (start
// and stop never block the GUI thread), snapshots while running, pause/resume/stop, a finite flow
// finishing by itself, relative paths resolved against the flow's folder, start failures
// reported as run errors; and in the window: F5 / Shift+F5, the document locked while running
// (edits refused, undo off, the banner), Run disabled while errors exist, close stops the run.

#include "model/FlowFile.h"
#include "support/StudioWindow.h"
#include "ui/FlowDocument.h"
#include "ui/MainWindow.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/NodeItem.h"
#include "ui/monitor/RunController.h"
#include "ui/monitor/RunControls.h"
#include "ui/monitor/RunLog.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUndoView>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;
using ui::MainWindow;
using ui::monitor::RunController;
using State = RunController::State;

namespace {

constexpr int kWait = 60000; // ms; generous, the machine is shared

EventType tickType()
{
    EventType t;
    t.name = "tick";
    t.fields = {{"n", FieldType::Int, true, {}, {}, {}}};
    return t;
}

Node makeNode(const std::string &id, NodeKind kind)
{
    Node n;
    n.id = {id};
    n.kind = kind;
    return n;
}

Link makeLink(const std::string &from, const std::string &to)
{
    Link l;
    l.from = {{from}, "out"};
    l.to = {{to}, "in"};
    return l;
}

/// gen (count events, 0 = until stopped) -> pubsub on `endpoint` -> `consumer`.
Flow tinyFlow(std::int64_t count, const std::string &endpoint = "inproc://ticks",
              Node consumer = makeNode("count", NodeKind::Counter))
{
    Node gen = makeNode("gen", NodeKind::Generator);
    gen.properties["eventTypes"] = StringList{"tick"};
    gen.properties["rate"] = count == 0 ? 2000.0 : 0.0;
    gen.properties["count"] = count;
    gen.properties["seed"] = std::int64_t{42};
    gen.properties["fields"] = StringMap{{"n", "sequence"}};
    Node bus = makeNode("bus", NodeKind::PubSub);
    bus.properties["endpoint"] = endpoint;
    bus.properties["bindSide"] = std::string("producer");
    Flow f;
    f.name = "tiny";
    f.eventTypes = {tickType()};
    const std::string sink = consumer.id.value;
    f.nodes = {gen, bus, std::move(consumer)};
    f.links = {makeLink("gen", "bus"), makeLink("bus", sink)};
    return f;
}

std::uint64_t mainCounterOf(const RunController &c, const char *id)
{
    const NodeSnapshot *n = c.lastSnapshot().findNode(id);
    return n ? n->mainCounter() : 0;
}

/// A whole window on scripted dialogs (unsaved changes discarded, errors recorded).
using Studio = ui::testing::StudioWindow;

} // namespace

class TestRunController : public QObject
{
    Q_OBJECT
private slots:
    void runsPausesResumesAndStops()
    {
        RunController c;
        QSignalSpy states(&c, &RunController::stateChanged);
        QSignalSpy snapshots(&c, &RunController::snapshotTaken);
        QTemporaryDir dir;
        c.start(tinyFlow(0), dir.path());
        // start() only posted the work: the GUI thread is free while the runtime starts.
        QCOMPARE(c.state(), State::Starting);
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Running, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(mainCounterOf(c, "count") > 0, kWait);
        QVERIFY(snapshots.size() >= 1);
        QVERIFY(c.elapsed() >= 0);

        c.pause();
        QCOMPARE(c.state(), State::Paused);
        QTRY_COMPARE_WITH_TIMEOUT(c.lastSnapshot().run.state, RunState::Paused, kWait);
        c.resume();
        QCOMPARE(c.state(), State::Running);
        QTRY_COMPARE_WITH_TIMEOUT(c.lastSnapshot().run.state, RunState::Running, kWait);
        const std::uint64_t before = mainCounterOf(c, "count");
        QTRY_VERIFY_WITH_TIMEOUT(mainCounterOf(c, "count") > before, kWait);

        c.stop();
        QCOMPARE(c.state(), State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kWait);
        QCOMPARE(c.lastSnapshot().run.state, RunState::Stopped);
        QVERIFY(c.lastSnapshot().accounting.balanced);
        const qint64 frozen = c.elapsed();
        QVERIFY(frozen > 0);
        QCOMPARE(c.elapsed(), frozen);

        QList<State> seen;
        for (const auto &args : states)
            seen << args.at(0).value<State>();
        const QList<State> expected{State::Starting, State::Running,  State::Paused,
                                    State::Running,  State::Stopping, State::Idle};
        QCOMPARE(seen, expected);
    }

    void aFiniteFlowFinishesByItself()
    {
        RunController c;
        QTemporaryDir dir;
        c.start(tinyFlow(200), dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        QCOMPARE(mainCounterOf(c, "count"), std::uint64_t{200});
        QCOMPARE(mainCounterOf(c, "gen"), std::uint64_t{200});
        // And it can run again.
        c.start(tinyFlow(50), dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        QCOMPARE(mainCounterOf(c, "count"), std::uint64_t{50});
    }

    void relativePathsResolveAgainstTheWorkingDirectory()
    {
        Node store = makeNode("store", NodeKind::EventStore);
        store.properties["path"] = std::string("out/store.jsonl");
        const Flow flow = tinyFlow(20, "inproc://ticks", store);

        QTemporaryDir dir;
        const Flow resolved = RunController::withAbsolutePaths(flow, dir.path());
        const auto *path = std::get_if<std::string>(&resolved.nodes[2].properties.at("path"));
        QVERIFY(path);
        QCOMPARE(QString::fromStdString(*path), dir.filePath(QStringLiteral("out/store.jsonl")));
        // Absolute paths and non-path properties stay as they are.
        QCOMPARE(RunController::withAbsolutePaths(resolved, QStringLiteral("/elsewhere")),
                 resolved);

        RunController c;
        c.start(flow, dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        QFile written(dir.filePath(QStringLiteral("out/store.jsonl")));
        QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(written.fileName()));
        QCOMPARE(written.readAll().count('\n'), 20);
    }

    void aStartFailureIsReportedAsARunError()
    {
        QTemporaryDir dir;
        RunController first;
        first.start(tinyFlow(0, "tcp://127.0.0.1:*"), dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), State::Running, kWait);
        const NodeSnapshot *bus = first.lastSnapshot().findNode("bus");
        QVERIFY(bus && !bus->endpoint.empty());
        const std::string taken = bus->endpoint; // the next snapshot replaces *bus

        // The same port again: the second bind fails.
        RunController second;
        QSignalSpy errors(&second, &RunController::runError);
        second.start(tinyFlow(0, taken), dir.path());
        QCOMPARE(second.state(), State::Starting); // returned at once
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), State::Failed, kWait);
        QVERIFY(!errors.isEmpty());
        const QString message = errors.first().at(0).toString();
        QVERIFY2(!message.isEmpty(), qPrintable(message));
        // With bindSide "producer" it is the generator's socket that binds, and fails.
        QCOMPARE(QString::fromStdString(errors.first().at(1).value<NodeId>().value),
                 QStringLiteral("gen"));
        QCOMPARE(first.state(), State::Running); // the first run is untouched
    }

    void anInvalidFlowIsRefused()
    {
        RunController c;
        QSignalSpy errors(&c, &RunController::runError);
        Flow flow = tinyFlow(10);
        flow.nodes[1].properties.erase("endpoint");
        c.start(flow, {});
        QCOMPARE(c.state(), State::Failed);
        QCOMPARE(errors.size(), 1);
    }

    void destroyingWhileRunningStopsTheRun()
    {
        auto c = std::make_unique<RunController>();
        c->start(tinyFlow(0), {}); // untitled: a temporary folder
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), State::Running, kWait);
        c.reset(); // joins the worker after stopping; must neither hang nor crash
        // Destroyed while still starting: the queued stop follows the start.
        c = std::make_unique<RunController>();
        c->start(tinyFlow(0), {});
        c.reset();
    }

    void formatsTheReadout()
    {
        using ui::monitor::RunControls;
        QCOMPARE(RunControls::formatElapsed(42'000), QStringLiteral("00:42"));
        QCOMPARE(RunControls::formatElapsed(61'500), QStringLiteral("01:01"));
        QCOMPARE(RunControls::formatElapsed(3'723'000), QStringLiteral("1:02:03"));
        QCOMPARE(RunControls::formatRate(850), QStringLiteral("850 ev/s"));
        QCOMPARE(RunControls::formatRate(12'400), QStringLiteral("12.4k ev/s"));
        QCOMPARE(RunControls::formatRate(1'250'000), QStringLiteral("1.3M ev/s"));
    }

    void aReadOnlyDocumentRefusesEveryEdit()
    {
        ui::FlowDocument doc;
        doc.resetFlow(tinyFlow(0));
        QSignalSpy changed(&doc, &ui::FlowDocument::readOnlyChanged);
        doc.setReadOnly(true);
        doc.setReadOnly(true);
        QCOMPARE(changed.size(), 1);
        const Flow before = doc.flow();
        const std::string why = "the flow is running: stop it to edit";
        const LinkId link = doc.flow().links.front().id();
        const std::vector<EditResult> results{
            doc.addNode(makeNode("more", NodeKind::Counter)),
            doc.removeNodes({{"gen"}}),
            doc.moveNodes({{{"gen"}, {40, 40}}}, true),
            doc.addLink(makeLink("bus", "gen")),
            doc.removeLink(link),
            doc.setLinkTypes(link, {"tick"}),
            doc.setProperty({"gen"}, "rate", 5.0),
            doc.renameNode({"gen"}, {"source"}),
            doc.setLabel({"gen"}, "Source"),
            doc.setHost({"gen"}, "edge"),
            doc.setFaults({"gen"}, FaultInjection{}),
            doc.setDelivery({"count"}, DeliverySettings{}),
            doc.setEventTypes({}),
            doc.paste(tinyFlow(1), {10, 10}),
            doc.autoLayout(),
        };
        for (const EditResult &result : results) {
            QVERIFY(!result);
            QCOMPARE(result.message, why);
        }
        QCOMPARE(doc.flow(), before);
        QCOMPARE(doc.undoStack()->count(), 0);
        doc.setReadOnly(false);
        QCOMPARE(changed.size(), 2);
        QVERIFY(doc.setLabel({"gen"}, "Source"));
    }

    // The window.

    void f5RunsAndLocksEditingShiftF5Stops()
    {
        Studio s;
        auto *doc = s.window->document();
        doc->resetFlow(tinyFlow(0));
        QVERIFY(doc->setLabel({"count"}, "Counted"));
        QAction *undo = nullptr;
        for (QAction *action : s.window->findChildren<QAction *>())
            if (action->shortcut() == QKeySequence(QKeySequence::Undo))
                undo = action;
        QVERIFY(undo && undo->isEnabled());
        QVERIFY(s.window->runAction()->isEnabled());
        QCOMPARE(s.window->runAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(s.window->runAction()->toolTip().contains(QStringLiteral("F5")));

        QTest::keyClick(s.window.get(), Qt::Key_F5);
        QCOMPARE(s.controller()->state(), State::Starting);
        QVERIFY(doc->isReadOnly());
        QVERIFY(!s.window->runAction()->isEnabled());
        QVERIFY(!undo->isEnabled());
        QVERIFY(!s.window->findChild<QUndoView *>()->isEnabled()); // no jumping in the history
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Running, kWait);

        // Every edit is refused with the same message, and nothing is pushed.
        const int index = doc->undoStack()->index();
        const auto refused = doc->setLabel({"count"}, "Again");
        QVERIFY(!refused);
        QCOMPARE(QString::fromStdString(refused.message),
                 QStringLiteral("the flow is running: stop it to edit"));
        QVERIFY(!doc->removeNodes({{"gen"}}));
        QVERIFY(!doc->moveNodes({{{"gen"}, {500, 500}}}, true));
        QCOMPARE(doc->undoStack()->index(), index);
        auto *node = s.window->scene()->nodeItem({"gen"});
        QVERIFY(!(node->flags() & QGraphicsItem::ItemIsMovable));
        QVERIFY(s.window->view()->lockBanner().contains(QStringLiteral("editing is locked")));

        // The readout counts; F6 pauses and resumes.
        QTRY_VERIFY_WITH_TIMEOUT(
            s.window->runControls()->readout()->text().contains(QStringLiteral("ev/s")), kWait);
        QTRY_VERIFY(
            s.window->runControls()->statusLabel()->text().startsWith(QStringLiteral("running")));
        QTest::keyClick(s.window.get(), Qt::Key_F6);
        QCOMPARE(s.controller()->state(), State::Paused);
        QVERIFY(s.window->runControls()->pauseAction()->isChecked());
        QTest::keyClick(s.window.get(), Qt::Key_F6);
        QCOMPARE(s.controller()->state(), State::Running);

        QTest::keyClick(s.window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QCOMPARE(s.controller()->state(), State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Idle, kWait);
        QVERIFY(!doc->isReadOnly());
        QVERIFY(undo->isEnabled());
        QVERIFY(s.window->findChild<QUndoView *>()->isEnabled());
        QVERIFY(s.window->runAction()->isEnabled());
        QVERIFY(doc->setLabel({"count"}, "Again"));
        QVERIFY(node->flags() & QGraphicsItem::ItemIsMovable);
        const QString log = s.window->runLog()->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Starting")) && log.contains(QStringLiteral("Paused"))
                     && log.contains(QStringLiteral("Stopped after")),
                 qPrintable(log));
        QVERIFY(s.dialogs.errors.isEmpty());
    }

    void runIsDisabledWhileErrorsExist()
    {
        Studio s;
        auto *doc = s.window->document();
        Flow flow = tinyFlow(0);
        flow.nodes[1].properties.erase("endpoint");
        doc->resetFlow(flow);
        QVERIFY(!s.window->runAction()->isEnabled());
        QTest::keyClick(s.window.get(), Qt::Key_F5);
        QVERIFY(!s.window->startRun());
        QCOMPARE(s.controller()->state(), State::Idle);
        QVERIFY(s.window->runLog()->toPlainText().contains(QStringLiteral("has errors")));
        QVERIFY(doc->setProperty({"bus"}, "endpoint", std::string("inproc://ticks")));
        QVERIFY(s.window->runAction()->isEnabled());
    }

    void runErrorsAppearOnTheNodeAndInTheLog()
    {
        QTemporaryDir dir;
        RunController other;
        other.start(tinyFlow(0, "tcp://127.0.0.1:*"), dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(other.state(), State::Running, kWait);
        const std::string taken = other.lastSnapshot().findNode("bus")->endpoint;

        Studio s;
        s.window->document()->resetFlow(tinyFlow(0, taken));
        QVERIFY(s.window->startRun());
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Failed, kWait);
        QVERIFY(!s.window->document()->isReadOnly());
        QVERIFY(s.window->runLog()->toPlainText().contains(QStringLiteral("✗")));
        const auto &errors = s.window->scene()->runErrors();
        QVERIFY(!errors.empty());
        QCOMPARE(errors.front().node.value, std::string("gen")); // the binding side
        QVERIFY(s.window->scene()->nodeItem({"gen"})->toolTip().contains(QStringLiteral("run:")));
        QVERIFY(s.dialogs.errors.isEmpty()); // never a dialog
        // A new run clears them.
        s.window->document()->resetFlow(tinyFlow(10));
        QVERIFY(s.window->scene()->runErrors().empty());
    }

    void closingWhileRunningStopsFirst()
    {
        Studio s;
        s.window->document()->resetFlow(tinyFlow(0));
        QVERIFY(s.window->startRun());
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Running, kWait);
        QVERIFY(!s.window->close()); // not yet: the run stops first
        QCOMPARE(s.controller()->state(), State::Stopping);
        QTRY_VERIFY_WITH_TIMEOUT(!s.window->isVisible(), kWait);
        QCOMPARE(s.controller()->state(), State::Idle);
    }
};

QTEST_MAIN(TestRunController)
#include "TestRunController.moc"
