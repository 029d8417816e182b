#include "ui/MainWindow.h"

#include "model/NodeCatalog.h"
#include "ui/AppTheme.h"
#include "ui/EventTypesEditor.h"
#include "ui/FileActions.h"
#include "ui/FlowDocument.h"
#include "ui/InteropActions.h"
#include "ui/KeyActions.h"
#include "ui/PaletteWidget.h"
#include "ui/ProblemsModel.h"
#include "ui/ProblemsPanel.h"
#include "ui/PropertyEditor.h"
#include "ui/canvas/CanvasActions.h"
#include "ui/canvas/CanvasExport.h"
#include "ui/canvas/FindBar.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/charts/MonitorDashboard.h"
#include "ui/monitor/AccountingPanel.h"
#include "ui/monitor/AttachControls.h"
#include "ui/monitor/CorrelationTimeline.h"
#include "ui/monitor/EventInspector.h"
#include "ui/monitor/MonitorPanels.h"
#include "ui/monitor/ProjectionsPanel.h"
#include "ui/monitor/RunControls.h"
#include "ui/monitor/RunLog.h"
#include "ui/monitor/RunnersPanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace evflow::ui {
namespace {

constexpr int kStatusTimeoutMs = 6000;
/// Bumped when the set of docks changes, so an old saved arrangement is not forced on new docks.
constexpr int kLayoutVersion = 2; // 2: the monitor's five docks

QString withKey(const QString &tip, const QKeySequence &key)
{
    return QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText));
}

} // namespace

MainWindow::MainWindow(FileDialogs *dialogs, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings ? settings : new QSettings(this))
    , m_document(new FlowDocument(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    m_files = new FileActions(m_document, this, dialogs, m_settings);
    createCentre();
    createDocks();
    m_interop = new InteropActions(m_document, m_files, m_runControls, m_runLog, this);
    connect(m_interop, &InteropActions::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusTimeoutMs);
    });
    createMenus();
    createToolBar();
    createStatusBar();
    connect(m_files, &FileActions::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusTimeoutMs);
    });
    connect(m_document, &FlowDocument::problemsChanged, this, &MainWindow::updateValidity);
    connect(m_document, &FlowDocument::flowReset, this, [this] {
        m_view->fitToView();
        updateValidity();
    });
    connect(m_document, &FlowDocument::filePathChanged, this, &MainWindow::updateValidity);
    updateValidity();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentre()
{
    m_scene = new canvas::FlowScene(m_document, this);
    auto *centre = new QWidget(this);
    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_view = new canvas::FlowView(m_scene, centre);
    m_findBar = new canvas::FindBar(m_view, centre);
    layout->addWidget(m_findBar);
    layout->addWidget(m_view, 1);
    setCentralWidget(centre);
    m_canvasActions = new canvas::CanvasActions(m_view, this);
    connect(
        m_canvasActions, &canvas::CanvasActions::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, kStatusTimeoutMs); });
    connect(m_scene, &canvas::FlowScene::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusTimeoutMs);
    });
}

