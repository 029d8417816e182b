// `evflow run` end to end on the shipped examples (PRODUCT.md §4, issue 3 "done means").
#include "model/RunReport.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run evflowIn(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral(EVFLOW_CLI), args);
    Run r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString example(const QString &name)
{
    return QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/") + name;
}

const evflow::model::NodeSnapshot *node(const evflow::model::RunReport &r, const char *id)
{
    for (const auto &n : r.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

} // namespace

class TestRunCli : public QObject
{
    Q_OBJECT
private slots:
    void examplesRunAndBalance_data();
    void examplesRunAndBalance();
    void orderPipelineShowsEveryFaultKind();
    void invalidFlowDoesNotRun();
    void wildcardPortIsReported();
    void unknownHostIsRefused();
    void threeHostExampleIsValid();
};

void TestRunCli::examplesRunAndBalance_data()
{
    QTest::addColumn<QString>("file");
    for (const auto &e : QDir(example(QString())).entryList({QStringLiteral("*.evflow.json")}))
        QTest::newRow(qPrintable(e)) << example(e);
}

void TestRunCli::examplesRunAndBalance()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    const Run r = evflowIn(dir.path(), {QStringLiteral("run"), file, QStringLiteral("--duration"),
                                        QStringLiteral("2"), QStringLiteral("--report"),
                                        QStringLiteral("-"), QStringLiteral("--quiet")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto parsed = evflow::model::parseReport(r.out.toStdString());
    QVERIFY2(parsed, parsed.error.c_str());
    QVERIFY2(parsed.report->accounting.balanced, r.out.constData());
    QCOMPARE(parsed.report->accounting.unaccounted, std::uint64_t(0));
    std::uint64_t processed = 0;
    for (const auto &n : parsed.report->nodes)
        processed += n.input.processed;
    QVERIFY2(processed > 0, r.out.constData());
}

void TestRunCli::orderPipelineShowsEveryFaultKind()
{
    QTemporaryDir dir;
    const Run r = evflowIn(
        dir.path(), {QStringLiteral("run"), example(QStringLiteral("order-pipeline.evflow.json")),
                     QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--report"),
                     QStringLiteral("-"), QStringLiteral("--quiet")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto parsed = evflow::model::parseReport(r.out.toStdString());
    QVERIFY2(parsed, parsed.error.c_str());
    const auto &report = *parsed.report;
    QVERIFY(report.accounting.balanced);
    const auto *orders = node(report, "orders");
    const auto *shipping = node(report, "shipping");
    QVERIFY(orders && shipping);
    // Every injected fault shows up at each consumer, exactly once in its own counter.
    QVERIFY(orders->injected.duplicates > 0 && orders->injected.reorders > 0);
    QVERIFY(orders->injected.late > 0 && orders->injected.drops > 0);
    QCOMPARE(shipping->input.duplicates, orders->injected.duplicates);
    QCOMPARE(shipping->input.outOfOrder, orders->injected.reorders);
    QCOMPARE(shipping->input.late, orders->injected.late);
    QCOMPARE(shipping->input.gaps, orders->injected.drops);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("evflow-out/shipping.jsonl"))));
}

void TestRunCli::invalidFlowDoesNotRun()
{
    QTemporaryDir dir;
    const Run r = evflowIn(dir.path(),
                           {QStringLiteral("run"),
                            QStringLiteral(EVFLOW_TEST_DATA_DIR "/cli/bad-semantics.evflow.json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(": error: "), r.err.constData());
}

void TestRunCli::wildcardPortIsReported()
{
    // throughput.evflow.json binds its queue at tcp://127.0.0.1:*: the report names the port.
    QTemporaryDir dir;
    const Run r = evflowIn(
        dir.path(), {QStringLiteral("run"), example(QStringLiteral("throughput.evflow.json")),
                     QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--report"),
                     QStringLiteral("-"), QStringLiteral("--quiet")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto parsed = evflow::model::parseReport(r.out.toStdString());
    QVERIFY2(parsed, parsed.error.c_str());
    const auto *pipe = node(*parsed.report, "pipe");
    QVERIFY(pipe);
    const QString endpoint = QString::fromStdString(pipe->endpoint);
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^tcp://127\.0\.0\.1:[1-9][0-9]*$)"))
                 .match(endpoint)
                 .hasMatch(),
             qPrintable(endpoint));
}

void TestRunCli::unknownHostIsRefused()
{
    QTemporaryDir dir;
    const Run r = evflowIn(
        dir.path(), {QStringLiteral("run"), example(QStringLiteral("throughput.evflow.json")),
                     QStringLiteral("--host"), QStringLiteral("edge"), QStringLiteral("--quiet")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("evflow: host 'edge' is not in the flow (hosts with nodes: (default))"),
             r.err.constData());
    QVERIFY2(r.err.contains("the flow could not start"), r.err.constData());
}

void TestRunCli::threeHostExampleIsValid()
{
    // docs/DISTRIBUTED.md walks through this file; it must stay a valid flow.
    QTemporaryDir dir;
    const Run r = evflowIn(
        dir.path(), {QStringLiteral("validate"),
                     QStringLiteral(EVFLOW_SOURCE_DIR
                                    "/docs/distributed/order-pipeline.three-hosts.evflow.json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("valid (5 nodes, 4 links, 1 event type)"), r.out.constData());
}

QTEST_APPLESS_MAIN(TestRunCli)
#include "TestRunCli.moc"
