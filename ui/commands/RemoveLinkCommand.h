#pragma once

#include "ui/commands/FlowCommand.h"

namespace evflow::ui {

/// Removes one wire; undo puts it back at its old index.
class RemoveLinkCommand : public FlowCommand
{
public:
    /// Refused with the model's message when the link does not exist.
    static PreparedCommand prepare(FlowDocument &document, const model::LinkId &id);

    void redo() override;
    void undo() override;

private:
    RemoveLinkCommand(FlowDocument &document, const model::LinkId &id);

    model::LinkId m_id;
    model::RemovedLink m_removed; ///< filled by redo()
};

} // namespace evflow::ui
