#pragma once

#include "ui/commands/FlowCommand.h"

#include <string>
#include <vector>

namespace evflow::ui {

/// Replaces the event-type filter of a link leaving a channel.
class SetLinkTypesCommand : public FlowCommand
{
public:
    /// Checked with model::setLinkTypes on a copy; the same filter again pushes nothing.
    static PreparedCommand prepare(FlowDocument &document, const model::LinkId &id,
                                   std::vector<std::string> types);

    void redo() override;
    void undo() override;

private:
    SetLinkTypesCommand(FlowDocument &document, model::Link before, model::Link after);

    model::Link m_before;
    model::Link m_after;
};

} // namespace evflow::ui
