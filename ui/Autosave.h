#pragma once

#include "ui/DocumentFile.h"

#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QLockFile;
QT_END_NAMESPACE

namespace evflow::ui {

/// The autosave of one open document into its recovery file (DocumentFile::recoveryFileFor).
/// A QLockFile next to the recovery file is held while the document is open, so two studios
/// editing the same file never overwrite each other's recovery copy: the second one cannot claim
/// it. A lock left by a crashed studio is stale (its process is gone) and is taken over. The
/// lock is released on destruction; the recovery file stays unless discarded, which is what lets
/// the next start offer it. GUI thread only.
class Autosave
{
public:
    Autosave();
    ~Autosave();
    Autosave(const Autosave &) = delete;
    Autosave &operator=(const Autosave &) = delete;

    /// Takes the recovery file for the document at `path` (empty = untitled). Releases any
    /// recovery file held before (keeping it). Fails, naming the lock file, when another
    /// studio (or another document of this one) holds it.
    FileResult claim(const QString &path);
    bool isClaimed() const;
    /// The claimed recovery file; empty when none is claimed.
    QString recoveryFile() const { return m_recoveryFile; }
    /// Writes the flow to the claimed recovery file (atomically, like a save).
    FileResult write(const model::Flow &flow);
    /// Gives the recovery file up; `discard` deletes it too (after a save or a clean close).
    void release(bool discard);

private:
    std::unique_ptr<QLockFile> m_lock;
    QString m_recoveryFile;
};

} // namespace evflow::ui
