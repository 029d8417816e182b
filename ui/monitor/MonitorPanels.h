#pragma once

#include "model/Ids.h"

#include <QObject>

#include <vector>

namespace evflow::ui {
class FileDialogs;
class FlowDocument;
namespace canvas {
class FlowScene;
}
namespace charts {
class MonitorDashboard;
}
} // namespace evflow::ui

namespace evflow::ui::monitor {

class AccountingPanel;
class CorrelationTimeline;
class EventInspector;
class MetricsHistory;
class ProjectionsPanel;
class MetricsSource;

/// The monitor's panels around one MetricsSource — the Monitor charts, Events, Trace,
/// Accounting and Projections tabs — and how they follow the run (the history fills from
/// snapshots), the document (the flow the panels look at) and the canvas selection (the node or
/// channel the charts and the inspector focus on). MainWindow only docks the widgets.
/// GUI thread only; the widgets are parented to `parent`.
class MonitorPanels : public QObject
{
    Q_OBJECT
public:
    /// `source`, `document`, `scene` and `dialogs` must outlive the panels.
    MonitorPanels(MetricsSource *source, FlowDocument *document, canvas::FlowScene *scene,
                  FileDialogs *dialogs, QWidget *parent);

    MetricsHistory *history() const { return m_history; }
    charts::MonitorDashboard *dashboard() const { return m_dashboard; }
    EventInspector *inspector() const { return m_inspector; }
    CorrelationTimeline *timeline() const { return m_timeline; }
    AccountingPanel *accounting() const { return m_accounting; }
    ProjectionsPanel *projections() const { return m_projections; }

    /// The node the panels focus on for a canvas selection: the first selected node, else the
    /// channel end of the first selected wire; empty for none.
    static model::NodeId focusOf(const FlowDocument &document,
                                 const std::vector<model::NodeId> &nodes,
                                 const std::vector<model::LinkId> &links);

signals:
    /// The Trace tab shows a new correlation (from the inspector): its dock may come forward.
    void traceShown();
    /// A run is starting: the Monitor tab may come forward.
    void runStarting();

private:
    void followFlow();
    void onSelection(const std::vector<model::NodeId> &nodes,
                     const std::vector<model::LinkId> &links);

    FlowDocument *m_document;
    MetricsHistory *m_history;
    charts::MonitorDashboard *m_dashboard;
    EventInspector *m_inspector;
    CorrelationTimeline *m_timeline;
    AccountingPanel *m_accounting;
    ProjectionsPanel *m_projections;
};

} // namespace evflow::ui::monitor
