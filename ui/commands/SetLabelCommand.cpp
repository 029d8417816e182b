#include "ui/commands/SetLabelCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand SetLabelCommand::prepare(FlowDocument &document, const model::NodeId &id,
                                         std::string label)
{
    return make<SetLabelCommand>(document, rehearse(document.flow(), id, [&](model::Flow &trial) {
                                     return model::setLabel(trial, id, std::move(label));
                                 }));
}

SetLabelCommand::SetLabelCommand(FlowDocument &document, model::Node before, model::Node after)
    : NodeChangeCommand(document, tr("Set label of %1").arg(quoted(before.id)), std::move(before),
                        std::move(after))
{
}

} // namespace evflow::ui
