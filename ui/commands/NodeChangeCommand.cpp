#include "ui/commands/NodeChangeCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

NodeChangeCommand::NodeChangeCommand(FlowDocument &document, const QString &text,
                                     model::Node &&before, model::Node &&after)
    : FlowCommand(document, text)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

NodeChangeCommand::Rehearsal
NodeChangeCommand::rehearse(const model::Flow &flow, const model::NodeId &id,
                            const std::function<model::EditResult(model::Flow &)> &edit)
{
    model::Flow trial = flow;
    Rehearsal out;
    out.result = edit(trial);
    if (!out.result)
        return out;
    const model::Node *before = flow.findNode(id);
    const model::Node *after = trial.findNode(id);
    // Edits in place keep the id; an unchanged node means there is nothing to push.
    if (before && after && !(*before == *after)) {
        out.before = *before;
        out.after = *after;
    }
    return out;
}

void NodeChangeCommand::redo()
{
    document().applyReplaceNode(key(), m_after);
}

void NodeChangeCommand::undo()
{
    document().applyReplaceNode(key(), m_before);
}

} // namespace evflow::ui
