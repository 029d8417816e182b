#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace evflow::ui {

/// Every question the file actions ask the user, behind one interface so that tests script the
/// answers and never show a modal dialog. All of them are user-initiated (open, save, close, a
/// recovery offered at open): none is asked during normal editing. GUI thread only.
class FileDialogs
{
public:
    enum class UnsavedAnswer { Save, Discard, Cancel };

    virtual ~FileDialogs() = default;

    /// The flow file to open, starting in `dir`; empty when cancelled.
    virtual QString openFileName(QWidget *parent, const QString &dir) = 0;
    /// The path to save to, proposing `suggested`; empty when cancelled. The result ends in
    /// ".json" (withFlowSuffix()).
    virtual QString saveFileName(QWidget *parent, const QString &suggested) = 0;
    /// The document `fileName` has unsaved changes: save them, throw them away, or stop.
    virtual UnsavedAnswer askUnsavedChanges(QWidget *parent, const QString &fileName) = 0;
    /// True to throw the unsaved changes away and reload `fileName` from disk.
    virtual bool askRevert(QWidget *parent, const QString &fileName) = 0;
    /// True to restore the unsaved changes to `fileName` autosaved at `when` by a studio that
    /// did not close cleanly; false discards them.
    virtual bool askRecover(QWidget *parent, const QString &fileName, const QDateTime &when) = 0;
    /// Reports a failed open or save; `message` names the path and the reason.
    virtual void showError(QWidget *parent, const QString &title, const QString &message) = 0;
    /// A file to write an export to (CSV, PNG, report JSON, AsyncAPI, event lines), titled
    /// `title`, proposing `suggested`, offering `filter` ("PNG images (*.png)"); empty when
    /// cancelled. Unlike saveFileName() no flow suffix is added. By default (test doubles) the
    /// answer of saveFileName().
    virtual QString exportFileName(QWidget *parent, const QString &title, const QString &suggested,
                                   const QString &filter)
    {
        Q_UNUSED(title)
        Q_UNUSED(filter)
        return saveFileName(parent, suggested);
    }
    /// A file to read that is not a flow (an AsyncAPI document to import); empty when cancelled.
    /// By default (test doubles) the answer of openFileName().
    virtual QString importFileName(QWidget *parent, const QString &title, const QString &filter)
    {
        Q_UNUSED(title)
        Q_UNUSED(filter)
        return openFileName(parent, {});
    }
};

/// The real dialogs: QFileDialog and QMessageBox.
class QtFileDialogs : public FileDialogs
{
    Q_DECLARE_TR_FUNCTIONS(QtFileDialogs)
public:
    QString openFileName(QWidget *parent, const QString &dir) override;
    QString saveFileName(QWidget *parent, const QString &suggested) override;
    UnsavedAnswer askUnsavedChanges(QWidget *parent, const QString &fileName) override;
    bool askRevert(QWidget *parent, const QString &fileName) override;
    bool askRecover(QWidget *parent, const QString &fileName, const QDateTime &when) override;
    void showError(QWidget *parent, const QString &title, const QString &message) override;
    QString exportFileName(QWidget *parent, const QString &title, const QString &suggested,
                           const QString &filter) override;
    QString importFileName(QWidget *parent, const QString &title, const QString &filter) override;
};

/// The file-dialog filter for flow files.
QString flowFileFilter();
/// `path` with ".evflow.json" appended unless it already ends in ".json" (any case); empty
/// stays empty.
QString withFlowSuffix(const QString &path);

} // namespace evflow::ui
