#pragma once

#include "ui/commands/NodeChangeCommand.h"

namespace evflow::ui {

/// Sets or removes (nullopt) the fault injection of a producer or channel.
class SetFaultsCommand : public NodeChangeCommand
{
public:
    /// Checked with model::setFaults: only producers and channels, probabilities in [0, 1].
    static PreparedCommand prepare(FlowDocument &document, const model::NodeId &id,
                                   std::optional<model::FaultInjection> faults);

private:
    friend class NodeChangeCommand;
    SetFaultsCommand(FlowDocument &document, model::Node before, model::Node after);
};

} // namespace evflow::ui
