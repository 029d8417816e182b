#include "ui/commands/AutoLayoutCommand.h"

#include "ui/AutoLayout.h"
#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand AutoLayoutCommand::prepare(FlowDocument &document)
{
    const model::Flow &flow = document.flow();
    Entries before;
    Entries after;
    for (const auto &[id, position] : AutoLayout::compute(flow)) {
        const auto it = flow.layout.find(id);
        if (it != flow.layout.end() && it->second == position)
            continue;
        before[id] = it == flow.layout.end() ? std::nullopt : std::optional(it->second);
        after[id] = position;
    }
    if (after.empty())
        return {};
    return {std::unique_ptr<QUndoCommand>(
                new AutoLayoutCommand(document, std::move(before), std::move(after))),
            {}};
}

AutoLayoutCommand::AutoLayoutCommand(FlowDocument &document, Entries before, Entries after)
    : FlowCommand(document, tr("Auto-layout"))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void AutoLayoutCommand::redo()
{
    document().applyLayout(key(), m_after);
}

void AutoLayoutCommand::undo()
{
    document().applyLayout(key(), m_before);
}

} // namespace evflow::ui
