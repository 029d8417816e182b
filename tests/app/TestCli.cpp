// The command line contract (PRODUCT.md §4), exercised on the real `evflow` binary.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run evflow(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(EVFLOW_CLI), args);
    Run r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return r; // exitCode -1: crashed or hung, which every test below rejects
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString examples()
{
    return QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples");
}
QString cliData(const char *name)
{
    return QStringLiteral(EVFLOW_TEST_DATA_DIR "/cli/") + name;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void examplesValidate_data();
    void examplesValidate();
    void examplesExportByteIdentical_data() { examplesValidate_data(); }
    void examplesExportByteIdentical();
    void examplesExportDotThatGraphvizReads_data() { examplesValidate_data(); }
    void examplesExportDotThatGraphvizReads();
    void invalidFlowListsProblemsWithPositions();
    void syntaxErrorHasPosition();
    void missingFileIsInvalidInput();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void schemaIsJsonSchema();
    void outputFileWrittenWhole();
    void failedOutputLeavesNoFile();
};

void TestCli::examplesValidate_data()
{
    QTest::addColumn<QString>("file");
    const auto entries = QDir(examples()).entryList({QStringLiteral("*.evflow.json")}, QDir::Files);
    QVERIFY(entries.size() >= 3);
    for (const auto &e : entries)
        QTest::newRow(qPrintable(e)) << examples() + QLatin1Char('/') + e;
}

void TestCli::examplesValidate()
{
    QFETCH(QString, file);
    const Run r = evflow({QStringLiteral("validate"), file});
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(": valid ("));
}

void TestCli::examplesExportByteIdentical()
{
    QFETCH(QString, file);
    const Run r = evflow({QStringLiteral("export"), QStringLiteral("json"), file});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, readAll(file));
}

void TestCli::examplesExportDotThatGraphvizReads()
{
    QFETCH(QString, file);
    const Run r = evflow({QStringLiteral("export"), QStringLiteral("dot"), file});
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("digraph "));
    // Checked by Graphviz itself (scripts/install-deps.sh test installs it): it must parse the
    // text and lay out every node.
    const QString dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
    if (dot.isEmpty())
        QSKIP("Graphviz 'dot' is not installed: the DOT text was not checked by Graphviz");
    QProcess graphviz;
    graphviz.start(dot, {QStringLiteral("-Tsvg")});
    graphviz.write(r.out);
    graphviz.closeWriteChannel();
    QVERIFY(graphviz.waitForFinished(60000));
    const QByteArray errors = graphviz.readAllStandardError();
    QVERIFY2(graphviz.exitCode() == 0 && errors.isEmpty(), errors.constData());
    const QByteArray svg = graphviz.readAllStandardOutput();
    QVERIFY(svg.contains("<svg"));
    QCOMPARE(svg.count("class=\"node\""), r.out.count(", shape=")); // every node drawn
}

void TestCli::invalidFlowListsProblemsWithPositions()
{
    const QString file = cliData("bad-semantics.evflow.json");
    const Run r = evflow({QStringLiteral("validate"), file});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QByteArray());
    const QStringList lines = QString::fromUtf8(r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, r.err.constData());
    static const QRegularExpression format(
        QStringLiteral(R"(^.+:\d+:\d+: (error|warning): .+ \(at /[^ ]*\)$)"));
    for (const auto &line : lines)
        QVERIFY2(format.match(line).hasMatch(), qPrintable(line));
    // "rate": -5.0 sits on line 30, its value at column 17; the link to "nowhere" on line 64.
    QVERIFY2(r.err.contains(file.toUtf8() + ":30:17: error: "), r.err.constData());
    QVERIFY2(r.err.contains("(at /nodes/0/properties/rate)"), r.err.constData());
    QVERIFY2(r.err.contains("(at /links/1/to)"), r.err.constData());
}

void TestCli::syntaxErrorHasPosition()
{
    const QString file = cliData("bad-syntax.evflow.json");
    const Run r = evflow({QStringLiteral("validate"), file});
    QCOMPARE(r.exitCode, 1);
    // The stray comma on line 3: the parser meets "}" at line 4, column 1.
    QVERIFY2(r.err.startsWith(file.toUtf8() + ":4:1: error: "), r.err.constData());
}

void TestCli::missingFileIsInvalidInput()
{
    const Run r = evflow({QStringLiteral("validate"), QStringLiteral("/nonexistent/flow.json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("/nonexistent/flow.json:1:1: error: cannot read file"),
             r.err.constData());
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("validate without flow") << QStringList{QStringLiteral("validate")};
    QTest::newRow("export unknown format")
        << QStringList{QStringLiteral("export"), QStringLiteral("pdf"), QStringLiteral("x.json")};
    QTest::newRow("export json without flow")
        << QStringList{QStringLiteral("export"), QStringLiteral("json")};
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("validate"), QStringLiteral("--bogus"), QStringLiteral("x")};
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run r = evflow(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

void TestCli::schemaIsJsonSchema()
{
    const Run r = evflow({QStringLiteral("export"), QStringLiteral("schema")});
    QCOMPARE(r.exitCode, 0);
    const auto schema = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY(!schema.is_discarded());
    QCOMPARE(QString::fromStdString(schema.value("$schema", std::string())),
             QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    QCOMPARE(r.out, readAll(QStringLiteral(EVFLOW_SOURCE_DIR "/resources/flow.schema.json")));
}

void TestCli::outputFileWrittenWhole()
{
    QTemporaryDir dir;
    const QString file = examples() + QStringLiteral("/iot-sensors.evflow.json");
    const QString out = dir.filePath(QStringLiteral("iot.json"));
    const Run r = evflow(
        {QStringLiteral("export"), QStringLiteral("json"), file, QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(readAll(out), readAll(file));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("iot.json")});
    // Written like any other new file: 0666 less the umask (not mkstemp's private 0600).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    struct stat info = {};
    QCOMPARE(::stat(out.toLocal8Bit().constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777u, 0666u & ~static_cast<unsigned>(mask));
}

void TestCli::failedOutputLeavesNoFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("missing-dir/flow.json"));
    const Run r = evflow({QStringLiteral("export"), QStringLiteral("json"),
                          examples() + QStringLiteral("/throughput.evflow.json"),
                          QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot write " + out.toUtf8()), r.err.constData());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
}

QTEST_APPLESS_MAIN(TestCli)
#include "TestCli.moc"
