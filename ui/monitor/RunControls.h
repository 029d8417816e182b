#pragma once

#include "model/Problem.h"
#include "model/RunSnapshot.h"
#include "ui/monitor/RunController.h"
#include "ui/monitor/SelectedSource.h"

#include <QObject>
#include <QPointer>

#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
QT_END_NAMESPACE

namespace evflow::ui {
class FlowDocument;
namespace canvas {
class FlowView;
}
} // namespace evflow::ui

namespace evflow::ui::monitor {

class RunLog;

/// The studio's run control: the Run (F5), Pause/Resume (F6) and Stop (Shift+F5) actions, the
/// toolbar readout ("00:42 · 12.4k ev/s") and the status-bar state ("running 00:42"), on top of
/// one RunController. While a run owns the flow the document is read-only and the canvas shows
/// the lock banner; run errors go to the Log, to runProblemsChanged() (for the Problems panel)
/// and, when they name a node, onto that node. Every snapshot is shown on the canvas
/// (FlowScene::setLiveSnapshot: badge rows, wire widths and backlog tints). After the run the
/// last values stay on the nodes as final totals ("Σ 2000", wires back to their editing look)
/// until the next Run or another flow clears them, so the outcome can still be read.
/// Run is enabled only while the flow has no errors and no run is live. GUI thread only.
class RunControls : public QObject
{
    Q_OBJECT
public:
    /// `document`, `view` and `log` must outlive the controls.
    RunControls(FlowDocument *document, canvas::FlowView *view, RunLog *log,
                QObject *parent = nullptr);
    /// Deletes the readout and status labels unless a widget (toolbar, status bar) adopted them.
    ~RunControls() override;

    RunController *controller() const { return m_controller; }
    /// What the monitor shows: the controller's run, or another source (an attached run) after
    /// showSource(). Connect the monitor's panels here.
    SelectedSource *source() const { return m_source; }
    /// Shows `source` (an attached run) on the canvas, toolbar and log instead of the studio's
    /// own run, clearing the previous run's values first; Run selects the controller again.
    /// Refused (false) while the studio's own run is live.
    bool showSource(MetricsSource *source);
    QAction *runAction() const { return m_run; }
    QAction *pauseAction() const { return m_pause; }
    QAction *stopAction() const { return m_stop; }
    /// For the toolbar: elapsed time and total events/s of the producers.
    QLabel *readout() const;
    /// For the status bar: "running 00:42", "paused 00:42", "finished 00:42".
    QLabel *statusLabel() const;

    /// Starts the document's flow, relative paths resolved against its file's folder (a
    /// temporary folder for an untitled flow). False (and nothing started) while Run is disabled.
    bool run();
    /// "00:42", or "1:02:03" past an hour.
    static QString formatElapsed(qint64 milliseconds);
    /// "850 ev/s", "12.4k ev/s", "1.2M ev/s".
    static QString formatRate(double eventsPerSecond);

signals:
    /// A run error was logged: the window may bring the Log forward (never a dialog).
    void errorReported();
    /// The errors of the current (or last) run as problems, in the order reported: those about
    /// a node name it, the others have no node. Emitted with each new error and, empty, when a
    /// run starts or another flow is opened. Connect ProblemsPanel::setRunProblems here.
    void runProblemsChanged(const evflow::model::Problems &problems);

private:
    void createActions();
    void updateActions();
    void updateReadouts();
    void onStateChanged(MetricsSource::State state);
    void onSnapshot(const model::RunSnapshot &snapshot);
    void onRunError(const QString &message, const model::NodeId &node);
    void logStateChange(MetricsSource::State state, MetricsSource::State previous);
    void logAttachedStateChange(MetricsSource::State state);
    void clearRunProblems();
    void clearLive();
    bool showsOwnRun() const { return m_source->selected() == m_controller; }

    FlowDocument *m_document;
    canvas::FlowView *m_view;
    RunLog *m_log;
    RunController *m_controller;
    SelectedSource *m_source;
    QAction *m_run = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_stop = nullptr;
    // Guarded: the window that adopts the labels may delete them before these controls.
    QPointer<QLabel> m_readout;
    QPointer<QLabel> m_status;
    std::optional<model::RunSnapshot> m_previous;
    double m_rate = 0;
    MetricsSource::State m_lastState = MetricsSource::State::Idle;
    model::Problems m_nodeErrors;  ///< the run errors about nodes of the flow (on the canvas)
    model::Problems m_runProblems; ///< every run error (for the Problems panel)
    /// Snapshots go onto the canvas: from Run until another flow replaces the one that runs.
    bool m_showLive = false;
    bool m_switching = false; ///< Run is selecting the controller again
};

} // namespace evflow::ui::monitor
