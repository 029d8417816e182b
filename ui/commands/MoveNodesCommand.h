#pragma once

#include "ui/commands/FlowCommand.h"

#include <map>
#include <optional>

namespace evflow::ui {

/// Moves nodes on the canvas; changes only the layout section. A drag sends many moves of the
/// same nodes: they merge into one command (Qt's undoframework MoveCommand::mergeWith) until a
/// move marked final (the mouse release) closes it, so the next drag is a step of its own.
class MoveNodesCommand : public FlowCommand
{
public:
    /// Refused with the model's message when a node does not exist.
    static PreparedCommand prepare(FlowDocument &document,
                                   const std::map<model::NodeId, model::Position> &positions,
                                   bool final);

    void redo() override;
    void undo() override;
    int id() const override { return MoveNodesId; }
    /// Takes over `other` when it moves the same nodes and this drag is not finished yet.
    bool mergeWith(const QUndoCommand *other) override;

private:
    using Entries = std::map<model::NodeId, std::optional<model::Position>>;
    MoveNodesCommand(FlowDocument &document, Entries before, Entries after, bool final);
    static QString describe(const Entries &entries);

    Entries m_before; ///< nullopt: the node had no layout entry before the drag
    Entries m_after;
    bool m_final = false;
};

} // namespace evflow::ui
