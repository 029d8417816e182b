#pragma once

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
QT_END_NAMESPACE

namespace evflow::ui {

class EventTypesEditor;
class FileActions;
class FileDialogs;
class InteropActions;
class FlowDocument;
class PaletteWidget;
class ProblemsPanel;
class PropertyEditor;

namespace monitor {
class AttachControls;
class MonitorPanels;
class RunControls;
class RunLog;
} // namespace monitor

namespace canvas {
class CanvasActions;
class FindBar;
class FlowScene;
class FlowView;
} // namespace canvas

/// The studio's main window (UI.md): palette on the left, the canvas in the centre, properties
/// and event types on the right, problems and the undo history below; every dock movable and
/// the arrangement remembered. Owns the one FlowDocument it edits.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `dialogs` and `settings` are for tests (scripted questions, a temporary settings file);
    /// by default the real dialogs and the application's settings are used.
    explicit MainWindow(FileDialogs *dialogs = nullptr, QSettings *settings = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a flow file; false (with the reason shown) when it cannot be loaded.
    bool openFlow(const QString &path);
    /// Offers work left behind by a studio that did not close cleanly (call once at start when
    /// no file is opened from the command line).
    void offerStartupRecovery();

    FlowDocument *document() const { return m_document; }
    canvas::FlowScene *scene() const { return m_scene; }
    canvas::FlowView *view() const { return m_view; }
    PaletteWidget *palette() const { return m_palette; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    PropertyEditor *propertyEditor() const { return m_properties; }
    EventTypesEditor *eventTypesEditor() const { return m_eventTypes; }
    FileActions *fileActions() const { return m_files; }
    canvas::CanvasActions *canvasActions() const { return m_canvasActions; }
    /// Run the flow (F5): enabled only while the flow has no errors and no run is live.
    QAction *runAction() const { return m_run; }
    /// Run, Pause/Resume and Stop, the run's controller and readouts.
    monitor::RunControls *runControls() const { return m_runControls; }
    monitor::AttachControls *attachControls() const { return m_attachControls; }
    monitor::RunLog *runLog() const { return m_runLog; }
    /// The live panels: Monitor charts, Events, Trace, Accounting, Projections.
    monitor::MonitorPanels *monitorPanels() const { return m_monitor; }
    /// AsyncAPI export and import, Watch Endpoint.
    InteropActions *interopActions() const { return m_interop; }
    /// Starts the opened flow (`evflow-studio FLOW --run`); false when it cannot run (errors).
    bool startRun();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createCentre();
    void createDocks();
    void createMenus();
    void createToolBar();
    void createThemeMenu(QMenu *menu);
    void createStatusBar();
    QDockWidget *addDock(QWidget *content, const QString &title, const QString &name,
                         Qt::DockWidgetArea area);
    void addNodeAtViewCentre(int kind);
    void updateValidity();
    void createRunControls();
    /// Monitor, Events, Trace, Accounting and Projections, tabbed at the bottom; returns the
    /// first, which the Problems/History/Log tabs join.
    QDockWidget *createMonitorDocks();
    /// While a run owns the flow: undo/redo, the history and opening another flow are locked.
    void applyRunLock(bool locked);
    void exportCanvas(bool svg);
    void restoreLayout();
    void saveLayout();

    QSettings *m_settings;
    FlowDocument *m_document;
    canvas::FlowScene *m_scene = nullptr;
    canvas::FlowView *m_view = nullptr;
    canvas::FindBar *m_findBar = nullptr;
    canvas::CanvasActions *m_canvasActions = nullptr;
    FileActions *m_files = nullptr;
    PaletteWidget *m_palette = nullptr;
    ProblemsPanel *m_problems = nullptr;
    PropertyEditor *m_properties = nullptr;
    EventTypesEditor *m_eventTypes = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QList<QDockWidget *> m_docks;
    QAction *m_run = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QWidget *m_history = nullptr;
    monitor::RunControls *m_runControls = nullptr;
    monitor::AttachControls *m_attachControls = nullptr;
    monitor::RunLog *m_runLog = nullptr;
    monitor::MonitorPanels *m_monitor = nullptr;
    InteropActions *m_interop = nullptr;
    QDockWidget *m_logDock = nullptr;
    /// The close was confirmed (unsaved changes) and waits for the run to stop.
    bool m_closeAfterStop = false;
    QAction *m_find = nullptr;
    QLabel *m_validityLabel = nullptr;
    QLabel *m_toolbarValidity = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_pathLabel = nullptr;
};

} // namespace evflow::ui
