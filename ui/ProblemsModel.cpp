#include "ui/ProblemsModel.h"

#include "ui/FlowDocument.h"
#include "ui/NodeIcons.h"
#include "ui/Theme.h"

#include <QCoreApplication>

#include <algorithm>

namespace evflow::ui {

namespace {

/// English plural rules when no translation is installed: Qt substitutes %n but leaves "(s)"
/// in the source text, which would show "1 error(s)". A loaded translation has no "(s)" left.
QString withPlural(QString text, int n)
{
    return text.replace(QStringLiteral("(s)"), n == 1 ? QString() : QStringLiteral("s"));
}

QString errorsText(int n)
{
    return withPlural(
        QCoreApplication::translate("evflow::ui::ProblemsModel", "%n error(s)", nullptr, n), n);
}

QString warningsText(int n)
{
    return withPlural(
        QCoreApplication::translate("evflow::ui::ProblemsModel", "%n warning(s)", nullptr, n), n);
}

} // namespace

QString problemSummary(const model::Problems &problems)
{
    const auto errors = static_cast<int>(
        std::count_if(problems.begin(), problems.end(), [](const model::Problem &p) {
            return p.severity == model::Severity::Error;
        }));
    const int warnings = static_cast<int>(problems.size()) - errors;
    if (errors == 0 && warnings == 0)
        return QCoreApplication::translate("evflow::ui::ProblemsModel", "✓ valid");
    if (errors == 0)
        return QStringLiteral("⚠ ") + warningsText(warnings);
    if (warnings == 0)
        return QStringLiteral("✗ ") + errorsText(errors);
    return QCoreApplication::translate("evflow::ui::ProblemsModel", "✗ %1, %2")
        .arg(errorsText(errors), warningsText(warnings));
}

ProblemsModel::ProblemsModel(FlowDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &FlowDocument::problemsChanged, this, &ProblemsModel::reload);
    // A new flow: the run errors named the nodes of the one it replaced.
    connect(document, &FlowDocument::flowReset, this, &ProblemsModel::clearRunProblems);
    reload();
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_problems.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const model::Problem &problem = m_problems[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return displayText(problem, index.column(), isRunProblem(index.row()));
    case Qt::ToolTipRole: return toolTip(problem);
    case SourceRole:
        return isRunProblem(index.row()) ? QStringLiteral("run") : QStringLiteral("validation");
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return problemSeverityIcon(problem.severity);
        return {};
    default: return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case MessageColumn: return tr("Message");
    case NodeColumn: return tr("Node");
    case LocationColumn: return tr("Location");
    default: return {};
    }
}

model::Problem ProblemsModel::problemAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return m_problems[static_cast<std::size_t>(row)];
}

bool ProblemsModel::isRunProblem(int row) const
{
    return row >= 0 && row < static_cast<int>(m_runProblems.size()) && row < rowCount();
}

void ProblemsModel::setRunProblems(const model::Problems &problems)
{
    m_runProblems = problems;
    reload();
}

void ProblemsModel::clearRunProblems()
{
    m_runProblems.clear();
    reload();
}

void ProblemsModel::reload()
{
    beginResetModel();
    model::Problems validation = m_document->problems();
    // Errors first: they are what stops a run. Stable, so the validation's order (declarations
    // before what follows from them) stays within each severity.
    std::stable_partition(validation.begin(), validation.end(), [](const model::Problem &p) {
        return p.severity == model::Severity::Error;
    });
    // The run's errors above them: they are what just happened.
    m_problems = m_runProblems;
    m_problems.insert(m_problems.end(), validation.begin(), validation.end());
    m_errors = static_cast<int>(
        std::count_if(m_problems.begin(), m_problems.end(), [](const model::Problem &p) {
            return p.severity == model::Severity::Error;
        }));
    m_warnings = static_cast<int>(m_problems.size()) - m_errors;
    endResetModel();
    emit problemsReplaced();
}

QVariant ProblemsModel::displayText(const model::Problem &problem, int column, bool run) const
{
    switch (column) {
    case SeverityColumn:
        return problem.severity == model::Severity::Error ? tr("error") : tr("warning");
    case MessageColumn: return QString::fromStdString(problem.message);
    case NodeColumn: return QString::fromStdString(problem.node.value);
    case LocationColumn: return run ? tr("run") : QString::fromStdString(problem.pointer);
    default: return {};
    }
}

QString ProblemsModel::toolTip(const model::Problem &problem)
{
    // Rich text so that long messages wrap and "<" in a message stays text.
    QString text = QString::fromStdString(problem.message).toHtmlEscaped();
    if (problem.line > 0)
        text += QStringLiteral("<br/>")
                + tr("Line %1, column %2").arg(problem.line).arg(problem.column);
    if (!problem.pointer.empty())
        text += QStringLiteral("<br/>")
                + tr("At %1").arg(QString::fromStdString(problem.pointer).toHtmlEscaped());
    return QStringLiteral("<p>") + text + QStringLiteral("</p>");
}

} // namespace evflow::ui
