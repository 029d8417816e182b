#pragma once

#include "ui/commands/FlowCommand.h"

#include <map>
#include <optional>

namespace evflow::ui {

/// Places every node where AutoLayout puts it, as one undo step (Ctrl+L).
class AutoLayoutCommand : public FlowCommand
{
public:
    /// Nothing to push when every node already sits where the layout puts it.
    static PreparedCommand prepare(FlowDocument &document);

    void redo() override;
    void undo() override;

private:
    using Entries = std::map<model::NodeId, std::optional<model::Position>>;
    AutoLayoutCommand(FlowDocument &document, Entries before, Entries after);

    Entries m_before; ///< nullopt: the node had no layout entry
    Entries m_after;
};

} // namespace evflow::ui
