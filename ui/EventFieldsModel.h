#pragma once

#include "model/EventType.h"
#include "model/FlowEdit.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>
#include <string>
#include <vector>

namespace evflow::ui {

class FlowDocument;

/// The fields of one event type of the document as a table: Name, Type, Required, Values (enum
/// only, comma-separated), Description. Every edit (setData, add, remove, move) is exactly one
/// FlowDocument::setEventTypes() call with the whole new list, so one undo step; a refusal leaves
/// the document unchanged and emits editRefused() with the model's message. Refreshes from the
/// document on eventTypesChanged and flowReset without writing back. GUI thread only.
class EventFieldsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, RequiredColumn, ValuesColumn, DescriptionColumn };
    static constexpr int ColumnCount = 5;

    explicit EventFieldsModel(FlowDocument *document, QObject *parent = nullptr);

    /// Shows the fields of the document's event type in `row` (-1: none, an empty table).
    void setTypeRow(int row);
    int typeRow() const { return m_typeRow; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    /// Type: the name ("enum") for display and edit. Required: CheckStateRole. Values: "a, b".
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    /// Values are editable only for enum fields; Required is a check box.
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// One undo step per accepted change. Picking "enum" for a field without values seeds
    /// placeholder values (an enum without values is refused by the model); leaving enum clears
    /// them, since only enum fields use them.
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    /// Appends a string field named "field" (or "field2", ...); returns its row via `row`.
    model::EditResult addField(int *row = nullptr);
    model::EditResult removeField(int row);
    /// Moves the field in `from` to `to` (both valid rows).
    model::EditResult moveField(int from, int to);

    /// The field types in the order the Type editor offers them.
    static const std::vector<model::FieldType> &fieldTypes();
    static std::optional<model::FieldType> fieldTypeFromName(const QString &name);
    /// "a, b ,, c" -> {"a", "b", "c"}
    static std::vector<std::string> parseValues(const QString &text);

signals:
    /// An edit was refused; `message` is the model's reason. Nothing changed.
    void editRefused(const QString &message);

private:
    void reload();
    /// Applies `value` to `field` for the column; false when the value is not acceptable.
    bool applyToField(model::FieldSpec &field, int column, const QVariant &value, int role) const;
    model::EditResult commit(std::vector<model::FieldSpec> fields);
    QVariant displayData(const model::FieldSpec &field, int column) const;
    QVariant toolTip(const model::FieldSpec &field, int column) const;

    /// Guarded: at shutdown the document may go before a pending cell edit commits.
    QPointer<FlowDocument> m_document;
    int m_typeRow = -1;
    /// The shown type's fields as of the last refresh, so rows stay consistent during a reset.
    std::vector<model::FieldSpec> m_fields;
};

} // namespace evflow::ui
