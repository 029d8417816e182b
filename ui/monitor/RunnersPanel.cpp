#include "ui/monitor/RunnersPanel.h"

#include "ui/TableStyle.h"
#include "ui/monitor/AttachedRun.h"
#include "ui/monitor/RunnersModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui::monitor {

RunnersPanel::RunnersPanel(AttachedRun *run, QAction *attach, QAction *detach, QWidget *parent)
    : QWidget(parent)
    , m_run(run)
    , m_model(new RunnersModel(run, this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    m_table->setModel(m_model);
    styleReadOnlyTable(m_table, QAbstractItemView::SingleSelection, 4);
    m_table->horizontalHeader()->setSectionResizeMode(RunnersModel::Endpoint, QHeaderView::Stretch);
    m_summary->setObjectName(QStringLiteral("RunnersSummary"));
    m_summary->setWordWrap(true);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    for (QAction *action : {attach, detach}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        bar->addWidget(button);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    connect(run, &AttachedRun::runnersChanged, this, &RunnersPanel::updateSummary);
    updateSummary();
}

QString RunnersPanel::runnerCount(std::size_t count)
{
    // Spelled out: "%n runner(s)" needs a translation file to lose its "(s)".
    return count == 1 ? tr("1 runner") : tr("%1 runners").arg(count);
}

QString RunnersPanel::summary() const
{
    return m_summary->text();
}

void RunnersPanel::updateSummary()
{
    const auto &runners = m_run->runners();
    if (runners.empty()) {
        m_summary->setText(tr("Not attached. Attach watches runners started with "
                              "<code>evflow run --host NAME --telemetry ENDPOINT</code>."));
        return;
    }
    if (!m_run->isAttached()) {
        m_summary->setText(tr("Detached from %1; their last numbers are shown. The runners were "
                              "left running.")
                               .arg(runnerCount(runners.size())));
        return;
    }
    // "2 connected, 1 disconnected": the good news first.
    using Link = RunnerState::Link;
    QStringList parts;
    for (const Link link : {Link::Connected, Link::Connecting, Link::Silent, Link::Disconnected,
                            Link::Refused, Link::Ended}) {
        const auto count = std::count_if(runners.begin(), runners.end(),
                                         [link](const RunnerState &r) { return r.link == link; });
        if (count > 0)
            parts << QStringLiteral("%1 %2").arg(count).arg(RunnerState::linkName(link));
    }
    m_summary->setText(tr("Attached to %1: %2")
                           .arg(runnerCount(runners.size()), parts.join(QStringLiteral(", "))));
}

} // namespace evflow::ui::monitor