QDockWidget *MainWindow::addDock(QWidget *content, const QString &title, const QString &name,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name); // saveState() finds docks by name
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::createDocks()
{
    m_palette = new PaletteWidget(this);
    addDock(m_palette, tr("Palette"), QStringLiteral("PaletteDock"), Qt::LeftDockWidgetArea);
    connect(m_palette, &PaletteWidget::kindActivated, this,
            [this](model::NodeKind kind) { addNodeAtViewCentre(int(kind)); });

    m_properties = new PropertyEditor(m_document, this);
    auto *propertiesDock = addDock(m_properties, tr("Properties"), QStringLiteral("PropertiesDock"),
                                   Qt::RightDockWidgetArea);
    connect(m_scene, &canvas::FlowScene::selectionIdsChanged, m_properties,
            &PropertyEditor::setSelection);

    m_eventTypes = new EventTypesEditor(m_document, this);
    auto *typesDock = addDock(m_eventTypes, tr("Event Types"), QStringLiteral("EventTypesDock"),
                              Qt::RightDockWidgetArea);
    // Tabbed rather than stacked: the property form needs the height, and both are one click
    // apart (as Qt Creator's side bars).
    tabifyDockWidget(propertiesDock, typesDock);
    propertiesDock->raise();

    m_runLog = new monitor::RunLog(this);
    createRunControls();
    QDockWidget *monitorDock = createMonitorDocks();

    m_problems = new ProblemsPanel(m_document, this);
    m_problemsDock = addDock(m_problems, tr("Problems"), QStringLiteral("ProblemsDock"),
                             Qt::BottomDockWidgetArea);
    tabifyDockWidget(monitorDock, m_problemsDock);
    connect(m_problems, &ProblemsPanel::nodeActivated, m_view, &canvas::FlowView::centreOnNode);
    connect(m_runControls, &monitor::RunControls::runProblemsChanged, m_problems,
            &ProblemsPanel::setRunProblems);
    connect(m_problems, &ProblemsPanel::countsChanged, this, [this](int errors, int warnings) {
        m_problemsDock->setWindowTitle(
            errors + warnings == 0 ? tr("Problems") : tr("Problems (%1)").arg(errors + warnings));
    });

    auto *history = new QUndoView(m_document->undoStack(), this);
    history->setEmptyLabel(tr("<opened>"));
    m_history = history;
    auto *historyDock
        = addDock(history, tr("History"), QStringLiteral("HistoryDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_problemsDock, historyDock);
    m_logDock = addDock(m_runLog, tr("Log"), QStringLiteral("LogDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_problemsDock, m_logDock);
    // Errors go to the Log (and onto their nodes): bring it forward, never a dialog.
    connect(m_runControls, &monitor::RunControls::errorReported, m_logDock, &QDockWidget::raise);
    connect(m_attachControls, &monitor::AttachControls::errorReported, m_logDock,
            &QDockWidget::raise);
    m_problemsDock->raise(); // before a run, what is wrong with the flow matters most
    resizeDocks({monitorDock}, {280}, Qt::Vertical);
    resizeDocks({propertiesDock}, {330}, Qt::Horizontal);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentMenu());
    file->addMenu(m_files->examplesMenu());
    file->addAction(m_interop->importAsyncApiAction());
    file->addSeparator();
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    file->addAction(m_files->revertAction());
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Canvas as &PNG…"), this, [this] { exportCanvas(false); });
    exportMenu->addAction(tr("Canvas as &SVG…"), this, [this] { exportCanvas(true); });
    exportMenu->addAction(m_interop->exportAsyncApiAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    undo->setToolTip(withKey(tr("Undo"), undo->shortcut()));
    undo->setIconText(tr("Undo")); // the toolbar keeps a short label; the menu names the edit
    QAction *redo = m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    redo->setToolTip(withKey(tr("Redo"), redo->shortcut()));
    redo->setIconText(tr("Redo"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(m_canvasActions->cutAction());
    edit->addAction(m_canvasActions->copyAction());
    edit->addAction(m_canvasActions->pasteAction());
    edit->addAction(m_canvasActions->duplicateAction());
    edit->addAction(m_canvasActions->deleteAction());
    edit->addSeparator();
    edit->addAction(m_canvasActions->selectAllAction());
    m_find = edit->addAction(tr("&Find Node…"), m_findBar, &canvas::FindBar::activate);
    m_find->setShortcut(QKeySequence::Find);
    m_find->setToolTip(withKey(tr("Find a node by id, label or property"), m_find->shortcut()));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_canvasActions->zoomInAction());
    view->addAction(m_canvasActions->zoomOutAction());
    view->addAction(m_canvasActions->zoomResetAction());
    view->addAction(m_canvasActions->fitAction());
    view->addSeparator();
    view->addAction(m_canvasActions->snapAction());
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : m_docks)
        panels->addAction(dock->toggleViewAction());
    createThemeMenu(view->addMenu(tr("&Theme")));

    QMenu *flow = menuBar()->addMenu(tr("Fl&ow"));
    flow->addAction(m_canvasActions->autoLayoutAction());
    flow->addMenu(m_canvasActions->alignMenu());
    flow->addSeparator();
    auto *keys = new KeyActions(this); // CURVE key pairs (docs/SECURITY.md)
    flow->addAction(keys->generateAction());
    connect(keys, &KeyActions::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusTimeoutMs);
    });

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runControls->runAction());
    run->addAction(m_runControls->pauseAction());
    run->addAction(m_runControls->stopAction());
    run->addSeparator();
    run->addAction(m_attachControls->attachAction());
    run->addAction(m_attachControls->detachAction());
    run->addSeparator();
    run->addAction(m_interop->watchEndpointAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    for (QMenu *menu : menuBar()->findChildren<QMenu *>())
        menu->setToolTipsVisible(true);
}

void MainWindow::createThemeMenu(QMenu *menu)
{
    const QString current
        = m_settings->value(QStringLiteral("theme"), QStringLiteral("system")).toString();
    auto *group = new QActionGroup(menu);
    const std::pair<QString, AppTheme> entries[] = {{tr("&System"), AppTheme::System},
                                                    {tr("&Light"), AppTheme::Light},
                                                    {tr("&Dark"), AppTheme::Dark}};
    for (const auto &[text, theme] : entries) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(appThemeName(theme) == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, theme = theme] {
            applyAppTheme(theme);
            m_settings->setValue(QStringLiteral("theme"), appThemeName(theme));
        });
    }
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_files->newAction());
    bar->addAction(m_files->openAction());
    bar->addAction(m_files->saveAction());
    bar->addSeparator();
    const auto editActions = menuBar()->actions().at(1)->menu()->actions();
    bar->addAction(editActions.at(0)); // undo
    bar->addAction(editActions.at(1)); // redo
    bar->addSeparator();
    bar->addAction(m_canvasActions->zoomOutAction());
    bar->addAction(m_canvasActions->zoomInAction());
    bar->addAction(m_canvasActions->fitAction());
    bar->addAction(m_canvasActions->autoLayoutAction());
    bar->addSeparator();
    m_toolbarValidity = new QLabel(bar);
    m_toolbarValidity->setContentsMargins(8, 0, 8, 0);
    bar->addWidget(m_toolbarValidity);
    bar->addSeparator();
    bar->addAction(m_runControls->runAction());
    bar->addAction(m_runControls->pauseAction());
    bar->addAction(m_runControls->stopAction());
    bar->addSeparator();
    bar->addWidget(m_runControls->readout());
}

