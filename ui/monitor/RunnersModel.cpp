#include "ui/monitor/RunnersModel.h"

#include "ui/Theme.h"
#include "ui/monitor/AttachedRun.h"

#include <QColor>

namespace evflow::ui::monitor {
namespace {

QColor linkColor(RunnerState::Link link)
{
    switch (link) {
    case RunnerState::Link::Connected: return theme::outOfOrderColor(); // the calm teal
    case RunnerState::Link::Connecting:
    case RunnerState::Link::Silent: return theme::warningColor();
    case RunnerState::Link::Disconnected:
    case RunnerState::Link::Refused: return theme::errorColor();
    case RunnerState::Link::Ended: return theme::malformedColor();
    }
    return {};
}

QString ageText(qint64 ms)
{
    if (ms < 0)
        return RunnersModel::tr("never");
    return RunnersModel::tr("%1 s ago").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
}

} // namespace

RunnersModel::RunnersModel(const AttachedRun *run, QObject *parent)
    : QAbstractTableModel(parent)
    , m_run(run)
    , m_rows(static_cast<int>(run->runners().size()))
{
    connect(run, &AttachedRun::runnersChanged, this, &RunnersModel::refresh);
}

void RunnersModel::refresh()
{
    const int rows = static_cast<int>(m_run->runners().size());
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    if (rows > 0)
        emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
}

int RunnersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RunnersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunnersModel::text(int row, int column) const
{
    const RunnerState &runner = m_run->runners().at(static_cast<std::size_t>(row));
    switch (column) {
    case Name: return runner.address.name;
    case Endpoint: return runner.address.endpoint;
    case Link: return m_run->isAttached() ? runner.linkText() : tr("detached");
    case Run:
        return runner.latest ? QString::fromLatin1(model::runStateName(runner.latest->run.state))
                             : QStringLiteral("—");
    case Updates: return QVariant::fromValue<qulonglong>(runner.updates);
    case Missed: return QVariant::fromValue<qulonglong>(runner.missed);
    case LastUpdate: return ageText(runner.lastUpdateAgeMs);
    }
    return {};
}

QVariant RunnersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    if (role == Qt::DisplayRole)
        return text(index.row(), index.column());
    const RunnerState &runner = m_run->runners().at(static_cast<std::size_t>(index.row()));
    if (role == Qt::ForegroundRole && index.column() == Link && m_run->isAttached())
        return linkColor(runner.link);
    if (role == Qt::TextAlignmentRole && index.column() >= Updates && index.column() != LastUpdate)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && runner.malformed > 0)
        return tr("%1 unreadable messages were dropped, the last because: %2")
            .arg(runner.malformed)
            .arg(runner.lastMalformed);
    return {};
}

QVariant RunnersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Runner");
    case Endpoint: return tr("Telemetry");
    case Link: return tr("Link");
    case Run: return tr("Run");
    case Updates: return tr("Updates");
    case Missed: return tr("Missed");
    case LastUpdate: return tr("Last update");
    }
    return {};
}

} // namespace evflow::ui::monitor
