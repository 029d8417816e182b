#pragma once

#include "model/Flow.h"
#include "model/Problem.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace evflow::ui {

/// The outcome of a file operation: ok, or a message naming the path and the reason.
struct FileResult
{
    bool ok = true;
    QString message;

    explicit operator bool() const { return ok; }
    static FileResult failed(QString why) { return {false, std::move(why)}; }
};

/// A flow read from disk, or why it could not be read (`flow` empty, `message` set).
struct OpenResult
{
    std::optional<model::Flow> flow;
    model::Problems problems; ///< everything the loader reported, with line and column
    QString message;          ///< "PATH:LINE:COLUMN: error: ..." of the first problem on failure
};

/// Reading and writing flow files, and the recovery copies autosave leaves behind. Saving is
/// atomic (a temporary file renamed over the old one) and canonical (model::serializeFlow), so
/// saving an unchanged flow changes nothing on disk and a failed or killed save leaves the old
/// file as it was. GUI thread only (the recovery directory setting is not synchronised).
class DocumentFile
{
    Q_DECLARE_TR_FUNCTIONS(DocumentFile)
public:
    /// Reads a flow file. Removes what saves of it killed before their end left next to it.
    static OpenResult open(const QString &path);
    /// Writes serializeFlow(flow) to `path` atomically. Skips the write when the file already
    /// holds exactly these bytes (no new modification time for a no-op save); leftovers of
    /// killed saves are removed either way.
    static FileResult save(const model::Flow &flow, const QString &path);
    /// Replaces `path` by `bytes` atomically: written to ".<name>.saving-XXXXXX" beside it,
    /// synced, renamed over it, and the size on disk verified. The permissions of the replaced
    /// file are kept. A leftover of an earlier killed save of `path` is removed first. A
    /// failure names the path and the reason and leaves nothing behind.
    static FileResult writeAtomically(const QString &path, const QByteArray &bytes);

    /// Where recovery files live: by default <AppLocalDataLocation>/recovery.
    static QString recoveryDirectory();
    /// Overrides recoveryDirectory() (tests, portable installs); empty restores the default.
    static void setRecoveryDirectory(const QString &directory);
    /// The recovery file of the document at `path` (empty path = an untitled document): a name
    /// derived from the file name and a hash of its absolute path, so two documents with the
    /// same name in different folders do not share one.
    static QString recoveryFileFor(const QString &path);
    /// The lock file guarding a recovery file (see Autosave).
    static QString lockFileFor(const QString &recoveryFile);
    /// True when a recovery file for `path` exists and no running studio holds its lock: work
    /// left behind by a studio that did not close cleanly.
    static bool hasRecovery(const QString &path);
    static OpenResult openRecovery(const QString &path);
    /// Deletes the recovery file for `path`; false when it exists but cannot be removed.
    static bool discardRecovery(const QString &path);
};

} // namespace evflow::ui