void MainWindow::createStatusBar()
{
    m_pathLabel = new QLabel(this);
    m_validityLabel = new QLabel(this);
    m_zoomLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_pathLabel, 1);
    statusBar()->addPermanentWidget(m_validityLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    statusBar()->addPermanentWidget(m_runControls->statusLabel());
    const auto showZoom = [this](double factor) {
        m_zoomLabel->setText(tr("zoom %1 %").arg(qRound(factor * 100)));
    };
    connect(m_view, &canvas::FlowView::zoomChanged, this, showZoom);
    showZoom(m_view->zoom());
}

void MainWindow::updateValidity()
{
    const auto &problems = m_document->problems();
    const QString summary = problemSummary(problems);
    const bool errors = model::hasErrors(problems);
    m_validityLabel->setText(summary);
    m_toolbarValidity->setText(summary);
    m_toolbarValidity->setToolTip(errors ? tr("The flow has errors: see Problems")
                                         : tr("The flow can run"));
    const QString path = m_document->filePath();
    const QString name = QString::fromStdString(m_document->flow().name);
    const QString where = path.isEmpty() ? m_document->fileName() : path;
    m_pathLabel->setText(name.isEmpty() ? where : QStringLiteral("%1 · %2").arg(name, where));
}

void MainWindow::createRunControls()
{
    m_runControls = new monitor::RunControls(m_document, m_view, m_runLog, this);
    m_attachControls = new monitor::AttachControls(m_runControls, m_document, m_runLog, this);
    m_run = m_runControls->runAction();
    connect(m_document, &FlowDocument::readOnlyChanged, this, &MainWindow::applyRunLock);
    connect(m_runControls->controller(), &monitor::RunController::stateChanged, this, [this] {
        if (m_closeAfterStop && !m_runControls->controller()->isActive())
            close();
    });
}

