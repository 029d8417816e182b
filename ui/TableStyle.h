#pragma once

#include <QAbstractItemView>

QT_BEGIN_NAMESPACE
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui {

/// The studio's look for a read-only list table (Problems, Events, Accounting, Projections):
/// whole rows selected in `mode`, no editing, alternating rows without a grid, one line per row
/// `rowPadding` px taller than the font, no row numbers, no highlighted header sections.
void styleReadOnlyTable(QTableView *view, QAbstractItemView::SelectionMode mode, int rowPadding);

} // namespace evflow::ui
