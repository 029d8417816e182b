#pragma once

#include "model/RunSnapshot.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui {
class FileDialogs;
}

namespace evflow::ui::monitor {

class AccountingModel;
class MetricsSource;

/// The Accounting tab (UI.md): a verdict line for the whole flow ("✓ all books balance" or
/// "✗ 12 events unaccounted", from RunSnapshot::accounting), then the books of every consumer and
/// processor input, one row each with a totals row, sortable by any column (the totals row stays
/// last). Follows the source's snapshots by itself; before the first run it shows a quiet
/// hint instead of the table.
///
/// "Export report…" writes model::reportToJson(model::buildReport(lastSnapshot())) — the format
/// of `evflow run --report` (docs/REPORT.md) — to a path asked through `dialogs`, atomically;
/// before any run it refuses with a message instead. GUI thread only; the source and the
/// dialogs must outlive the panel.
class AccountingPanel : public QWidget
{
    Q_OBJECT
public:
    AccountingPanel(MetricsSource *source, FileDialogs *dialogs, QWidget *parent = nullptr);

    AccountingModel *model() const { return m_model; }
    /// The sorting proxy between the model and the view.
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    /// The flow-wide verdict line.
    QLabel *verdictLabel() const { return m_verdict; }
    QPushButton *exportButton() const { return m_exportButton; }
    /// The label shown instead of the table before the first run.
    QLabel *emptyStateLabel() const { return m_emptyLabel; }

    /// "✓ all books balance", "✗ 12 events unaccounted" (1 event).
    static QString verdictText(const model::AccountingSummary &accounting);

public slots:
    /// Asks for a path and writes the report of the source's last snapshot there. Returns
    /// true when written; false when cancelled, refused (no run yet: dialogs->showError says
    /// so) or the write failed (showError names the path and the reason).
    bool exportReport();

signals:
    /// A report was written to `path` (for the status bar or the log).
    void reportExported(const QString &path);

private:
    void setUpView();
    void onSnapshot(const model::RunSnapshot &snapshot);
    void showVerdict(const model::RunSnapshot &snapshot);
    QString suggestedReportName() const;

    MetricsSource *m_source = nullptr;
    FileDialogs *m_dialogs = nullptr;
    AccountingModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QStackedWidget *m_stack = nullptr;
    bool m_fitted = false; ///< columns fitted to the first rows, then left to the user
};

} // namespace evflow::ui::monitor
