#include "ui/EventTypesModel.h"

#include "ui/FlowDocument.h"

#include <algorithm>

namespace evflow::ui {

namespace {

bool nameTaken(const std::vector<model::EventType> &types, const std::string &name)
{
    return std::any_of(types.begin(), types.end(),
                       [&](const model::EventType &t) { return t.name == name; });
}

/// "orderId: int, required" for the list's tooltip.
QString describeField(const model::FieldSpec &field)
{
    QString text = QString::fromStdString(field.name) + QStringLiteral(": ")
                   + QString::fromLatin1(model::fieldTypeName(field.type));
    if (field.required)
        text += EventTypesModel::tr(", required");
    return text;
}

} // namespace

EventTypesModel::EventTypesModel(FlowDocument *document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_types(document->flow().eventTypes)
{
    connect(document, &FlowDocument::eventTypesChanged, this, &EventTypesModel::reload);
    connect(document, &FlowDocument::flowReset, this, &EventTypesModel::reload);
}

int EventTypesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

QVariant EventTypesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const model::EventType &type = typeAt(index.row());
    const QString name = QString::fromStdString(type.name);
    switch (role) {
    case Qt::DisplayRole: return tr("%1 v%2").arg(name).arg(type.version);
    case Qt::EditRole: return name;
    case Qt::ToolTipRole: {
        QStringList lines;
        lines << QStringLiteral("<b>%1</b> v%2").arg(name.toHtmlEscaped()).arg(type.version);
        if (!type.description.empty())
            lines << QString::fromStdString(type.description).toHtmlEscaped();
        if (type.fields.empty())
            lines << tr("<i>No fields yet.</i>");
        for (const model::FieldSpec &field : type.fields)
            lines << QStringLiteral("&nbsp;&nbsp;") + describeField(field).toHtmlEscaped();
        lines << tr("<i>Double-click to rename.</i>");
        return lines.join(QStringLiteral("<br>"));
    }
    default: return {};
    }
}

Qt::ItemFlags EventTypesModel::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

bool EventTypesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= rowCount())
        return false;
    model::EventType type = typeAt(index.row());
    type.name = value.toString().trimmed().toStdString();
    return replaceType(index.row(), std::move(type)).ok;
}

int EventTypesModel::rowOf(const QString &name) const
{
    const std::string wanted = name.toStdString();
    for (size_t i = 0; i < m_types.size(); ++i)
        if (m_types[i].name == wanted)
            return int(i);
    return -1;
}

QString EventTypesModel::nameAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(typeAt(row).name);
}

model::EditResult EventTypesModel::addType()
{
    if (!m_document)
        return {};
    std::vector<model::EventType> types = m_document->flow().eventTypes;
    model::EventType type;
    type.name = uniqueTypeName(types, "event.type");
    types.push_back(std::move(type));
    return commit(std::move(types));
}

model::EditResult EventTypesModel::duplicateType(int row)
{
    if (!m_document)
        return {};
    std::vector<model::EventType> types = m_document->flow().eventTypes;
    if (row < 0 || row >= int(types.size()))
        return {};
    model::EventType copy = types[size_t(row)];
    copy.name = uniqueTypeName(types, copy.name);
    types.insert(types.begin() + row + 1, std::move(copy));
    return commit(std::move(types));
}

model::EditResult EventTypesModel::removeType(int row)
{
    if (!m_document)
        return {};
    std::vector<model::EventType> types = m_document->flow().eventTypes;
    if (row < 0 || row >= int(types.size()))
        return {};
    types.erase(types.begin() + row);
    return commit(std::move(types));
}

model::EditResult EventTypesModel::replaceType(int row, model::EventType type)
{
    if (!m_document)
        return {};
    std::vector<model::EventType> types = m_document->flow().eventTypes;
    if (row < 0 || row >= int(types.size()))
        return {};
    types[size_t(row)] = std::move(type);
    return commit(std::move(types));
}

std::string EventTypesModel::uniqueTypeName(const std::vector<model::EventType> &types,
                                            std::string_view base)
{
    std::string stem(base);
    if (!nameTaken(types, stem))
        return stem;
    // "event.type2" taken: continue from "event.type" rather than producing "event.type22".
    const size_t digits = stem.find_last_not_of("0123456789") + 1;
    if (digits > 0 && digits < stem.size())
        stem.resize(digits);
    for (int n = 2;; ++n)
        if (std::string candidate = stem + std::to_string(n); !nameTaken(types, candidate))
            return candidate;
}

void EventTypesModel::reload()
{
    const std::vector<model::EventType> &now = m_document->flow().eventTypes;
    if (now.size() != m_types.size()) {
        beginResetModel();
        m_types = now;
        endResetModel();
        return;
    }
    // Same rows: a dataChanged keeps the view's current item and selection.
    m_types = now;
    if (!m_types.empty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

model::EditResult EventTypesModel::commit(std::vector<model::EventType> types)
{
    model::EditResult result = m_document->setEventTypes(std::move(types));
    if (!result)
        emit editRefused(QString::fromStdString(result.message));
    return result;
}

} // namespace evflow::ui
