#include "ui/FileActions.h"

#include "ui/DocumentFile.h"
#include "ui/Examples.h"
#include "ui/FileDialogs.h"
#include "ui/FlowDocument.h"
#include "ui/RecentFiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QWidget>

namespace evflow::ui {
namespace {

/// The tooltip names the key, so the shortcut can be learnt from hovering the toolbar.
void setShortcutAndTip(QAction *action, const QKeySequence &key, const QString &tip)
{
    action->setShortcut(key);
    action->setStatusTip(tip);
    action->setToolTip(
        key.isEmpty() ? tip
                      : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
}

/// The platform's key, or `fallback` on platforms (e.g. offscreen) that bind none.
QKeySequence standardKey(QKeySequence::StandardKey key, const QKeySequence &fallback = {})
{
    const QList<QKeySequence> bindings = QKeySequence::keyBindings(key);
    return bindings.isEmpty() ? fallback : bindings.constFirst();
}

QString localFlowFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile()
            && url.toLocalFile().endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
            return url.toLocalFile();
    }
    return {};
}

/// "order pipeline" -> "order-pipeline": a file name proposed for an untitled flow.
QString fileStem(const std::string &flowName)
{
    QString stem;
    for (const QChar c : QString::fromStdString(flowName).toLower())
        stem += c.isLetterOrNumber() ? c : QLatin1Char('-');
    return stem.isEmpty() ? QStringLiteral("untitled") : stem;
}

} // namespace

FileActions::FileActions(FlowDocument *doc, QWidget *window, FileDialogs *dialogs,
                         QSettings *settings)
    : QObject(window)
    , m_doc(doc)
    , m_window(window)
    , m_dialogs(dialogs)
    , m_recent(std::make_unique<RecentFiles>(settings))
    , m_autosaveTimer(new QTimer(this))
{
    if (!m_dialogs) {
        m_ownDialogs = std::make_unique<QtFileDialogs>();
        m_dialogs = m_ownDialogs.get();
    }
    createActions();
    createMenus();
    connectDocument();
    connect(m_autosaveTimer, &QTimer::timeout, this, &FileActions::autosaveNow);
    m_autosaveTimer->start(kDefaultAutosaveIntervalMs);
    updateTitle();
    updateActions();
}

FileActions::~FileActions() = default;

void FileActions::createActions()
{
    const auto make = [this](const QString &text, const char *icon, const QKeySequence &key,
                             const QString &tip, auto slot) {
        auto *action = new QAction(QIcon::fromTheme(QLatin1String(icon)), text, this);
        setShortcutAndTip(action, key, tip);
        connect(action, &QAction::triggered, this, slot);
        m_window->addAction(action); // shortcuts work before the window puts it in a menu
        return action;
    };
    m_new = make(tr("&New"), "document-new", standardKey(QKeySequence::New), tr("Start a new flow"),
                 [this] { newFlow(); });
    m_open = make(tr("&Open…"), "document-open", standardKey(QKeySequence::Open),
                  tr("Open a flow file"), [this] { open(); });
    m_save = make(tr("&Save"), "document-save", standardKey(QKeySequence::Save),
                  tr("Save the flow"), [this] { save(); });
    m_saveAs = make(tr("Save &As…"), "document-save-as",
                    standardKey(QKeySequence::SaveAs, QKeySequence(tr("Ctrl+Shift+S"))),
                    tr("Save the flow to another file"), [this] { saveAs(); });
    m_revert = make(tr("Re&vert"), "document-revert", {},
                    tr("Throw the unsaved changes away and reload the file"), [this] { revert(); });
}

void FileActions::createMenus()
{
    m_recentMenu = std::make_unique<QMenu>(tr("Open &Recent"));
    m_recentMenu->setIcon(QIcon::fromTheme(QStringLiteral("document-open-recent")));
    connect(m_recentMenu.get(), &QMenu::aboutToShow, this,
            [this] { m_recent->fillMenu(m_recentMenu.get()); });
    // Queued: a change can come from an action of this very menu, which a rebuild deletes.
    connect(
        m_recent.get(), &RecentFiles::changed, this,
        [this] { m_recent->fillMenu(m_recentMenu.get()); }, Qt::QueuedConnection);
    connect(m_recent.get(), &RecentFiles::openRequested, this, &FileActions::openPath);
    m_recent->fillMenu(m_recentMenu.get());

    m_examplesMenu = std::make_unique<QMenu>(tr("&Examples"));
    m_examplesMenu->setToolTipsVisible(true);
    for (const Example &example : shippedExamples()) {
        QString text = example.title;
        QAction *action
            = m_examplesMenu->addAction(text.replace(QLatin1Char('&'), QLatin1String("&&")));
        action->setToolTip(example.description);
        action->setStatusTip(example.description);
        const QString path = example.resourcePath;
        connect(action, &QAction::triggered, this, [this, path] { openExample(path); });
    }
    if (m_examplesMenu->isEmpty())
        m_examplesMenu->addAction(tr("No Examples"))->setEnabled(false);
}

