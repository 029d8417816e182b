#pragma once

#include "model/Flow.h"
#include "ui/Autosave.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
class QMimeData;
class QSettings;
class QTimer;
class QWidget;
QT_END_NAMESPACE

namespace evflow::ui {

class FileDialogs;
class FlowDocument;
class RecentFiles;

/// Everything about files in the studio for one document and its window: new, open (dialog,
/// recent files, examples, command line, drop), save, save as, revert, the "name[*]" window
/// title, the unsaved-changes question on close, and the autosave into a recovery file that is
/// offered again after a crash. All questions go through FileDialogs; failures are shown with
/// FileDialogs::showError (they follow a user action), autosave trouble only via
/// statusMessage() (it happens during editing, where no dialog may interrupt).
///
/// The main window adds the actions and menus, calls maybeSave() then closeCleanly() from
/// closeEvent, startupRecovery() once at start (when no file is opened from the command line),
/// and canAcceptDrop()/handleDrop() from its drag and drop events. GUI thread only.
class FileActions : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultAutosaveIntervalMs = 30'000;

    /// `doc` and `window` must outlive this object (it becomes a child of `window`).
    /// `dialogs` (not owned) defaults to QtFileDialogs; `settings` (not owned) holds the recent
    /// files and defaults to the application's QSettings.
    FileActions(FlowDocument *doc, QWidget *window, FileDialogs *dialogs = nullptr,
                QSettings *settings = nullptr);
    ~FileActions() override;

    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QAction *revertAction() const { return m_revert; }
    /// "Open &Recent": rebuilt each time it is shown (missing files are dropped then).
    QMenu *recentMenu() const { return m_recentMenu.get(); }
    /// "&Examples": the shipped examples, each opening as an untitled document.
    QMenu *examplesMenu() const { return m_examplesMenu.get(); }
    RecentFiles *recentFiles() const { return m_recent.get(); }
    /// The questions and file choosers in use (scripted in tests): other panels ask through them.
    FileDialogs *dialogs() const { return m_dialogs; }

    /// Asks to save unsaved changes, then opens `path`; offers its recovery file when one was
    /// left by a crash. On a load error shows the loader's "PATH:LINE:COLUMN: error: ..."
    /// message and changes nothing. True when the document now holds the file.
    bool openPath(const QString &path);
    /// Asks for a file, then openPath() (which asks about unsaved changes).
    bool open();
    /// Asks to save unsaved changes, then starts an empty untitled flow.
    bool newFlow();
    /// Saves to the document's file; an untitled document goes to saveAs(). On failure shows the
    /// message (path and reason) and the document stays dirty.
    bool save();
    /// Asks for a path and saves there; the document then belongs to that path.
    bool saveAs();
    /// After confirmation, reloads the document's file, dropping the unsaved changes. Needs a
    /// path and a dirty document.
    bool revert();
    /// Asks to save unsaved changes, then opens the example as an untitled, clean document.
    bool openExample(const QString &resourcePath);
    /// The close question: true when there is nothing unsaved, or it was saved (Save) or may be
    /// thrown away (Discard); false on Cancel or when the save failed.
    bool maybeSave();
    /// Called once at start for the untitled document: offers the untitled recovery file left
    /// by a studio that crashed, then starts autosaving.
    void startupRecovery();
    /// Called after maybeSave() succeeded on close: stops autosaving and deletes the recovery
    /// file, so the next start offers nothing.
    void closeCleanly();

    /// True when `mime` carries a local flow file (*.json) the window may accept.
    static bool canAcceptDrop(const QMimeData *mime);
    /// Opens the first local flow file in `mime` (openPath()).
    bool handleDrop(const QMimeData *mime);

    /// How often unsaved changes are written to the recovery file (tests shorten it).
    void setAutosaveInterval(int ms);
    int autosaveInterval() const;

signals:
    /// A short message for the status bar ("Saved /path", autosave trouble).
    void statusMessage(const QString &message);

private:
    void createActions();
    void createMenus();
    void connectDocument();
    void updateTitle();
    void updateActions();
    bool saveTo(const QString &path);
    QString suggestedSavePath() const;
    /// Replaces the document after the old one's recovery file was discarded.
    void replaceDocument(model::Flow flow, const QString &path, bool recovered);
    /// The recovered flow when a crash left a recovery file for `path` and the user wants it;
    /// declined ones are discarded.
    std::optional<model::Flow> offerRecovery(const QString &path);
    void claimRecovery();
    void restartRecovery();
    void autosaveNow();
    void reportAutosaveTrouble(const QString &message);

    FlowDocument *m_doc = nullptr;
    QWidget *m_window = nullptr;
    std::unique_ptr<FileDialogs> m_ownDialogs;
    FileDialogs *m_dialogs = nullptr;
    std::unique_ptr<RecentFiles> m_recent;
    std::unique_ptr<QMenu> m_recentMenu;
    std::unique_ptr<QMenu> m_examplesMenu;
    QAction *m_new = nullptr;
    QAction *m_open = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_revert = nullptr;
    QTimer *m_autosaveTimer = nullptr;
    Autosave m_autosave;
    bool m_changedSinceAutosave = false;
    QString m_lastAutosaveTrouble; ///< reported once, not at every tick
};

} // namespace evflow::ui
