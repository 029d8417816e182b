#include "ui/commands/RenameNodeCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {
namespace {

std::optional<model::Position> entry(const model::Flow &flow, const model::NodeId &id)
{
    const auto it = flow.layout.find(id);
    return it == flow.layout.end() ? std::nullopt : std::optional(it->second);
}

} // namespace

PreparedCommand RenameNodeCommand::prepare(FlowDocument &document, const model::NodeId &from,
                                           const model::NodeId &to)
{
    model::Flow trial = document.flow();
    if (model::EditResult r = model::renameNode(trial, from, to); !r)
        return PreparedCommand::refused(std::move(r));
    if (from == to)
        return {};
    return {std::unique_ptr<QUndoCommand>(new RenameNodeCommand(document, from, to)), {}};
}

RenameNodeCommand::RenameNodeCommand(FlowDocument &document, const model::NodeId &from,
                                     const model::NodeId &to)
    : FlowCommand(document, tr("Rename %1 to %2").arg(quoted(from), quoted(to)))
    , m_from(from)
    , m_to(to)
    , m_fromEntry(entry(document.flow(), from))
    , m_staleToEntry(entry(document.flow(), to))
{
}

void RenameNodeCommand::redo()
{
    document().applyRenameNode(key(), m_from, m_to);
    if (m_staleToEntry)
        document().applyLayout(key(), {{m_to, m_fromEntry}});
}

void RenameNodeCommand::undo()
{
    document().applyRenameNode(key(), m_to, m_from);
    if (m_staleToEntry)
        document().applyLayout(key(), {{m_to, m_staleToEntry}});
}

} // namespace evflow::ui
