#include "ui/monitor/ProjectionsModel.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace evflow::ui::monitor {

ProjectionsModel::ProjectionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ProjectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ProjectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProjectionsModel::valueText(const model::FieldValue &value)
{
    return std::visit(
        [](const auto &v) -> QString {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return QStringLiteral("—");
            else if constexpr (std::is_same_v<T, bool>)
                return v ? QStringLiteral("true") : QStringLiteral("false");
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return QLocale().toString(qlonglong(v));
            else if constexpr (std::is_same_v<T, double>)
                // Whole numbers stay whole; others get 2 decimals, enough for money and
                // readings at a glance (the tooltip has the exact value).
                return std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15
                           ? QLocale().toString(v, 'f', 0)
                           : QLocale().toString(v, 'f', 2);
            else
                return QString::fromStdString(v);
        },
        value);
}

QString ProjectionsModel::exactValueText(const model::FieldValue &value)
{
    if (const double *d = std::get_if<double>(&value))
        return QString::number(*d, 'g', QLocale::FloatingPointShortest);
    if (const std::int64_t *i = std::get_if<std::int64_t>(&value))
        return QString::number(*i);
    return valueText(value);
}

QVariant ProjectionsModel::numberOf(const model::FieldValue &value)
{
    if (const double *d = std::get_if<double>(&value))
        return *d;
    if (const std::int64_t *i = std::get_if<std::int64_t>(&value))
        return double(*i);
    return {};
}

QVariant ProjectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const model::ProjectionRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == KeyColumn)
            return QString::fromStdString(row.key);
        if (column == ValueColumn)
            return valueText(row.value);
        return QLocale().toString(qulonglong(row.count));
    case SortRole:
        if (column == KeyColumn)
            return QString::fromStdString(row.key);
        if (column == ValueColumn) {
            const QVariant number = numberOf(row.value);
            return number.isValid() ? number : QVariant(valueText(row.value));
        }
        return qulonglong(row.count);
    case Qt::ToolTipRole:
        if (column == ValueColumn)
            return exactValueText(row.value);
        return {};
    case Qt::TextAlignmentRole:
        if (column == KeyColumn || (column == ValueColumn && !numberOf(row.value).isValid()))
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant ProjectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case KeyColumn: return tr("The value of the projection's groupBy field");
        case ValueColumn: return tr("The aggregate of the projected field for this key");
        case CountColumn: return tr("Events that made this row");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(section == KeyColumn ? Qt::AlignLeft | Qt::AlignVCenter
                                                        : Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return m_valueTitle.isEmpty() ? tr("Value") : m_valueTitle;
    case CountColumn: return tr("Events");
    default: return {};
    }
}

void ProjectionsModel::setValueTitle(const QString &title)
{
    if (title == m_valueTitle)
        return;
    m_valueTitle = title;
    emit headerDataChanged(Qt::Horizontal, ValueColumn, ValueColumn);
}

void ProjectionsModel::setRows(std::vector<model::ProjectionRow> rows)
{
    if (mergeInPlace(rows))
        return;
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void ProjectionsModel::clear()
{
    setRows({});
}

bool ProjectionsModel::mergeInPlace(std::vector<model::ProjectionRow> &rows)
{
    // Both lists are sorted by key. A live read model only gains keys; a key that is gone means
    // another read model (a new run, another node): the caller resets instead.
    const auto byKey = [](const model::ProjectionRow &a, const model::ProjectionRow &b) {
        return a.key < b.key;
    };
    if (m_rows.empty() != rows.empty()
        || !std::includes(rows.begin(), rows.end(), m_rows.begin(), m_rows.end(), byKey))
        return false;
    // Every old key is still there: walk both, updating matches, inserting new keys in place.
    std::size_t old = 0;
    for (model::ProjectionRow &row : rows) {
        if (old < m_rows.size() && m_rows[old].key == row.key) {
            updateRow(old++, row);
            continue;
        }
        const int at = static_cast<int>(old);
        beginInsertRows({}, at, at);
        m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(old++), std::move(row));
        endInsertRows();
    }
    return true;
}

void ProjectionsModel::updateRow(std::size_t at, model::ProjectionRow &row)
{
    if (m_rows[at] == row)
        return;
    m_rows[at] = std::move(row);
    const int r = static_cast<int>(at);
    emit dataChanged(index(r, ValueColumn), index(r, CountColumn));
}

} // namespace evflow::ui::monitor
