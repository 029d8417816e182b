// The studio's file handling as the user meets it: open, save, save as, revert, the window
// title, the close question, recent files, examples, drops, and autosave with the recovery
// offered after a crash. Every question is answered by a scripted FileDialogs.

#include "model/FlowFile.h"
#include "ui/Autosave.h"
#include "ui/DocumentFile.h"
#include "ui/Examples.h"
#include "ui/FileActions.h"

#include "ui/FileDialogs.h"
#include "ui/FlowDocument.h"
#include "ui/RecentFiles.h"

#include "support/FileBytes.h"
#include "support/ScriptedDialogs.h"

#include <QAction>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QWidget>
#include <QtTest>

#include <memory>

using namespace evflow;
using ui::DocumentFile;
using ui::FileActions;
using ui::FileDialogs;
using ui::FlowDocument;

using ui::testing::readAll;
using ui::testing::ScriptedDialogs;
using ui::testing::writeAll;

namespace {

QString examplePath(const QString &name)
{
    return QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/") + name;
}

model::Flow parse(const QByteArray &bytes)
{
    model::LoadResult loaded = model::parseFlow(std::string_view(bytes.constData(), bytes.size()));
    return loaded.flow.value_or(model::Flow{});
}

/// One studio window: a document, its window and its file actions.
struct Studio
{
    Studio(ScriptedDialogs *dialogs, QSettings *settings)
        : actions(std::make_unique<FileActions>(&doc, &window, dialogs, settings))
    {
    }
    FlowDocument doc;
    QWidget window;
    std::unique_ptr<FileActions> actions;
};

} // namespace

class TestFileActions : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void openShowsNameAndCleanState();
    void editMarksWindowModified();
    void saveWritesCanonicalBytes();
    void unchangedSaveLeavesTheFile();
    void failedSaveKeepsDocumentDirtyAndOldFile();
    void maybeSaveFollowsTheAnswer_data();
    void maybeSaveFollowsTheAnswer();
    void untitledSaveAsksForAPath();
    void openAsksForAFileAfterTheDialog();
    void revertReloadsAfterConfirmation();
    void loadErrorShowsPlaceAndChangesNothing();
    void recentFilesOrderLimitAndDedupe();
    void recentMenuDropsMissingFiles();
    void autosaveWritesTheRecoveryFile();
    void undoToCleanDiscardsTheRecoveryFile();
    void crashLeavesWorkThatOpenOffers_data();
    void crashLeavesWorkThatOpenOffers();
    void startupOffersUntitledRecovery();
    void closeCleanlyDiscardsTheRecoveryFile();
    void claimHeldByAnotherStudioIsReportedOnce();
    void dropOfAFlowFileOpensIt();
    void examplesAreListedAndOpenUntitled();
    void actionsHaveStandardKeysAndTips();
    void saveAsSuffix();

private:
    QString copyExample(const QString &name = QStringLiteral("order-pipeline.evflow.json"));
    void edit(FlowDocument &doc);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_recovery;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ScriptedDialogs> m_dialogs;
    std::unique_ptr<Studio> m_studio;
};

void TestFileActions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_recovery = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(m_recovery->isValid());
    DocumentFile::setRecoveryDirectory(m_recovery->path());
    m_settings = std::make_unique<QSettings>(m_dir->filePath("settings.ini"), QSettings::IniFormat);
    m_dialogs = std::make_unique<ScriptedDialogs>();
    m_studio = std::make_unique<Studio>(m_dialogs.get(), m_settings.get());
}

void TestFileActions::cleanup()
{
    m_studio.reset();
    m_dialogs.reset();
    m_settings.reset();
    m_recovery.reset();
    m_dir.reset();
}

QString TestFileActions::copyExample(const QString &name)
{
    const QString path = m_dir->filePath(name);
    QFile::remove(path);
    return QFile::copy(examplePath(name), path) ? path : QString();
}

void TestFileActions::edit(FlowDocument &doc)
{
    QVERIFY(!doc.flow().nodes.empty());
    QVERIFY(doc.setLabel(doc.flow().nodes.front().id, "edited in a test").ok);
}

