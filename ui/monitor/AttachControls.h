#pragma once

#include "ui/monitor/AttachedRun.h"

#include <QObject>

#include <vector>

QT_BEGIN_NAMESPACE
class QAction;
class QWidget;
QT_END_NAMESPACE

namespace evflow::ui {
class FlowDocument;
}

namespace evflow::ui::monitor {

class RunControls;
class RunLog;
class RunnersPanel;

/// The studio's "Attach to Running Flow…" and "Detach" (Run menu and the Runners tab): owns the
/// AttachedRun, asks for the runners (AttachDialog, filled from the flow's host table), shows
/// the attached run in place of the studio's own (RunControls::showSource) and logs every
/// runner's link change ("hub: disconnected"). Opening another flow detaches. GUI thread only.
class AttachControls : public QObject
{
    Q_OBJECT
public:
    /// `runControls`, `document` and `log` must outlive the controls; dialogs open over
    /// `window`.
    AttachControls(RunControls *runControls, FlowDocument *document, RunLog *log, QWidget *window);

    QAction *attachAction() const { return m_attach; }
    QAction *detachAction() const { return m_detach; }
    AttachedRun *run() const { return m_run; }
    /// The Runners tab (created on first call, parented to `parent`).
    RunnersPanel *panel(QWidget *parent);

    /// Attaches to `runners` and shows their run. False, with the reason in the log, when the
    /// studio's own run is live or the runners are refused (AttachedRun::attach).
    bool attach(const std::vector<RunnerAddress> &runners);
    /// Detaches (the runners keep running); the last values stay on show.
    void detach();

signals:
    /// Something went wrong worth the Log's attention.
    void errorReported();

private:
    void showDialog();
    void updateActions();
    void logLink(int runner, RunnerState::Link link);

    RunControls *m_runControls;
    FlowDocument *m_document;
    RunLog *m_log;
    QWidget *m_window;
    AttachedRun *m_run;
    QAction *m_attach;
    QAction *m_detach;
    RunnersPanel *m_panel = nullptr;
    /// What the user attached to last, offered again while the flow is the same.
    std::vector<RunnerAddress> m_lastRunners;
};

} // namespace evflow::ui::monitor
