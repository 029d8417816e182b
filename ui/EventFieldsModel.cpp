#include "ui/EventFieldsModel.h"

#include "ui/FlowDocument.h"

#include <algorithm>

namespace evflow::ui {

namespace {

std::string uniqueFieldName(const std::vector<model::FieldSpec> &fields)
{
    const auto taken = [&](const std::string &name) {
        return std::any_of(fields.begin(), fields.end(),
                           [&](const model::FieldSpec &f) { return f.name == name; });
    };
    if (!taken("field"))
        return "field";
    for (int n = 2;; ++n)
        if (std::string candidate = "field" + std::to_string(n); !taken(candidate))
            return candidate;
}

QString joinValues(const std::vector<std::string> &values)
{
    QStringList list;
    for (const std::string &v : values)
        list << QString::fromStdString(v);
    return list.join(QStringLiteral(", "));
}

} // namespace

EventFieldsModel::EventFieldsModel(FlowDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &FlowDocument::eventTypesChanged, this, &EventFieldsModel::reload);
    connect(document, &FlowDocument::flowReset, this, &EventFieldsModel::reload);
}

void EventFieldsModel::setTypeRow(int row)
{
    if (row == m_typeRow)
        return reload();
    if (!m_document)
        return;
    beginResetModel();
    m_typeRow = row;
    const auto &types = m_document->flow().eventTypes;
    m_fields = row >= 0 && row < int(types.size()) ? types[size_t(row)].fields
                                                   : std::vector<model::FieldSpec>{};
    endResetModel();
}

int EventFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int EventFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const model::FieldSpec &field = m_fields[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return displayData(field, index.column());
    case Qt::CheckStateRole:
        if (index.column() == RequiredColumn)
            return field.required ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole: return toolTip(field, index.column());
    default: return {};
    }
}

QVariant EventFieldsModel::displayData(const model::FieldSpec &field, int column) const
{
    switch (column) {
    case NameColumn: return QString::fromStdString(field.name);
    case TypeColumn: return QString::fromLatin1(model::fieldTypeName(field.type));
    case ValuesColumn: return joinValues(field.values);
    case DescriptionColumn: return QString::fromStdString(field.description);
    default: return {};
    }
}

QVariant EventFieldsModel::toolTip(const model::FieldSpec &field, int column) const
{
    switch (column) {
    case NameColumn: return tr("The field's key in the event data. Double-click to rename.");
    case TypeColumn: return tr("The JSON type the field's values must have.");
    case RequiredColumn:
        return field.required ? tr("Events of this type must carry this field.")
                              : tr("Events of this type may leave this field out.");
    case ValuesColumn:
        return field.type == model::FieldType::Enum
                   ? tr("The allowed values, separated by commas.")
                   : tr("Only enum fields have a list of allowed values.");
    case DescriptionColumn:
        return field.description.empty() ? tr("What the field means (optional).")
                                         : QString::fromStdString(field.description);
    default: return {};
    }
}

QVariant EventFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Name");
        case TypeColumn: return tr("Type");
        case RequiredColumn: return tr("Required");
        case ValuesColumn: return tr("Values");
        case DescriptionColumn: return tr("Description");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn: return tr("Field name, unique within the event type");
        case TypeColumn: return tr("string, int, double, bool, timestamp (RFC 3339) or enum");
        case RequiredColumn: return tr("Whether every event of this type must carry the field");
        case ValuesColumn: return tr("Allowed values of an enum field, comma-separated");
        case DescriptionColumn: return tr("What the field means");
        default: return {};
        }
    }
    return {};
}

Qt::ItemFlags EventFieldsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid() || index.row() >= rowCount())
        return f;
    if (index.column() == RequiredColumn)
        return f | Qt::ItemIsUserCheckable;
    if (index.column() == ValuesColumn
        && m_fields[size_t(index.row())].type != model::FieldType::Enum)
        return f; // a list of values means nothing for other types
    return f | Qt::ItemIsEditable;
}

bool EventFieldsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= rowCount())
        return false;
    std::vector<model::FieldSpec> fields = m_fields;
    if (!applyToField(fields[size_t(index.row())], index.column(), value, role))
        return false;
    return commit(std::move(fields)).ok;
}

