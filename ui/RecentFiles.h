#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

QT_BEGIN_NAMESPACE
class QMenu;
class QSettings;
QT_END_NAMESPACE

namespace evflow::ui {

/// The recently opened or saved flow files: most recent first, at most kMaxCount, absolute
/// paths without duplicates, kept in QSettings under "recentFiles". GUI thread only.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxCount = 10;
    static constexpr const char *kSettingsKey = "recentFiles";

    /// Reads and writes `settings` (not owned, must outlive this); nullptr uses the
    /// application's default QSettings.
    explicit RecentFiles(QSettings *settings = nullptr, QObject *parent = nullptr);
    ~RecentFiles() override;

    /// Puts `path` (made absolute) first, dropping an older entry for it and the oldest beyond
    /// kMaxCount.
    void add(const QString &path);
    void remove(const QString &path);
    QStringList paths() const;
    void clear();

    /// Drops the files that no longer exist, then fills `menu` with "&1 name" entries (the
    /// tooltip is the full path) and "Clear Recent Files". Choosing an entry emits
    /// openRequested().
    void fillMenu(QMenu *menu);

signals:
    void openRequested(const QString &path);
    void changed();

private:
    void store(const QStringList &paths);

    std::unique_ptr<QSettings> m_ownSettings;
    QSettings *m_settings = nullptr;
};

} // namespace evflow::ui
