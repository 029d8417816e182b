#pragma once

#include "model/Ids.h"
#include "model/Projection.h"
#include "model/RecentEvents.h"
#include "model/RunSnapshot.h"
#include "model/TraceLog.h"

#include <QObject>
#include <QString>

#include <string>
#include <vector>

namespace evflow::ui::monitor {

/// Where the monitor's numbers come from: a run in the studio (RunController) or runners on
/// other machines watched through their telemetry (AttachedRun). The panels, charts and canvas
/// badges read only this interface, so they cannot tell the two apart.
///
/// The contract of every source: snapshots arrive by signal about every 100 ms while a run is
/// live; the inspection calls never wait on a runtime (they return what is at hand, possibly
/// empty or a little old); stateChanged(Starting) means "a new run: forget the old one".
/// GUI thread only.
class MetricsSource : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Paused, Stopping, Finished, Failed };
    Q_ENUM(State)

    using QObject::QObject;

    virtual State state() const = 0;
    /// Starting, Running, Paused or Stopping: a run is live.
    bool isActive() const;
    /// Milliseconds of run time (pauses count); frozen once the run ended; 0 before a run.
    virtual qint64 elapsed() const = 0;
    /// The latest snapshot (empty before the first).
    virtual const model::RunSnapshot &lastSnapshot() const = 0;
    /// Whether there is a run to inspect (the calls below have something to look at).
    virtual bool hasRun() const = 0;
    /// The recent events at `node`, oldest first; empty for an unknown node.
    virtual std::vector<model::RecentEvent> recentEvents(const model::NodeId &node) const = 0;
    /// Every recorded hop of `correlationId`, in time order.
    virtual std::vector<model::TraceHop> trace(const std::string &correlationId) const = 0;
    /// The read model of projection `node`.
    virtual std::vector<model::ProjectionRow> projection(const model::NodeId &node) const = 0;

    /// "Running", "Paused", …
    static QString stateName(State state);

signals:
    void stateChanged(evflow::ui::monitor::MetricsSource::State state);
    /// A snapshot of the live run, about every 100 ms, and a last one after it ended.
    void snapshotTaken(const evflow::model::RunSnapshot &snapshot);
    /// One run error, once; `node` is empty for errors of the run as a whole.
    void runError(const QString &message, const evflow::model::NodeId &node);
};

} // namespace evflow::ui::monitor

Q_DECLARE_METATYPE(evflow::model::RunSnapshot)
