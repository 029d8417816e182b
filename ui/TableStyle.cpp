#include "ui/TableStyle.h"

#include <QHeaderView>
#include <QTableView>

namespace evflow::ui {

void styleReadOnlyTable(QTableView *view, QAbstractItemView::SelectionMode mode, int rowPadding)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(mode);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    // Fixed row heights: a live table re-measuring rows ten times a second would stutter.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + rowPadding);
    view->horizontalHeader()->setHighlightSections(false);
}

} // namespace evflow::ui