void TestFileActions::openShowsNameAndCleanState()
{
    QWidget &window = m_studio->window;
    QCOMPARE(window.windowTitle(), QStringLiteral("untitled.evflow.json[*] — evflow studio"));
    const QString path = copyExample();
    QSignalSpy status(m_studio->actions.get(), &FileActions::statusMessage);
    QVERIFY(m_studio->actions->openPath(path));
    QCOMPARE(window.windowTitle(), QStringLiteral("order-pipeline.evflow.json[*] — evflow studio"));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(m_studio->doc.filePath(), path);
    QVERIFY(m_studio->doc.flow() == parse(readAll(path)));
    QCOMPARE(m_studio->actions->recentFiles()->paths(), QStringList{path});
    QVERIFY(!m_studio->actions->saveAction()->isEnabled());
    QVERIFY(!m_studio->actions->revertAction()->isEnabled());
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.at(0).at(0).toString(), "Opened " + path);
    QVERIFY(m_dialogs->asked.isEmpty()); // nothing unsaved, no recovery: no question
}

void TestFileActions::editMarksWindowModified()
{
    QVERIFY(m_studio->actions->openPath(copyExample()));
    edit(m_studio->doc);
    QVERIFY(m_studio->window.isWindowModified());
    QVERIFY(m_studio->actions->saveAction()->isEnabled());
    QVERIFY(m_studio->actions->revertAction()->isEnabled());
    m_studio->doc.undoStack()->undo();
    QVERIFY(!m_studio->window.isWindowModified());
}

void TestFileActions::saveWritesCanonicalBytes()
{
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    edit(m_studio->doc);
    QSignalSpy status(m_studio->actions.get(), &FileActions::statusMessage);
    QVERIFY(m_studio->actions->save());
    QVERIFY(!m_studio->doc.isDirty());
    QVERIFY(!m_studio->window.isWindowModified());
    QCOMPARE(readAll(path).toStdString(), model::serializeFlow(m_studio->doc.flow()));
    QVERIFY(parse(readAll(path)) == m_studio->doc.flow());
    QCOMPARE(status.last().at(0).toString(), "Saved " + path);
    QVERIFY(m_dialogs->errors.isEmpty());
}

void TestFileActions::unchangedSaveLeavesTheFile()
{
    const QString path = copyExample();
    const QByteArray original = readAll(path);
    // An old time stamp, so that any rewrite would show.
    const QDateTime old = QDateTime::currentDateTime().addDays(-400);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
    }
    const QDateTime stamped = QFileInfo(path).lastModified();

    QVERIFY(m_studio->actions->openPath(path));
    QVERIFY(m_studio->actions->save());
    QCOMPARE(readAll(path), original);
    QCOMPARE(QFileInfo(path).lastModified(), stamped);

    // save -> open -> save is byte-identical.
    const QString copy = m_dir->filePath("copy.evflow.json");
    m_dialogs->saveAnswer = copy;
    QVERIFY(m_studio->actions->saveAs());
    QCOMPARE(m_studio->doc.filePath(), copy);
    QVERIFY(m_studio->actions->openPath(copy));
    QVERIFY(m_studio->actions->save());
    QCOMPARE(readAll(copy), original);
    QCOMPARE(QFileInfo(path).lastModified(), stamped);
}

