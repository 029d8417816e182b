#include "ui/ProblemsPanel.h"
#include "ui/TableStyle.h"

#include "ui/FlowDocument.h"
#include "ui/ProblemsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace evflow::ui {

ProblemsPanel::ProblemsPanel(FlowDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_model(new ProblemsModel(document, this))
    , m_view(new QTableView(this))
    , m_emptyLabel(new QLabel(tr("No problems — the flow is valid."), this))
    , m_stack(new QStackedWidget(this))
{
    setUpView();

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));

    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_model, &ProblemsModel::problemsReplaced, this, &ProblemsPanel::onProblemsReplaced);
    connect(m_view, &QTableView::clicked, this, &ProblemsPanel::onRowChosen);
    connect(m_view, &QTableView::activated, this, &ProblemsPanel::onRowChosen);
    fitColumns();
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget *>(m_view)
                                                      : m_emptyLabel);
}

void ProblemsPanel::setUpView()
{
    m_view->setModel(m_model);
    // One line per problem, as compact as the font allows.
    styleReadOnlyTable(m_view, QAbstractItemView::SingleSelection, 8);
    m_view->setTextElideMode(Qt::ElideRight);

    QHeaderView *header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(ProblemsModel::SeverityColumn, QHeaderView::ResizeToContents);
    // The message is what matters: it takes the room. Node and location are fitted to their
    // contents on each change (fitColumns) but stay resizable.
    header->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
}

void ProblemsPanel::fitColumns()
{
    // ResizeToContents leaves no gap between adjacent text columns; add some air.
    constexpr int gap = 16;
    for (const int column : {ProblemsModel::NodeColumn, ProblemsModel::LocationColumn}) {
        m_view->resizeColumnToContents(column);
        m_view->setColumnWidth(column, m_view->columnWidth(column) + gap);
    }
}

void ProblemsPanel::onProblemsReplaced()
{
    const bool empty = m_model->rowCount() == 0;
    fitColumns();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel) : m_view);
    emit countsChanged(m_model->errorCount(), m_model->warningCount());
}

void ProblemsPanel::setRunProblems(const model::Problems &problems)
{
    m_model->setRunProblems(problems);
}

void ProblemsPanel::onRowChosen(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const model::Problem problem = m_model->problemAt(index.row());
    if (!problem.node.empty())
        emit nodeActivated(problem.node);
}

} // namespace evflow::ui
