#include "ui/monitor/AttachControls.h"

#include "transport/CurveKeys.h"
#include "ui/FlowDocument.h"
#include "ui/monitor/AttachDialog.h"
#include "ui/monitor/RunControls.h"
#include "ui/monitor/RunLog.h"
#include "ui/monitor/RunnersPanel.h"

#include <QAction>
#include <QStringList>

#include <filesystem>

namespace evflow::ui::monitor {

AttachControls::AttachControls(RunControls *runControls, FlowDocument *document, RunLog *log,
                               QWidget *window)
    : QObject(window)
    , m_runControls(runControls)
    , m_document(document)
    , m_log(log)
    , m_window(window)
    , m_run(new AttachedRun(this))
    , m_attach(new QAction(tr("&Attach to Running Flow…"), this))
    , m_detach(new QAction(tr("&Detach"), this))
{
    m_attach->setToolTip(tr("Watch runners of this flow on other machines through their "
                            "telemetry (evflow run --telemetry)"));
    m_detach->setToolTip(tr("Stop watching the runners; they keep running"));
    connect(m_attach, &QAction::triggered, this, &AttachControls::showDialog);
    connect(m_detach, &QAction::triggered, this, &AttachControls::detach);
    connect(m_run, &AttachedRun::linkChanged, this, &AttachControls::logLink);
    connect(m_runControls->controller(), &MetricsSource::stateChanged, this,
            &AttachControls::updateActions);
    connect(m_document, &FlowDocument::flowReset, this, [this] {
        if (m_run->isAttached()) {
            m_log->addLine(tr("Another flow was opened: detaching"));
            detach();
        }
        m_lastRunners.clear();
    });
    updateActions();
}

RunnersPanel *AttachControls::panel(QWidget *parent)
{
    if (!m_panel)
        m_panel = new RunnersPanel(m_run, m_attach, m_detach, parent);
    return m_panel;
}

bool AttachControls::attach(const std::vector<RunnerAddress> &runners)
{
    if (m_runControls->controller()->isActive()) {
        m_log->addLine(tr("Not attached: the studio's own run is live; stop it first"), true);
        emit errorReported();
        return false;
    }
    QString error;
    if (!m_run->attach(runners, error)) {
        m_log->addLine(tr("Not attached: %1").arg(error), true);
        emit errorReported();
        return false;
    }
    m_runControls->showSource(m_run);
    QStringList names;
    for (const RunnerAddress &runner : runners)
        names << QStringLiteral("%1 (%2)").arg(runner.name, runner.endpoint);
    m_log->addLine(
        tr("Attached to %1: %2")
            .arg(RunnersPanel::runnerCount(runners.size()), names.join(QStringLiteral(", "))));
    m_lastRunners = runners;
    updateActions();
    return true;
}

void AttachControls::detach()
{
    m_run->detach();
    updateActions();
}

void AttachControls::showDialog()
{
    // The key store says which hosts have a public key here and which key pairs the studio has.
    const std::filesystem::path keys = transport::curveKeysDirectory();
    std::vector<std::string> studioKeys;
    const std::vector<std::string> known = transport::listCurveKeys(keys);
    for (const std::string &name : known)
        if (transport::hasCurveSecretKey(keys, name))
            studioKeys.push_back(name);
    const std::vector<RunnerAddress> offered
        = m_lastRunners.empty() ? AttachDialog::suggestedRunners(m_document->flow().hosts, known)
                                : m_lastRunners;
    AttachDialog dialog(offered, studioKeys, m_window);
    if (dialog.exec() == QDialog::Accepted)
        attach(dialog.runners());
}

void AttachControls::updateActions()
{
    const bool attached = m_run->isAttached();
    const bool ownRunLive = m_runControls->controller()->isActive();
    m_attach->setEnabled(!attached && !ownRunLive);
    m_detach->setEnabled(attached);
}

void AttachControls::logLink(int runner, RunnerState::Link link)
{
    const RunnerState &state = m_run->runners().at(static_cast<std::size_t>(runner));
    const bool bad = link == RunnerState::Link::Disconnected || link == RunnerState::Link::Silent
                     || link == RunnerState::Link::Refused;
    if (link == RunnerState::Link::Connecting)
        return; // the attach line said so
    m_log->addLine(
        tr("Runner %1 (%2): %3").arg(state.address.name, state.address.endpoint, state.linkText()),
        bad);
    if (bad)
        emit errorReported();
}

} // namespace evflow::ui::monitor
