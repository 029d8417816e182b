#include "ui/monitor/ProjectionsPanel.h"
#include "ui/TableStyle.h"

#include "model/NodeCatalog.h"
#include "ui/monitor/MetricsSource.h"
#include "ui/monitor/ProjectionsModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace evflow::ui::monitor {

ProjectionsPanel::ProjectionsPanel(MetricsSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_combo(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_model(new ProjectionsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_emptyLabel(new QLabel(this))
    , m_stack(new QStackedWidget(this))
{
    setUpView();
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setToolTip(tr("The projection node whose read model is shown"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 4, 8, 4);
    bar->addWidget(new QLabel(tr("Projection:"), this));
    bar->addWidget(m_combo);
    bar->addWidget(m_summary, 1);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_combo, &QComboBox::currentIndexChanged, this, &ProjectionsPanel::onProjectionChosen);
    connect(source, &MetricsSource::snapshotTaken, this, &ProjectionsPanel::onSnapshot);
    refresh();
}

void ProjectionsPanel::setUpView()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ProjectionsModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    // Keeps the user's sort true while values change in place.
    m_proxy->setDynamicSortFilter(true);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProjectionsModel::KeyColumn, Qt::AscendingOrder);
    styleReadOnlyTable(m_view, QAbstractItemView::ExtendedSelection, 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(ProjectionsModel::KeyColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProjectionsModel::ValueColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ProjectionsModel::CountColumn, QHeaderView::Interactive);
    header->resizeSection(ProjectionsModel::ValueColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("0,000,000,000.00")) + 32);
    header->resizeSection(ProjectionsModel::CountColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("000,000,000")) + 32);
}

ProjectionsPanel::ProjectionInfo ProjectionsPanel::describe(const model::Node &node)
{
    namespace catalog = model::catalog;
    const QString aggregate = QString::fromStdString(catalog::stringProperty(node, "aggregate"));
    const QString field = QString::fromStdString(catalog::stringProperty(node, "field"));
    const QString groupBy = QString::fromStdString(catalog::stringProperty(node, "groupBy"));
    ProjectionInfo info;
    info.id = node.id;
    const QString id = QString::fromStdString(node.id.value);
    info.title
        = node.label.empty() ? id : tr("%1 (%2)").arg(QString::fromStdString(node.label), id);
    // A count has no field; the others aggregate one ("sum of amount").
    info.valueTitle = aggregate == QLatin1String("count") || field.isEmpty()
                          ? aggregate
                          : tr("%1 of %2").arg(aggregate, field);
    info.description = tr("%1 by %2").arg(info.valueTitle, groupBy);
    return info;
}

void ProjectionsPanel::setFlow(const model::Flow &flow)
{
    const model::NodeId current = currentProjection();
    m_projections.clear();
    for (const model::Node &node : flow.nodes)
        if (node.kind == model::NodeKind::Projection)
            m_projections.push_back(describe(node));
    {
        // Refill without a reset per item; the choice is restored (or made) below.
        const QSignalBlocker blocker(m_combo);
        m_combo->clear();
        for (const ProjectionInfo &info : m_projections)
            m_combo->addItem(info.title, QString::fromStdString(info.id.value));
        m_combo->setCurrentIndex(-1);
    }
    if (!selectProjection(current) && !m_projections.empty())
        m_combo->setCurrentIndex(0);
    else if (m_projections.empty())
        onProjectionChosen(-1);
    m_combo->setEnabled(!m_projections.empty());
}

bool ProjectionsPanel::selectProjection(const model::NodeId &node)
{
    for (std::size_t i = 0; i < m_projections.size(); ++i) {
        if (m_projections[i].id == node) {
            m_combo->setCurrentIndex(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

model::NodeId ProjectionsPanel::currentProjection() const
{
    const int index = m_combo->currentIndex();
    if (index < 0 || index >= static_cast<int>(m_projections.size()))
        return {};
    return m_projections[static_cast<std::size_t>(index)].id;
}

void ProjectionsPanel::onProjectionChosen(int index)
{
    // Another read model: its rows replace the old ones (a reset), the sort stays.
    m_model->clear();
    const bool valid = index >= 0 && index < static_cast<int>(m_projections.size());
    m_model->setValueTitle(valid ? m_projections[static_cast<std::size_t>(index)].valueTitle
                                 : QString());
    refresh();
}

void ProjectionsPanel::onSnapshot(const model::RunSnapshot &)
{
    // Copying a large read model 10 times a second is wasted while the tab is not shown.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

void ProjectionsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void ProjectionsPanel::refresh()
{
    m_stale = false;
    const model::NodeId node = currentProjection();
    if (node.value.empty()) {
        showHint(tr("This flow has no projection. Add a Projection consumer to keep a live read "
                    "model of its events (CQRS), e.g. the sum of amount per region."));
        return;
    }
    if (!m_source->hasRun()) {
        showHint(tr("Press Run (F5) to build the read model of “%1” live.")
                     .arg(QString::fromStdString(node.value)));
        return;
    }
    m_model->setRows(m_source->projection(node));
    m_stack->setCurrentWidget(m_view);
    updateSummary();
}

void ProjectionsPanel::showHint(const QString &text)
{
    m_model->clear();
    m_emptyLabel->setText(text);
    m_stack->setCurrentWidget(m_emptyLabel);
    updateSummary();
}

void ProjectionsPanel::updateSummary()
{
    const int index = m_combo->currentIndex();
    if (index < 0 || index >= static_cast<int>(m_projections.size())) {
        m_summary->clear();
        return;
    }
    std::uint64_t events = 0;
    for (const model::ProjectionRow &row : m_model->rows())
        events += row.count;
    const QLocale locale;
    m_summary->setText(tr("  %1  ·  %2 keys  ·  %3 events")
                           .arg(m_projections[static_cast<std::size_t>(index)].description,
                                locale.toString(m_model->rowCount()),
                                locale.toString(qulonglong(events))));
}

} // namespace evflow::ui::monitor
