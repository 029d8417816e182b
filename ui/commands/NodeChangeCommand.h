#pragma once

#include "ui/commands/FlowCommand.h"

#include <functional>
#include <optional>

namespace evflow::ui {

/// Base of the edits that change one node in place (properties, label, host, faults,
/// delivery): it keeps the node before and after, so redo and undo are exact swaps. Subclasses
/// only rehearse their FlowEdit function and name the step.
class NodeChangeCommand : public FlowCommand
{
public:
    void redo() override;
    void undo() override;

protected:
    /// The outcome of running an edit on a copy of the flow.
    struct Rehearsal
    {
        model::EditResult result;
        std::optional<model::Node> before;
        std::optional<model::Node> after; ///< set when the edit was accepted and changed the node
    };

    /// Takes rvalue references (not values) so a subclass may name `before` in `text`.
    NodeChangeCommand(FlowDocument &document, const QString &text, model::Node &&before,
                      model::Node &&after);

    /// Runs `edit` on a copy of the flow: the model's own check decides, with its message.
    /// Flows are small; the copy costs less than the validation that follows every edit.
    static Rehearsal rehearse(const model::Flow &flow, const model::NodeId &id,
                              const std::function<model::EditResult(model::Flow &)> &edit);

    /// The command `Command(document, before, after)` for an accepted change; the refusal, or
    /// nothing to push when the node did not change.
    template<typename Command>
    static PreparedCommand make(FlowDocument &document, Rehearsal rehearsal)
    {
        if (!rehearsal.after)
            return PreparedCommand::refused(std::move(rehearsal.result));
        return {std::unique_ptr<QUndoCommand>(new Command(document, std::move(*rehearsal.before),
                                                          std::move(*rehearsal.after))),
                {}};
    }

private:
    model::Node m_before;
    model::Node m_after;
};

} // namespace evflow::ui
