#pragma once

#include "ui/monitor/MetricsSource.h"

#include <QMetaObject>

namespace evflow::ui::monitor {

/// The MetricsSource the monitor shows now — the studio's own run or an attached one — behind
/// one object, so that the panels connect once and never learn which it is. It forwards every
/// call and signal to the selected source; select() switches and says so with stateChanged.
/// GUI thread only; the selected source must outlive its selection.
class SelectedSource : public MetricsSource
{
    Q_OBJECT
public:
    explicit SelectedSource(MetricsSource *initial, QObject *parent = nullptr);

    /// Shows `source` from now on (nothing when it is the current one or null); emits
    /// stateChanged with its state.
    void select(MetricsSource *source);
    MetricsSource *selected() const { return m_source; }

    State state() const override { return m_source->state(); }
    qint64 elapsed() const override { return m_source->elapsed(); }
    const model::RunSnapshot &lastSnapshot() const override { return m_source->lastSnapshot(); }
    bool hasRun() const override { return m_source->hasRun(); }
    std::vector<model::RecentEvent> recentEvents(const model::NodeId &node) const override
    {
        return m_source->recentEvents(node);
    }
    std::vector<model::TraceHop> trace(const std::string &correlationId) const override
    {
        return m_source->trace(correlationId);
    }
    std::vector<model::ProjectionRow> projection(const model::NodeId &node) const override
    {
        return m_source->projection(node);
    }

private:
    void connectSelected();

    MetricsSource *m_source;
    QMetaObject::Connection m_state;
    QMetaObject::Connection m_snapshot;
    QMetaObject::Connection m_error;
};

} // namespace evflow::ui::monitor
