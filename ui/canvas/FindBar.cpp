#include "ui/canvas/FindBar.h"

#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace evflow::ui::canvas {
namespace {

bool nodeMatches(const model::Node &node, const QString &text)
{
    const auto has = [&text](const std::string &value) {
        return QString::fromStdString(value).contains(text, Qt::CaseInsensitive);
    };
    if (has(node.id.value) || has(node.label) || has(model::catalog::kindName(node.kind)))
        return true;
    for (const auto &[name, value] : node.properties)
        if (has(model::toDisplayString(value)))
            return true;
    return false;
}

} // namespace

std::vector<model::NodeId> findNodes(const model::Flow &flow, const QString &text)
{
    std::vector<model::NodeId> found;
    if (text.trimmed().isEmpty())
        return found;
    for (const auto &node : flow.nodes)
        if (nodeMatches(node, text.trimmed()))
            found.push_back(node.id);
    return found;
}

FindBar::FindBar(FlowView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_edit(new QLineEdit(this))
    , m_count(new QLabel(this))
{
    m_edit->setPlaceholderText(tr("Find node by id, label or property"));
    m_edit->setClearButtonEnabled(true);
    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (F3)"));
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Esc)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(new QLabel(tr("Find:"), this));
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_count);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(close);
    connect(m_edit, &QLineEdit::textChanged, this, &FindBar::search);
    connect(m_edit, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void FindBar::activate()
{
    show();
    m_edit->setFocus();
    m_edit->selectAll();
    search();
}

void FindBar::search()
{
    m_matches = findNodes(m_view->flowScene()->document()->flow(), m_edit->text());
    m_current = -1;
    if (m_matches.empty()) {
        m_count->setText(m_edit->text().isEmpty() ? QString() : tr("No match"));
        return;
    }
    showMatch(0);
}

void FindBar::showMatch(int index)
{
    if (m_matches.empty())
        return;
    const int size = int(m_matches.size());
    m_current = ((index % size) + size) % size;
    m_view->centreOnNode(m_matches[std::size_t(m_current)]);
    m_count->setText(tr("%1 of %2").arg(m_current + 1).arg(size));
}

void FindBar::findNext()
{
    if (m_current < 0)
        search();
    else
        showMatch(m_current + 1);
}

void FindBar::findPrevious()
{
    if (m_current < 0)
        search();
    else
        showMatch(m_current - 1);
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_view->setFocus();
        return;
    }
    if (event->key() == Qt::Key_F3 || event->key() == Qt::Key_Return
        || event->key() == Qt::Key_Enter) {
        if (event->modifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace evflow::ui::canvas
