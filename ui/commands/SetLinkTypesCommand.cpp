#include "ui/commands/SetLinkTypesCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand SetLinkTypesCommand::prepare(FlowDocument &document, const model::LinkId &id,
                                             std::vector<std::string> types)
{
    model::Flow trial = document.flow();
    if (model::EditResult r = model::setLinkTypes(trial, id, std::move(types)); !r)
        return PreparedCommand::refused(std::move(r));
    const auto index = static_cast<size_t>(trial.linkIndex(id));
    const model::Link &before = document.flow().links[index];
    if (before == trial.links[index])
        return {};
    return {std::unique_ptr<QUndoCommand>(
                new SetLinkTypesCommand(document, before, std::move(trial.links[index]))),
            {}};
}

SetLinkTypesCommand::SetLinkTypesCommand(FlowDocument &document, model::Link before,
                                         model::Link after)
    : FlowCommand(document,
                  tr("Set event types of %1").arg(QString::fromStdString(before.id().toString())))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SetLinkTypesCommand::redo()
{
    document().applyReplaceLink(key(), m_after);
}

void SetLinkTypesCommand::undo()
{
    document().applyReplaceLink(key(), m_before);
}

} // namespace evflow::ui
