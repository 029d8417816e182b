// `evflow validate` on every file of the bad-input suite (tests/data/bad/expected.tsv): exit
// status 1, nothing on standard output, and exactly one error line on standard error, reading
// "FILE:LINE:COLUMN: error: ..." with the manifest's place and message (warnings may follow).
#include "../model/support/BadFlowManifest.h"

#include <QDir>
#include <QProcess>
#include <QtTest>

using evflow::test::BadFlowExpectation;
using evflow::test::kBadFlowDir;
using evflow::test::readBadFlowManifest;

class TestBadFlowsCli : public QObject
{
    Q_OBJECT

private slots:
    void validateRefuses_data();
    void validateRefuses();
};

void TestBadFlowsCli::validateRefuses_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("message");
    const QList<BadFlowExpectation> manifest = readBadFlowManifest();
    QVERIFY(manifest.size() >= 50);
    for (const BadFlowExpectation &e : manifest)
        QTest::newRow(qPrintable(e.file))
            << QString("%1:%2:%3: error: ").arg(e.file).arg(e.line).arg(e.column) << e.message;
}

void TestBadFlowsCli::validateRefuses()
{
    QFETCH(QString, prefix);
    QFETCH(QString, message);
    QProcess p;
    // Run from the data directory with a relative path, so FILE is printed as given.
    p.setWorkingDirectory(kBadFlowDir);
    p.start(QStringLiteral(EVFLOW_CLI), {"validate", QString::fromUtf8(QTest::currentDataTag())});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit); // never a crash
    QCOMPARE(p.exitCode(), 1);
    QCOMPARE(p.readAllStandardOutput(), QByteArray());
    const QStringList lines = QString::fromUtf8(p.readAllStandardError()).split('\n');
    const QStringList errors = lines.filter(": error: ");
    QVERIFY2(errors.size() == 1, qPrintable(lines.join('\n')));
    QVERIFY2(errors[0].startsWith(prefix) && errors[0].contains(message), qPrintable(errors[0]));
    QVERIFY2(errors[0].endsWith(')') && errors[0].contains(" (at /"), qPrintable(errors[0]));
}

QTEST_GUILESS_MAIN(TestBadFlowsCli)
#include "TestBadFlowsCli.moc"
