#include "ui/monitor/MetricsSource.h"

namespace evflow::ui::monitor {

bool MetricsSource::isActive() const
{
    const State s = state();
    return s == State::Starting || s == State::Running || s == State::Paused
           || s == State::Stopping;
}

QString MetricsSource::stateName(State state)
{
    switch (state) {
    case State::Idle: return tr("Idle");
    case State::Starting: return tr("Starting");
    case State::Running: return tr("Running");
    case State::Paused: return tr("Paused");
    case State::Stopping: return tr("Stopping");
    case State::Finished: return tr("Finished");
    case State::Failed: return tr("Failed");
    }
    return {};
}

} // namespace evflow::ui::monitor
