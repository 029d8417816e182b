#pragma once

#include "model/EventType.h"
#include "model/FlowEdit.h"

#include <QAbstractListModel>
#include <QPointer>

#include <string>
#include <string_view>
#include <vector>

namespace evflow::ui {

class FlowDocument;

/// The flow's event types as a list ("order.placed v1"), editable by name. Reads a copy of the
/// document's types, refreshed on FlowDocument::eventTypesChanged and flowReset; never writes
/// during a refresh. Every change (setData, the type edits below) is exactly one
/// FlowDocument::setEventTypes() call with the whole new list, so one undo step; a refusal leaves
/// the document unchanged and emits editRefused() with the model's message. GUI thread only.
class EventTypesModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit EventTypesModel(FlowDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    /// DisplayRole "order.placed v1", EditRole "order.placed", ToolTipRole the description and
    /// the fields.
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// EditRole renames the type (one undo step; refused names emit editRefused()).
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    /// The row of the type named `name`, or -1.
    int rowOf(const QString &name) const;
    /// The name of the type in `row`, or "" when out of range.
    QString nameAt(int row) const;
    /// The type in `row` as the model shows it; `row` must be valid.
    const model::EventType &typeAt(int row) const { return m_types.at(size_t(row)); }

    /// Appends a new field-less type named "event.type" (or "event.type2", ... when taken).
    model::EditResult addType();
    /// Inserts a copy of the type in `row` right after it, under a free name ("x" -> "x2").
    model::EditResult duplicateType(int row);
    /// Removes the type in `row`. Nodes and links may still name it: validation reports that.
    model::EditResult removeType(int row);
    /// Replaces the type in `row` (name, version, description, fields) as one undo step.
    model::EditResult replaceType(int row, model::EventType type);

    /// `base` when no type has that name, else base without trailing digits + 2, 3, ...
    static std::string uniqueTypeName(const std::vector<model::EventType> &types,
                                      std::string_view base);

signals:
    /// An edit was refused; `message` is the model's reason. Nothing changed.
    void editRefused(const QString &message);

private:
    void reload();
    model::EditResult commit(std::vector<model::EventType> types);

    /// Guarded: at shutdown the document may go before a pending cell edit commits.
    QPointer<FlowDocument> m_document;
    /// The document's types as of the last refresh, so rows stay consistent during a reset.
    std::vector<model::EventType> m_types;
};

} // namespace evflow::ui
