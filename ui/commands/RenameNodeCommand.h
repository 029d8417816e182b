#pragma once

#include "ui/commands/FlowCommand.h"

#include <optional>

namespace evflow::ui {

/// Gives a node a new id; the links and the layout entry that name it follow.
class RenameNodeCommand : public FlowCommand
{
public:
    /// Checked with model::renameNode on a copy; renaming to the same id pushes nothing.
    static PreparedCommand prepare(FlowDocument &document, const model::NodeId &from,
                                   const model::NodeId &to);

    void redo() override;
    void undo() override;

private:
    RenameNodeCommand(FlowDocument &document, const model::NodeId &from, const model::NodeId &to);

    model::NodeId m_from;
    model::NodeId m_to;
    std::optional<model::Position> m_fromEntry;
    /// A layout entry `to` had while no node bore that id (a hand-edited file): model::renameNode
    /// would keep it for the renamed node, so redo gives the node its own position and undo
    /// brings the old entry back.
    std::optional<model::Position> m_staleToEntry;
};

} // namespace evflow::ui