void FileActions::connectDocument()
{
    const auto refresh = [this] {
        updateTitle();
        updateActions();
    };
    connect(m_doc, &FlowDocument::cleanChanged, this, refresh);
    connect(m_doc, &FlowDocument::flowReset, this, refresh);
    connect(m_doc, &FlowDocument::filePathChanged, this, refresh);
    // The recovery file belongs to a path: another path (save as, open) means another file, and
    // the old one holds nothing worth keeping (saved, or discarded by the user's answer).
    connect(m_doc, &FlowDocument::filePathChanged, this, &FileActions::restartRecovery);
    // Back to the saved state (save, or undo to it): nothing left to recover.
    connect(m_doc, &FlowDocument::cleanChanged, this, [this](bool clean) {
        if (clean)
            restartRecovery();
    });
    connect(m_doc->undoStack(), &QUndoStack::indexChanged, this,
            [this] { m_changedSinceAutosave = true; });
}

void FileActions::updateTitle()
{
    m_window->setWindowTitle(tr("%1[*] — evflow studio").arg(m_doc->fileName()));
    m_window->setWindowModified(m_doc->isDirty());
}

void FileActions::updateActions()
{
    const bool untitled = m_doc->filePath().isEmpty();
    m_save->setEnabled(m_doc->isDirty() || untitled);
    m_revert->setEnabled(m_doc->isDirty() && !untitled);
}

