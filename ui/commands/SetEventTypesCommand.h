#pragma once

#include "ui/commands/FlowCommand.h"

#include <vector>

namespace evflow::ui {

/// Replaces the flow's declared event types (the event-type editor applies its table at once).
class SetEventTypesCommand : public FlowCommand
{
public:
    /// Checked with model::setEventTypes; the same types again push nothing.
    static PreparedCommand prepare(FlowDocument &document,
                                   std::vector<model::EventType> eventTypes);

    void redo() override;
    void undo() override;

private:
    SetEventTypesCommand(FlowDocument &document, std::vector<model::EventType> before,
                         std::vector<model::EventType> after);

    std::vector<model::EventType> m_before;
    std::vector<model::EventType> m_after;
};

} // namespace evflow::ui
