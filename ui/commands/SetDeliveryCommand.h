#pragma once

#include "ui/commands/NodeChangeCommand.h"

namespace evflow::ui {

/// Sets or resets (nullopt) the delivery settings of a consumer or processor.
class SetDeliveryCommand : public NodeChangeCommand
{
public:
    /// Checked with model::setDelivery: no negative amounts; refused when it would drop a linked
    /// "late" port.
    static PreparedCommand prepare(FlowDocument &document, const model::NodeId &id,
                                   std::optional<model::DeliverySettings> delivery);

private:
    friend class NodeChangeCommand;
    SetDeliveryCommand(FlowDocument &document, model::Node before, model::Node after);
};

} // namespace evflow::ui
