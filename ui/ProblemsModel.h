#pragma once

#include "model/Problem.h"

#include <QAbstractTableModel>

namespace evflow::ui {

class FlowDocument;

/// "✓ valid", "⚠ 2 warnings", "✗ 1 error", "✗ 2 errors, 1 warning": the validity of a flow in a
/// few characters, for the status bar, the toolbar and the Problems dock title.
QString problemSummary(const model::Problems &problems);

/// The problems of a document as a table: the errors of the last run first (what just went
/// wrong, Location "run"), then the validation's errors, then its warnings, each in the order
/// reported. Follows the document (problemsChanged, flowReset) with a model reset: problem lists
/// are short. Run errors come from setRunProblems(); a new flow clears them. GUI thread only.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, MessageColumn, NodeColumn, LocationColumn, ColumnCount };
    /// data() role: where a row comes from, "run" or "validation" (any column).
    static constexpr int SourceRole = Qt::UserRole + 1;

    /// Shows `document`'s problems; the document must outlive the model.
    explicit ProblemsModel(FlowDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The problem shown in `row`; a default Problem when out of range.
    model::Problem problemAt(int row) const;
    /// All rows, in table order.
    const model::Problems &problems() const { return m_problems; }
    /// Errors and warnings, run errors included.
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

    /// Whether `row` is a run error (rather than a validation finding).
    bool isRunProblem(int row) const;
    /// The run errors shown, as last set.
    const model::Problems &runProblems() const { return m_runProblems; }

public slots:
    /// Replaces the run errors (RunControls::runProblemsChanged); empty clears them. Each is shown
    /// as reported (its severity, message and node), with "run" as its location.
    void setRunProblems(const model::Problems &problems);

signals:
    /// The rows were replaced (after the model reset).
    void problemsReplaced();

private:
    void reload();
    void clearRunProblems();
    /// `run`: the problem is a run error (its location reads "run").
    QVariant displayText(const model::Problem &problem, int column, bool run) const;
    static QString toolTip(const model::Problem &problem);

    FlowDocument *m_document = nullptr;
    model::Problems m_problems;    ///< run errors, then validation errors, then warnings
    model::Problems m_runProblems; ///< as set; the first m_runProblems.size() rows
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace evflow::ui
