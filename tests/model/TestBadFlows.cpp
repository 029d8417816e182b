// The bad-input suite: every hand-made broken flow file in tests/data/bad/ must be refused (or
// flagged) with its expected message at its expected LINE:COLUMN, and none may load partially.
// tests/data/bad/expected.tsv lists each file once: FILE, KIND, LINE:COLUMN, MESSAGE SUBSTRING.
//   load        loadFlowFile() gives no flow and exactly one error, the expected one;
//   kept        the flow loads and the loader reports exactly one error (an unknown key, kept);
//   validation  the flow loads cleanly and validateFlow() reports exactly one error, located
//               through the load's position index.
#include "model/FlowFile.h"
#include "model/Validation.h"
#include "support/BadFlowManifest.h"
#include "support/FlowFileSupport.h"

#include <QDir>
#include <QtTest>

using namespace evflow::model;

using evflow::test::BadFlowExpectation;
using evflow::test::describe;
using evflow::test::kBadFlowDir;
using evflow::test::readBadFlowManifest;

namespace {

Problems errorsOf(const Problems &problems)
{
    Problems out;
    for (const Problem &p : problems)
        if (p.severity == Severity::Error)
            out.push_back(p);
    return out;
}

/// The problems validateFlow() finds, placed in the loaded text as `evflow validate` does.
Problems locatedValidation(const LoadResult &loaded)
{
    Problems out = validateFlow(*loaded.flow);
    for (Problem &p : out) {
        const TextPosition at = loaded.positions.find(p.pointer);
        p.line = at.line;
        p.column = at.column;
    }
    return out;
}

} // namespace

class TestBadFlows : public QObject
{
    Q_OBJECT

private slots:
    void manifestListsEveryFile();
    void badFlow_data();
    void badFlow();
};

void TestBadFlows::manifestListsEveryFile()
{
    const QStringList files = QDir(kBadFlowDir).entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 50, qPrintable(QString::number(files.size()) + " files"));
    QStringList listed;
    for (const BadFlowExpectation &e : readBadFlowManifest()) {
        QVERIFY2(e.kind == "load" || e.kind == "kept" || e.kind == "validation",
                 qPrintable("malformed manifest entry for '" + e.file + "'"));
        QVERIFY2(e.line > 0 && e.column > 0 && !e.message.isEmpty(), qPrintable(e.file));
        QVERIFY2(!listed.contains(e.file), qPrintable(e.file + " is listed twice"));
        listed << e.file;
    }
    // A new file without expectations (or an entry without its file) fails here, by name.
    QStringList unlisted;
    for (const QString &file : files)
        if (!listed.contains(file))
            unlisted << file;
    QVERIFY2(unlisted.isEmpty(), qPrintable("not in expected.tsv: " + unlisted.join(", ")));
    for (const QString &entry : listed)
        QVERIFY2(files.contains(entry), qPrintable("listed but missing: " + entry));
}

void TestBadFlows::badFlow_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    for (const BadFlowExpectation &e : readBadFlowManifest())
        QTest::newRow(qPrintable(e.file)) << e.kind << e.line << e.column << e.message;
}

void TestBadFlows::badFlow()
{
    QFETCH(QString, kind);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const LoadResult loaded = loadFlowFile(
        (kBadFlowDir + "/" + QString::fromUtf8(QTest::currentDataTag())).toStdString());
    QCOMPARE(loaded.flow.has_value(), kind != "load"); // a load error never yields a partial flow
    Problems errors = errorsOf(loaded.problems);
    if (kind == "validation") {
        QVERIFY2(loaded.problems.empty(), qPrintable(describe(loaded.problems).join('\n')));
        errors = errorsOf(locatedValidation(loaded));
    }
    // Exactly one error: each file is broken in one way, and says so once.
    QVERIFY2(errors.size() == 1, qPrintable(describe(errors).join('\n')));
    const QString found = describe(errors).constFirst();
    QVERIFY2(QString::fromStdString(errors[0].message).contains(message), qPrintable(found));
    QVERIFY2(errors[0].line == line && errors[0].column == column, qPrintable(found));
}

QTEST_APPLESS_MAIN(TestBadFlows)
#include "TestBadFlows.moc"
