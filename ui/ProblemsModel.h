#pragma once

#include "model/Problem.h"

#include <QAbstractTableModel>

namespace evflow::ui {

class FlowDocument;

/// "✓ valid", "⚠ 2 warnings", "✗ 1 error", "✗ 2 errors, 1 warning": the validity of a flow in a
/// few characters, for the status bar, the toolbar and the Problems dock title.
QString problemSummary(const model::Problems &problems);

/// The problems of a document as a table, errors first, then warnings, each in the order the
/// validation reported them. Follows the document (problemsChanged, flowReset) with a model
/// reset: problem lists are short. GUI thread only.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, MessageColumn, NodeColumn, LocationColumn, ColumnCount };

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
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

signals:
    /// The rows were replaced (after the model reset).
    void problemsReplaced();

private:
    void reload();
    QVariant displayText(const model::Problem &problem, int column) const;
    static QString toolTip(const model::Problem &problem);

    FlowDocument *m_document = nullptr;
    model::Problems m_problems;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace evflow::ui
