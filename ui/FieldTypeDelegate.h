#pragma once

#include <QStyledItemDelegate>

namespace evflow::ui {

/// Edits the Type column of the fields table with a combo box of the field types
/// (model::fieldTypeName). Picking an entry commits at once: one pick, one undo step.
class FieldTypeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
};

} // namespace evflow::ui
