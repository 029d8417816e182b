#include "ui/properties/NodePage.h"

#include "ui/properties/DeliveryGroup.h"
#include "ui/properties/FaultsGroup.h"
#include "ui/properties/GeneralGroup.h"
#include "ui/properties/NodeHeader.h"
#include "ui/properties/PropertiesGroup.h"

#include <QVBoxLayout>

namespace evflow::ui::properties {

NodePage::NodePage(FlowDocument *document, const model::Node &node, QWidget *parent)
    : QWidget(parent)
    , m_target{document, node.id, true}
    , m_kind(node.kind)
    , m_header(new NodeHeader(node.kind, this))
    , m_general(new GeneralGroup(&m_target, this))
    , m_properties(new PropertiesGroup(&m_target, node.kind, this))
{
    setObjectName(QStringLiteral("nodePage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(m_general);
    layout->addWidget(m_properties);
    if (model::catalog::acceptsFaults(node.kind)) {
        m_faults = new FaultsGroup(&m_target, this);
        layout->addWidget(m_faults);
    }
    if (model::catalog::acceptsDelivery(node.kind)) {
        m_delivery = new DeliveryGroup(&m_target, this);
        layout->addWidget(m_delivery);
    }
    layout->addStretch(1);
    showNode(document->flow(), node);
}

NodePage::~NodePage() = default;

void NodePage::showNode(const model::Flow &flow, const model::Node &node)
{
    Q_ASSERT(node.kind == m_kind);
    m_target.id = node.id;
    m_header->showNode(node);
    m_general->showNode(flow, node);
    m_properties->showNode(flow, node);
    if (m_faults)
        m_faults->showNode(node);
    if (m_delivery)
        m_delivery->showNode(node);
}

} // namespace evflow::ui::properties
