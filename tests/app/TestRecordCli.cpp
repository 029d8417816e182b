// `evflow record` and `evflow report merge` on the real binary (PRODUCT.md §4).
//
// App tests link no ZeroMQ, so the foreign publisher here is a minimal ZMTP 3.0 PUSH peer on
// POSIX sockets (support/ZmtpPushPeer.h). It also shows that `record` talks to non-libzmq peers.
#include "support/ZmtpPushPeer.h"
#include "tests/tools/ToolRunner.h"

#include "model/CloudEventJson.h"
#include "model/Event.h"
#include "model/RunReport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using evflow::test::ZmtpPushPeer;

evflow::model::Event makeEvent(int n)
{
    evflow::model::Event e;
    e.id = "e" + std::to_string(n);
    e.source = "urn:cli";
    e.type = "reading";
    e.time = 1'700'000'000'000'000 + n;
    e.sequence = static_cast<std::uint64_t>(n);
    e.data.push_back({"v", static_cast<std::int64_t>(n * 10)});
    return e;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The canonical lines of events 0..n-1, as `record` writes them.
QByteArray expectedLines(int n)
{
    QByteArray lines;
    for (int i = 0; i < n; ++i)
        lines += QByteArray::fromStdString(evflow::model::toCloudEventJson(makeEvent(i)) + "\n");
    return lines;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run finish(QProcess &p)
{
    Run r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return r; // exitCode -1: crashed or hung
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

Run runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(EVFLOW_CLI), args);
    return finish(p);
}

} // namespace

class TestRecordCli : public QObject
{
    Q_OBJECT
private slots:
    void recordsForDuration();
    void sigtermWritesFileAndExitsZero();
    void recordsAStreamOfTheCloudEventsSdk();
    void unreachableEndpointFails();
    void badArguments_data();
    void badArguments();
    void reportMergeWritesMergedReport();
    void reportMergeRejectsMalformedReport();
};

void TestRecordCli::recordsForDuration()
{
    ZmtpPushPeer peer;
    QVERIFY(peer.listen());
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("rec.jsonl"));
    QProcess p;
    p.start(QStringLiteral(EVFLOW_CLI),
            {QStringLiteral("record"), peer.endpoint(), QStringLiteral("-o"), out,
             QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--socket"),
             QStringLiteral("pull")});
    QVERIFY(peer.accept(30000));
    QVERIFY(peer.send({evflow::model::toCloudEventJson(makeEvent(0))}));
    QVERIFY(peer.send({"not json"}));
    QVERIFY(peer.send({"reading", evflow::model::toCloudEventJson(makeEvent(1))}));
    QVERIFY(peer.send({R"({"specversion":"1.0","source":"s","type":"t"})"}));
    QVERIFY(peer.send({evflow::model::toCloudEventJson(makeEvent(2))}));
    const Run r = finish(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(readAll(out), expectedLines(3));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("rec.jsonl")});
    const QString err = QString::fromUtf8(r.err);
    const QString prefix = QStringLiteral("evflow: recording %1 -> %2\nevflow: recorded 3 events "
                                          "from %1 to %2 in ")
                               .arg(peer.endpoint(), out);
    QVERIFY2(err.startsWith(prefix), qPrintable(err));
    QVERIFY2(err.contains(
                 QStringLiteral("\nevflow: 2 malformed messages skipped: message 2: not JSON: ")),
             qPrintable(err));
    QVERIFY2(err.endsWith(QStringLiteral("; message 4: missing required attribute \"id\"\n")),
             qPrintable(err));
    // The recording is CloudEvents by the specification's JSON schema (ajv, issue 6).
    const QString node = evflow::test::nodeJs();
    if (node.isEmpty())
        QSKIP("Node.js is not installed: the recording was not checked against the schema");
    const evflow::test::ToolRun valid
        = evflow::test::runTool(node, {evflow::test::toolScript("cloudevents-validate.cjs"), out});
    if (valid.exitCode == 3)
        QSKIP(qPrintable("ajv is not installed (scripts/npm-tools.sh): "
                         + QString::fromUtf8(valid.err)));
    QVERIFY2(valid.exitCode == 0 && valid.out.contains("3 of 3 events valid"),
             valid.out.constData());
}

