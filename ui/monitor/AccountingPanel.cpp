#include "ui/monitor/AccountingPanel.h"
#include "ui/TableStyle.h"

#include "model/RunReport.h"
#include "ui/DocumentFile.h"
#include "ui/FileDialogs.h"
#include "ui/Theme.h"
#include "ui/monitor/AccountingModel.h"
#include "ui/monitor/MetricsSource.h"

#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace evflow::ui::monitor {

namespace {

/// Sorts by AccountingModel::SortRole and keeps the totals row last in either order: a total
/// sorted in among the inputs it sums would read as one more input.
class TotalsLastProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const bool leftTotal = left.data(AccountingModel::TotalRole).toBool();
        const bool rightTotal = right.data(AccountingModel::TotalRole).toBool();
        if (leftTotal != rightTotal)
            return (sortOrder() == Qt::AscendingOrder) ? rightTotal : leftTotal;
        return QSortFilterProxyModel::lessThan(left, right);
    }
};

} // namespace

AccountingPanel::AccountingPanel(MetricsSource *source, FileDialogs *dialogs, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_dialogs(dialogs)
    , m_model(new AccountingModel(this))
    , m_proxy(new TotalsLastProxy(this))
    , m_view(new QTableView(this))
    , m_verdict(new QLabel(this))
    , m_details(new QLabel(this))
    , m_exportButton(new QPushButton(tr("Export report…"), this))
    , m_emptyLabel(new QLabel(
          tr("Press Run (F5) to start the flow and see the books of every consumer input."), this))
    , m_stack(new QStackedWidget(this))
{
    setUpView();
    m_verdict->setObjectName(QStringLiteral("accountingVerdict"));
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_exportButton->setToolTip(
        tr("Save the run report as JSON, the same format as evflow run --report"));
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(8, 4, 8, 4);
    header->addWidget(m_verdict);
    header->addWidget(m_details, 1);
    header->addWidget(m_exportButton);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_stack, 1);

    connect(m_exportButton, &QPushButton::clicked, this, &AccountingPanel::exportReport);
    connect(source, &MetricsSource::snapshotTaken, this, &AccountingPanel::onSnapshot);
    if (source->hasRun())
        onSnapshot(source->lastSnapshot());
    else
        m_verdict->setText(tr("No run yet"));
    m_exportButton->setEnabled(source->hasRun());
}

void AccountingPanel::setUpView()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AccountingModel::SortRole);
    // Re-sorts when values change in place (dataChanged), so a sort by "Duplicates" stays true
    // while the run goes on; persistent indexes keep the selection on the same input.
    m_proxy->setDynamicSortFilter(true);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // flow order until the user picks a column
    styleReadOnlyTable(m_view, QAbstractItemView::SingleSelection, 8);
    m_view->horizontalHeader()->setStretchLastSection(false);
}

QString AccountingPanel::verdictText(const model::AccountingSummary &accounting)
{
    if (accounting.balanced && accounting.unaccounted == 0)
        return tr("✓ all books balance");
    const auto n = static_cast<qulonglong>(accounting.unaccounted);
    return n == 1 ? tr("✗ 1 event unaccounted")
                  : tr("✗ %1 events unaccounted").arg(QLocale().toString(n));
}

void AccountingPanel::onSnapshot(const model::RunSnapshot &snapshot)
{
    m_model->setSnapshot(snapshot);
    showVerdict(snapshot);
    m_exportButton->setEnabled(true);
    m_stack->setCurrentWidget(m_view);
    if (!m_fitted && m_model->inputCount() > 0) {
        // Fit once; later snapshots must not make the columns jump under the user's eyes (nor
        // undo a width they chose). The counts may grow by a digit or two: a little room.
        m_view->resizeColumnsToContents();
        for (int column = AccountingModel::ReceivedColumn; column < AccountingModel::ColumnCount;
             ++column)
            m_view->setColumnWidth(column, m_view->columnWidth(column) + 4);
        m_fitted = true;
    }
}

void AccountingPanel::showVerdict(const model::RunSnapshot &snapshot)
{
    const model::AccountingSummary &books = snapshot.accounting;
    const bool balanced = books.balanced && books.unaccounted == 0;
    // While the run is live, received-but-not-yet-handled events are normal for an instant:
    // they are "in flight", not an error; only events counted twice are wrong at once.
    const bool inFlight = !balanced && m_model->isLive() && !m_model->anyCountedTwice();
    m_verdict->setText(
        inFlight ? tr("⋯ %1 in flight").arg(QLocale().toString(qulonglong(books.unaccounted)))
                 : verdictText(books));
    m_verdict->setToolTip(inFlight ? tr("Events received but not handled yet: the books are "
                                        "judged when the run ends.")
                                   : QString());
    // Red only adds to the ✗ the text already carries (never colour alone).
    m_verdict->setStyleSheet(
        balanced || inFlight
            ? QString()
            : QStringLiteral("color: %1; font-weight: bold;").arg(theme::errorColor().name()));
    const QLocale locale;
    m_details->setText(tr("  ·  %1 inputs  ·  %2 received  ·  %3 processed  ·  run %4")
                           .arg(m_model->inputCount())
                           .arg(locale.toString(qulonglong(m_model->totals().input.received)),
                                locale.toString(qulonglong(m_model->totals().input.processed)),
                                QString::fromLatin1(model::runStateName(snapshot.run.state))));
}

QString AccountingPanel::suggestedReportName() const
{
    QString name = QString::fromStdString(m_source->lastSnapshot().run.flow).trimmed();
    name.replace(QLatin1Char(' '), QLatin1Char('-'));
    return (name.isEmpty() ? QStringLiteral("run") : name) + QStringLiteral(".report.json");
}

bool AccountingPanel::exportReport()
{
    const QString title = tr("Export Report");
    if (!m_source->hasRun()) {
        m_dialogs->showError(this, title,
                             tr("There is no run to report yet: press Run (F5) first."));
        return false;
    }
    const QString path
        = m_dialogs->exportFileName(this, title, suggestedReportName(), tr("Run reports (*.json)"));
    if (path.isEmpty())
        return false;
    const std::string json = model::reportToJson(model::buildReport(m_source->lastSnapshot()));
    const FileResult written = DocumentFile::writeAtomically(
        path, QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    if (!written) {
        m_dialogs->showError(this, title, written.message);
        return false;
    }
    emit reportExported(path);
    return true;
}

} // namespace evflow::ui::monitor