bool EventFieldsModel::applyToField(model::FieldSpec &field, int column, const QVariant &value,
                                    int role) const
{
    if (role == Qt::CheckStateRole) {
        if (column != RequiredColumn)
            return false;
        field.required = value.value<Qt::CheckState>() == Qt::Checked;
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    switch (column) {
    case NameColumn: field.name = value.toString().trimmed().toStdString(); return true;
    case DescriptionColumn: field.description = value.toString().toStdString(); return true;
    case ValuesColumn: field.values = parseValues(value.toString()); return true;
    case TypeColumn: {
        const std::optional<model::FieldType> type = fieldTypeFromName(value.toString());
        if (!type)
            return false;
        if (*type == model::FieldType::Enum && field.values.empty())
            field.values = {"value1", "value2"};
        else if (*type != model::FieldType::Enum)
            field.values.clear();
        field.type = *type;
        return true;
    }
    default: return false;
    }
}

model::EditResult EventFieldsModel::addField(int *row)
{
    std::vector<model::FieldSpec> fields = m_fields;
    model::FieldSpec field;
    field.name = uniqueFieldName(fields);
    fields.push_back(std::move(field));
    const int added = int(fields.size()) - 1;
    model::EditResult result = commit(std::move(fields));
    if (result && row)
        *row = added;
    return result;
}

model::EditResult EventFieldsModel::removeField(int row)
{
    if (row < 0 || row >= rowCount())
        return {};
    std::vector<model::FieldSpec> fields = m_fields;
    fields.erase(fields.begin() + row);
    return commit(std::move(fields));
}

model::EditResult EventFieldsModel::moveField(int from, int to)
{
    if (from < 0 || to < 0 || from >= rowCount() || to >= rowCount() || from == to)
        return {};
    std::vector<model::FieldSpec> fields = m_fields;
    model::FieldSpec moved = std::move(fields[size_t(from)]);
    fields.erase(fields.begin() + from);
    fields.insert(fields.begin() + to, std::move(moved));
    return commit(std::move(fields));
}

const std::vector<model::FieldType> &EventFieldsModel::fieldTypes()
{
    static const std::vector<model::FieldType> all{
        model::FieldType::String, model::FieldType::Int,       model::FieldType::Double,
        model::FieldType::Bool,   model::FieldType::Timestamp, model::FieldType::Enum};
    return all;
}

std::optional<model::FieldType> EventFieldsModel::fieldTypeFromName(const QString &name)
{
    for (const model::FieldType type : fieldTypes())
        if (name == QLatin1String(model::fieldTypeName(type)))
            return type;
    return std::nullopt;
}

std::vector<std::string> EventFieldsModel::parseValues(const QString &text)
{
    std::vector<std::string> values;
    for (const QString &part : text.split(QLatin1Char(',')))
        if (const QString value = part.trimmed(); !value.isEmpty())
            values.push_back(value.toStdString());
    return values;
}

void EventFieldsModel::reload()
{
    const auto &types = m_document->flow().eventTypes;
    if (m_typeRow >= int(types.size()))
        m_typeRow = -1; // the type is gone; the editor picks another one
    const std::vector<model::FieldSpec> now
        = m_typeRow >= 0 ? types[size_t(m_typeRow)].fields : std::vector<model::FieldSpec>{};
    if (now.size() != m_fields.size()) {
        beginResetModel();
        m_fields = now;
        endResetModel();
        return;
    }
    // Same rows: a dataChanged keeps the view's current cell.
    m_fields = now;
    if (!m_fields.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

model::EditResult EventFieldsModel::commit(std::vector<model::FieldSpec> fields)
{
    if (!m_document)
        return {};
    std::vector<model::EventType> types = m_document->flow().eventTypes;
    if (m_typeRow < 0 || m_typeRow >= int(types.size()))
        return model::EditResult::refused(tr("No event type is selected.").toStdString());
    types[size_t(m_typeRow)].fields = std::move(fields);
    model::EditResult result = m_document->setEventTypes(std::move(types));
    if (!result)
        emit editRefused(QString::fromStdString(result.message));
    return result;
}

} // namespace evflow::ui
