#pragma once

#include "model/Flow.h"
#include "ui/monitor/EventFilter.h"
#include "ui/monitor/RecentEventsModel.h"

#include <QToolButton>
#include <QWidget>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractButton;
class QLabel;
class QLayout;
class QLineEdit;
class QModelIndex;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui {
class FileDialogs;
}

namespace evflow::ui::monitor {

class MetricsSource;

/// The Events tab: a live tail of the events the selected node's inputs saw (from the
/// runtime's bounded rings), a filter box (EventFilter syntax) and classification toggles,
/// Pause, a detail pane with the full CloudEvents envelope of the chosen event as pretty JSON,
/// "Trace" (button, or double-click on a row) to follow its correlation, and "Export…" of
/// the rows that pass the filter as CloudEvents JSON lines.
///
/// Scope: only consumer and processor inputs record events, so the selection maps to inputs
/// (recordingInputs()): an input shows itself; a channel the inputs that read it; a producer
/// the inputs reading the channels it feeds; no selection shows every input of the flow.
///
/// Refreshes on each MetricsSource::snapshotTaken (about 10 Hz, never per event); a new run
/// (state Starting) clears the table. While paused the table does not change; on resume it
/// catches up with what the rings still hold. GUI thread only.
class EventInspector : public QWidget
{
    Q_OBJECT
public:
    /// `source` and `dialogs` must outlive the inspector; `dialogs` asks for the export path.
    EventInspector(MetricsSource *source, FileDialogs *dialogs, QWidget *parent = nullptr);

    /// The flow being run or edited: decides which inputs a selection maps to. Re-reads the
    /// scope (and clears the table when it changes).
    void setFlow(const model::Flow &flow);
    /// The node selected on the canvas; empty = none (every input of the flow).
    void setSelectedNode(const model::NodeId &node);
    /// The inputs whose events are shown, in flow order.
    const std::vector<model::NodeId> &inputs() const { return m_inputs; }

    /// Freezes the table (the run goes on); unpausing catches up at once.
    void setPaused(bool paused);
    bool isPaused() const;

    /// Writes the rows that pass the filter, in table order, to `path` as CloudEvents JSON
    /// lines (one event per line), atomically. Returns the number written, or -1 with `*error`
    /// (when given) saying why.
    int exportTo(const QString &path, QString *error = nullptr) const;

    RecentEventsModel *eventsModel() const { return m_model; }
    EventFilterProxy *filterModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QPlainTextEdit *detailView() const { return m_detail; }
    QAbstractButton *pauseButton() const { return m_pause; }
    QAbstractButton *traceButton() const { return m_trace; }
    QAbstractButton *exportButton() const { return m_export; }
    /// The toggle showing `c` (late, dropped and diverted share one).
    QAbstractButton *classButton(model::EventClass c) const;
    /// The event in the detail pane, if any.
    const std::optional<InspectedEvent> &shownEvent() const { return m_shown; }

public slots:
    /// Takes what is new in the rings of the inputs in scope (nothing while paused).
    void refresh();
    /// Asks for a path (FileDialogs::exportFileName; ".jsonl" added to a name without suffix)
    /// and exports; errors go to FileDialogs::showError().
    void exportEvents();

signals:
    /// The user asked for the trace of `correlationId` (the event's correlationid, or its id).
    void traceRequested(const QString &correlationId);

private:
    QWidget *buildToolbar();
    QLayout *buildClassToggles(QWidget *bar);
    QWidget *buildDetailPane();
    void setUpTable();
    void connectController();
    void updateScope();
    /// Merges what is new in the rings of the inputs in scope, paused or not.
    void pull();
    void applyFilter();
    void onCurrentChanged(const QModelIndex &current);
    void showDetail(const std::optional<InspectedEvent> &event);
    void requestTrace();
    void updateCounts();
    void updateHint();

    MetricsSource *m_source = nullptr;
    FileDialogs *m_dialogs = nullptr;
    model::Flow m_flow;
    model::NodeId m_selected;
    std::vector<model::NodeId> m_inputs;
    RecentEventsModel *m_model = nullptr;
    EventFilterProxy *m_proxy = nullptr;
    std::optional<InspectedEvent> m_shown;
    bool m_followTail = true;

    QLineEdit *m_filterEdit = nullptr;
    struct ClassToggleButton
    {
        std::uint32_t mask; ///< EventFilter::bit()s it shows
        QString label;
        QToolButton *button;
    };
    std::vector<ClassToggleButton> m_classButtons;
    QToolButton *m_pause = nullptr;
    QToolButton *m_trace = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_scopeLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_hint = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_detailTitle = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};

} // namespace evflow::ui::monitor