bool FileActions::openPath(const QString &path)
{
    if (!maybeSave())
        return false;
    OpenResult opened = DocumentFile::open(path);
    if (!opened.flow) {
        if (!QFileInfo::exists(path))
            m_recent->remove(path);
        m_dialogs->showError(m_window, tr("Cannot Open Flow"), opened.message);
        return false;
    }
    // Our own recovery file for this path (if we hold it) holds changes the user just saved or
    // discarded; dropping it first also lets hasRecovery() see a crashed studio's file.
    m_autosave.release(/*discard=*/true);
    std::optional<model::Flow> recovered = offerRecovery(path);
    const bool isRecovered = recovered.has_value();
    replaceDocument(isRecovered ? std::move(*recovered) : std::move(*opened.flow), path,
                    isRecovered);
    m_recent->add(path);
    emit statusMessage(
        isRecovered ? tr("Recovered unsaved changes of %1").arg(QDir::toNativeSeparators(path))
                    : tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::open()
{
    QString dir = QFileInfo(m_doc->filePath()).absolutePath();
    if (m_doc->filePath().isEmpty())
        dir = m_recent->paths().isEmpty() ? QDir::homePath()
                                          : QFileInfo(m_recent->paths().constFirst()).path();
    // The file first, then the unsaved-changes question (in openPath): cancelling the file
    // dialog must not have cost the user a save or a discard.
    const QString path = m_dialogs->openFileName(m_window, dir);
    return !path.isEmpty() && openPath(path);
}

bool FileActions::newFlow()
{
    if (!maybeSave())
        return false;
    m_autosave.release(/*discard=*/true);
    replaceDocument(model::Flow{}, {}, false);
    emit statusMessage(tr("New flow"));
    return true;
}

bool FileActions::openExample(const QString &resourcePath)
{
    if (!maybeSave())
        return false;
    QString error;
    std::optional<model::Flow> flow = loadExample(resourcePath, &error);
    if (!flow) {
        m_dialogs->showError(m_window, tr("Cannot Open Example"), error);
        return false;
    }
    m_autosave.release(/*discard=*/true);
    const QString name = QString::fromStdString(flow->name);
    replaceDocument(std::move(*flow), {}, false);
    emit statusMessage(tr("Opened the example “%1”; save it to keep your changes").arg(name));
    return true;
}

bool FileActions::save()
{
    if (m_doc->filePath().isEmpty())
        return saveAs();
    return saveTo(m_doc->filePath());
}

bool FileActions::saveAs()
{
    const QString path = m_dialogs->saveFileName(m_window, suggestedSavePath());
    return !path.isEmpty() && saveTo(path);
}

bool FileActions::saveTo(const QString &path)
{
    if (const FileResult saved = m_doc->saveFile(path); !saved) {
        m_dialogs->showError(m_window, tr("Cannot Save Flow"), saved.message);
        return false;
    }
    m_recent->add(path);
    restartRecovery(); // saved: the recovery copy is obsolete
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

QString FileActions::suggestedSavePath() const
{
    if (!m_doc->filePath().isEmpty())
        return m_doc->filePath();
    QString dir = m_recent->paths().isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                      : QFileInfo(m_recent->paths().constFirst()).path();
    if (dir.isEmpty())
        dir = QDir::homePath();
    return dir + QLatin1Char('/') + fileStem(m_doc->flow().name) + QStringLiteral(".evflow.json");
}

bool FileActions::revert()
{
    const QString path = m_doc->filePath();
    if (path.isEmpty() || !m_doc->isDirty() || !m_dialogs->askRevert(m_window, m_doc->fileName()))
        return false;
    OpenResult opened = DocumentFile::open(path);
    if (!opened.flow) {
        m_dialogs->showError(m_window, tr("Cannot Revert"), opened.message);
        return false;
    }
    m_autosave.release(/*discard=*/true);
    replaceDocument(std::move(*opened.flow), path, false);
    emit statusMessage(tr("Reverted to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::maybeSave()
{
    if (!m_doc->isDirty())
        return true;
    switch (m_dialogs->askUnsavedChanges(m_window, m_doc->fileName())) {
    case FileDialogs::UnsavedAnswer::Save: return save();
    case FileDialogs::UnsavedAnswer::Discard: return true;
    case FileDialogs::UnsavedAnswer::Cancel: return false;
    }
    return false;
}

void FileActions::replaceDocument(model::Flow flow, const QString &path, bool recovered)
{
    m_doc->resetFlow(std::move(flow), path, recovered);
    claimRecovery(); // the path may be the same as before, so filePathChanged may not come
    // A recovered flow is unsaved work: keep it in the recovery file (rewritten at the next
    // tick, since resetting may have discarded the old copy).
    m_changedSinceAutosave = recovered;
}

std::optional<model::Flow> FileActions::offerRecovery(const QString &path)
{
    if (!DocumentFile::hasRecovery(path))
        return std::nullopt;
    OpenResult recovered = DocumentFile::openRecovery(path);
    if (!recovered.flow) {
        // Unreadable (cut short by the crash): nothing to offer, and nothing worth keeping.
        emit statusMessage(tr("Ignored an unreadable recovery file: %1").arg(recovered.message));
        DocumentFile::discardRecovery(path);
        return std::nullopt;
    }
    const QDateTime when = QFileInfo(DocumentFile::recoveryFileFor(path)).lastModified();
    const QString name = path.isEmpty() ? m_doc->fileName() : QFileInfo(path).fileName();
    if (m_dialogs->askRecover(m_window, name, when))
        return std::move(recovered.flow);
    DocumentFile::discardRecovery(path);
    return std::nullopt;
}

void FileActions::startupRecovery()
{
    if (m_autosave.isClaimed())
        m_autosave.release(/*discard=*/false); // our own lock would hide the file
    if (std::optional<model::Flow> recovered = offerRecovery(m_doc->filePath())) {
        replaceDocument(std::move(*recovered), m_doc->filePath(), true);
        emit statusMessage(tr("Recovered unsaved changes"));
        return;
    }
    claimRecovery();
}

void FileActions::closeCleanly()
{
    m_autosaveTimer->stop();
    m_autosave.release(/*discard=*/true);
}

bool FileActions::canAcceptDrop(const QMimeData *mime)
{
    return !localFlowFile(mime).isEmpty();
}

bool FileActions::handleDrop(const QMimeData *mime)
{
    const QString path = localFlowFile(mime);
    return !path.isEmpty() && openPath(path);
}

void FileActions::setAutosaveInterval(int ms)
{
    m_autosaveTimer->start(ms);
}

int FileActions::autosaveInterval() const
{
    return m_autosaveTimer->interval();
}

void FileActions::claimRecovery()
{
    const QString wanted = DocumentFile::recoveryFileFor(m_doc->filePath());
    if (m_autosave.isClaimed() && m_autosave.recoveryFile() == wanted)
        return;
    if (const FileResult claimed = m_autosave.claim(m_doc->filePath()); !claimed)
        reportAutosaveTrouble(claimed.message);
}

void FileActions::restartRecovery()
{
    m_autosave.release(/*discard=*/true);
    claimRecovery();
}

void FileActions::autosaveNow()
{
    if (!m_doc->isDirty() || !m_changedSinceAutosave)
        return;
    claimRecovery(); // a no-op unless the path changed behind our back or a claim failed
    if (!m_autosave.isClaimed())
        return;
    if (const FileResult written = m_autosave.write(m_doc->flow()); !written) {
        reportAutosaveTrouble(written.message);
        return;
    }
    m_changedSinceAutosave = false;
    m_lastAutosaveTrouble.clear();
}

void FileActions::reportAutosaveTrouble(const QString &message)
{
    if (message == m_lastAutosaveTrouble)
        return;
    m_lastAutosaveTrouble = message;
    emit statusMessage(message);
}

} // namespace evflow::ui
