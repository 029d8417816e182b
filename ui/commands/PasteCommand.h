#pragma once

#include "ui/commands/FlowCommand.h"

#include <map>
#include <optional>
#include <vector>

namespace evflow::ui {

/// Adds a prepared fragment (FlowClipboard::prepareForPaste: ids already free, positions
/// already shifted) as one undo step: its nodes and positions, the links among them, and the
/// event types it uses that the flow does not declare yet.
class PasteCommand : public FlowCommand
{
public:
    /// Rehearses the paste on a copy with model::setEventTypes, addNode and addLink, so any
    /// refusal carries the model's message; an empty fragment pushes nothing.
    static PreparedCommand prepare(FlowDocument &document, model::Flow fragment);

    void redo() override;
    void undo() override;

private:
    PasteCommand(FlowDocument &document, model::Flow fragment,
                 std::vector<model::EventType> typesAfter);

    model::Flow m_fragment;
    std::vector<model::EventType> m_typesBefore;
    std::vector<model::EventType> m_typesAfter;
    /// Layout entries the new ids had before (left by a hand-edited file), restored by undo.
    std::map<model::NodeId, std::optional<model::Position>> m_staleEntries;
};

} // namespace evflow::ui
