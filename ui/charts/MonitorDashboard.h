#pragma once

#include "model/Ids.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractButton;
class QComboBox;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QToolButton;
QT_END_NAMESPACE

namespace evflow::ui {
class FileDialogs;
}
namespace evflow::ui::monitor {
class MetricsHistory;
}

namespace evflow::ui::charts {

class MetricChart;

/// The Monitor tab: small multiples (2 × 3) of a run's live metrics over a sliding window with
/// "now" at the right — throughput in/out, duplicates/s, out-of-order/s, late/s, gaps
/// (cumulative), latency p50/p99 — for the whole flow or the node selected on the canvas (see
/// monitor::Metric for what in and out mean per role). Above them: the scope, the window
/// (10–600 s), Pause, Export CSV…, Export PNG…. Before the first run it shows a hint instead.
///
/// It redraws by itself whenever the history gains a row or is cleared (it listens to
/// MetricsHistory::appended/cleared; the caller only feeds the history), at most once per
/// snapshot and only while visible; a hidden dashboard catches up when shown. Pause freezes
/// the view (and its "now") while the history keeps recording; resume catches up at once.
/// GUI thread only.
class MonitorDashboard : public QWidget
{
    Q_OBJECT
public:
    enum Chart { Throughput, Duplicates, OutOfOrder, Late, Gaps, Latency, ChartCount };
    static constexpr int kDefaultWindowSeconds = 60;
    static constexpr int kMinWindowSeconds = 10;
    static constexpr int kMaxWindowSeconds = 600;
    /// A series never holds more points: longer windows are thinned (each point the largest
    /// sample of its stretch, so spikes stay visible).
    static constexpr int kMaxPointsPerSeries = 1000;

    /// `history` (not owned) must outlive the dashboard. `dialogs` (not owned, may be null)
    /// scripts the export questions and shows export errors; with null or the real
    /// QtFileDialogs the dashboard asks through QFileDialog itself, because
    /// FileDialogs::saveFileName is the flow-file question (its title, filter and suffix).
    MonitorDashboard(monitor::MetricsHistory *history, FileDialogs *dialogs,
                     QWidget *parent = nullptr);
    ~MonitorDashboard() override;

    /// The node or channel selected on the canvas (empty = none); the "Selected" scope follows
    /// it.
    void setSelectedNode(const model::NodeId &node);
    model::NodeId selectedNode() const { return m_selected; }
    /// Charts the selected node (true) or the whole flow (false, the default).
    void setScopeToSelection(bool selection);
    /// The scope charted now: empty = the whole flow.
    model::NodeId scope() const;

    /// The visible span, clamped to [kMinWindowSeconds, kMaxWindowSeconds].
    void setWindowSeconds(int seconds);
    int windowSeconds() const;

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    /// Redraws the charts from the history now (nothing while paused). Not needed after a
    /// snapshot: the dashboard follows the history by itself.
    void refresh();

    /// The six charts as they are shown, as a PNG image of chartsArea()'s size (times the
    /// device pixel ratio), written atomically. False and `*error` (may be null) on failure.
    bool exportPng(const QString &path, QString *error = nullptr);
    /// MetricsHistory::writeCsv(), for symmetry.
    bool exportCsv(const QString &path, QString *error = nullptr) const;

    // For tests and the window.
    MetricChart *chart(int index) const;
    int pointCount(int chart, int series) const;
    QList<QPointF> seriesValues(int chart, int series) const;
    QWidget *chartsArea() const { return m_chartsArea; }
    QLabel *emptyStateLabel() const { return m_emptyLabel; }
    bool isShowingEmptyState() const;
    QComboBox *scopeCombo() const { return m_scopeCombo; }
    QSpinBox *windowSpinBox() const { return m_windowSpin; }
    QToolButton *pauseButton() const { return m_pauseButton; }
    QAbstractButton *exportCsvButton() const;
    QAbstractButton *exportPngButton() const;

signals:
    void pausedChanged(bool paused);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildToolbar();
    void connectToolbar();
    QWidget *buildCharts();
    void onHistoryChanged();
    void updateScopeItem();
    void updateNotes();
    QList<QPointF> windowPoints(int metric, double scale, std::int64_t now) const;
    QString askExportPath(const QString &title, const QString &suggested, const QString &filter);
    void reportError(const QString &title, const QString &message);
    void onExportCsv();
    void onExportPng();

    monitor::MetricsHistory *m_history;
    FileDialogs *m_dialogs;
    model::NodeId m_selected;
    bool m_paused = false;
    bool m_stale = false; ///< the history changed while hidden or paused
    QList<MetricChart *> m_charts;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_chartsArea = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QComboBox *m_scopeCombo = nullptr;
    QSpinBox *m_windowSpin = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    QToolButton *m_csvButton = nullptr;
    QToolButton *m_pngButton = nullptr;
};

} // namespace evflow::ui::charts
