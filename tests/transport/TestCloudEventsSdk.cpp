// CloudEvents conformance with implementations evflow did not write (issue 6, point 3):
// events made by the official CloudEvents JavaScript SDK, published over ZeroMQ by a foreign
// client (pyzmq, Debian's python3-zmq), arrive in the runtime with their ids, types and times
// intact, the client's deliberate duplicates counted as duplicates; and what the `log` and
// `event-store` consumers write validates against the CloudEvents 1.0 JSON schema (ajv). Each
// part skips, saying why, where Node.js, the npm packages or python3-zmq are missing.

#include "support/FlowBuilders.h"
#include "tests/tools/ToolRunner.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace evflow;
using namespace evflow::test::flows;
using evflow::test::runTool;
using evflow::test::toolScript;

namespace {

constexpr int kEvents = 40;
constexpr int kDuplicateEvery = 8; // 5 deliberate duplicates
constexpr std::uint64_t kSent = kEvents + kEvents / kDuplicateEvery;
/// 2026-01-01T00:00:00Z in microseconds: the SDK events' time base (cloudevents-make.cjs).
constexpr std::int64_t kBaseMicros = 1767225600LL * 1000000;

md::EventType readingType()
{
    md::EventType t;
    t.name = "sdk.reading";
    t.fields = {{"n", md::FieldType::Int, true, {}, {}, {}}};
    return t;
}

/// zmq-source (PULL, connecting to the foreign client) -> pubsub -> log + event-store.
md::Flow sdkFlow(const std::string &endpoint, const QTemporaryDir &dir)
{
    md::Node source = node("src", md::NodeKind::ZmqSource);
    source.properties["endpoint"] = endpoint;
    source.properties["socket"] = std::string("pull");
    md::Node log = node("log", md::NodeKind::Log);
    log.properties["path"] = dir.filePath(QStringLiteral("log.jsonl")).toStdString();
    md::Node store = node("store", md::NodeKind::EventStore);
    store.properties["path"] = dir.filePath(QStringLiteral("store.jsonl")).toStdString();
    md::Flow f;
    f.name = "sdk events";
    f.eventTypes = {readingType()};
    f.nodes = {source, channel("bus", md::NodeKind::PubSub, "inproc://sdk-bus"), log, store};
    f.links = {makeLink("src", "bus"), makeLink("bus", "log"), makeLink("bus", "store")};
    return f;
}

} // namespace

class TestCloudEventsSdk : public QObject
{
    Q_OBJECT

private slots:
    void sdkEventsFromAForeignClientArriveIntactAndValidate();
};

void TestCloudEventsSdk::sdkEventsFromAForeignClientArriveIntactAndValidate()
{
    const QString node = evflow::test::nodeJs();
    const QString python = evflow::test::pythonWithZmq();
    if (node.isEmpty() || python.isEmpty())
        QSKIP("Node.js or python3-zmq is missing: events of the CloudEvents SDK were not sent");
    QTemporaryDir dir;
    const evflow::test::ToolRun made
        = runTool(node, {toolScript("cloudevents-make.cjs"), QString::number(kEvents),
                         QString::number(kDuplicateEvery)});
    if (made.exitCode == 3)
        QSKIP(qPrintable("the cloudevents SDK is not installed (scripts/npm-tools.sh): "
                         + QString::fromUtf8(made.err)));
    QCOMPARE(made.exitCode, 0);
    QCOMPARE(std::uint64_t(made.out.count('\n')), kSent);
    const QString lines = dir.filePath(QStringLiteral("sdk.jsonl"));
    QFile file(lines);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(made.out) == made.out.size());
    file.close();

    // The foreign client binds and prints its port; it blocks until the zmq-source connects.
    QProcess client;
    client.start(python, {toolScript("zmq-send-lines.py"), lines});
    QVERIFY(client.waitForReadyRead(60000));
    const QByteArray port = client.readLine().trimmed();
    QVERIFY2(port.toInt() > 0, port.constData());
    tr::FlowRuntime rt;
    QVERIFY2(rt.start(sdkFlow("tcp://127.0.0.1:" + port.toStdString(), dir)),
             errorsOf(rt.snapshot()).c_str());
    QTRY_COMPARE_WITH_TIMEOUT(nodeOf(rt.snapshot(), "log").input.received, kSent, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(nodeOf(rt.snapshot(), "store").input.received, kSent, kWait);
    // (waitForFinished() is false for a process that has already finished.)
    QVERIFY(client.state() == QProcess::NotRunning || client.waitForFinished(60000));
    QCOMPARE(client.exitCode(), 0);
    rt.stop();

    const md::RunSnapshot s = rt.snapshot();
    for (const char *consumer : {"log", "store"}) {
        const md::InputAccounting &in = nodeOf(s, consumer).input;
        QCOMPARE(in.processed, std::uint64_t(kEvents));
        QCOMPARE(in.duplicates, kSent - kEvents); // the client's re-sends, recognised by id
        QCOMPARE(in.malformed, 0u);
        QVERIFY(nodeOf(s, consumer).balanced());
    }
    // Ids, types and times as the SDK made them (data too).
    const std::vector<md::Event> logged = readLines(dir.filePath("log.jsonl").toStdString());
    QCOMPARE(logged.size(), std::size_t(kEvents));
    for (int i = 0; i < kEvents; ++i) {
        QCOMPARE(logged[i].id, "sdk-" + std::to_string(i));
        QCOMPARE(logged[i].type, std::string("sdk.reading"));
        QCOMPARE(logged[i].source, std::string("/tests/cloudevents-sdk"));
        QCOMPARE(logged[i].time, kBaseMicros + std::int64_t(i) * 1000000);
        QCOMPARE(*logged[i].field("n"), md::FieldValue(std::int64_t(i)));
    }

    // What evflow wrote is CloudEvents, by the specification's schema.
    const evflow::test::ToolRun valid = runTool(
        node, {toolScript("cloudevents-validate.cjs"), dir.filePath(QStringLiteral("log.jsonl")),
               dir.filePath(QStringLiteral("store.jsonl"))});
    if (valid.exitCode == 3)
        QSKIP(qPrintable("ajv is not installed (scripts/npm-tools.sh): "
                         + QString::fromUtf8(valid.err)));
    QVERIFY2(valid.exitCode == 0, valid.out.constData());
    QVERIFY2(valid.out.contains("log.jsonl: 40 of 40 events valid"), valid.out.constData());
    QVERIFY2(valid.out.contains("store.jsonl: 40 of 40 events valid"), valid.out.constData());
}

QTEST_GUILESS_MAIN(TestCloudEventsSdk)
#include "TestCloudEventsSdk.moc"
