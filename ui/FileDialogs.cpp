#include "ui/FileDialogs.h"

#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace evflow::ui {

QString flowFileFilter()
{
    return QtFileDialogs::tr("Flow files (*.evflow.json *.json)");
}

QString withFlowSuffix(const QString &path)
{
    if (path.isEmpty() || path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return path;
    return path + QStringLiteral(".evflow.json");
}

QString QtFileDialogs::openFileName(QWidget *parent, const QString &dir)
{
    return QFileDialog::getOpenFileName(parent, tr("Open Flow"), dir, flowFileFilter());
}

QString QtFileDialogs::saveFileName(QWidget *parent, const QString &suggested)
{
    // The dialog asks before overwriting the name typed; a suffix added afterwards could hide
    // an existing file, which is why the suggestion already carries it.
    return withFlowSuffix(
        QFileDialog::getSaveFileName(parent, tr("Save Flow As"), suggested, flowFileFilter()));
}

QString QtFileDialogs::exportFileName(QWidget *parent, const QString &title,
                                      const QString &suggested, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

QString QtFileDialogs::importFileName(QWidget *parent, const QString &title, const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, title, {}, filter);
}

FileDialogs::UnsavedAnswer QtFileDialogs::askUnsavedChanges(QWidget *parent,
                                                            const QString &fileName)
{
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("The flow “%1” has unsaved changes.").arg(fileName),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setInformativeText(tr("Do you want to save them?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save: return UnsavedAnswer::Save;
    case QMessageBox::Discard: return UnsavedAnswer::Discard;
    default: return UnsavedAnswer::Cancel;
    }
}

bool QtFileDialogs::askRevert(QWidget *parent, const QString &fileName)
{
    QMessageBox box(QMessageBox::Question, tr("Revert"),
                    tr("Discard your changes to “%1” and reload it from disk?").arg(fileName),
                    QMessageBox::Cancel, parent);
    QPushButton *revert = box.addButton(tr("&Revert"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == revert;
}

bool QtFileDialogs::askRecover(QWidget *parent, const QString &fileName, const QDateTime &when)
{
    QMessageBox box(
        QMessageBox::Question, tr("Recover Unsaved Changes"),
        tr("evflow studio did not close cleanly while “%1” had unsaved changes.").arg(fileName),
        QMessageBox::NoButton, parent);
    box.setInformativeText(tr("The changes autosaved at %1 can be restored.")
                               .arg(QLocale().toString(when, QLocale::ShortFormat)));
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    return box.clickedButton() == restore;
}

void QtFileDialogs::showError(QWidget *parent, const QString &title, const QString &message)
{
    QMessageBox::warning(parent, title, message);
}

} // namespace evflow::ui
