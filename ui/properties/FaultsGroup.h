#pragma once

#include "ui/properties/NodeEditTarget.h"
#include "ui/properties/SettingsForm.h"

#include <QGroupBox>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// "Inject faults" for producers and channels: a checkable group (unchecked = no faults) with
/// the duplicate, reorder, late and drop probabilities, how far late events go back, and the
/// seed. Checking, unchecking or finishing a field edit is one setFaults() call.
class FaultsGroup : public QGroupBox
{
    Q_OBJECT
public:
    FaultsGroup(NodeEditTarget *target, QWidget *parent = nullptr);
    ~FaultsGroup() override;
    /// Shows the node's fault settings in place.
    void showNode(const model::Node &node);

private:
    void commitChecked(bool checked);
    void commitFields();
    void apply(std::optional<model::FaultInjection> faults);

    NodeEditTarget *m_target;
    std::unique_ptr<SettingsForm> m_form;
    QLabel *m_message;
};

} // namespace evflow::ui::properties
