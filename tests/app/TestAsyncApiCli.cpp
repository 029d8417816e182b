// `evflow export asyncapi` checked by the official AsyncAPI parser (npm @asyncapi/parser, put in
// $EVFLOW_NPM_DIR by scripts/npm-tools.sh): every example, as JSON and as YAML, must parse with
// no error or warning (skipped, visibly, where Node.js or the parser is missing); and
// `evflow import asyncapi`: warnings on standard error, a flow that validates, a round trip.
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "tests/tools/ToolRunner.h"

namespace {

using Run = evflow::test::ToolRun;

Run execute(const QString &program, const QStringList &args)
{
    return evflow::test::runTool(program, args);
}

QStringList exampleFiles()
{
    const QDir dir(QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.evflow.json")}, QDir::Files))
        files << dir.filePath(name);
    return files;
}

} // namespace

class TestAsyncApiCli : public QObject
{
    Q_OBJECT
private slots:
    void everyExampleExportsToJsonAndYaml()
    {
        QTemporaryDir out;
        const QStringList examples = exampleFiles();
        QVERIFY(examples.size() >= 3);
        for (const QString &file : examples) {
            const QString base = out.filePath(QFileInfo(file).baseName());
            const Run json = execute(QStringLiteral(EVFLOW_CLI),
                                     {"export", "asyncapi", file, "-o", base + ".json"});
            QVERIFY2(json.exitCode == 0, json.err.constData());
            const Run yaml = execute(QStringLiteral(EVFLOW_CLI),
                                     {"export", "asyncapi", file, "-o", base + ".yaml"});
            QVERIFY2(yaml.exitCode == 0, yaml.err.constData());
            QFile written(base + ".json");
            QVERIFY(written.open(QIODevice::ReadOnly));
            const auto doc = nlohmann::json::parse(written.readAll().toStdString());
            QCOMPARE(doc["asyncapi"].get<std::string>(), std::string("3.0.0"));
            QVERIFY(!doc["channels"].empty());
        }
    }

    void theOfficialParserAcceptsEveryExport()
    {
        const QString node = evflow::test::nodeJs();
        if (node.isEmpty())
            QSKIP("Node.js is not installed: the AsyncAPI exports were not checked by the "
                  "official parser");
        QTemporaryDir out;
        QStringList documents;
        for (const QString &file : exampleFiles()) {
            const QString base = out.filePath(QFileInfo(file).baseName());
            for (const QString &ext : {QStringLiteral(".json"), QStringLiteral(".yaml")}) {
                QCOMPARE(execute(QStringLiteral(EVFLOW_CLI),
                                 {"export", "asyncapi", file, "-o", base + ext})
                             .exitCode,
                         0);
                documents << base + ext;
            }
        }
        const Run check = execute(
            node, QStringList{evflow::test::toolScript("asyncapi-validate.cjs")} + documents);
        if (check.exitCode == 3)
            QSKIP(qPrintable("@asyncapi/parser is not installed (scripts/npm-tools.sh): "
                             + QString::fromUtf8(check.err).trimmed()));
        qInfo().noquote() << QString::fromUtf8(check.out).trimmed();
        QVERIFY2(check.exitCode == 0, (check.out + check.err).constData());
        QCOMPARE(check.out.count(": ok, AsyncAPI 3.0.0"), documents.size());
        // Warnings are reported too; an export that the parser merely tolerates is not good
        // enough for people who feed it to other AsyncAPI tools.
        QVERIFY2(!check.out.contains(": warning: "), check.out.constData());

        // The check can fail: a document whose operation names a channel it does not have.
        const QString broken = out.filePath(QStringLiteral("broken.yaml"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("asyncapi: 3.0.0\ninfo: {title: x, version: 1.0.0}\noperations:\n"
                   "  a: {action: send, channel: {$ref: '#/channels/missing'}}\n");
        file.close();
        const Run refused
            = execute(node, {evflow::test::toolScript("asyncapi-validate.cjs"), broken});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.contains(": error: "), refused.out.constData());
    }

    void importListsWarningsAndWritesAFlowThatValidates()
    {
        QTemporaryDir out;
        const QString flow = out.filePath(QStringLiteral("streetlights.evflow.json"));
        const QString doc = QStringLiteral(EVFLOW_TEST_DATA_DIR "/asyncapi/streetlights-2.6.yaml");
        const Run imported
            = execute(QStringLiteral(EVFLOW_CLI), {"import", "asyncapi", doc, "-o", flow});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(imported.err.contains(
            (doc + ": warning: 'servers' has no counterpart in a flow: not imported (at /servers)")
                .toUtf8()));
        const Run valid = execute(QStringLiteral(EVFLOW_CLI), {"validate", flow});
        QVERIFY2(valid.exitCode == 0, valid.err.constData());
    }

    void importRefusesAnUnusableDocumentAndWritesNothing()
    {
        QTemporaryDir out;
        const QString doc = out.filePath(QStringLiteral("old.yaml"));
        QFile file(doc);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("asyncapi: 1.2.0\ninfo: {title: x}\n");
        file.close();
        const QString flow = out.filePath(QStringLiteral("old.evflow.json"));
        const Run r = execute(QStringLiteral(EVFLOW_CLI), {"import", "asyncapi", doc, "-o", flow});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(": error: /asyncapi: '1.2.0' is not an AsyncAPI version"),
                 r.err.constData());
        QVERIFY(!QFile::exists(flow));
    }

    void exportImportExportGivesTheSameDocument()
    {
        QTemporaryDir out;
        for (const QString &file : exampleFiles()) {
            const QString first = out.filePath(QStringLiteral("first.yaml"));
            const QString flow = out.filePath(QStringLiteral("imported.evflow.json"));
            const QString second = out.filePath(QStringLiteral("second.yaml"));
            QCOMPARE(execute(QStringLiteral(EVFLOW_CLI), {"export", "asyncapi", file, "-o", first})
                         .exitCode,
                     0);
            QCOMPARE(execute(QStringLiteral(EVFLOW_CLI), {"import", "asyncapi", first, "-o", flow})
                         .exitCode,
                     0);
            QCOMPARE(execute(QStringLiteral(EVFLOW_CLI), {"export", "asyncapi", flow, "-o", second})
                         .exitCode,
                     0);
            QFile a(first), b(second);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QCOMPARE(b.readAll(), a.readAll());
        }
    }
};

QTEST_GUILESS_MAIN(TestAsyncApiCli)
#include "TestAsyncApiCli.moc"
