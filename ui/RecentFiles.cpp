#include "ui/RecentFiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace evflow::ui {
namespace {

QString absolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

/// "&1 name" for the first nine, "1&0 name" for the tenth; '&' in names shown literally.
QString entryText(int index, const QString &path)
{
    const int number = index + 1;
    QString name = QFileInfo(path).fileName();
    name.replace(QLatin1Char('&'), QLatin1String("&&"));
    const QString shortcut
        = number < 10 ? QStringLiteral("&%1").arg(number) : QStringLiteral("1&0");
    return shortcut + QLatin1Char(' ') + name;
}

} // namespace

RecentFiles::RecentFiles(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    if (!m_settings) {
        m_ownSettings = std::make_unique<QSettings>();
        m_settings = m_ownSettings.get();
    }
}

RecentFiles::~RecentFiles() = default;

void RecentFiles::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString entry = absolute(path);
    QStringList list = paths();
    list.removeAll(entry);
    list.prepend(entry);
    store(list.mid(0, kMaxCount));
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = paths();
    if (list.removeAll(absolute(path)) > 0)
        store(list);
}

QStringList RecentFiles::paths() const
{
    return m_settings->value(QLatin1String(kSettingsKey)).toStringList();
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::fillMenu(QMenu *menu)
{
    QStringList list = paths();
    const auto gone = [](const QString &path) { return !QFileInfo::exists(path); };
    if (list.removeIf(gone) > 0)
        store(list);

    menu->clear();
    menu->setToolTipsVisible(true);
    for (int i = 0; i < list.size(); ++i) {
        const QString path = list.at(i);
        QAction *entry = menu->addAction(entryText(i, path));
        entry->setToolTip(QDir::toNativeSeparators(path));
        entry->setStatusTip(QDir::toNativeSeparators(path));
        connect(entry, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (list.isEmpty())
        menu->addAction(tr("No Recent Files"))->setEnabled(false);
    menu->addSeparator();
    QAction *clearAction = menu->addAction(tr("&Clear Recent Files"), this, &RecentFiles::clear);
    clearAction->setEnabled(!list.isEmpty());
}

void RecentFiles::store(const QStringList &paths)
{
    m_settings->setValue(QLatin1String(kSettingsKey), paths);
    emit changed();
}

} // namespace evflow::ui
