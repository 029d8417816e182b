#include "ui/commands/SetFaultsCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand SetFaultsCommand::prepare(FlowDocument &document, const model::NodeId &id,
                                          std::optional<model::FaultInjection> faults)
{
    return make<SetFaultsCommand>(document, rehearse(document.flow(), id, [&](model::Flow &trial) {
                                      return model::setFaults(trial, id, std::move(faults));
                                  }));
}

SetFaultsCommand::SetFaultsCommand(FlowDocument &document, model::Node before, model::Node after)
    : NodeChangeCommand(document, tr("Set faults of %1").arg(quoted(before.id)), std::move(before),
                        std::move(after))
{
}

} // namespace evflow::ui
