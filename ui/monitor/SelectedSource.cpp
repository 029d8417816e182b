#include "ui/monitor/SelectedSource.h"

namespace evflow::ui::monitor {

SelectedSource::SelectedSource(MetricsSource *initial, QObject *parent)
    : MetricsSource(parent)
    , m_source(initial)
{
    connectSelected();
}

void SelectedSource::select(MetricsSource *source)
{
    if (!source || source == m_source)
        return;
    disconnect(m_state);
    disconnect(m_snapshot);
    disconnect(m_error);
    m_source = source;
    connectSelected();
    emit stateChanged(m_source->state());
}

void SelectedSource::connectSelected()
{
    m_state = connect(m_source, &MetricsSource::stateChanged, this, &MetricsSource::stateChanged);
    m_snapshot
        = connect(m_source, &MetricsSource::snapshotTaken, this, &MetricsSource::snapshotTaken);
    m_error = connect(m_source, &MetricsSource::runError, this, &MetricsSource::runError);
}

} // namespace evflow::ui::monitor