void TestRecordCli::sigtermWritesFileAndExitsZero()
{
    ZmtpPushPeer peer;
    QVERIFY(peer.listen());
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("rec.jsonl"));
    QProcess p;
    p.start(QStringLiteral(EVFLOW_CLI),
            {QStringLiteral("record"), peer.endpoint(), QStringLiteral("-o"), out,
             QStringLiteral("--socket"), QStringLiteral("pull")});
    QVERIFY(peer.accept(30000));
    // "recording ..." on stderr says the recorder is listening. (start() resets the read
    // channel, so choose it afterwards.)
    p.setReadChannel(QProcess::StandardError);
    QTRY_VERIFY_WITH_TIMEOUT(p.canReadLine() || (p.waitForReadyRead(10), p.canReadLine()), 30000);
    QCOMPARE(QString::fromUtf8(p.readLine()),
             QStringLiteral("evflow: recording %1 -> %2\n").arg(peer.endpoint(), out));
    constexpr int kEvents = 20;
    for (int i = 0; i < kEvents; ++i)
        QVERIFY(peer.send({evflow::model::toCloudEventJson(makeEvent(i))}));
    // While recording, the lines go to a temporary sibling; the target does not exist yet.
    const auto tempContent = [&] {
        const QStringList files = QDir(dir.path()).entryList(QDir::Files);
        return files.size() == 1 && files[0].startsWith(QStringLiteral("rec.jsonl."))
                   ? readAll(dir.filePath(files[0]))
                   : QByteArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(tempContent(), expectedLines(kEvents), 30000);
    QVERIFY(!QFile::exists(out));
    p.terminate(); // SIGTERM
    const Run r = finish(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(readAll(out), expectedLines(kEvents));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("rec.jsonl")});
    QVERIFY2(r.err.startsWith("evflow: recorded 20 events from "), r.err.constData());
}

// Issue 6, "done means": a stream made by the official CloudEvents JavaScript SDK, published by a
// foreign pyzmq client, recorded by `evflow record`, gives lines the CloudEvents JSON schema
// accepts, with the SDK's ids in order.
void TestRecordCli::recordsAStreamOfTheCloudEventsSdk()
{
    const QString node = evflow::test::nodeJs();
    const QString python = evflow::test::pythonWithZmq();
    if (node.isEmpty() || python.isEmpty())
        QSKIP("Node.js or python3-zmq is missing: no SDK stream to record");
    constexpr int kEvents = 25;
    const evflow::test::ToolRun made = evflow::test::runTool(
        node, {evflow::test::toolScript("cloudevents-make.cjs"), QString::number(kEvents), "0"});
    if (made.exitCode == 3)
        QSKIP(qPrintable("the cloudevents SDK is not installed (scripts/npm-tools.sh): "
                         + QString::fromUtf8(made.err)));
    QCOMPARE(made.exitCode, 0);
    QTemporaryDir dir;
    const QString stream = dir.filePath(QStringLiteral("sdk.jsonl"));
    QFile file(stream);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(made.out) == made.out.size());
    file.close();
    QProcess client; // binds a PUSH, prints its port, sends once `record` has connected
    client.start(python, {evflow::test::toolScript("zmq-send-lines.py"), stream});
    QVERIFY(client.waitForReadyRead(60000));
    const QString endpoint
        = QStringLiteral("tcp://127.0.0.1:") + QString::fromUtf8(client.readLine().trimmed());
    const QString out = dir.filePath(QStringLiteral("rec.jsonl"));
    QProcess p;
    p.start(QStringLiteral(EVFLOW_CLI), {"record", endpoint, "-o", out, "--socket", "pull"});
    const auto recordedLines = [&] {
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files))
            if (name.startsWith(QStringLiteral("rec.jsonl.")))
                return readAll(dir.filePath(name)).count('\n');
        return qsizetype(0);
    };
    QTRY_COMPARE_WITH_TIMEOUT(recordedLines(), qsizetype(kEvents), 60000);
    p.terminate(); // SIGTERM: the recording is complete
    QCOMPARE(finish(p).exitCode, 0);
    const QList<QByteArray> lines = readAll(out).split('\n');
    QCOMPARE(lines.size(), kEvents + 1); // and the empty piece after the last newline
    for (int i = 0; i < kEvents; ++i)
        QVERIFY2(lines[i].contains(QByteArray("\"id\":\"sdk-") + QByteArray::number(i) + "\""),
                 lines[i].constData());
    const evflow::test::ToolRun valid
        = evflow::test::runTool(node, {evflow::test::toolScript("cloudevents-validate.cjs"), out});
    if (valid.exitCode == 3)
        QSKIP(qPrintable("ajv is not installed (scripts/npm-tools.sh): "
                         + QString::fromUtf8(valid.err)));
    QVERIFY2(valid.exitCode == 0 && valid.out.contains("25 of 25 events valid"),
             valid.out.constData());
    QVERIFY(client.state() == QProcess::NotRunning || client.waitForFinished(60000));
}

