#include "ui/DocumentFile.h"

#include "model/FlowFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

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
    return openText(path, path);
}

FileResult DocumentFile::save(const model::Flow &flow, const QString &path)
{
    const QByteArray bytes = QByteArray::fromStdString(model::serializeFlow(flow));
    QFile existing(path);
    if (existing.size() == bytes.size() && existing.open(QIODevice::ReadOnly)
        && existing.readAll() == bytes)
        return {};
    return writeAtomically(path, bytes);
}

FileResult DocumentFile::writeAtomically(const QString &path, const QByteArray &bytes)
{
    if (path.isEmpty())
        return FileResult::failed(tr("Cannot save: no file name given"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return FileResult::failed(cannotSave(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return FileResult::failed(cannotSave(path, reason));
    }
    if (!file.commit())
        return FileResult::failed(cannotSave(path, file.errorString()));
    // commit() has been seen to succeed with error() == NoError while the data did not arrive
    // (full disks, network file systems): trust only the size the file system reports.
    const qint64 written = QFileInfo(path).size();
    if (written != bytes.size())
        return FileResult::failed(
            cannotSave(path, tr("the file holds %1 bytes instead of %2 after writing")
                                 .arg(written)
                                 .arg(bytes.size())));
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
