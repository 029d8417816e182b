#pragma once

// FileDialogs for tests: every question is answered from a field and recorded, so no test ever
// shows a modal dialog, and a test can assert what the studio asked.

#include "ui/FileDialogs.h"

#include <QDateTime>
#include <QStringList>

namespace evflow::ui::testing {

/// Answers every question from its fields and records what was asked.
class ScriptedDialogs : public FileDialogs
{
public:
    QString openFileName(QWidget *, const QString &dir) override
    {
        asked << "open " + dir;
        return openAnswer;
    }
    QString saveFileName(QWidget *, const QString &suggested) override
    {
        asked << "save " + suggested;
        return saveAnswer;
    }
    UnsavedAnswer askUnsavedChanges(QWidget *, const QString &fileName) override
    {
        asked << "unsaved " + fileName;
        return unsavedAnswer;
    }
    bool askRevert(QWidget *, const QString &fileName) override
    {
        asked << "revert " + fileName;
        return revertAnswer;
    }
    bool askRecover(QWidget *, const QString &fileName, const QDateTime &when) override
    {
        asked << "recover " + fileName;
        recoverWhen = when;
        return recoverAnswer;
    }
    void showError(QWidget *, const QString &title, const QString &message) override
    {
        errors << title + ": " + message;
    }

    QString openAnswer;
    QString saveAnswer;
    UnsavedAnswer unsavedAnswer = UnsavedAnswer::Cancel;
    bool revertAnswer = false;
    bool recoverAnswer = false;
    QDateTime recoverWhen;
    QStringList asked;
    QStringList errors;
};

} // namespace evflow::ui::testing