void TestFileActions::failedSaveKeepsDocumentDirtyAndOldFile()
{
    const QString folder = m_dir->filePath("readonly");
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + "/flow.evflow.json";
    QVERIFY(QFile::copy(examplePath("order-pipeline.evflow.json"), path));
    const QByteArray old = readAll(path);
    QVERIFY(m_studio->actions->openPath(path));
    edit(m_studio->doc);

    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    const std::unique_ptr<const QString, void (*)(const QString *)> writable(
        &folder, [](const QString *f) {
            QFile::setPermissions(*f, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        });
    // Root ignores the permissions: then save as into a "folder" that is a regular file, which
    // fails for everyone.
    const bool enforced = !writeAll(folder + "/probe", "x");
    QString target = path;
    bool saved = false;
    if (enforced) {
        saved = m_studio->actions->save();
    } else {
        QFile::remove(folder + "/probe");
        target = path + "/flow.evflow.json";
        m_dialogs->saveAnswer = target;
        saved = m_studio->actions->saveAs();
    }
    QVERIFY(!saved);
    QCOMPARE(m_dialogs->errors.size(), 1);
    QVERIFY2(m_dialogs->errors.constFirst().contains("Cannot save " + target + ": "),
             qPrintable(m_dialogs->errors.constFirst()));
    QVERIFY(m_studio->doc.isDirty());
    QVERIFY(m_studio->window.isWindowModified());
    QCOMPARE(m_studio->doc.filePath(), path);
    QCOMPARE(readAll(path), old);
}

void TestFileActions::maybeSaveFollowsTheAnswer_data()
{
    QTest::addColumn<FileDialogs::UnsavedAnswer>("answer");
    QTest::addColumn<bool>("result");
    QTest::addColumn<bool>("saved");
    QTest::newRow("cancel") << FileDialogs::UnsavedAnswer::Cancel << false << false;
    QTest::newRow("discard") << FileDialogs::UnsavedAnswer::Discard << true << false;
    QTest::newRow("save") << FileDialogs::UnsavedAnswer::Save << true << true;
}

void TestFileActions::maybeSaveFollowsTheAnswer()
{
    QFETCH(FileDialogs::UnsavedAnswer, answer);
    QFETCH(bool, result);
    QFETCH(bool, saved);
    const QString path = copyExample();
    const QByteArray old = readAll(path);
    QVERIFY(m_studio->actions->openPath(path));
    QVERIFY(m_studio->actions->maybeSave()); // clean: nothing to ask
    QVERIFY(m_dialogs->asked.isEmpty());

    edit(m_studio->doc);
    m_dialogs->unsavedAnswer = answer;
    QCOMPARE(m_studio->actions->maybeSave(), result);
    QCOMPARE(m_dialogs->asked, QStringList{"unsaved order-pipeline.evflow.json"});
    QCOMPARE(m_studio->doc.isDirty(), !saved);
    QCOMPARE(readAll(path) != old, saved);
}

void TestFileActions::untitledSaveAsksForAPath()
{
    QVERIFY(m_studio->actions->openExample(":/examples/order-pipeline.evflow.json"));
    edit(m_studio->doc);
    QVERIFY(!m_studio->actions->save()); // the save dialog was cancelled
    QCOMPARE(m_dialogs->asked.size(), 1);
    QVERIFY2(m_dialogs->asked.constFirst().endsWith("/order-pipeline.evflow.json"),
             qPrintable(m_dialogs->asked.constFirst()));
    QVERIFY(m_studio->doc.isDirty());

    const QString path = m_dir->filePath("mine.evflow.json");
    m_dialogs->saveAnswer = path;
    QVERIFY(m_studio->actions->save());
    QCOMPARE(m_studio->doc.filePath(), path);
    QVERIFY(!m_studio->doc.isDirty());
    QCOMPARE(m_studio->window.windowTitle(), QStringLiteral("mine.evflow.json[*] — evflow studio"));
    QCOMPARE(readAll(path).toStdString(), model::serializeFlow(m_studio->doc.flow()));
    QCOMPARE(m_studio->actions->recentFiles()->paths(), QStringList{path});
}

void TestFileActions::openAsksForAFileAfterTheDialog()
{
    const QString path = copyExample();
    QVERIFY(!m_studio->actions->open()); // dialog cancelled
    QCOMPARE(m_studio->doc.filePath(), QString());
    m_dialogs->openAnswer = path;
    m_studio->actions->openAction()->trigger();
    QCOMPARE(m_studio->doc.filePath(), path);
    QCOMPARE(m_dialogs->asked.size(), 2);
    QVERIFY(m_dialogs->asked.at(1).startsWith("open "));
}

void TestFileActions::revertReloadsAfterConfirmation()
{
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    const model::Flow onDisk = m_studio->doc.flow();
    QVERIFY(!m_studio->actions->revert()); // clean: nothing to revert, nothing asked
    QVERIFY(m_dialogs->asked.isEmpty());

    edit(m_studio->doc);
    QVERIFY(!m_studio->actions->revert());
    QCOMPARE(m_dialogs->asked, QStringList{"revert order-pipeline.evflow.json"});
    QVERIFY(m_studio->doc.isDirty());

    m_dialogs->revertAnswer = true;
    QVERIFY(m_studio->actions->revert());
    QVERIFY(!m_studio->doc.isDirty());
    QVERIFY(m_studio->doc.flow() == onDisk);
    QCOMPARE(m_studio->doc.filePath(), path);
}

void TestFileActions::loadErrorShowsPlaceAndChangesNothing()
{
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    edit(m_studio->doc);
    const model::Flow before = m_studio->doc.flow();
    const QString title = m_studio->window.windowTitle();

    const QString broken = m_dir->filePath("broken.evflow.json");
    QVERIFY(writeAll(broken, "{\n  \"formatVersion\": 2,\n  \"nodes\": [\n}\n"));
    m_dialogs->unsavedAnswer = FileDialogs::UnsavedAnswer::Discard;
    QVERIFY(!m_studio->actions->openPath(broken));
    QCOMPARE(m_dialogs->errors.size(), 1);
    QVERIFY2(m_dialogs->errors.constFirst().contains(broken + ":4:1: error: "),
             qPrintable(m_dialogs->errors.constFirst()));
    QVERIFY(m_studio->doc.flow() == before);
    QVERIFY(m_studio->doc.isDirty());
    QCOMPARE(m_studio->doc.filePath(), path);
    QCOMPARE(m_studio->window.windowTitle(), title);
    QCOMPARE(m_studio->actions->recentFiles()->paths(), QStringList{path});
}

void TestFileActions::recentFilesOrderLimitAndDedupe()
{
    ui::RecentFiles recent(m_settings.get());
    QStringList added;
    for (int i = 0; i < 12; ++i) {
        added.prepend(m_dir->filePath(QStringLiteral("f%1.evflow.json").arg(i)));
        recent.add(added.constFirst());
    }
    QCOMPARE(recent.paths(), added.mid(0, ui::RecentFiles::kMaxCount));
    recent.add(added.at(5));
    QCOMPARE(recent.paths().size(), ui::RecentFiles::kMaxCount);
    QCOMPARE(recent.paths().constFirst(), added.at(5));
    QCOMPARE(recent.paths().count(added.at(5)), 1);

    // Relative paths are stored absolute; the list survives in the settings.
    const QString relative = QDir::current().relativeFilePath(m_dir->filePath("rel.evflow.json"));
    recent.add(relative);
    QCOMPARE(recent.paths().constFirst(), m_dir->filePath("rel.evflow.json"));
    QCOMPARE(ui::RecentFiles(m_settings.get()).paths(), recent.paths());
    recent.clear();
    QVERIFY(recent.paths().isEmpty());
}

void TestFileActions::recentMenuDropsMissingFiles()
{
    ui::RecentFiles recent(m_settings.get());
    const QString kept = copyExample("iot-sensors.evflow.json");
    const QString gone = m_dir->filePath("gone.evflow.json");
    QVERIFY(writeAll(gone, "{}"));
    recent.add(kept);
    recent.add(gone);
    QVERIFY(QFile::remove(gone));

    QMenu menu;
    recent.fillMenu(&menu);
    QCOMPARE(recent.paths(), QStringList{kept});
    const QList<QAction *> entries = menu.actions();
    QCOMPARE(entries.size(), 3); // the file, a separator, Clear
    QCOMPARE(entries.at(0)->text(), QStringLiteral("&1 iot-sensors.evflow.json"));
    QCOMPARE(entries.at(0)->toolTip(), kept);
    QVERIFY(entries.at(1)->isSeparator());
    QCOMPARE(entries.at(2)->text(), QStringLiteral("&Clear Recent Files"));

    QSignalSpy requested(&recent, &ui::RecentFiles::openRequested);
    entries.at(0)->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), kept);
    entries.at(2)->trigger();
    QVERIFY(recent.paths().isEmpty());
}

