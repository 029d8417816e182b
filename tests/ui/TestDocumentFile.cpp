// Opening and saving flow files (atomic, canonical, failures reported with the old file kept)
// and the autosave recovery files with their lock.

#include "model/FlowFile.h"
#include "ui/Autosave.h"
#include "ui/DocumentFile.h"

#include "ui/FlowDocument.h"

#include "support/FileBytes.h"

#include "../model/support/SampleFlows.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::Autosave;
using ui::DocumentFile;
using ui::FileResult;

using ui::testing::readAll;
using ui::testing::writeAll;

namespace {

ino_t inodeOf(const QString &path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

} // namespace

class TestDocumentFile : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void saveOpenSaveIsByteIdentical_data();
    void saveOpenSaveIsByteIdentical();
    void savingUnchangedFlowLeavesTheFile();
    void failedSaveKeepsTheOldFile();
    void openReportsProblemsWithPlace();
    void recoveryFileNames();
    void autosaveIsFoundOnNextStart();
    void lockKeepsSecondDocumentOut();
    void staleLockOfCrashedStudioIsTakenOver();

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_recovery;
};

void TestDocumentFile::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_recovery.isValid());
    DocumentFile::setRecoveryDirectory(m_recovery.path());
}

void TestDocumentFile::saveOpenSaveIsByteIdentical_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("iot") << "iot-sensors.evflow.json";
    QTest::newRow("orders") << "order-pipeline.evflow.json";
    QTest::newRow("throughput") << "throughput.evflow.json";
}

void TestDocumentFile::saveOpenSaveIsByteIdentical()
{
    QFETCH(QString, file);
    const QString example = QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/") + file;
    const ui::OpenResult opened = DocumentFile::open(example);
    QVERIFY2(opened.flow.has_value(), qPrintable(opened.message));

    const QString first = m_dir.filePath("first-" + file);
    const QString second = m_dir.filePath("second-" + file);
    QVERIFY(DocumentFile::save(*opened.flow, first).ok);
    const ui::OpenResult again = DocumentFile::open(first);
    QVERIFY2(again.flow.has_value(), qPrintable(again.message));
    QVERIFY(*again.flow == *opened.flow);
    QVERIFY(DocumentFile::save(*again.flow, second).ok);
    QCOMPARE(readAll(second), readAll(first));
    // The shipped examples are canonical text already.
    QCOMPARE(readAll(first), readAll(example));
}

void TestDocumentFile::savingUnchangedFlowLeavesTheFile()
{
    const QString path = m_dir.filePath("rich.evflow.json");
    QVERIFY(DocumentFile::save(richFlow(), path).ok);
    const ino_t written = inodeOf(path);
    QVERIFY(written != 0);
    QVERIFY(DocumentFile::save(richFlow(), path).ok);
    QCOMPARE(inodeOf(path), written); // not replaced: a save would rename a new file in
    Flow changed = richFlow();
    changed.name = "changed";
    QVERIFY(DocumentFile::save(changed, path).ok);
    QVERIFY(inodeOf(path) != written);
    QCOMPARE(readAll(path).toStdString(), serializeFlow(changed));
}

void TestDocumentFile::failedSaveKeepsTheOldFile()
{
    const QByteArray old = "old contents\n";
    Flow changed = richFlow();
    changed.name = "new";

    // A read-only folder: the temporary file a save needs cannot be created.
    const QString folder = m_dir.filePath("readonly");
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + "/flow.evflow.json";
    QVERIFY(writeAll(path, old));
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    // Give the folder back its write permission however the test ends, so it can be removed.
    const std::unique_ptr<const QString, void (*)(const QString *)> writable(
        &folder, [](const QString *f) {
            QFile::setPermissions(*f, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        });
    // Root (and CAP_DAC_OVERRIDE) ignores permissions: then the save would succeed, so use a
    // failure no privilege avoids, a path whose parent is a regular file.
    const bool enforced = !writeAll(folder + "/probe", "x");
    QString target = path;
    QString intact = path;
    if (!enforced) {
        QVERIFY(QDir().mkpath(m_dir.filePath("plain")));
        intact = m_dir.filePath("plain/plain-file");
        QVERIFY(writeAll(intact, old));
        target = intact + "/flow.evflow.json";
    }
    const FileResult result = DocumentFile::save(changed, target);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.startsWith("Cannot save " + target + ": "), qPrintable(result.message));
    QVERIFY2(result.message.size() > QString("Cannot save " + target + ": ").size(),
             "the reason is missing");
    QCOMPARE(readAll(intact), old);
    // No temporary file left behind next to the old one.
    QCOMPARE(QDir(QFileInfo(intact).path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QFileInfo(intact).fileName()});

    ui::FlowDocument doc;
    doc.resetFlow(changed);
    QVERIFY(doc.setLabel({"bus"}, "Bus").ok);
    const FileResult viaDocument = doc.saveFile(target);
    QVERIFY(!viaDocument.ok);
    QVERIFY(doc.isDirty()); // still unsaved
    QCOMPARE(doc.filePath(), QString());
    QCOMPARE(readAll(intact), old);
}

