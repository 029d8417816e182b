#include "ui/commands/SetHostCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand SetHostCommand::prepare(FlowDocument &document, const model::NodeId &id,
                                        std::string host)
{
    return make<SetHostCommand>(document, rehearse(document.flow(), id, [&](model::Flow &trial) {
                                    return model::setHost(trial, id, std::move(host));
                                }));
}

SetHostCommand::SetHostCommand(FlowDocument &document, model::Node before, model::Node after)
    : NodeChangeCommand(document, tr("Set host of %1").arg(quoted(before.id)), std::move(before),
                        std::move(after))
{
}

} // namespace evflow::ui
