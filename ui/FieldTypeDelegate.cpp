#include "ui/FieldTypeDelegate.h"

#include "ui/EventFieldsModel.h"

#include <QComboBox>

namespace evflow::ui {

QWidget *FieldTypeDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                         const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->setToolTip(tr("The JSON type the field's values must have"));
    for (const model::FieldType type : EventFieldsModel::fieldTypes())
        combo->addItem(QString::fromLatin1(model::fieldTypeName(type)));
    // A pick is the whole edit: commit and close without waiting for Enter or focus-out.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<FieldTypeDelegate *>(this);
        emit self->commitData(combo);
        emit self->closeEditor(combo);
    });
    return combo;
}

void FieldTypeDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentText(index.data(Qt::EditRole).toString());
}

void FieldTypeDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                     const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    if (combo->currentText() != index.data(Qt::EditRole).toString())
        model->setData(index, combo->currentText(), Qt::EditRole);
}

} // namespace evflow::ui