void TestFileActions::autosaveWritesTheRecoveryFile()
{
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    m_studio->actions->setAutosaveInterval(20);
    const QString recovery = DocumentFile::recoveryFileFor(path);
    QVERIFY(!QFile::exists(recovery));
    edit(m_studio->doc);
    QTRY_VERIFY(QFile::exists(recovery));
    QVERIFY(parse(readAll(recovery)) == m_studio->doc.flow());
    QVERIFY(m_studio->doc.isDirty()); // autosave is no save
    QVERIFY(readAll(path) == readAll(examplePath("order-pipeline.evflow.json")));

    QVERIFY(m_studio->actions->save());
    QVERIFY(!QFile::exists(recovery)); // saved: nothing left to recover
}

void TestFileActions::undoToCleanDiscardsTheRecoveryFile()
{
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    m_studio->actions->setAutosaveInterval(20);
    edit(m_studio->doc);
    const QString recovery = DocumentFile::recoveryFileFor(path);
    QTRY_VERIFY(QFile::exists(recovery));
    m_studio->doc.undoStack()->undo();
    QVERIFY(!QFile::exists(recovery));
}

void TestFileActions::crashLeavesWorkThatOpenOffers_data()
{
    QTest::addColumn<bool>("restore");
    QTest::newRow("restore") << true;
    QTest::newRow("discard") << false;
}

