// `evflow keys generate|list` (PRODUCT.md §4) and a CURVE flow run from the command line, on the
// real `evflow` binary, with EVFLOW_KEYS_DIR pointing into a temporary directory.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

class TestKeysCli : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void generatePrintsAndStores();
    void generateRefusesOverwriteWithoutForce();
    void generateRejectsBadNames_data();
    void generateRejectsBadNames();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void listShowsKeys();
    void runWithCurve();
    void runWithMissingKeyFailsClearly();
    void telemetryWithCurveRuns();
    void telemetryFailsClosed_data();
    void telemetryFailsClosed();

private:
    Run evflow(const QStringList &args) const;
    QString keys() const { return m_dir->filePath(QStringLiteral("keys")); }
    QString writeFlow(const QString &serverKey) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace

Run TestKeysCli::evflow(const QStringList &args) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EVFLOW_KEYS_DIR"), keys());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EVFLOW_CLI), args);
    Run r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return r; // -1: crashed or hung
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// gen -> pubsub 'bus' (CURVE on tcp://127.0.0.1:*) -> counter, a finite flow.
QString TestKeysCli::writeFlow(const QString &serverKey) const
{
    const QString path = m_dir->filePath(QStringLiteral("curve.evflow.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral(R"({
  "formatVersion": 2,
  "name": "curve",
  "eventTypes": [{"name": "tick", "fields": [{"name": "n", "type": "int", "required": true}]}],
  "nodes": [
    {"id": "gen", "kind": "generator",
     "properties": {"eventTypes": ["tick"], "rate": 0, "count": 500, "fields": {"n": "sequence"}}},
    {"id": "bus", "kind": "pubsub",
     "properties": {"endpoint": "tcp://127.0.0.1:*", "curve": true, "serverKey": "%1",
                    "clientKeys": ["edge"]}},
    {"id": "count", "kind": "counter"}
  ],
  "links": [{"from": "gen.out", "to": "bus.in"}, {"from": "bus.out", "to": "count.in"}]
}
)")
                .arg(serverKey)
                .toUtf8());
    return path;
}

void TestKeysCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestKeysCli::generatePrintsAndStores()
{
    const Run r
        = evflow({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("hub")});
    QCOMPARE(r.exitCode, 0);
    const QRegularExpression publicLine(QStringLiteral("^public key: (\\S{40})$"),
                                        QRegularExpression::MultilineOption);
    const auto match = publicLine.match(r.out);
    QVERIFY2(match.hasMatch(), qPrintable(r.out));
    const QString secretFile = keys() + QStringLiteral("/hub.key");
    const QString publicFile = keys() + QStringLiteral("/hub.pub");
    QVERIFY(r.out.contains(secretFile));
    QVERIFY(r.out.contains(publicFile));
    QVERIFY(!r.out.contains(QStringLiteral("secret-key"))); // the secret is never printed
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(secretFile).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    QFile pub(publicFile);
    QVERIFY(pub.open(QIODevice::ReadOnly));
    QVERIFY(pub.readAll().contains(match.captured(1).toUtf8()));
}

void TestKeysCli::generateRefusesOverwriteWithoutForce()
{
    const QStringList args{QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("k")};
    QCOMPARE(evflow(args).exitCode, 0);
    QFile key(keys() + QStringLiteral("/k.key"));
    QVERIFY(key.open(QIODevice::ReadOnly));
    const QByteArray before = key.readAll();
    key.close();
    const Run again = evflow(args);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("k.key: exists already (--force replaces")),
             qPrintable(again.err));
    QVERIFY(key.open(QIODevice::ReadOnly));
    QCOMPARE(key.readAll(), before);
    key.close();
    QCOMPARE(evflow(args + QStringList{QStringLiteral("--force")}).exitCode, 0);
    QVERIFY(key.open(QIODevice::ReadOnly));
    QVERIFY(key.readAll() != before);
}

void TestKeysCli::generateRejectsBadNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("path") << QStringLiteral("../escape");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("hidden") << QStringLiteral(".k");
}

void TestKeysCli::generateRejectsBadNames()
{
    QFETCH(QString, name);
    const Run r = evflow({QStringLiteral("keys"), QStringLiteral("generate"), name});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("evflow: key name '")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(keys()));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("escape.key"))));
}

void TestKeysCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("keys alone") << QStringList{QStringLiteral("keys")};
    QTest::newRow("generate without name")
        << QStringList{QStringLiteral("keys"), QStringLiteral("generate")};
    QTest::newRow("unknown subcommand")
        << QStringList{QStringLiteral("keys"), QStringLiteral("delete"), QStringLiteral("k")};
}

void TestKeysCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run r = evflow(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

void TestKeysCli::listShowsKeys()
{
    QCOMPARE(
        evflow({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("b")}).exitCode,
        0);
    QCOMPARE(
        evflow({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("a")}).exitCode,
        0);
    QVERIFY(QFile::remove(keys() + QStringLiteral("/b.key"))); // b: only its public half here
    const Run r = evflow({QStringLiteral("keys"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(QRegularExpression(QStringLiteral("^a \\S{40} \\(secret here\\)$"))
                 .match(lines[0])
                 .hasMatch(),
             qPrintable(lines[0]));
    QVERIFY2(QRegularExpression(QStringLiteral("^b \\S{40}$")).match(lines[1]).hasMatch(),
             qPrintable(lines[1]));
}

void TestKeysCli::runWithCurve()
{
    for (const char *name : {"hub", "edge"})
        QCOMPARE(
            evflow({QStringLiteral("keys"), QStringLiteral("generate"), QString::fromLatin1(name)})
                .exitCode,
            0);
    const QString flow = writeFlow(QStringLiteral("hub"));
    QVERIFY(!flow.isEmpty());
    const Run r = evflow({QStringLiteral("run"), flow, QStringLiteral("--quiet"),
                          QStringLiteral("--report"), QStringLiteral("-")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const auto report = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY2(!report.is_discarded(), qPrintable(r.out));
    std::int64_t processed = -1;
    for (const auto &n : report.at("nodes"))
        if (n.at("id") == "count")
            processed = n.at("counters").at("processed").get<std::int64_t>();
    QCOMPARE(processed, std::int64_t{500});
    QVERIFY2(report.at("accounting").at("balanced").get<bool>(), qPrintable(r.out));
}

void TestKeysCli::runWithMissingKeyFailsClearly()
{
    QCOMPARE(evflow({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("edge")})
                 .exitCode,
             0);
    const QString flow = writeFlow(QStringLiteral("nowhere"));
    const Run r = evflow({QStringLiteral("run"), flow, QStringLiteral("--quiet")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("pubsub 'bus': server key 'nowhere': ") + keys()
                            + QStringLiteral("/nowhere.key: no such secret key")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("the flow could not start")), qPrintable(r.err));
}

void TestKeysCli::telemetryWithCurveRuns()
{
    for (const char *name : {"hub", "edge", "studio"})
        QCOMPARE(
            evflow({QStringLiteral("keys"), QStringLiteral("generate"), QString::fromLatin1(name)})
                .exitCode,
            0);
    const Run r = evflow({QStringLiteral("run"), writeFlow(QStringLiteral("hub")),
                          QStringLiteral("--quiet"), QStringLiteral("--telemetry"),
                          QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--telemetry-key"),
                          QStringLiteral("hub"), QStringLiteral("--telemetry-clients"),
                          QStringLiteral("studio,edge")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("evflow: telemetry on tcp://127.0.0.1:")),
             qPrintable(r.err));
}

void TestKeysCli::telemetryFailsClosed_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString open = QStringLiteral("tcp://0.0.0.0:7499");
    QTest::newRow("plaintext off loopback")
        << QStringList{QStringLiteral("--telemetry"), open} << 1
        << "telemetry on tcp://0.0.0.0:7499 would be readable from other machines without "
           "encryption";
    QTest::newRow("wildcard host")
        << QStringList{QStringLiteral("--telemetry"), QStringLiteral("tcp://*:7499")} << 1
        << "would be readable from other machines";
    QTest::newRow("key without clients")
        << QStringList{QStringLiteral("--telemetry"), open, QStringLiteral("--telemetry-key"),
                       QStringLiteral("hub")}
        << 1 << "--telemetry-key needs --telemetry-clients";
    QTest::newRow("missing key pair")
        << QStringList{QStringLiteral("--telemetry"),         open,
                       QStringLiteral("--telemetry-key"),     QStringLiteral("absent"),
                       QStringLiteral("--telemetry-clients"), QStringLiteral("edge")}
        << 1 << "telemetry key: ";
    QTest::newRow("missing client key")
        << QStringList{QStringLiteral("--telemetry"),         open,
                       QStringLiteral("--telemetry-key"),     QStringLiteral("hub"),
                       QStringLiteral("--telemetry-clients"), QStringLiteral("nobody")}
        << 1 << "telemetry client key: ";
    QTest::newRow("clients without key")
        << QStringList{QStringLiteral("--telemetry"), open, QStringLiteral("--telemetry-clients"),
                       QStringLiteral("edge")}
        << 2 << "--telemetry-clients requires --telemetry-key";
}

void TestKeysCli::telemetryFailsClosed()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    for (const char *name : {"hub", "edge"})
        QCOMPARE(
            evflow({QStringLiteral("keys"), QStringLiteral("generate"), QString::fromLatin1(name)})
                .exitCode,
            0);
    const Run r = evflow(QStringList{QStringLiteral("run"), writeFlow(QStringLiteral("hub")),
                                     QStringLiteral("--quiet")}
                         + options);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestKeysCli)
#include "TestKeysCli.moc"
