#pragma once

#include <QColor>
#include <QIcon>
#include <QStyledItemDelegate>

namespace evflow::ui::monitor {

/// Paints an event's classification (RecentEventsModel::ClassificationRole) as a coloured chip
/// that carries its text, never colour alone (UI.md), over the usual background and selection.
class ClassChipDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

/// A round swatch of `color`, for the classification toggle buttons.
QIcon chipIcon(const QColor &color);

} // namespace evflow::ui::monitor
