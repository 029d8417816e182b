#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui::monitor {

class AttachedRun;
class RunnersModel;

/// The Runners tab: every attached runner's link (connecting, connected, silent, disconnected,
/// run ended), run state and telemetry counters, a one-line summary above ("Attached to 3
/// runners: 2 connected, 1 disconnected") and the Attach and Detach buttons. GUI thread only;
/// `run` and the actions must outlive the panel.
class RunnersPanel : public QWidget
{
    Q_OBJECT
public:
    RunnersPanel(AttachedRun *run, QAction *attach, QAction *detach, QWidget *parent = nullptr);

    QString summary() const;
    /// "1 runner", "3 runners".
    static QString runnerCount(std::size_t count);
    RunnersModel *model() const { return m_model; }

private:
    void updateSummary();

    AttachedRun *m_run;
    RunnersModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
};

} // namespace evflow::ui::monitor