void TestRecordCli::unreachableEndpointFails()
{
    ZmtpPushPeer closed;
    QVERIFY(closed.listen());
    const quint16 port = closed.closeAndKeepPort();
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("rec.jsonl"));
    const QString endpoint = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
    const Run r = runCli({QStringLiteral("record"), endpoint, QStringLiteral("-o"), out,
                          QStringLiteral("--duration"), QStringLiteral("0.3")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.endsWith(
                 QStringLiteral("evflow: could not connect to %1: nothing accepted the connection "
                                "while recording (is the publisher running, and the endpoint "
                                "right?)\n")
                     .arg(endpoint)
                     .toUtf8()),
             r.err.constData());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // no file, not even a temp
}

void TestRecordCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error");
    const QString o = QStringLiteral("-o");
    const QString file = QStringLiteral("x.jsonl");
    QTest::newRow("no endpoint") << QStringList{QStringLiteral("record")} << 2
                                 << QStringLiteral("ENDPOINT is required");
    QTest::newRow("no output") << QStringList{QStringLiteral("record"),
                                              QStringLiteral("tcp://127.0.0.1:5")}
                               << 2 << QStringLiteral("--output is required");
    QTest::newRow("zero duration")
        << QStringList{QStringLiteral("record"),
                       QStringLiteral("tcp://127.0.0.1:5"),
                       o,
                       file,
                       QStringLiteral("--duration"),
                       QStringLiteral("0")}
        << 2 << QStringLiteral("--duration: must be a positive number of seconds, not 0");
    QTest::newRow("socket type") << QStringList{QStringLiteral("record"),
                                                QStringLiteral("tcp://127.0.0.1:5"),
                                                o,
                                                file,
                                                QStringLiteral("--socket"),
                                                QStringLiteral("req")}
                                 << 2 << QStringLiteral("--socket: req not in {sub,pull}");
    QTest::newRow("invalid endpoint")
        << QStringList{QStringLiteral("record"), QStringLiteral("tcp://127.0.0.1"), o, file} << 1
        << QStringLiteral("evflow: invalid endpoint tcp://127.0.0.1: ");
    QTest::newRow("inproc")
        << QStringList{QStringLiteral("record"), QStringLiteral("inproc://x"), o, file} << 1
        << QStringLiteral("evflow: cannot record from inproc://x: inproc endpoints exist only "
                          "inside one process; use tcp:// or ipc://");
    QTest::newRow("unwritable output")
        << QStringList{QStringLiteral("record"), QStringLiteral("tcp://127.0.0.1:5"), o,
                       QStringLiteral("/nonexistent/x.jsonl")}
        << 1
        << QStringLiteral("evflow: cannot write /nonexistent/x.jsonl: No such file or "
                          "directory");
    QTest::newRow("merge without reports")
        << QStringList{QStringLiteral("report"), QStringLiteral("merge")} << 2
        << QStringLiteral("REPORT is required");
}

void TestRecordCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start(QStringLiteral(EVFLOW_CLI), args);
    const Run r = finish(p);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).startsWith(error), r.err.constData());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void TestRecordCli::reportMergeWritesMergedReport()
{
    using namespace evflow::model;
    QTemporaryDir dir;
    std::vector<RunReport> reports;
    for (const char *host : {"a", "b"}) {
        RunSnapshot s;
        s.run.flow = "split";
        s.run.host = host;
        s.run.elapsedSeconds = 2.0;
        NodeSnapshot c;
        c.id = std::string("count-") + host;
        c.kind = "counter";
        c.role = NodeRole::Consumer;
        c.host = host;
        c.input.received = 5;
        c.input.processed = 5;
        s.nodes.push_back(c);
        reports.push_back(buildReport(s));
        QFile f(dir.filePath(QString::fromLatin1(host) + QStringLiteral(".json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(reportToJson(reports.back())));
    }
    const QString out = dir.filePath(QStringLiteral("all.json"));
    const Run r = runCli({QStringLiteral("report"), QStringLiteral("merge"),
                          dir.filePath(QStringLiteral("a.json")),
                          dir.filePath(QStringLiteral("b.json")), QStringLiteral("-o"), out});
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(r.exitCode, 0);
    const ReportResult expected = mergeReports(reports);
    QVERIFY(expected);
    QCOMPARE(readAll(out), QByteArray::fromStdString(reportToJson(*expected.report)));
    QCOMPARE(expected.report->hosts, (std::vector<std::string>{"a", "b"}));
}

void TestRecordCli::reportMergeRejectsMalformedReport()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"flow": "x", "durationSeconds": "long"})");
    f.close();
    const QString out = dir.filePath(QStringLiteral("all.json"));
    const Run r = runCli(
        {QStringLiteral("report"), QStringLiteral("merge"), bad, QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.err),
             QStringLiteral("evflow: %1: /durationSeconds: expected a number\n").arg(bad));
    QVERIFY(!QFile::exists(out));
}

QTEST_APPLESS_MAIN(TestRecordCli)
#include "TestRecordCli.moc"
