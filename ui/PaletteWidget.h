#pragma once

#include "model/Flow.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;
QT_END_NAMESPACE

namespace evflow::ui {

/// The palette of node kinds: a filter box above a tree of the kinds grouped by role, in
/// catalog order (Producers, Channels, Consumers, Processors; a kind with `alsoListedAs` shows
/// in both of its groups). Dragging an entry carries the kind's file name under
/// nodeKindMimeType(); double-click or Enter on an entry, or Enter in the filter box when the
/// filter leaves exactly one entry, emits kindActivated(). GUI thread only.
class PaletteWidget : public QWidget
{
    Q_OBJECT
public:
    /// Item data role of an entry's kind (int of model::NodeKind); absent on group rows.
    static constexpr int KindRole = Qt::UserRole + 1;
    /// Item data role of the text the filter searches (title, kind name, help).
    static constexpr int SearchTextRole = Qt::UserRole + 2;

    explicit PaletteWidget(QWidget *parent = nullptr);

    /// The filter box ("Filter nodes").
    QLineEdit *filterEdit() const { return m_filterEdit; }
    /// The tree of groups and entries; its model is a filter proxy over the palette model.
    QTreeView *view() const { return m_view; }

    /// Shows only the entries whose title, kind name or help contains `text` (ignoring case) and
    /// the groups that keep at least one entry; an empty text shows everything. Also sets the
    /// filter box's text.
    void setFilter(const QString &text);
    /// Puts the keyboard focus into the filter box and selects its text (e.g. for Ctrl+F).
    void focusFilter();

signals:
    /// The user asked to add a node of this kind (the main window adds it at the view's centre).
    void kindActivated(evflow::model::NodeKind kind);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildEntries();
    void applyFilter(const QString &text);
    void activateIfEntry(const QModelIndex &index);
    void activateSingleMatch();
    /// The visible entries (not group rows) under the current filter, in view order.
    QList<QModelIndex> visibleEntries() const;
    int widestEntryWidth() const;

    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_noMatchLabel = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace evflow::ui
