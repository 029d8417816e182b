#include "ui/commands/SetEventTypesCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand SetEventTypesCommand::prepare(FlowDocument &document,
                                              std::vector<model::EventType> eventTypes)
{
    model::Flow trial = document.flow();
    if (model::EditResult r = model::setEventTypes(trial, std::move(eventTypes)); !r)
        return PreparedCommand::refused(std::move(r));
    if (trial.eventTypes == document.flow().eventTypes)
        return {};
    return {std::unique_ptr<QUndoCommand>(new SetEventTypesCommand(
                document, document.flow().eventTypes, std::move(trial.eventTypes))),
            {}};
}

SetEventTypesCommand::SetEventTypesCommand(FlowDocument &document,
                                           std::vector<model::EventType> before,
                                           std::vector<model::EventType> after)
    : FlowCommand(document, tr("Edit event types"))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SetEventTypesCommand::redo()
{
    document().applyEventTypes(key(), m_after);
}

void SetEventTypesCommand::undo()
{
    document().applyEventTypes(key(), m_before);
}

} // namespace evflow::ui
