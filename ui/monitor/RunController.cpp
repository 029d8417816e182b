#include "ui/monitor/RunController.h"

#include "model/NodeCatalog.h"
#include "model/Validation.h"
#include "transport/FlowRuntime.h"
#include "ui/monitor/RunThread.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTimer>

namespace evflow::ui::monitor {

RunController::RunController(QObject *parent)
    : MetricsSource(parent)
    , m_thread(std::make_unique<RunThread>())
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<model::RunSnapshot>();
    qRegisterMetaType<model::NodeId>();
    m_timer->setInterval(kSnapshotIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &RunController::takeSnapshot);
}

RunController::~RunController()
{
    m_timer->stop();
    if (m_runtime && isActive())
        m_thread->post([runtime = m_runtime] { runtime->stop(); });
    // Runs the jobs still queued (the stop above among them) and joins: no job outlives us, so
    // the queued calls they posted are dropped with this object, never run on a dead one.
    m_thread.reset();
}

qint64 RunController::elapsed() const
{
    const bool live
        = m_state == State::Running || m_state == State::Paused || m_state == State::Stopping;
    return live && m_clock.isValid() ? m_clock.elapsed() : m_frozenElapsed;
}

std::vector<model::RecentEvent> RunController::recentEvents(const model::NodeId &node) const
{
    return m_runtime ? m_runtime->recentEvents(node) : std::vector<model::RecentEvent>{};
}

std::vector<model::TraceHop> RunController::trace(const std::string &correlationId) const
{
    return m_runtime ? m_runtime->trace(correlationId) : std::vector<model::TraceHop>{};
}

std::vector<model::ProjectionRow> RunController::projection(const model::NodeId &node) const
{
    return m_runtime ? m_runtime->projection(node) : std::vector<model::ProjectionRow>{};
}

void RunController::start(const model::Flow &flow, const QString &workingDirectory)
{
    if (isActive()) {
        emit runError(tr("A run is already going: stop it first"), {});
        return;
    }
    m_reportedErrors = 0;
    m_finishing = false;
    m_frozenElapsed = 0;
    m_clock.invalidate();
    m_last = {};
    const model::Problems problems = model::validateFlow(flow);
    if (model::hasErrors(problems)) {
        emit runError(tr("The flow has errors (see Problems): it was not started"), {});
        setState(State::Failed);
        return;
    }
    const QString directory = resolveDirectory(workingDirectory);
    if (directory.isEmpty()) {
        emit runError(tr("No folder to run in: a temporary folder could not be created"), {});
        setState(State::Failed);
        return;
    }
    m_runtime = std::make_shared<transport::FlowRuntime>();
    const std::uint64_t run = ++m_run;
    setState(State::Starting);
    m_thread->post([this, runtime = m_runtime, copy = withAbsolutePaths(flow, directory), run,
                    nice = m_workerNice]() mutable {
        transport::RunOptions options;
        options.workerNice = nice;
        const bool ok = runtime->start(std::move(copy), options);
        // Only a posted call: the controller and its timer live on the GUI thread.
        QMetaObject::invokeMethod(
            this, [this, run, ok] { onStarted(run, ok); }, Qt::QueuedConnection);
    });
}

void RunController::pause()
{
    if (m_state != State::Running)
        return;
    m_thread->post([runtime = m_runtime] { runtime->pause(); });
    setState(State::Paused);
}

void RunController::resume()
{
    if (m_state != State::Paused)
        return;
    m_thread->post([runtime = m_runtime] { runtime->resume(); });
    setState(State::Running);
}

void RunController::stop()
{
    if (m_state != State::Starting && m_state != State::Running && m_state != State::Paused)
        return;
    setState(State::Stopping);
    const std::uint64_t run = m_run;
    // Posted behind a start still in progress, so it stops what that start began.
    m_thread->post([this, runtime = m_runtime, run] {
        runtime->stop();
        QMetaObject::invokeMethod(
            this, [this, run] { onStopped(run); }, Qt::QueuedConnection);
    });
}

void RunController::onStarted(std::uint64_t run, bool ok)
{
    if (run != m_run)
        return;
    if (!ok) {
        m_last = m_runtime->snapshot();
        const std::size_t before = m_reportedErrors;
        reportNewErrors(m_last);
        if (m_reportedErrors == before)
            emit runError(tr("The run could not start"), {});
        setState(State::Failed);
        return;
    }
    m_clock.start();
    if (m_state != State::Starting)
        return; // stop() was pressed while starting: its job is already queued
    setState(State::Running);
    m_timer->start();
    takeSnapshot();
}

void RunController::onStopped(std::uint64_t run)
{
    if (run != m_run || m_state != State::Stopping)
        return;
    m_timer->stop();
    m_frozenElapsed = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_last = m_runtime->snapshot();
    emit snapshotTaken(m_last);
    reportNewErrors(m_last);
    setState(m_finishing ? State::Finished : State::Idle);
}

void RunController::takeSnapshot()
{
    if (!m_runtime)
        return;
    m_last = m_runtime->snapshot();
    emit snapshotTaken(m_last);
    reportNewErrors(m_last);
    if (m_state == State::Running && m_runtime->finished()) {
        m_finishing = true;
        stop();
    }
}

void RunController::reportNewErrors(const model::RunSnapshot &snapshot)
{
    const auto &errors = snapshot.run.errors;
    if (errors.size() < m_reportedErrors)
        m_reportedErrors = 0; // a bounded list that dropped old entries: report what is there
    for (std::size_t i = m_reportedErrors; i < errors.size(); ++i)
        emit runError(QString::fromStdString(errors[i].message), model::NodeId{errors[i].node});
    m_reportedErrors = errors.size();
}

void RunController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString RunController::resolveDirectory(const QString &workingDirectory)
{
    if (!workingDirectory.isEmpty())
        return QDir(workingDirectory).absolutePath();
    if (!m_tempDir)
        m_tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath()
                                                    + QStringLiteral("/evflow-run-XXXXXX"));
    return m_tempDir->isValid() ? m_tempDir->path() : QString();
}

model::Flow RunController::withAbsolutePaths(model::Flow flow, const QString &directory)
{
    const QDir base(directory);
    for (model::Node &node : flow.nodes) {
        const model::NodeKindSpec &kind = model::catalog::spec(node.kind);
        for (auto &[name, value] : node.properties) {
            const model::PropertySpec *property = kind.findProperty(name);
            auto *text = std::get_if<std::string>(&value);
            if (!property || property->type != model::PropertyType::Path || !text || text->empty())
                continue;
            const QString path = QString::fromStdString(*text);
            if (QDir::isRelativePath(path))
                *text = QDir::cleanPath(base.absoluteFilePath(path)).toStdString();
        }
    }
    return flow;
}

} // namespace evflow::ui::monitor
