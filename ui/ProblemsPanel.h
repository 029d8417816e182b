#pragma once

#include "model/Ids.h"
#include "model/Problem.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QModelIndex;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui {

class FlowDocument;
class ProblemsModel;

/// The Problems dock: the errors of the last run ("run" in the Location column) and every
/// validation message of the document with its severity, errors first, or a quiet "No problems"
/// line when there are none. Clicking or activating a row about a node emits nodeActivated() so
/// the main window can select and centre that node. GUI thread only.
class ProblemsPanel : public QWidget
{
    Q_OBJECT
public:
    /// Shows `document`'s problems; the document must outlive the panel.
    explicit ProblemsPanel(FlowDocument *document, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    ProblemsModel *model() const { return m_model; }
    /// The label shown instead of the table while there are no problems.
    QLabel *emptyStateLabel() const { return m_emptyLabel; }

public slots:
    /// Shows these run errors above the validation's (connect RunControls::runProblemsChanged
    /// here); empty clears them. Opening another flow clears them too.
    void setRunProblems(const evflow::model::Problems &problems);

signals:
    /// The user clicked or activated (Enter, double-click) a problem about node `id`.
    void nodeActivated(const evflow::model::NodeId &id);
    /// The problems changed (not emitted for the initial state: read model()->errorCount() and
    /// warningCount() after constructing).
    void countsChanged(int errors, int warnings);

private:
    void setUpView();
    void fitColumns();
    void onProblemsReplaced();
    void onRowChosen(const QModelIndex &index);

    ProblemsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QStackedWidget *m_stack = nullptr;
};

} // namespace evflow::ui
