#include "ui/canvas/CanvasActions.h"

#include "ui/FlowClipboard.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/NodeItem.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>

namespace evflow::ui::canvas {
namespace {

constexpr double kPasteStep = 40;

QString withKey(const QString &tip, const QKeySequence &key)
{
    if (key.isEmpty())
        return tip;
    return QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText));
}

} // namespace

CanvasActions::CanvasActions(FlowView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    m_delete = makeAction(tr("&Delete"), QKeySequence::Delete, tr("Delete the selection"));
    m_cut = makeAction(tr("Cu&t"), QKeySequence::Cut, tr("Cut the selected nodes"));
    m_copy = makeAction(tr("&Copy"), QKeySequence::Copy, tr("Copy the selected nodes"));
    m_paste = makeAction(tr("&Paste"), QKeySequence::Paste, tr("Paste nodes"));
    m_duplicate = makeAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                             tr("Duplicate the selected nodes"));
    m_selectAll = makeAction(tr("Select &All"), QKeySequence::SelectAll, tr("Select everything"));
    m_snap = makeAction(tr("&Snap to Grid"), {}, tr("Snap nodes to the grid while moving"));
    m_snap->setCheckable(true);
    m_snap->setChecked(view->flowScene()->snapToGrid());
    m_zoomIn = makeAction(tr("Zoom &In"), QKeySequence::ZoomIn, tr("Zoom in"));
    m_zoomOut = makeAction(tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Zoom out"));
    m_zoomReset
        = makeAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_1), tr("Zoom to 100 %"));
    m_fit = makeAction(tr("&Fit to View"), QKeySequence(Qt::CTRL | Qt::Key_0),
                       tr("Show the whole flow"));
    m_autoLayout = makeAction(tr("Auto &Layout"), QKeySequence(Qt::CTRL | Qt::Key_L),
                              tr("Arrange the nodes left to right by flow depth"));
    m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_cut->setIcon(QIcon::fromTheme(QStringLiteral("edit-cut")));
    m_copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_paste->setIcon(QIcon::fromTheme(QStringLiteral("edit-paste")));
    m_zoomIn->setIcon(QIcon::fromTheme(QStringLiteral("zoom-in")));
    m_zoomOut->setIcon(QIcon::fromTheme(QStringLiteral("zoom-out")));
    m_fit->setIcon(QIcon::fromTheme(QStringLiteral("zoom-fit-best")));

    FlowScene *scene = view->flowScene();
    FlowDocument *doc = scene->document();
    connect(m_delete, &QAction::triggered, this, &CanvasActions::deleteSelection);
    connect(m_copy, &QAction::triggered, this, [scene, doc] {
        FlowClipboard::copyToClipboard(doc->flow(), scene->selectedNodeIds());
    });
    connect(m_cut, &QAction::triggered, this, [this, scene, doc] {
        FlowClipboard::copyToClipboard(doc->flow(), scene->selectedNodeIds());
        deleteSelection();
    });
    connect(m_paste, &QAction::triggered, this, &CanvasActions::paste);
    connect(m_duplicate, &QAction::triggered, this, &CanvasActions::duplicate);
    connect(m_selectAll, &QAction::triggered, this, [scene] {
        for (QGraphicsItem *item : scene->items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable)
                item->setSelected(true);
    });
    connect(m_snap, &QAction::toggled, scene, &FlowScene::setSnapToGrid);
    connect(m_zoomIn, &QAction::triggered, view, &FlowView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, view, &FlowView::zoomOut);
    connect(m_zoomReset, &QAction::triggered, view, &FlowView::resetZoom);
    connect(m_fit, &QAction::triggered, view, &FlowView::fitToView);
    connect(m_autoLayout, &QAction::triggered, this, [this, doc] {
        const auto result = doc->autoLayout();
        if (result)
            m_view->fitToView();
        else
            emit statusMessage(QString::fromStdString(result.message));
    });
    connect(scene, &FlowScene::selectionIdsChanged, this, &CanvasActions::updateEnabled);
    // Parsing the clipboard is not free (a copied fragment may hold hundreds of nodes): it is
    // done when the clipboard changes, not on every selection change of a rubber band.
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, [this] {
        m_clipboardHasNodes = FlowClipboard::fromClipboard().has_value();
        updateEnabled();
    });
    m_clipboardHasNodes = FlowClipboard::fromClipboard().has_value();
    connect(doc, &FlowDocument::flowReset, this, [this] { m_pasteCount = 0; });
    buildAlignMenu();
    updateEnabled();
}

