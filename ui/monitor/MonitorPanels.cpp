#include "ui/monitor/MonitorPanels.h"

#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/FlowScene.h"
#include "ui/charts/MonitorDashboard.h"
#include "ui/monitor/AccountingPanel.h"
#include "ui/monitor/CorrelationTimeline.h"
#include "ui/monitor/EventInspector.h"
#include "ui/monitor/MetricsHistory.h"
#include "ui/monitor/MetricsSource.h"
#include "ui/monitor/ProjectionsPanel.h"

namespace evflow::ui::monitor {

MonitorPanels::MonitorPanels(MetricsSource *source, FlowDocument *document,
                             canvas::FlowScene *scene, FileDialogs *dialogs, QWidget *parent)
    : QObject(parent)
    , m_document(document)
    , m_history(new MetricsHistory(MetricsHistory::kDefaultCapacity, this))
    , m_dashboard(new charts::MonitorDashboard(m_history, dialogs, parent))
    , m_inspector(new EventInspector(source, dialogs, parent))
    , m_timeline(new CorrelationTimeline(source, parent))
    , m_accounting(new AccountingPanel(source, dialogs, parent))
    , m_projections(new ProjectionsPanel(source, parent))
{
    connect(source, &MetricsSource::snapshotTaken, m_history, &MetricsHistory::append);
    connect(source, &MetricsSource::stateChanged, this, [this](MetricsSource::State state) {
        if (state == MetricsSource::State::Starting) {
            followFlow(); // what runs is what the document holds now
            emit runStarting();
        }
    });
    connect(document, &FlowDocument::flowReset, this, &MonitorPanels::followFlow);
    connect(scene, &canvas::FlowScene::selectionIdsChanged, this, &MonitorPanels::onSelection);
    connect(m_inspector, &EventInspector::traceRequested, this, [this](const QString &id) {
        m_timeline->showCorrelation(id);
        emit traceShown();
    });
    followFlow();
}

void MonitorPanels::followFlow()
{
    m_inspector->setFlow(m_document->flow());
    m_projections->setFlow(m_document->flow());
}

void MonitorPanels::onSelection(const std::vector<model::NodeId> &nodes,
                                const std::vector<model::LinkId> &links)
{
    const model::NodeId focus = focusOf(*m_document, nodes, links);
    m_dashboard->setSelectedNode(focus);
    m_inspector->setSelectedNode(focus);
}

model::NodeId MonitorPanels::focusOf(const FlowDocument &document,
                                     const std::vector<model::NodeId> &nodes,
                                     const std::vector<model::LinkId> &links)
{
    if (!nodes.empty())
        return nodes.front();
    if (links.empty())
        return {};
    const model::Node *from = document.flow().findNode(links.front().from.node);
    const bool fromChannel = from && model::catalog::role(from->kind) == model::NodeRole::Channel;
    return fromChannel ? links.front().from.node : links.front().to.node;
}

} // namespace evflow::ui::monitor
