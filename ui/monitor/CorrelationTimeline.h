#pragma once

#include "model/TraceLog.h"

#include <QString>
#include <QWidget>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;
QT_END_NAMESPACE

namespace evflow::ui::monitor {

class MetricsSource;

namespace detail {
class TraceLanes;
}

/// One event of a correlation and where it went: the hops that share its event id, and the
/// event that caused it when that one is in the same trace.
struct CausalEvent
{
    std::string eventId;
    std::string type;
    std::string causationId;
    std::vector<std::size_t> hops; ///< indexes into the trace, in time order
    int parent = -1;               ///< index of the causing event, always an earlier one; or -1
};

/// The Trace tab: every hop of one correlation id, as the runtime recorded them at the inputs
/// of the flow (MetricsSource::trace()). A lane view puts the hops on a time axis, one lane per
/// node, events of one id joined, causation drawn as arrows (a reading → the alert it caused);
/// a tree lists the events in time order, each with its hops (node, time, Δ from the hop
/// before), events caused by another as its children (causationid → id). While an id is
/// shown, it follows the run: each snapshot re-reads the trace. GUI thread only.
class CorrelationTimeline : public QWidget
{
    Q_OBJECT
public:
    /// Tree columns.
    enum Column { EventColumn, NodeColumn, TimeColumn, DeltaColumn, IdColumn, ColumnCount };
    /// On hop items of the tree: the hop's index in hops().
    static constexpr int HopIndexRole = Qt::UserRole + 1;

    /// `source` must outlive the timeline.
    explicit CorrelationTimeline(MetricsSource *source, QWidget *parent = nullptr);

    /// Shows the hops of `correlationId` (empty clears) and keeps them up to date.
    void showCorrelation(const QString &correlationId);
    QString correlationId() const { return m_id; }
    /// The hops shown, in time order (as MetricsSource::trace() returned them).
    const std::vector<model::TraceHop> &hops() const { return m_hops; }
    /// The events of hops(), in order of their first hop.
    const std::vector<CausalEvent> &events() const { return m_events; }

    QTreeWidget *tree() const { return m_tree; }
    QWidget *laneView() const;
    QLineEdit *idEdit() const { return m_idEdit; }

    /// Groups `hops` (in time order) by event id, in order of each event's first hop, and links
    /// each event to the earlier event its causationid names.
    static std::vector<CausalEvent> causalEvents(const std::vector<model::TraceHop> &hops);
    /// "+850 µs", "+12.35 ms", "+1.234 s".
    static QString formatDelta(std::int64_t micros);

public slots:
    /// Re-reads the trace of the id shown; rebuilds only when it changed.
    void refresh();

private:
    void rebuild();
    QTreeWidgetItem *eventItem(std::size_t index) const;
    QTreeWidgetItem *hopItem(std::size_t hop) const;
    void updateSummary();

    MetricsSource *m_source = nullptr;
    QString m_id;
    std::vector<model::TraceHop> m_hops;
    std::vector<CausalEvent> m_events;
    QLineEdit *m_idEdit = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    detail::TraceLanes *m_lanes = nullptr;
};

} // namespace evflow::ui::monitor