QDockWidget *MainWindow::createMonitorDocks()
{
    m_monitor = new monitor::MonitorPanels(m_runControls->source(), m_document, m_scene,
                                           m_files->dialogs(), this);
    const struct
    {
        QWidget *widget;
        QString title;
        const char *name;
    } docks[] = {
        {m_monitor->dashboard(), tr("Monitor"), "MonitorDock"},
        {m_monitor->inspector(), tr("Events"), "EventsDock"},
        {m_monitor->timeline(), tr("Trace"), "TraceDock"},
        {m_monitor->accounting(), tr("Accounting"), "AccountingDock"},
        {m_monitor->projections(), tr("Projections"), "ProjectionsDock"},
        {m_attachControls->panel(this), tr("Runners"), "RunnersDock"},
    };
    QList<QDockWidget *> added;
    for (const auto &d : docks) {
        added << addDock(d.widget, d.title, QLatin1String(d.name), Qt::BottomDockWidgetArea);
        if (added.size() > 1)
            tabifyDockWidget(added.front(), added.back());
    }
    QDockWidget *monitorDock = added.front();
    QDockWidget *traceDock = added.at(2);
    connect(m_monitor, &monitor::MonitorPanels::runStarting, monitorDock, &QDockWidget::raise);
    connect(m_monitor, &monitor::MonitorPanels::traceShown, traceDock, &QDockWidget::raise);
    return monitorDock;
}

bool MainWindow::startRun()
{
    return m_runControls->run();
}

void MainWindow::applyRunLock(bool locked)
{
    // QUndoStack has no lock: undo/redo would change the flow under the run, so their actions
    // and the history view (a click there jumps in the stack) are off while it runs.
    QUndoStack *stack = m_document->undoStack();
    m_undo->setEnabled(!locked && stack->canUndo());
    m_redo->setEnabled(!locked && stack->canRedo());
    m_history->setEnabled(!locked);
    m_files->newAction()->setEnabled(!locked);
    m_files->openAction()->setEnabled(!locked);
    m_files->recentMenu()->setEnabled(!locked);
    m_files->examplesMenu()->setEnabled(!locked);
    if (locked)
        statusBar()->showMessage(tr("Running: editing is locked until the run stops"),
                                 kStatusTimeoutMs);
}

void MainWindow::addNodeAtViewCentre(int kind)
{
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    // Successive additions at the centre step down so they do not cover each other.
    QPointF at = centre;
    while (!m_scene->items(QRectF(at.x() - 80, at.y() - 10, 160, 20)).isEmpty())
        at += QPointF(0, 110);
    const auto result = m_scene->addNodeAt(model::NodeKind(kind), at);
    if (!result)
        statusBar()->showMessage(QString::fromStdString(result.message), kStatusTimeoutMs);
    m_view->setFocus();
}

void MainWindow::exportCanvas(bool svg)
{
    const QString filter = svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
    QString base = m_document->fileName();
    base = base.left(base.indexOf(QLatin1Char('.')));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Canvas"),
                                                base + (svg ? ".svg" : ".png"), filter);
    if (path.isEmpty())
        return;
    const auto result = svg ? canvas::CanvasExport::toSvg(*m_scene, path)
                            : canvas::CanvasExport::toPng(*m_scene, path);
    statusBar()->showMessage(result ? tr("Exported %1").arg(path) : result.message,
                             kStatusTimeoutMs);
}

bool MainWindow::openFlow(const QString &path)
{
    return m_files->openPath(path);
}

void MainWindow::offerStartupRecovery()
{
    m_files->startupRecovery();
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: 1440×900, or 80 % of a smaller screen.
        QSize size(1440, 900);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.8);
        resize(size);
    }
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
}

void MainWindow::saveLayout()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_closeAfterStop && !m_files->maybeSave()) {
        event->ignore();
        return;
    }
    if (m_runControls->controller()->isActive()) {
        // Stop first (it drains on the worker); the window closes once the run is Idle.
        m_closeAfterStop = true;
        m_runLog->addLine(tr("Closing: stopping the run first"));
        m_runControls->controller()->stop();
        event->ignore();
        return;
    }
    m_files->closeCleanly();
    saveLayout();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (FileActions::canAcceptDrop(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (m_document->isReadOnly()) {
        statusBar()->showMessage(tr("The flow is running: stop it to open another"),
                                 kStatusTimeoutMs);
        return;
    }
    if (m_files->handleDrop(event->mimeData()))
        event->acceptProposedAction();
}

} // namespace evflow::ui
