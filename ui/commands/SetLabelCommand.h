#pragma once

#include "ui/commands/NodeChangeCommand.h"

namespace evflow::ui {

/// Sets the label shown on a node's header.
class SetLabelCommand : public NodeChangeCommand
{
public:
    /// Checked with model::setLabel; the same label again pushes nothing.
    static PreparedCommand prepare(FlowDocument &document, const model::NodeId &id,
                                   std::string label);

private:
    friend class NodeChangeCommand;
    SetLabelCommand(FlowDocument &document, model::Node before, model::Node after);
};

} // namespace evflow::ui
