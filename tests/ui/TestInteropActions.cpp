// The studio's doors to other tools (issue 6): File ▸ Export ▸ AsyncAPI Document (the same
// document as `evflow export asyncapi`), File ▸ Import AsyncAPI (a skeleton, warnings in the
// Log), and Run ▸ Watch Endpoint (a live tap on a foreign ZeroMQ stream, here a pyzmq PUSH).

#include "model/AsyncApiExport.h"
#include "model/AsyncApiImport.h"
#include "model/CloudEventJson.h"
#include "model/FlowFile.h"
#include "support/FileBytes.h"
#include "support/StudioWindow.h"
#include "tests/tools/ToolRunner.h"
#include "ui/FlowDocument.h"
#include "ui/InteropActions.h"
#include "ui/monitor/RunController.h"
#include "ui/monitor/RunLog.h"

#include <QAction>
#include <QMenuBar>
#include <QProcess>
#include <QtTest>

using namespace evflow;
using evflow::ui::InteropActions;
using evflow::ui::testing::StudioWindow;
using State = evflow::ui::monitor::RunController::State;

namespace {

constexpr int kWait = 60000;

QString example(const char *name)
{
    return QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

bool menuHas(const QMenuBar *bar, QAction *action)
{
    for (const QMenu *menu : bar->findChildren<QMenu *>())
        if (menu->actions().contains(action))
            return true;
    return false;
}

} // namespace

class TestInteropActions : public QObject
{
    Q_OBJECT
private slots:
    void theActionsAreInTheMenus()
    {
        StudioWindow s;
        InteropActions *interop = s.window->interopActions();
        QVERIFY(menuHas(s.window->menuBar(), interop->exportAsyncApiAction()));
        QVERIFY(menuHas(s.window->menuBar(), interop->importAsyncApiAction()));
        QVERIFY(menuHas(s.window->menuBar(), interop->watchEndpointAction()));
    }

    void exportWritesWhatTheCommandLineWrites()
    {
        StudioWindow s;
        QVERIFY(s.window->openFlow(example("order-pipeline.evflow.json")));
        const model::Flow &flow = s.window->document()->flow();
        for (const char *name : {"doc.asyncapi.yaml", "doc.asyncapi.json"}) {
            const QString path = s.dir.filePath(QLatin1String(name));
            s.dialogs.saveAnswer = path;
            s.window->interopActions()->exportAsyncApiAction()->trigger();
            const bool yaml = path.endsWith(QLatin1String(".yaml"));
            QCOMPARE(ui::testing::readAll(path).toStdString(),
                     yaml ? model::toAsyncApiYaml(flow) : model::toAsyncApiJson(flow));
        }
        QVERIFY(s.dialogs.errors.isEmpty());
    }

    void importMakesAnUnsavedFlowAndLogsEachWarning()
    {
        StudioWindow s;
        const QString doc = QStringLiteral(EVFLOW_TEST_DATA_DIR "/asyncapi/shop-3.0.yaml");
        const model::AsyncApiImport expected
            = model::importAsyncApiText(ui::testing::readAll(doc).toStdString());
        QVERIFY(expected.flow && !expected.warnings.empty());
        s.dialogs.openAnswer = doc;
        s.window->interopActions()->importAsyncApiAction()->trigger();
        QCOMPARE(s.window->document()->flow(), *expected.flow);
        QVERIFY(s.window->document()->isDirty());
        QVERIFY(s.window->document()->filePath().isEmpty());
        const QString log = s.window->runLog()->toPlainText();
        QCOMPARE(log.count(QStringLiteral("⚠ shop-3.0.yaml: ")), int(expected.warnings.size()));
        QVERIFY(log.contains(QStringLiteral("(at /operations/billOrder/security)")));
        QVERIFY(s.dialogs.errors.isEmpty());
    }

    void anUnusableDocumentChangesNothing()
    {
        StudioWindow s;
        QVERIFY(s.window->openFlow(example("iot-sensors.evflow.json")));
        const model::Flow before = s.window->document()->flow();
        const QString doc = s.dir.filePath(QStringLiteral("old.yaml"));
        ui::testing::writeAll(doc, "asyncapi: 1.2.0\ninfo: {title: x}\n");
        QVERIFY(!s.window->interopActions()->importAsyncApi(doc));
        QCOMPARE(s.window->document()->flow(), before);
        QCOMPARE(s.dialogs.errors.size(), 1);
        QVERIFY2(s.dialogs.errors.front().contains(QStringLiteral("is not an AsyncAPI version")),
                 qPrintable(s.dialogs.errors.front()));
    }

    void watchEndpointRefusesABadEndpoint()
    {
        StudioWindow s;
        QVERIFY(!s.window->interopActions()->watchEndpoint(QStringLiteral("tcp://nowhere"),
                                                           QStringLiteral("sub"), {}));
        QCOMPARE(s.dialogs.errors.size(), 1);
        QCOMPARE(s.controller()->state(), State::Idle);
    }

    void watchEndpointCountsAForeignStream()
    {
        const QString python = evflow::test::pythonWithZmq();
        if (python.isEmpty())
            QSKIP("python3-zmq is missing: no foreign publisher to watch");
        StudioWindow s;
        // 12 events, the 5th sent twice: the tap counts 13 received, 1 duplicate.
        QByteArray lines;
        for (int i = 0; i < 12; ++i) {
            model::Event e;
            e.id = "w" + std::to_string(i);
            e.source = "foreign:/meter";
            e.type = "meter.reading";
            e.time = 1'767'225'600'000'000 + i;
            e.setField("n", std::int64_t{i});
            const QByteArray line = QByteArray::fromStdString(model::toCloudEventJson(e)) + "\n";
            lines += i == 4 ? line + line : line;
        }
        const QString file = s.dir.filePath(QStringLiteral("stream.jsonl"));
        ui::testing::writeAll(file, lines);
        QProcess client;
        client.start(python, {evflow::test::toolScript("zmq-send-lines.py"), file});
        QVERIFY(client.waitForReadyRead(kWait));
        const QString endpoint
            = QStringLiteral("tcp://127.0.0.1:") + QString::fromUtf8(client.readLine().trimmed());
        QVERIFY(s.window->interopActions()->watchEndpoint(endpoint, QStringLiteral("pull"), {}));
        QCOMPARE(s.window->document()->flow(),
                 InteropActions::tapFlow(endpoint.toStdString(), "pull", ""));
        QTRY_VERIFY_WITH_TIMEOUT(
            s.controller()->lastSnapshot().findNode("events")
                && s.controller()->lastSnapshot().findNode("events")->input.received == 13,
            kWait);
        s.controller()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(s.controller()->state(), State::Idle, kWait);
        const model::InputAccounting &in = s.controller()->lastSnapshot().findNode("events")->input;
        QCOMPARE(in.processed, 12u);
        QCOMPARE(in.duplicates, 1u);
        QCOMPARE(in.malformed, 0u); // undeclared foreign types are not held against the stream
        QVERIFY(client.state() == QProcess::NotRunning || client.waitForFinished(kWait));
    }
};

QTEST_MAIN(TestInteropActions)
#include "TestInteropActions.moc"
