#pragma once

#include "model/Flow.h"

#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QToolButton;
QT_END_NAMESPACE

namespace evflow::ui::canvas {

class FlowView;

/// Nodes whose id, label, kind or any property value contains `text` (case-insensitive), in
/// flow order. Plain function so that find can be tested without a widget.
std::vector<model::NodeId> findNodes(const model::Flow &flow, const QString &text);

/// Find-node (Ctrl+F), a bar over the canvas as in Qt Creator: typing selects and centres the
/// first match, Enter / F3 go to the next, Shift+Enter / Shift+F3 to the previous, Escape
/// closes. Shows "2 of 5" or "No match".
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(FlowView *view, QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    /// Shows the bar with the text selected, ready to type.
    void activate();
    void findNext();
    void findPrevious();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void search();
    void showMatch(int index);

    FlowView *m_view;
    QLineEdit *m_edit;
    QLabel *m_count;
    std::vector<model::NodeId> m_matches;
    int m_current = -1;
};

} // namespace evflow::ui::canvas
