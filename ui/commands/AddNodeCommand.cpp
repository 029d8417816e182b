#include "ui/commands/AddNodeCommand.h"

#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand AddNodeCommand::prepare(FlowDocument &document, model::Node node,
                                        std::optional<model::Position> position)
{
    if (model::EditResult checked = model::checkAddNode(document.flow(), node); !checked)
        return PreparedCommand::refused(std::move(checked));
    return {std::unique_ptr<QUndoCommand>(new AddNodeCommand(document, std::move(node), position)),
            {}};
}

AddNodeCommand::AddNodeCommand(FlowDocument &document, model::Node node,
                               std::optional<model::Position> position)
    : FlowCommand(document, tr("Add %1 %2")
                                .arg(QString::fromLatin1(model::catalog::kindName(node.kind)),
                                     quoted(node.id)))
    , m_node(std::move(node))
    , m_position(position)
{
    const auto &layout = document.flow().layout;
    if (const auto it = layout.find(m_node.id); it != layout.end())
        m_staleEntry = it->second;
}

void AddNodeCommand::redo()
{
    model::RemovedNode added;
    added.node = m_node;
    added.index = static_cast<int>(document().flow().nodes.size());
    // model::addNode() keeps an existing entry when no position is given; so does this.
    added.position = m_position ? m_position : m_staleEntry;
    document().applyInsertNode(key(), std::move(added));
}

void AddNodeCommand::undo()
{
    document().applyTakeNode(key(), m_node.id);
    if (m_staleEntry)
        document().applyLayout(key(), {{m_node.id, m_staleEntry}});
}

} // namespace evflow::ui
