#include "ui/commands/MoveNodesCommand.h"

#include "ui/FlowDocument.h"

#include <algorithm>

namespace evflow::ui {

PreparedCommand MoveNodesCommand::prepare(FlowDocument &document,
                                          const std::map<model::NodeId, model::Position> &positions,
                                          bool final)
{
    const model::Flow &flow = document.flow();
    Entries before;
    Entries after;
    // The hot path of a drag: no copy of the flow; an empty one yields the model's message.
    for (const auto &[id, position] : positions) {
        if (!flow.findNode(id)) {
            model::Flow empty;
            return PreparedCommand::refused(model::moveNode(empty, id, position));
        }
        const auto it = flow.layout.find(id);
        before[id] = it == flow.layout.end() ? std::nullopt : std::optional(it->second);
        after[id] = position;
    }
    if (after.empty())
        return {};
    return {std::unique_ptr<QUndoCommand>(
                new MoveNodesCommand(document, std::move(before), std::move(after), final)),
            {}};
}

MoveNodesCommand::MoveNodesCommand(FlowDocument &document, Entries before, Entries after,
                                   bool final)
    : FlowCommand(document, describe(after))
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_final(final)
{
}

QString MoveNodesCommand::describe(const Entries &entries)
{
    if (entries.size() == 1)
        return tr("Move %1").arg(quoted(entries.begin()->first));
    return counted(entries.size(), "Move %1 node", "Move %1 nodes");
}

void MoveNodesCommand::redo()
{
    document().applyLayout(key(), m_after);
    // A drag that ends where it started changes nothing: QUndoStack then drops the command.
    setObsolete(m_after == m_before);
}

void MoveNodesCommand::undo()
{
    document().applyLayout(key(), m_before);
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveNodesCommand *>(other); // same id() checked by Qt
    const auto sameNode = [](const auto &a, const auto &b) { return a.first == b.first; };
    if (m_final
        || !std::equal(m_after.begin(), m_after.end(), move->m_after.begin(), move->m_after.end(),
                       sameNode))
        return false;
    m_after = move->m_after;
    m_final = move->m_final;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace evflow::ui
