#include "ui/commands/SetDeliveryCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand SetDeliveryCommand::prepare(FlowDocument &document, const model::NodeId &id,
                                            std::optional<model::DeliverySettings> delivery)
{
    return make<SetDeliveryCommand>(document,
                                    rehearse(document.flow(), id, [&](model::Flow &trial) {
                                        return model::setDelivery(trial, id, std::move(delivery));
                                    }));
}

SetDeliveryCommand::SetDeliveryCommand(FlowDocument &document, model::Node before,
                                       model::Node after)
    : NodeChangeCommand(document, tr("Set delivery of %1").arg(quoted(before.id)),
                        std::move(before), std::move(after))
{
}

} // namespace evflow::ui
