#pragma once

#include "ui/canvas/Alignment.h"

#include <QObject>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
QT_END_NAMESPACE

namespace evflow::ui::canvas {

class FlowView;

/// The editing actions of the canvas, with standard keys and tooltips that name them: delete,
/// cut, copy, paste, duplicate, select all, align and distribute, snap to grid, zoom in / out /
/// 100 % / fit, auto-layout. Each edit is one document call, so one undo step. The main window
/// puts the actions into its menus and toolbar.
class CanvasActions : public QObject
{
    Q_OBJECT
public:
    explicit CanvasActions(FlowView *view, QObject *parent = nullptr);

    QAction *deleteAction() const { return m_delete; }
    QAction *cutAction() const { return m_cut; }
    QAction *copyAction() const { return m_copy; }
    QAction *pasteAction() const { return m_paste; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *selectAllAction() const { return m_selectAll; }
    QAction *snapAction() const { return m_snap; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *zoomResetAction() const { return m_zoomReset; }
    QAction *fitAction() const { return m_fit; }
    QAction *autoLayoutAction() const { return m_autoLayout; }
    /// Align and distribute, for an "Arrange" submenu.
    QMenu *alignMenu() const { return m_alignMenu; }

    /// Lines up the selected nodes (one undo step).
    void alignSelection(Alignment how);
    /// Pastes the clipboard's fragment, offset from the last paste so copies do not stack.
    void paste();
    /// Copies the selection and pastes it next to itself, leaving the clipboard alone.
    void duplicate();
    void deleteSelection();

signals:
    void statusMessage(const QString &message);

private:
    QAction *makeAction(const QString &text, const QKeySequence &key, const QString &tip);
    void buildAlignMenu();
    void updateEnabled();
    void pasteFragment(const model::Flow &fragment, model::Position offset);

    FlowView *m_view;
    QAction *m_delete, *m_cut, *m_copy, *m_paste, *m_duplicate, *m_selectAll, *m_snap;
    QAction *m_zoomIn, *m_zoomOut, *m_zoomReset, *m_fit, *m_autoLayout;
    QMenu *m_alignMenu = nullptr;
    int m_pasteCount = 0;
    bool m_clipboardHasNodes = false; ///< the clipboard held a fragment when it last changed
};

} // namespace evflow::ui::canvas
