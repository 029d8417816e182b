#pragma once

#include "ui/commands/FlowCommand.h"

namespace evflow::ui {

/// Adds one wire between an output and an input port.
class AddLinkCommand : public FlowCommand
{
public:
    /// Checked with model::checkAddLink: the wiring rules validation applies, same messages.
    static PreparedCommand prepare(FlowDocument &document, model::Link link);

    void redo() override;
    void undo() override;

private:
    AddLinkCommand(FlowDocument &document, model::Link link);

    model::Link m_link;
};

} // namespace evflow::ui
