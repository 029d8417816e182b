#include "ui/DocumentFile.h"

#include "model/FlowFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace evflow::ui {
namespace {

QString &recoveryDirectoryOverride()
{
    static QString directory;
    return directory;
}

QString cannotSave(const QString &path, const QString &reason)
{
    return DocumentFile::tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

/// Saves write into ".<name>.saving-" and six random letters (QTemporaryFile's XXXXXX) next to
/// the file, then rename it over the file. The name is ours alone, so whatever has it is the
/// leftover of a save killed before its rename, never someone else's file.
QString savingPrefix(const QFileInfo &target)
{
    return QStringLiteral(".") + target.fileName() + QStringLiteral(".saving-");
}

/// Removes what saves of `target` killed before their rename left behind (the next save or
/// open of the file clears them up).
void removeLeftovers(const QFileInfo &target)
{
    const QString prefix = savingPrefix(target);
    QDir folder = target.absoluteDir();
    const QStringList names = folder.entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names)
        if (name.size() == prefix.size() + 6 && name.startsWith(prefix))
            folder.remove(name);
}

/// The file a save replaces: through a symbolic link, the file it points to, not the link.
QFileInfo saveTarget(const QString &path)
{
    const QFileInfo info(path);
    const QString linked = info.isSymLink() ? info.canonicalFilePath() : QString();
    return QFileInfo(linked.isEmpty() ? path : linked);
}

/// The permission bits a new file gets (0666 less the umask, as open(2) gives it), read without
/// changing the umask: umask() would race with threads creating files meanwhile.
mode_t newFileMode()
{
    mode_t mask = 022;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine())
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const uint value = line.mid(6).trimmed().toUInt(&ok, 8);
                mask = ok ? mode_t(value) : mask;
            }
    return 0666 & ~mask;
}

/// The replaced file's permissions, or a new file's: QTemporaryFile creates 0600.
mode_t modeFor(const QFileInfo &target)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(target.absoluteFilePath()).constData(), &info) == 0)
        return info.st_mode & 07777;
    return newFileMode();
}

/// Writes all of `bytes`. A write cut short (the disk filled up) tells no reason; the next
/// one fails with it (ENOSPC, EFBIG), so errorString() names it.
bool writeAll(QFile &file, const QByteArray &bytes)
{
    for (qint64 done = 0; done < bytes.size();) {
        const qint64 n = file.write(bytes.constData() + done, bytes.size() - done);
        if (n <= 0)
            return false;
        done += n;
    }
    return file.flush();
}

QString lastSystemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

OpenResult openText(const QString &path, const QString &shownPath)
{
    OpenResult out;
    model::LoadResult loaded = model::loadFlowFile(QFile::encodeName(path).toStdString());
    out.flow = std::move(loaded.flow);
    out.problems = std::move(loaded.problems);
    if (!out.flow) {
        model::Problem first;
        first.message = "cannot read the file";
        if (!out.problems.empty())
            first = out.problems.front();
        out.message = QString::fromStdString(
            model::formatProblem(QDir::toNativeSeparators(shownPath).toStdString(), first));
    }
    return out;
}

} // namespace

OpenResult DocumentFile::open(const QString &path)
{
    removeLeftovers(saveTarget(path));
    return openText(path, path);
}

FileResult DocumentFile::save(const model::Flow &flow, const QString &path)
{
    const QByteArray bytes = QByteArray::fromStdString(model::serializeFlow(flow));
    QFile existing(path);
    if (existing.size() == bytes.size() && existing.open(QIODevice::ReadOnly)
        && existing.readAll() == bytes) {
        removeLeftovers(saveTarget(path)); // as a save that writes would
        return {};
    }
    return writeAtomically(path, bytes);
}

FileResult DocumentFile::writeAtomically(const QString &path, const QByteArray &bytes)
{
    if (path.isEmpty())
        return FileResult::failed(tr("Cannot save: no file name given"));
    const QFileInfo target = saveTarget(path);
    removeLeftovers(target);
    QTemporaryFile file(target.absolutePath() + QLatin1Char('/') + savingPrefix(target)
                        + QStringLiteral("XXXXXX"));
    if (!file.open())
        return FileResult::failed(cannotSave(path, file.errorString()));
    if (!writeAll(file, bytes))
        return FileResult::failed(cannotSave(path, file.errorString()));
    // On disk before the rename, so that even a crash of the system finds the old or the new.
    if (::fchmod(file.handle(), modeFor(target)) != 0 || ::fsync(file.handle()) != 0)
        return FileResult::failed(cannotSave(path, lastSystemError()));
    // Linux creates the file unnamed (O_TMPFILE): it gets its name only here, so a process
    // killed before leaves nothing; one killed between this and the rename leaves a leftover
    // that the next save or open removes.
    const QString written = file.fileName();
    if (written.isEmpty())
        return FileResult::failed(cannotSave(path, file.errorString()));
    if (::rename(QFile::encodeName(written).constData(),
                 QFile::encodeName(target.absoluteFilePath()).constData())
        != 0)
        return FileResult::failed(cannotSave(path, lastSystemError()));
    file.setAutoRemove(false); // it is the file now
    // Trust only the size the file system reports for what arrived (network file systems).
    const qint64 size = QFileInfo(target.absoluteFilePath()).size();
    if (size != bytes.size())
        return FileResult::failed(cannotSave(
            path,
            tr("the file holds %1 bytes instead of %2 after writing").arg(size).arg(bytes.size())));
    return {};
}

QString DocumentFile::recoveryDirectory()
{
    if (!recoveryDirectoryOverride().isEmpty())
        return recoveryDirectoryOverride();
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/recovery");
}

void DocumentFile::setRecoveryDirectory(const QString &directory)
{
    recoveryDirectoryOverride() = directory;
}

QString DocumentFile::recoveryFileFor(const QString &path)
{
    if (path.isEmpty())
        return recoveryDirectory() + QStringLiteral("/untitled.recovery");
    const QFileInfo info(path);
    const QByteArray hash
        = QCryptographicHash::hash(info.absoluteFilePath().toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(12);
    return recoveryDirectory() + QLatin1Char('/') + info.fileName() + QLatin1Char('-')
           + QString::fromLatin1(hash) + QStringLiteral(".recovery");
}

QString DocumentFile::lockFileFor(const QString &recoveryFile)
{
    return recoveryFile + QStringLiteral(".lock");
}

bool DocumentFile::hasRecovery(const QString &path)
{
    const QString recovery = recoveryFileFor(path);
    if (!QFileInfo::exists(recovery))
        return false;
    // A live studio still owns it (it is that studio's autosave, not left-behind work). Taking
    // the lock for a moment tells: it fails only while a running process holds it.
    QLockFile lock(lockFileFor(recovery));
    return lock.tryLock(0);
}

OpenResult DocumentFile::openRecovery(const QString &path)
{
    return openText(recoveryFileFor(path), recoveryFileFor(path));
}

bool DocumentFile::discardRecovery(const QString &path)
{
    QFile file(recoveryFileFor(path));
    return !file.exists() || file.remove();
}

} // namespace evflow::ui
