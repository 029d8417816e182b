#include "ui/Autosave.h"

#include "model/FlowFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

namespace evflow::ui {

Autosave::Autosave() = default;

Autosave::~Autosave()
{
    release(false);
}

FileResult Autosave::claim(const QString &path)
{
    release(false);
    const QString recovery = DocumentFile::recoveryFileFor(path);
    const QString lockPath = DocumentFile::lockFileFor(recovery);
    if (!QDir().mkpath(QFileInfo(recovery).absolutePath()))
        return FileResult::failed(DocumentFile::tr("Cannot autosave: cannot create the folder %1")
                                      .arg(QDir::toNativeSeparators(QFileInfo(recovery).path())));
    auto lock = std::make_unique<QLockFile>(lockPath);
    // A lock left by a crashed studio names a process that is gone: QLockFile removes it
    // as stale at once, so only a running owner makes tryLock() fail.
    if (!lock->tryLock(0)) {
        const bool held = lock->error() == QLockFile::LockFailedError;
        return FileResult::failed(
            held
                ? DocumentFile::tr("Cannot autosave to %1: another evflow studio is using it "
                                   "(lock file %2)")
                      .arg(QDir::toNativeSeparators(recovery), QDir::toNativeSeparators(lockPath))
                : DocumentFile::tr("Cannot autosave to %1: cannot create the lock file %2")
                      .arg(QDir::toNativeSeparators(recovery), QDir::toNativeSeparators(lockPath)));
    }
    m_lock = std::move(lock);
    m_recoveryFile = recovery;
    return {};
}

bool Autosave::isClaimed() const
{
    return m_lock != nullptr;
}

FileResult Autosave::write(const model::Flow &flow)
{
    if (!isClaimed())
        return FileResult::failed(DocumentFile::tr("Cannot autosave: no recovery file claimed"));
    return DocumentFile::writeAtomically(m_recoveryFile,
                                         QByteArray::fromStdString(model::serializeFlow(flow)));
}

void Autosave::release(bool discard)
{
    if (!m_lock)
        return;
    if (discard)
        QFile::remove(m_recoveryFile);
    m_lock.reset(); // unlocks: the lock file goes away
    m_recoveryFile.clear();
}

} // namespace evflow::ui
