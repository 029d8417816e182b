#pragma once

// Whole-file reads and writes for the file tests.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace evflow::ui::testing {

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace evflow::ui::testing
