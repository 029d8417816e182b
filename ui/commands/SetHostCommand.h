#pragma once

#include "ui/commands/NodeChangeCommand.h"

namespace evflow::ui {

/// Places a node on a declared host ("" = the default host).
class SetHostCommand : public NodeChangeCommand
{
public:
    /// Checked with model::setHost; the host must be declared when the flow has hosts.
    static PreparedCommand prepare(FlowDocument &document, const model::NodeId &id,
                                   std::string host);

private:
    friend class NodeChangeCommand;
    SetHostCommand(FlowDocument &document, model::Node before, model::Node after);
};

} // namespace evflow::ui
