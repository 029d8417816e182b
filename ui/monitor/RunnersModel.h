#pragma once

#include <QAbstractTableModel>

namespace evflow::ui::monitor {

class AttachedRun;

/// The runners of an attached run as a table, one row each: name, telemetry endpoint, link
/// (coloured), run state, snapshots received, missed, and the age of the newest. Follows
/// AttachedRun::runnersChanged by itself. GUI thread only; the run must outlive the model.
class RunnersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Endpoint, Link, Run, Updates, Missed, LastUpdate, ColumnCount };

    explicit RunnersModel(const AttachedRun *run, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void refresh();
    QVariant text(int row, int column) const;

    const AttachedRun *m_run;
    int m_rows = 0;
};

} // namespace evflow::ui::monitor
