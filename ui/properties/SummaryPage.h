#pragma once

#include "model/Flow.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// What the property dock shows when there is no single item to edit: a quiet hint and the
/// flow's size when nothing is selected, or what is selected ("3 nodes, 1 wire selected").
class SummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget *parent = nullptr);
    /// Updates the texts in place.
    void showSummary(const model::Flow &flow, std::size_t selectedNodes, std::size_t selectedLinks);

    QLabel *headline() const { return m_headline; }

private:
    QLabel *m_headline;
    QLabel *m_detail;
};

/// "1 node" / "3 nodes", "1 wire" / "2 wires".
QString countNodes(std::size_t count);
QString countWires(std::size_t count);

} // namespace evflow::ui::properties