void TestDocumentFile::openReportsProblemsWithPlace()
{
    const QString path = m_dir.filePath("broken.evflow.json");
    QVERIFY(writeAll(path, "{\n  \"formatVersion\": 2,\n  \"nodes\": [\n}\n"));
    const ui::OpenResult opened = DocumentFile::open(path);
    QVERIFY(!opened.flow.has_value());
    QVERIFY(!opened.problems.empty());
    QVERIFY2(opened.message.startsWith(path + ":4:1: error: "), qPrintable(opened.message));

    const ui::OpenResult missing = DocumentFile::open(m_dir.filePath("nothing.json"));
    QVERIFY(!missing.flow.has_value());
    QVERIFY2(missing.message.startsWith(m_dir.filePath("nothing.json") + ":1:1: error: "),
             qPrintable(missing.message));
}

void TestDocumentFile::recoveryFileNames()
{
    const QString a = DocumentFile::recoveryFileFor("/one/flow.evflow.json");
    const QString b = DocumentFile::recoveryFileFor("/two/flow.evflow.json");
    QVERIFY(a != b); // same name, other folder
    QCOMPARE(DocumentFile::recoveryFileFor("/one/flow.evflow.json"), a);
    QVERIFY(a.startsWith(m_recovery.path() + "/flow.evflow.json-"));
    QVERIFY(a.endsWith(".recovery"));
    QCOMPARE(DocumentFile::recoveryFileFor({}), m_recovery.path() + "/untitled.recovery");
    QCOMPARE(DocumentFile::lockFileFor(a), a + ".lock");
}

void TestDocumentFile::autosaveIsFoundOnNextStart()
{
    const QString path = m_dir.filePath("work.evflow.json");
    QVERIFY(!DocumentFile::hasRecovery(path));
    Flow work = richFlow();
    work.name = "unsaved work";
    {
        Autosave autosave;
        QVERIFY(autosave.claim(path).ok);
        QCOMPARE(autosave.recoveryFile(), DocumentFile::recoveryFileFor(path));
        const FileResult written = autosave.write(work);
        QVERIFY2(written.ok, qPrintable(written.message));
        QCOMPARE(readAll(autosave.recoveryFile()).toStdString(), serializeFlow(work));
        QVERIFY(!DocumentFile::hasRecovery(path)); // a running studio's own autosave
    } // the studio goes away without discarding (as after a crash the lock would be stale)

    QVERIFY(DocumentFile::hasRecovery(path)); // the next start finds it
    const ui::OpenResult recovered = DocumentFile::openRecovery(path);
    QVERIFY2(recovered.flow.has_value(), qPrintable(recovered.message));
    QVERIFY(*recovered.flow == work);
    ui::FlowDocument doc;
    doc.resetFlow(*recovered.flow, path, /*dirty=*/true);
    QVERIFY(doc.isDirty());

    QVERIFY(DocumentFile::discardRecovery(path));
    QVERIFY(!DocumentFile::hasRecovery(path));
    QVERIFY(!QFile::exists(DocumentFile::recoveryFileFor(path)));
}

void TestDocumentFile::lockKeepsSecondDocumentOut()
{
    const QString path = m_dir.filePath("shared.evflow.json");
    Autosave first;
    QVERIFY(first.claim(path).ok);
    QVERIFY(first.write(richFlow()).ok);

    Autosave second;
    const FileResult refused = second.claim(path);
    QVERIFY(!refused.ok);
    QVERIFY(!second.isClaimed());
    const QString recovery = DocumentFile::recoveryFileFor(path);
    QCOMPARE(refused.message, QStringLiteral("Cannot autosave to %1: another evflow studio is "
                                             "using it (lock file %2)")
                                  .arg(recovery, DocumentFile::lockFileFor(recovery)));
    QVERIFY(!second.write(Flow{}).ok);
    QCOMPARE(readAll(recovery).toStdString(), serializeFlow(richFlow())); // untouched

    first.release(/*discard=*/true);
    QVERIFY(!QFile::exists(recovery));
    QVERIFY(second.claim(path).ok); // free again
}

void TestDocumentFile::staleLockOfCrashedStudioIsTakenOver()
{
    const QString path = m_dir.filePath("crashed.evflow.json");
    const QString recovery = DocumentFile::recoveryFileFor(path);
    QVERIFY(writeAll(recovery, QByteArray::fromStdString(serializeFlow(richFlow()))));
    // A lock file naming a process that has ended, as a crashed studio leaves it.
    QProcess finished;
    finished.start("true", {});
    QVERIFY(finished.waitForStarted());
    const qint64 pid = finished.processId(); // 0 once it has finished
    QVERIFY(pid > 0);
    QVERIFY(finished.waitForFinished());
    const QByteArray lock = QByteArray::number(pid) + '\n'
                            + QCoreApplication::applicationName().toUtf8() + '\n'
                            + QSysInfo::machineHostName().toUtf8() + '\n';
    QVERIFY(writeAll(DocumentFile::lockFileFor(recovery), lock));

    QVERIFY(DocumentFile::hasRecovery(path));
    Autosave autosave;
    const FileResult claimed = autosave.claim(path);
    QVERIFY2(claimed.ok, qPrintable(claimed.message));
}

QTEST_MAIN(TestDocumentFile)
#include "TestDocumentFile.moc"
