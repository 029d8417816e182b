#pragma once

#include "model/Ids.h"

#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QScrollArea;
QT_END_NAMESPACE

namespace evflow::ui {

class FlowDocument;

namespace properties {
class LinkPage;
class NodePage;
class SummaryPage;
} // namespace properties

/// The content of the Properties dock: a form for the selected node or wire, a summary for
/// several items, a hint for none. Every finished edit is exactly one FlowDocument call (one undo
/// step); a refused edit shows the model's message next to its field, never a dialog.
///
/// The form follows the document: after an edit, undo/redo, rename or change of event types it
/// updates its values in place (same node kind = same form, so focus and cursor stay), rebuilds
/// only when the kind of page changes, and never writes back while refreshing. A renamed node
/// stays selected under its new id; a removed one leaves the selection. GUI thread only.
class PropertyEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PropertyEditor(FlowDocument *document, QWidget *parent = nullptr);
    ~PropertyEditor() override;

    const std::vector<model::NodeId> &selectedNodes() const { return m_nodes; }
    const std::vector<model::LinkId> &selectedLinks() const { return m_links; }

public slots:
    /// Shows the canvas's selection; call whenever it changes.
    void setSelection(const std::vector<evflow::model::NodeId> &nodes,
                      const std::vector<evflow::model::LinkId> &links);

private:
    void onNodeRenamed(const model::NodeId &from, const model::NodeId &to);
    void onNodeRemoved(const model::NodeId &id);
    void onLinkRemoved(const model::LinkId &id);
    void onFlowReset();
    /// Brings the page up to date with the document and the selection: in place when the page
    /// fits, a new page otherwise.
    void refresh();
    bool refreshInPlace();
    void replacePage(QWidget *page);

    FlowDocument *m_document;
    QScrollArea *m_scroll;
    std::vector<model::NodeId> m_nodes;
    std::vector<model::LinkId> m_links;
    properties::NodePage *m_nodePage = nullptr;
    properties::LinkPage *m_linkPage = nullptr;
    properties::SummaryPage *m_summaryPage = nullptr;
};

} // namespace evflow::ui
