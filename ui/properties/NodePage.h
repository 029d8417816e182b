#pragma once

#include "ui/properties/NodeEditTarget.h"

#include <QWidget>

#include <memory>

namespace evflow::ui::properties {

class DeliveryGroup;
class FaultsGroup;
class GeneralGroup;
class NodeHeader;
class PropertiesGroup;

/// The form for one node: header, General, Properties, and Faults or Delivery by role. Built for
/// one node kind; showNode() updates it in place for any node of that kind (after an edit, an
/// undo, a rename), so focus and cursor stay where they are.
class NodePage : public QWidget
{
    Q_OBJECT
public:
    NodePage(FlowDocument *document, const model::Node &node, QWidget *parent = nullptr);
    ~NodePage() override;

    model::NodeKind kind() const { return m_kind; }
    const model::NodeId &nodeId() const { return m_target.id; }
    /// Shows `node` (of kind()) in place; it becomes the node that edits go to.
    void showNode(const model::Flow &flow, const model::Node &node);
    /// Stops all edits: called before the page is replaced, so that a focus-out while it goes
    /// away cannot write to the document.
    void detach() { m_target.live = false; }

    PropertiesGroup *propertiesGroup() const { return m_properties; }

private:
    NodeEditTarget m_target;
    model::NodeKind m_kind;
    NodeHeader *m_header;
    GeneralGroup *m_general;
    PropertiesGroup *m_properties;
    FaultsGroup *m_faults = nullptr;
    DeliveryGroup *m_delivery = nullptr;
};

} // namespace evflow::ui::properties
