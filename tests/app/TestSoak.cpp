// The soak of issue 8 (docs/RELIABILITY.md, "Accounting under load"): `evflow run` on
// tests/data/soak/soak.evflow.json — 50 000 events/s with injected faults through a tcp queue, an
// ipc queue and an inproc pubsub bus to a fast and a slow subscriber — for EVFLOW_SOAK_SECONDS
// (default 120, the CI variant; scripts/soak.sh runs the long one). At the end every event is
// accounted for at every hop, and the slow subscriber's real PUB/SUB loss shows as gaps.
#include "model/RunReport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using evflow::model::NodeSnapshot;
using evflow::model::RunReport;
using evflow::model::SequenceBooks;

namespace {

int soakSeconds()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("EVFLOW_SOAK_SECONDS", &ok);
    return ok && seconds > 0 ? seconds : 120;
}

const NodeSnapshot &node(const RunReport &report, const char *id)
{
    for (const NodeSnapshot &n : report.nodes)
        if (n.id == id)
            return n;
    qFatal("no node '%s' in the report", id);
}

/// The sequence books of all sources one input saw, summed.
SequenceBooks booksOf(const NodeSnapshot &n)
{
    SequenceBooks total;
    for (const auto &s : n.sources)
        total += s.books;
    return total;
}

QString describe(const NodeSnapshot &n)
{
    const SequenceBooks b = booksOf(n);
    return QStringLiteral("%1: received %2 processed %3 duplicates %4 gaps %5 late %6 filtered %7 "
                          "malformed %8 | expected %9 unique %10 emitted %11")
        .arg(QString::fromStdString(n.id))
        .arg(n.input.received)
        .arg(n.input.processed)
        .arg(n.input.duplicates)
        .arg(n.input.gaps)
        .arg(n.input.late)
        .arg(n.input.filtered)
        .arg(n.input.malformed)
        .arg(b.expected)
        .arg(b.receivedUnique)
        .arg(n.emitted);
}

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT
private slots:
    void everyEventAccountedUnderLoad();
};

void TestSoak::everyEventAccountedUnderLoad()
{
    const int seconds = soakSeconds();
    QTemporaryDir dir; // the ipc endpoint's socket file lands here
    QProcess run;
    run.setWorkingDirectory(dir.path());
    // The test tree is a Debug build; the soak runs an optimised evflow when given one
    // (scripts/test.sh and scripts/soak.sh pass build-release/app/evflow), as users would.
    const QString cli = qEnvironmentVariable("EVFLOW_SOAK_CLI", QStringLiteral(EVFLOW_CLI));
    qInfo("soak: %s", qPrintable(cli));
    run.start(cli,
              {QStringLiteral("run"), QStringLiteral(EVFLOW_TEST_DATA_DIR "/soak/soak.evflow.json"),
               QStringLiteral("--duration"), QString::number(seconds), QStringLiteral("--report"),
               QStringLiteral("report.json"), QStringLiteral("--quiet")});
    // Bounded: the run's own duration plus its drain, with room for a loaded machine.
    QVERIFY(run.waitForFinished((seconds + 120) * 1000));
    QCOMPARE(run.exitStatus(), QProcess::NormalExit);
    QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());

    QFile file(dir.filePath(QStringLiteral("report.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto parsed = evflow::model::parseReport(file.readAll().toStdString());
    QVERIFY2(parsed, parsed.error.c_str());
    const RunReport &report = *parsed.report;
    for (const NodeSnapshot &n : report.nodes)
        if (n.role != evflow::model::NodeRole::Producer
            && n.role != evflow::model::NodeRole::Channel)
            qInfo("%s", qPrintable(describe(n)));
    const NodeSnapshot &source = node(report, "source");
    qInfo("soak: left queued at the end: tcp %llu, ipc %llu",
          static_cast<unsigned long long>(node(report, "tcpStage").channel.backlog),
          static_cast<unsigned long long>(node(report, "ipcStage").channel.backlog));
    qInfo("soak: %d s, produced %llu (%.0f events/s over the %d s; the run took %.1f s with its "
          "drain), injected duplicates %llu reorders %llu late %llu drops %llu",
          seconds, static_cast<unsigned long long>(source.produced),
          double(source.produced) / seconds, seconds, report.durationSeconds,
          static_cast<unsigned long long>(source.injected.duplicates),
          static_cast<unsigned long long>(source.injected.reorders),
          static_cast<unsigned long long>(source.injected.late),
          static_cast<unsigned long long>(source.injected.drops));

    // Nothing unaccounted anywhere: every input's outcomes and every stream's books balance.
    QVERIFY(report.accounting.balanced);
    QCOMPARE(report.accounting.unaccounted, std::uint64_t(0));
    for (const NodeSnapshot &n : report.nodes)
        QVERIFY2(n.balanced(), qPrintable(describe(n)));

    // Hop by hop, what a reader expected is exactly what its writer numbered: every event the
    // producer numbered (its injected drops included), then each processor's emitted events. A
    // queue never drops, so its reader's gaps are the injected drops plus what was still queued
    // when the drain bound ended the run (the queue's backlog: 0 unless readers fell behind).
    const NodeSnapshot &enrich = node(report, "enrich");
    const NodeSnapshot &pass = node(report, "pass");
    const NodeSnapshot &fast = node(report, "fast");
    const NodeSnapshot &slow = node(report, "slow");
    QVERIFY(source.produced > 0);
    QCOMPARE(booksOf(enrich).expected, source.produced);
    const NodeSnapshot &tcpStage = node(report, "tcpStage");
    QCOMPARE(booksOf(enrich).gaps, source.injected.drops + tcpStage.channel.backlog);
    const NodeSnapshot &ipcStage = node(report, "ipcStage");
    QCOMPARE(booksOf(pass).expected, enrich.emitted);
    QCOMPARE(booksOf(pass).gaps, ipcStage.injected.drops + ipcStage.channel.backlog);
    // Every injected duplicate is caught by the next hop's dedup, and only those.
    QCOMPARE(enrich.input.duplicates, source.injected.duplicates);
    QCOMPARE(pass.input.duplicates, ipcStage.injected.duplicates);
    QCOMPARE(booksOf(fast).expected, pass.emitted);
    QCOMPARE(booksOf(slow).expected, pass.emitted);

    // The slow subscriber lost events at the bus's high-water mark: real PUB/SUB loss, which
    // ZeroMQ never reports, shows as gaps and nowhere else.
    QVERIFY2(slow.input.gaps > 0, qPrintable(describe(slow)));
    QCOMPARE(booksOf(slow).receivedUnique + booksOf(slow).gaps - booksOf(slow).filledAfterGap,
             pass.emitted);
    QCOMPARE(fast.input.processed + fast.input.lateDropped, booksOf(fast).receivedUnique);
}

QTEST_GUILESS_MAIN(TestSoak)
#include "TestSoak.moc"
