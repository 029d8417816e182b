#pragma once

#include "model/Projection.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace evflow::ui::monitor {

/// The read model of one projection node (the CQRS pattern) as a table: key, value, count, in
/// key order. setRows() follows the live projection in place: changed values are dataChanged,
/// new keys are inserted where they belong (rowsInserted), and only a key that disappeared (a
/// new run, another projection) resets the model. So a view's selection and a proxy's sort
/// survive the 10 Hz refreshes. SortRole gives numbers as doubles, so values sort numerically.
/// GUI thread only.
class ProjectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, CountColumn, ColumnCount };
    /// Numbers as double / qulonglong, other values as text: what a proxy sorts by.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ProjectionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows `rows` (sorted by key, as model::Projection::rows() returns them).
    void setRows(std::vector<model::ProjectionRow> rows);
    void clear();
    /// Names the aggregated field in the Value header ("sum of amount"); empty = "Value".
    void setValueTitle(const QString &title);

    const std::vector<model::ProjectionRow> &rows() const { return m_rows; }

    /// A value as the table shows it: numbers in the locale with at most 2 decimals (sums of
    /// money, averages), integers whole, bools as true/false, null as "—".
    static QString valueText(const model::FieldValue &value);
    /// The exact value, for the tooltip: doubles in the shortest form that reads back exactly.
    static QString exactValueText(const model::FieldValue &value);
    /// The number in `value`, or std::nullopt-like invalid QVariant for text values.
    static QVariant numberOf(const model::FieldValue &value);

private:
    bool mergeInPlace(std::vector<model::ProjectionRow> &rows);
    void updateRow(std::size_t at, model::ProjectionRow &row);

    std::vector<model::ProjectionRow> m_rows;
    QString m_valueTitle;
};

} // namespace evflow::ui::monitor