void TestFileActions::crashLeavesWorkThatOpenOffers()
{
    QFETCH(bool, restore);
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    m_studio->actions->setAutosaveInterval(20);
    edit(m_studio->doc);
    const model::Flow edited = m_studio->doc.flow();
    const QString recovery = DocumentFile::recoveryFileFor(path);
    QTRY_VERIFY(QFile::exists(recovery) && parse(readAll(recovery)) == edited);

    m_studio.reset(); // the "crash": no closeCleanly(); the lock goes with the Autosave
    QVERIFY(DocumentFile::hasRecovery(path));
    const QDateTime autosaved = QFileInfo(recovery).lastModified();

    Studio next(m_dialogs.get(), m_settings.get());
    m_dialogs->recoverAnswer = restore;
    QVERIFY(next.actions->openPath(path));
    QCOMPARE(m_dialogs->asked, QStringList{"recover order-pipeline.evflow.json"});
    QCOMPARE(m_dialogs->recoverWhen, autosaved);
    QCOMPARE(next.doc.filePath(), path);
    if (restore) {
        QVERIFY(next.doc.flow() == edited);
        QVERIFY(next.doc.isDirty());
        QVERIFY(next.window.isWindowModified());
        QVERIFY(QFile::exists(recovery)); // still unsaved work
    } else {
        QVERIFY(next.doc.flow() == parse(readAll(path)));
        QVERIFY(!next.doc.isDirty());
        QVERIFY(!QFile::exists(recovery));
    }
}

void TestFileActions::startupOffersUntitledRecovery()
{
    m_studio.reset();
    const model::Flow work = parse(readAll(examplePath("iot-sensors.evflow.json")));
    {
        ui::Autosave crashed;
        QVERIFY(crashed.claim({}).ok);
        QVERIFY(crashed.write(work).ok);
    }
    Studio declined(m_dialogs.get(), m_settings.get());
    declined.actions->startupRecovery();
    QCOMPARE(m_dialogs->asked, QStringList{"recover untitled.evflow.json"});
    QVERIFY(declined.doc.flow().nodes.empty());
    QVERIFY(!QFile::exists(DocumentFile::recoveryFileFor({})));

    declined.actions.reset(); // releases its claim on the untitled recovery file
    {
        ui::Autosave crashed;
        QVERIFY(crashed.claim({}).ok);
        QVERIFY(crashed.write(work).ok);
    }
    Studio restored(m_dialogs.get(), m_settings.get());
    m_dialogs->recoverAnswer = true;
    restored.actions->startupRecovery();
    QCOMPARE(m_dialogs->asked.size(), 2);
    QVERIFY(restored.doc.flow() == work);
    QVERIFY(restored.doc.isDirty());
    QCOMPARE(restored.doc.filePath(), QString());
}

void TestFileActions::closeCleanlyDiscardsTheRecoveryFile()
{
    const QString path = copyExample();
    QVERIFY(m_studio->actions->openPath(path));
    m_studio->actions->setAutosaveInterval(20);
    edit(m_studio->doc);
    const QString recovery = DocumentFile::recoveryFileFor(path);
    QTRY_VERIFY(QFile::exists(recovery));
    m_dialogs->unsavedAnswer = FileDialogs::UnsavedAnswer::Discard;
    QVERIFY(m_studio->actions->maybeSave());
    m_studio->actions->closeCleanly();
    QVERIFY(!QFile::exists(recovery));
    m_studio.reset();
    QVERIFY(!DocumentFile::hasRecovery(path));
}

void TestFileActions::claimHeldByAnotherStudioIsReportedOnce()
{
    const QString path = copyExample();
    ui::Autosave other; // another studio editing the same file
    QVERIFY(other.claim(path).ok);
    QVERIFY(other.write(parse(readAll(path))).ok);
    const QByteArray theirs = readAll(other.recoveryFile());

    QSignalSpy status(m_studio->actions.get(), &FileActions::statusMessage);
    QVERIFY(m_studio->actions->openPath(path));
    m_studio->actions->setAutosaveInterval(10);
    edit(m_studio->doc);
    auto *timer = m_studio->actions->findChild<QTimer *>();
    QVERIFY(timer);
    QSignalSpy ticks(timer, &QTimer::timeout);
    QTRY_VERIFY(ticks.size() >= 3);

    QStringList lockMessages;
    for (const QList<QVariant> &args : status)
        if (args.at(0).toString().contains("another evflow studio is using it"))
            lockMessages << args.at(0).toString();
    QCOMPARE(lockMessages.size(), 1);
    QCOMPARE(readAll(other.recoveryFile()), theirs); // never overwritten
}

