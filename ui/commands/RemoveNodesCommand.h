#pragma once

#include "ui/commands/FlowCommand.h"

#include <vector>

namespace evflow::ui {

/// Deletes a selection: nodes (with every link touching them and their layout entries) and
/// further links, as one undo step. Undo puts everything back at its old index.
class RemoveNodesCommand : public FlowCommand
{
public:
    /// Refused (with the model's message) when a node or link does not exist. Repeated ids and
    /// links that go with a removed node anyway are ignored; nothing to remove pushes nothing.
    static PreparedCommand prepare(FlowDocument &document, const std::vector<model::NodeId> &ids,
                                   const std::vector<model::LinkId> &links);

    void redo() override;
    void undo() override;

private:
    RemoveNodesCommand(FlowDocument &document, std::vector<model::NodeId> ids,
                       std::vector<model::LinkId> links);

    std::vector<model::NodeId> m_ids;
    std::vector<model::LinkId> m_links;
    // Filled by redo(), in removal order; undo() restores in reverse so each index fits again.
    std::vector<model::RemovedLink> m_removedLinks;
    std::vector<model::RemovedNode> m_removedNodes;
};

} // namespace evflow::ui
