#include "ui/PropertyEditor.h"

#include "ui/FlowDocument.h"
#include "ui/properties/LinkPage.h"
#include "ui/properties/NodePage.h"
#include "ui/properties/SummaryPage.h"

#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui {

using properties::LinkPage;
using properties::NodePage;
using properties::SummaryPage;

PropertyEditor::PropertyEditor(FlowDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("propertyEditor"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);

    connect(document, &FlowDocument::nodeRenamed, this, &PropertyEditor::onNodeRenamed);
    connect(document, &FlowDocument::nodeRemoved, this, &PropertyEditor::onNodeRemoved);
    connect(document, &FlowDocument::linkRemoved, this, &PropertyEditor::onLinkRemoved);
    connect(document, &FlowDocument::flowReset, this, &PropertyEditor::onFlowReset);
    // Everything else only changes values: refresh() updates the page in place.
    connect(document, &FlowDocument::nodeChanged, this, &PropertyEditor::refresh);
    connect(document, &FlowDocument::nodeAdded, this, &PropertyEditor::refresh);
    connect(document, &FlowDocument::linkAdded, this, &PropertyEditor::refresh);
    connect(document, &FlowDocument::linkChanged, this, &PropertyEditor::refresh);
    connect(document, &FlowDocument::eventTypesChanged, this, &PropertyEditor::refresh);
    refresh();
}

PropertyEditor::~PropertyEditor() = default;

void PropertyEditor::setSelection(const std::vector<model::NodeId> &nodes,
                                  const std::vector<model::LinkId> &links)
{
    m_nodes = nodes;
    m_links = links;
    refresh();
}

void PropertyEditor::onNodeRenamed(const model::NodeId &from, const model::NodeId &to)
{
    std::replace(m_nodes.begin(), m_nodes.end(), from, to);
    // Links are named by their ends: a selected wire of the renamed node keeps being selected.
    for (model::LinkId &link : m_links) {
        if (link.from.node == from)
            link.from.node = to;
        if (link.to.node == from)
            link.to.node = to;
    }
    refresh();
}

void PropertyEditor::onNodeRemoved(const model::NodeId &id)
{
    std::erase(m_nodes, id);
    refresh();
}

void PropertyEditor::onLinkRemoved(const model::LinkId &id)
{
    std::erase(m_links, id);
    refresh();
}

void PropertyEditor::onFlowReset()
{
    // A new flow: an id that exists again names another node. Start from the empty selection;
    // the canvas sends its own selection after it rebuilt.
    m_nodes.clear();
    m_links.clear();
    replacePage(nullptr);
    refresh();
}

void PropertyEditor::refresh()
{
    if (refreshInPlace())
        return;
    const model::Flow &flow = m_document->flow();
    if (m_nodes.size() == 1 && m_links.empty()) {
        if (const model::Node *node = flow.findNode(m_nodes.front())) {
            auto *page = new NodePage(m_document, *node);
            replacePage(page);
            m_nodePage = page;
            return;
        }
    }
    if (m_links.size() == 1 && m_nodes.empty() && flow.linkIndex(m_links.front()) >= 0) {
        auto *page = new LinkPage(m_document, m_links.front());
        replacePage(page);
        m_linkPage = page;
        return;
    }
    auto *page = new SummaryPage;
    replacePage(page);
    m_summaryPage = page;
    page->showSummary(flow, m_nodes.size(), m_links.size());
}

bool PropertyEditor::refreshInPlace()
{
    const model::Flow &flow = m_document->flow();
    if (m_nodes.size() == 1 && m_links.empty()) {
        const model::Node *node = flow.findNode(m_nodes.front());
        if (!node || !m_nodePage || m_nodePage->kind() != node->kind)
            return false;
        m_nodePage->showNode(flow, *node);
        return true;
    }
    if (m_links.size() == 1 && m_nodes.empty()) {
        const int index = flow.linkIndex(m_links.front());
        if (index < 0 || !m_linkPage)
            return false;
        m_linkPage->showLink(flow, flow.links[static_cast<size_t>(index)]);
        return true;
    }
    if (!m_summaryPage)
        return false;
    m_summaryPage->showSummary(flow, m_nodes.size(), m_links.size());
    return true;
}

void PropertyEditor::replacePage(QWidget *page)
{
    // Switch the old page off before it loses focus: its focus-out must not commit anything.
    if (m_nodePage)
        m_nodePage->detach();
    if (m_linkPage)
        m_linkPage->detach();
    m_nodePage = nullptr;
    m_linkPage = nullptr;
    m_summaryPage = nullptr;
    if (QWidget *old = m_scroll->takeWidget()) {
        old->hide();
        // Later, not now: the old page may be in the middle of emitting the signal that led here.
        old->deleteLater();
    }
    if (page)
        m_scroll->setWidget(page);
}

} // namespace evflow::ui
