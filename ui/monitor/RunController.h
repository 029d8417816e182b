#pragma once

#include "model/Flow.h"
#include "ui/monitor/MetricsSource.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QTemporaryDir;
class QTimer;
QT_END_NAMESPACE

namespace evflow::transport {
class FlowRuntime;
}

namespace evflow::ui::monitor {

class RunThread;

/// Runs one flow at a time for the studio. A transport::FlowRuntime blocks in start() (up to
/// the readiness timeout) and in stop() (while draining), so both run on one worker thread that
/// the controller owns; the GUI thread only posts requests and hears back through queued calls.
/// While a run is live, a 100 ms timer takes snapshots (FlowRuntime::snapshot() is cheap and
/// thread-safe) and emits them; a finite flow that finished() is stopped by the controller.
/// Run errors (start failures, errors the runtime reports later) are emitted once each.
/// Destroying the controller stops the run and joins the worker. The monitor reads it as its
/// MetricsSource. GUI thread only.
class RunController : public MetricsSource
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    /// Starts a copy of `flow`, its relative file paths (event stores, logs, recordings)
    /// resolved against `workingDirectory`, or against a temporary directory of the controller
    /// when that is empty (an untitled flow). Refused (runError) unless the controller is Idle,
    /// Finished or Failed, or when the flow has validation errors. Returns at once.
    void start(const model::Flow &flow, const QString &workingDirectory);
    /// Producers stop emitting / continue; only while Running / Paused.
    void pause();
    void resume();
    /// Stops the run (drains on the worker); Idle once done. Nothing when no run is live.
    void stop();

    State state() const override { return m_state; }
    /// Milliseconds since the run started (pauses count, as in the runtime's report); frozen
    /// once it ended; 0 before the first run.
    qint64 elapsed() const override;
    /// The latest snapshot taken (empty before the first run).
    const model::RunSnapshot &lastSnapshot() const override { return m_last; }
    /// The current (or last) run's recent events at `node`, oldest first; empty before a run or
    /// for an unknown node. Cheap and never waits on the workers (FlowRuntime's rings).
    std::vector<model::RecentEvent> recentEvents(const model::NodeId &node) const override;
    /// Every hop of `correlationId` recorded in the current (or last) run, in time order.
    std::vector<model::TraceHop> trace(const std::string &correlationId) const override;
    /// The read model of projection `node` in the current (or last) run.
    std::vector<model::ProjectionRow> projection(const model::NodeId &node) const override;
    /// Whether a run has happened (the inspection calls above have something to look at).
    bool hasRun() const override { return m_runtime != nullptr; }

    /// The runtime's worker threads' nice value for the next runs (RunOptions::workerNice):
    /// above 0 the GUI thread wins a core the workers keep busy.
    void setWorkerNice(int nice) { m_workerNice = nice; }
    /// The studio's default: under Xvfb on two cores at full rate, the GUI thread's longest
    /// stall went from 56-86 ms to 16-31 ms in three of four runs (docs/PERFORMANCE.md).
    static constexpr int kDefaultWorkerNice = 10;

    /// Snapshot period while running.
    static constexpr int kSnapshotIntervalMs = 100;

    /// `flow` with every relative Path property made absolute against `directory`, so a run
    /// writes where the flow file lives without changing the process's working directory.
    static model::Flow withAbsolutePaths(model::Flow flow, const QString &directory);

private:
    void setState(State state);
    void onStarted(std::uint64_t run, bool ok);
    void onStopped(std::uint64_t run);
    void takeSnapshot();
    void reportNewErrors(const model::RunSnapshot &snapshot);
    QString resolveDirectory(const QString &workingDirectory);

    State m_state = State::Idle;
    std::unique_ptr<RunThread> m_thread;
    /// Shared with the jobs on the worker: the runtime of the current (or last) run.
    std::shared_ptr<transport::FlowRuntime> m_runtime;
    int m_workerNice = kDefaultWorkerNice;
    std::uint64_t m_run = 0;  ///< id of the current run, so late answers of an old run are ignored
    bool m_finishing = false; ///< the stop under way was ours, because the flow finished
    std::size_t m_reportedErrors = 0;
    model::RunSnapshot m_last;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_frozenElapsed = 0;
    std::unique_ptr<QTemporaryDir> m_tempDir;
};

} // namespace evflow::ui::monitor