QAction *CanvasActions::makeAction(const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setToolTip(withKey(tip, key));
    action->setStatusTip(tip);
    // The shortcuts work while the canvas has focus; the menus carry them for the whole window.
    action->setShortcutContext(Qt::WindowShortcut);
    return action;
}

void CanvasActions::buildAlignMenu()
{
    m_alignMenu = new QMenu(tr("A&rrange"));
    m_alignMenu->setToolTipsVisible(true);
    const std::pair<QString, Alignment> entries[] = {
        {tr("Align &Left"), Alignment::Left},
        {tr("Align &Centres Horizontally"), Alignment::HorizontalCentre},
        {tr("Align &Right"), Alignment::Right},
        {tr("Align &Top"), Alignment::Top},
        {tr("Align Centres &Vertically"), Alignment::VerticalCentre},
        {tr("Align &Bottom"), Alignment::Bottom},
        {tr("Distribute &Horizontally"), Alignment::DistributeHorizontally},
        {tr("Distribute V&ertically"), Alignment::DistributeVertically},
    };
    for (const auto &[text, how] : entries) {
        if (how == Alignment::DistributeHorizontally)
            m_alignMenu->addSeparator();
        QAction *action = m_alignMenu->addAction(text);
        connect(action, &QAction::triggered, this, [this, how = how] { alignSelection(how); });
    }
    connect(this, &QObject::destroyed, m_alignMenu, &QObject::deleteLater);
}

void CanvasActions::updateEnabled()
{
    FlowScene *scene = m_view->flowScene();
    const auto nodes = scene->selectedNodeIds();
    const bool anything = !nodes.empty() || !scene->selectedLinkIds().empty();
    m_delete->setEnabled(anything);
    m_cut->setEnabled(!nodes.empty());
    m_copy->setEnabled(!nodes.empty());
    m_duplicate->setEnabled(!nodes.empty());
    m_alignMenu->setEnabled(nodes.size() >= 2);
    m_paste->setEnabled(m_clipboardHasNodes);
}

void CanvasActions::deleteSelection()
{
    FlowScene *scene = m_view->flowScene();
    const auto result
        = scene->document()->removeNodes(scene->selectedNodeIds(), scene->selectedLinkIds());
    if (!result)
        emit statusMessage(QString::fromStdString(result.message));
}

void CanvasActions::paste()
{
    QString error;
    const auto fragment = FlowClipboard::fromClipboard(&error);
    if (!fragment) {
        emit statusMessage(error.isEmpty() ? tr("The clipboard holds no nodes") : error);
        return;
    }
    ++m_pasteCount;
    pasteFragment(*fragment, {kPasteStep * m_pasteCount, kPasteStep * m_pasteCount});
}

void CanvasActions::duplicate()
{
    FlowScene *scene = m_view->flowScene();
    const auto fragment = FlowClipboard::copy(scene->document()->flow(), scene->selectedNodeIds());
    pasteFragment(fragment, {kPasteStep, kPasteStep});
}

void CanvasActions::pasteFragment(const model::Flow &fragment, model::Position offset)
{
    FlowScene *scene = m_view->flowScene();
    std::vector<model::NodeId> pasted;
    const auto result = scene->document()->paste(fragment, offset, &pasted);
    if (!result) {
        emit statusMessage(QString::fromStdString(result.message));
        return;
    }
    scene->selectNodes(pasted);
}

void CanvasActions::alignSelection(Alignment how)
{
    FlowScene *scene = m_view->flowScene();
    std::map<model::NodeId, NodeBox> boxes;
    for (const auto &id : scene->selectedNodeIds()) {
        const NodeItem *item = scene->nodeItem(id);
        const QRectF frame = item->frame();
        boxes[id] = {item->pos().x(), item->pos().y(), frame.width(), frame.height()};
    }
    const auto moves = align(boxes, how);
    if (moves.empty())
        return;
    const auto result = scene->document()->moveNodes(moves, true);
    if (!result)
        emit statusMessage(QString::fromStdString(result.message));
}

} // namespace evflow::ui::canvas
