#pragma once

#include "ui/properties/NodeEditTarget.h"
#include "ui/properties/SettingsForm.h"

#include <QGroupBox>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// "Delivery" for consumers and processors: dedup window, reorder wait, out-of-orderness, late
/// policy and schema validation. While the node states none, the defaults are shown muted;
/// finishing a field edit states all of them (one setDelivery() call), "Use defaults" removes
/// them again.
class DeliveryGroup : public QGroupBox
{
    Q_OBJECT
public:
    DeliveryGroup(NodeEditTarget *target, QWidget *parent = nullptr);
    ~DeliveryGroup() override;
    /// Shows the node's delivery settings in place.
    void showNode(const model::Node &node);

private:
    void commitFields();
    void apply(std::optional<model::DeliverySettings> delivery);

    NodeEditTarget *m_target;
    std::unique_ptr<SettingsForm> m_form;
    QToolButton *m_resetButton;
    QLabel *m_message;
};

/// "accept", "drop", "divert" (as in flow files).
std::string latePolicyName(model::LatePolicy policy);
std::optional<model::LatePolicy> latePolicyFromName(const std::string &name);

} // namespace evflow::ui::properties