void TestFileActions::dropOfAFlowFileOpensIt()
{
    const QString path = copyExample("throughput.evflow.json");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QVERIFY(FileActions::canAcceptDrop(&mime));
    QVERIFY(m_studio->actions->handleDrop(&mime));
    QCOMPARE(m_studio->doc.filePath(), path);

    QMimeData remote;
    remote.setUrls({QUrl("https://example.org/flow.evflow.json")});
    QVERIFY(!FileActions::canAcceptDrop(&remote));
    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(m_dir->filePath("notes.txt"))});
    QVERIFY(!FileActions::canAcceptDrop(&text));
    QVERIFY(!m_studio->actions->handleDrop(&text));
    QVERIFY(!FileActions::canAcceptDrop(nullptr));
}

void TestFileActions::examplesAreListedAndOpenUntitled()
{
    const std::vector<ui::Example> examples = ui::shippedExamples();
    QCOMPARE(examples.size(), 3u);
    QStringList titles;
    for (const ui::Example &example : examples)
        titles << example.title;
    QCOMPARE(titles, (QStringList{"Iot sensors", "Order pipeline", "Throughput benchmark"}));
    QVERIFY(examples.at(1).description.startsWith("Orders are published on a bus"));
    QCOMPARE(examples.at(1).resourcePath, QStringLiteral(":/examples/order-pipeline.evflow.json"));

    const QList<QAction *> menuEntries = m_studio->actions->examplesMenu()->actions();
    QCOMPARE(menuEntries.size(), 3);
    QCOMPARE(menuEntries.at(1)->text(), QStringLiteral("Order pipeline"));
    menuEntries.at(1)->trigger();
    QCOMPARE(m_studio->doc.filePath(), QString());
    QVERIFY(!m_studio->doc.isDirty());
    QVERIFY(m_studio->doc.flow() == parse(readAll(examplePath("order-pipeline.evflow.json"))));

    QString error;
    QVERIFY(!ui::loadExample(":/examples/none.evflow.json", &error));
    QVERIFY2(error.startsWith(":/examples/none.evflow.json:1:1: error: "), qPrintable(error));
    QVERIFY(!m_studio->actions->openExample(":/examples/none.evflow.json"));
    QCOMPARE(m_dialogs->errors.size(), 1);
    QVERIFY(m_studio->doc.flow() == parse(readAll(examplePath("order-pipeline.evflow.json"))));
}

void TestFileActions::actionsHaveStandardKeysAndTips()
{
    const FileActions &actions = *m_studio->actions;
    const struct
    {
        QAction *action;
        const char *text;
        QKeySequence::StandardKey key;
    } expected[] = {{actions.newAction(), "&New", QKeySequence::New},
                    {actions.openAction(), "&Open…", QKeySequence::Open},
                    {actions.saveAction(), "&Save", QKeySequence::Save}};
    for (const auto &e : expected) {
        QCOMPARE(e.action->text(), QString::fromUtf8(e.text));
        QVERIFY(!e.action->shortcut().isEmpty());
        QCOMPARE(e.action->shortcut(), QKeySequence::keyBindings(e.key).value(0));
        QVERIFY2(
            e.action->toolTip().contains(e.action->shortcut().toString(QKeySequence::NativeText)),
            qPrintable(e.action->toolTip()));
    }
    QCOMPARE(actions.saveAsAction()->text(), QStringLiteral("Save &As…"));
    QVERIFY(!actions.saveAsAction()->shortcut().isEmpty());
    QCOMPARE(actions.revertAction()->text(), QStringLiteral("Re&vert"));
    QCOMPARE(actions.recentMenu()->title(), QStringLiteral("Open &Recent"));
    QCOMPARE(actions.examplesMenu()->title(), QStringLiteral("&Examples"));
}

void TestFileActions::saveAsSuffix()
{
    QCOMPARE(ui::withFlowSuffix("/a/flow"), QStringLiteral("/a/flow.evflow.json"));
    QCOMPARE(ui::withFlowSuffix("/a/flow.evflow.json"), QStringLiteral("/a/flow.evflow.json"));
    QCOMPARE(ui::withFlowSuffix("/a/flow.JSON"), QStringLiteral("/a/flow.JSON"));
    QCOMPARE(ui::withFlowSuffix({}), QString());
}

QTEST_MAIN(TestFileActions)
#include "TestFileActions.moc"
