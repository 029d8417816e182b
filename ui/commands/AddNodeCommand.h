#pragma once

#include "ui/commands/FlowCommand.h"

#include <optional>

namespace evflow::ui {

/// Adds one node (a palette drop), with its canvas position when given.
class AddNodeCommand : public FlowCommand
{
public:
    /// Checked with model::checkAddNode (id well formed and free, properties valid, ...).
    static PreparedCommand prepare(FlowDocument &document, model::Node node,
                                   std::optional<model::Position> position);

    void redo() override;
    void undo() override;

private:
    AddNodeCommand(FlowDocument &document, model::Node node,
                   std::optional<model::Position> position);

    model::Node m_node;
    std::optional<model::Position> m_position;
    /// A layout entry the id had before the node existed (left by a hand-edited file): undo
    /// puts it back so the flow is restored exactly.
    std::optional<model::Position> m_staleEntry;
};

} // namespace evflow::ui
