#include "ui/monitor/RunControls.h"

#include "ui/FlowDocument.h"
#include "ui/Theme.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/monitor/RunLog.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QStyle>

namespace evflow::ui::monitor {
namespace {

using State = MetricsSource::State;

/// The desktop theme's icon, else Qt's own (Xvfb and bare desktops have no icon theme).
QIcon mediaIcon(const char *themeName, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QLatin1String(themeName),
                            QApplication::style()->standardIcon(fallback));
}

QString withKey(const QString &tip, const QKeySequence &key)
{
    return QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText));
}

std::uint64_t producedTotal(const model::RunSnapshot &snapshot)
{
    std::uint64_t total = 0;
    for (const model::NodeSnapshot &node : snapshot.nodes)
        if (node.role == model::NodeRole::Producer)
            total += node.produced;
    return total;
}

} // namespace

RunControls::RunControls(FlowDocument *document, canvas::FlowView *view, RunLog *log,
                         QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_view(view)
    , m_log(log)
    , m_controller(new RunController(this))
    , m_source(new SelectedSource(m_controller, this))
{
    createActions();
    m_readout = new QLabel;
    m_readout->setObjectName(QStringLiteral("RunReadout"));
    m_readout->setContentsMargins(8, 0, 8, 0);
    m_readout->setToolTip(tr("Run time and events per second produced"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("RunStatus"));
    connect(m_source, &MetricsSource::stateChanged, this, &RunControls::onStateChanged);
    connect(m_source, &MetricsSource::snapshotTaken, this, &RunControls::onSnapshot);
    connect(m_source, &MetricsSource::runError, this, &RunControls::onRunError);
    connect(m_document, &FlowDocument::problemsChanged, this, &RunControls::updateActions);
    // Safety net: the window disables New/Open while running, but if the flow is replaced
    // anyway the run no longer matches what the canvas shows.
    connect(m_document, &FlowDocument::flowReset, this, [this] {
        if (m_controller->isActive()) {
            m_log->addLine(tr("Another flow was opened: stopping the run"));
            m_controller->stop();
        }
        // The run's errors and values named the nodes of the flow that was replaced.
        clearRunProblems();
        m_showLive = false;
    });
    updateActions();
    updateReadouts();
}

RunControls::~RunControls()
{
    // Made without a parent so the window can place them; nobody else would free them.
    for (QLabel *label : {m_readout.data(), m_status.data()}) {
        if (label && !label->parent())
            delete label;
    }
}

QLabel *RunControls::readout() const
{
    return m_readout;
}

QLabel *RunControls::statusLabel() const
{
    return m_status;
}

void RunControls::createActions()
{
    m_run = new QAction(mediaIcon("media-playback-start", QStyle::SP_MediaPlay), tr("&Run"), this);
    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_run, &QAction::triggered, this, &RunControls::run);

    m_pause
        = new QAction(mediaIcon("media-playback-pause", QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::Key_F6));
    connect(m_pause, &QAction::toggled, this,
            [this](bool paused) { paused ? m_controller->pause() : m_controller->resume(); });

    m_stop = new QAction(mediaIcon("media-playback-stop", QStyle::SP_MediaStop), tr("&Stop"), this);
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setToolTip(
        withKey(tr("Stop the run (in-flight events drain first)"), m_stop->shortcut()));
    connect(m_stop, &QAction::triggered, m_controller, &RunController::stop);
}

bool RunControls::run()
{
    updateActions();
    if (!m_run->isEnabled()) {
        if (model::hasErrors(m_document->problems()))
            m_log->addLine(tr("Not started: the flow has errors (see Problems)"), true);
        return false;
    }
    clearLive();
    m_switching = true; // the state the switch reports is the last run's: nothing to log
    m_source->select(m_controller);
    m_switching = false;
    const QString path = m_document->filePath();
    const QString folder = path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
    const QString name = QString::fromStdString(m_document->flow().name);
    m_log->addLine(folder.isEmpty()
                       ? tr("Starting “%1” in a temporary folder (the flow is not saved)")
                             .arg(name.isEmpty() ? m_document->fileName() : name)
                       : tr("Starting “%1” in %2")
                             .arg(name.isEmpty() ? m_document->fileName() : name, folder));
    m_controller->start(m_document->flow(), folder);
    return true;
}

bool RunControls::showSource(MetricsSource *source)
{
    if (m_controller->isActive())
        return false;
    clearLive();
    m_source->select(source);
    updateActions();
    return true;
}

void RunControls::clearLive()
{
    clearRunProblems();
    m_view->flowScene()->setRunErrors({});
    m_view->flowScene()->clearLive();
    m_showLive = true;
    m_previous.reset();
    m_rate = 0;
}

void RunControls::updateActions()
{
    // Pause and Stop act on the studio's own run; an attached run is the runners' to control.
    const State state = showsOwnRun() ? m_controller->state() : State::Idle;
    const bool errors = model::hasErrors(m_document->problems());
    const bool live = m_source->isActive();
    m_run->setEnabled(!errors && !live);
    m_run->setToolTip(errors ? tr("Fix the errors listed in Problems to run the flow")
                      : live && !showsOwnRun() ? tr("Attached to running runners: detach first")
                      : live                   ? tr("The flow is running: stop it first")
                                               : withKey(tr("Run the flow"), m_run->shortcut()));
    m_pause->setEnabled(state == State::Running || state == State::Paused);
    {
        const QSignalBlocker blocker(m_pause); // mirror the state, do not request it again
        m_pause->setChecked(state == State::Paused);
    }
    m_pause->setText(state == State::Paused ? tr("Res&ume") : tr("&Pause"));
    m_pause->setToolTip(withKey(state == State::Paused
                                    ? tr("Resume the producers")
                                    : tr("Pause the producers (consumers keep draining)"),
                                m_pause->shortcut()));
    m_stop->setEnabled(state == State::Starting || state == State::Running
                       || state == State::Paused);
}

void RunControls::updateReadouts()
{
    const State state = m_source->state();
    const QString time = formatElapsed(m_source->elapsed());
    const bool counting
        = state == State::Running || state == State::Paused || state == State::Stopping;
    m_readout->setText(counting ? QStringLiteral("%1 · %2").arg(time, formatRate(m_rate)) : time);
    switch (state) {
    case State::Idle:
        m_status->setText(m_source->lastSnapshot().nodes.empty() ? QString()
                          : showsOwnRun()                        ? tr("stopped %1").arg(time)
                                                                 : tr("detached %1").arg(time));
        break;
    case State::Starting: m_status->setText(tr("starting…")); break;
    case State::Running:
        m_status->setText(showsOwnRun() ? tr("running %1").arg(time)
                                        : tr("attached · running %1").arg(time));
        break;
    case State::Paused: m_status->setText(tr("paused %1").arg(time)); break;
    case State::Stopping: m_status->setText(tr("stopping…")); break;
    case State::Finished: m_status->setText(tr("finished %1").arg(time)); break;
    case State::Failed: m_status->setText(tr("run failed")); break;
    }
}

void RunControls::onStateChanged(State state)
{
    const bool live = m_source->isActive();
    m_document->setReadOnly(live);
    if (!showsOwnRun())
        m_view->setLockBanner(tr("Attached to runners — editing is locked"),
                              theme::roleColor(model::NodeRole::Channel));
    else if (state == State::Paused)
        m_view->setLockBanner(tr("Paused — editing is locked"), theme::warningColor());
    else if (state == State::Stopping)
        m_view->setLockBanner(tr("Stopping — editing is locked"), theme::malformedColor());
    else
        m_view->setLockBanner(tr("Running — editing is locked"),
                              theme::roleColor(model::NodeRole::Producer));
    if (!live)
        m_rate = 0;
    // A change of source is not a change of run: nothing to log then.
    if (!m_switching && showsOwnRun())
        logStateChange(state, m_lastState);
    else if (!m_switching)
        logAttachedStateChange(state);
    m_lastState = state;
    updateActions();
    updateReadouts();
}

void RunControls::logStateChange(State state, State previous)
{
    const QString time = formatElapsed(m_controller->elapsed());
    const auto produced = static_cast<qulonglong>(producedTotal(m_controller->lastSnapshot()));
    switch (state) {
    case State::Running:
        m_log->addLine(previous == State::Paused ? tr("Resumed") : tr("Running"));
        break;
    case State::Paused:
        m_log->addLine(tr("Paused: producers hold, consumers keep draining"));
        break;
    case State::Stopping: m_log->addLine(tr("Stopping: draining in-flight events…")); break;
    case State::Idle:
        m_log->addLine(tr("Stopped after %1: %2 events produced").arg(time).arg(produced));
        break;
    case State::Finished:
        m_log->addLine(tr("Finished after %1: %2 events produced").arg(time).arg(produced));
        break;
    case State::Failed: m_log->addLine(tr("The run failed to start"), true); break;
    case State::Starting: break; // run() logged where it starts
    }
}

void RunControls::logAttachedStateChange(State state)
{
    const QString time = formatElapsed(m_source->elapsed());
    const auto produced = static_cast<qulonglong>(producedTotal(m_source->lastSnapshot()));
    switch (state) {
    case State::Running: m_log->addLine(tr("The attached runners are running")); break;
    case State::Paused: m_log->addLine(tr("The attached runners are paused")); break;
    case State::Finished:
        m_log->addLine(
            tr("The attached runs ended after %1: %2 events produced").arg(time).arg(produced));
        break;
    case State::Idle:
        m_log->addLine(tr("Detached after %1 (%2 events produced so far): the runners keep running")
                           .arg(time)
                           .arg(produced));
        break;
    case State::Starting:
    case State::Stopping:
    case State::Failed: break; // the attach and the links are logged where they happen
    }
}

void RunControls::onSnapshot(const model::RunSnapshot &snapshot)
{
    if (m_previous && m_previous->run.startedAtMicros != snapshot.run.startedAtMicros)
        m_previous.reset(); // another run's: no rates against it
    if (m_showLive)
        m_view->flowScene()->setLiveSnapshot(snapshot, m_previous);
    // Total ev/s = the producers' rates between two consecutive snapshots of the same run.
    if (m_previous && snapshot.run.takenAtMicros > m_previous->run.takenAtMicros) {
        double rate = 0;
        for (const model::NodeSnapshot &node : snapshot.nodes)
            if (node.role == model::NodeRole::Producer)
                rate += model::ratePerSecond(*m_previous, snapshot, node.id);
        m_rate = rate;
    }
    m_previous = snapshot;
    updateReadouts();
}

void RunControls::onRunError(const QString &message, const model::NodeId &node)
{
    const QString id = QString::fromStdString(node.value);
    // The runtime's messages usually name their node already; say it once.
    const bool named = node.empty() || message.contains(QStringLiteral("'%1'").arg(id));
    m_log->addLine(named ? tr("✗ %1").arg(message) : tr("✗ %1: %2").arg(id, message), true);
    model::Problem problem;
    problem.severity = model::Severity::Error;
    problem.message = message.toStdString();
    problem.node = node;
    m_runProblems.push_back(problem);
    if (!node.empty() && m_document->flow().findNode(node)) {
        // On the node the prefix tells run errors from validation in the tool tip.
        problem.message = tr("run: %1").arg(message).toStdString();
        m_nodeErrors.push_back(std::move(problem));
        m_view->flowScene()->setRunErrors(m_nodeErrors);
    }
    emit runProblemsChanged(m_runProblems);
    emit errorReported();
}

void RunControls::clearRunProblems()
{
    m_nodeErrors.clear();
    const bool had = !m_runProblems.empty();
    m_runProblems.clear();
    if (had)
        emit runProblemsChanged(m_runProblems);
}

QString RunControls::formatElapsed(qint64 milliseconds)
{
    const qint64 seconds = milliseconds / 1000;
    const auto two
        = [](qint64 value) { return QStringLiteral("%1").arg(value, 2, 10, QChar('0')); };
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(two(seconds / 60 % 60), two(seconds % 60));
    return QStringLiteral("%1:%2").arg(two(seconds / 60), two(seconds % 60));
}

QString RunControls::formatRate(double eventsPerSecond)
{
    if (eventsPerSecond >= 1e6)
        return tr("%1M ev/s").arg(eventsPerSecond / 1e6, 0, 'f', 1);
    if (eventsPerSecond >= 1e3)
        return tr("%1k ev/s").arg(eventsPerSecond / 1e3, 0, 'f', 1);
    return tr("%1 ev/s").arg(qRound(eventsPerSecond));
}

} // namespace evflow::ui::monitor
