#pragma once

#include "model/Flow.h"
#include "model/RunSnapshot.h"

#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui::monitor {

class ProjectionsModel;
class MetricsSource;

/// The Projections tab: the live read model (CQRS) of one projection node of the flow, chosen
/// in a combo, as a table of key, value and event count, sortable by any column (values
/// numerically). Refreshed from MetricsSource::projection() on each snapshot, in place, so the
/// user's sort and selection survive. Quiet hints replace the table when the flow has no
/// projection node or nothing has run yet. The read model shown is the source's current
/// (or last) run's; while the panel is hidden (another tab), snapshots only mark it stale and it
/// catches up when shown. GUI thread only; the source must outlive the panel.
class ProjectionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectionsPanel(MetricsSource *source, QWidget *parent = nullptr);

    /// Lists the projection nodes of `flow` (in flow order), keeping the current one when it is
    /// still there. Call it whenever the document's flow changes (flowReset, node edits).
    void setFlow(const model::Flow &flow);
    /// Shows projection `node`; false when the flow set last has no such projection.
    bool selectProjection(const model::NodeId &node);
    /// The projection shown; empty when the flow has none.
    model::NodeId currentProjection() const;

    QComboBox *projectionCombo() const { return m_combo; }
    ProjectionsModel *model() const { return m_model; }
    /// The sorting proxy between the model and the view.
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    /// The hint shown instead of the table (no projection, no run yet).
    QLabel *emptyStateLabel() const { return m_emptyLabel; }
    /// "sum of amount by region · 3 keys · 2,345 events".
    QLabel *summaryLabel() const { return m_summary; }

public slots:
    /// Reads the current projection's rows from the source now.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct ProjectionInfo
    {
        model::NodeId id;
        QString title;       ///< "Revenue per region (revenue)"
        QString description; ///< "sum of amount by region"
        QString valueTitle;  ///< "sum of amount"
    };

    void setUpView();
    void onProjectionChosen(int index);
    void onSnapshot(const model::RunSnapshot &snapshot);
    void showHint(const QString &text);
    void updateSummary();
    static ProjectionInfo describe(const model::Node &node);

    MetricsSource *m_source = nullptr;
    std::vector<ProjectionInfo> m_projections;
    QComboBox *m_combo = nullptr;
    QLabel *m_summary = nullptr;
    ProjectionsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QStackedWidget *m_stack = nullptr;
    bool m_stale = false; ///< a snapshot came while hidden: refresh when shown
};

} // namespace evflow::ui::monitor
