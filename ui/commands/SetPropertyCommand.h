#pragma once

#include "ui/commands/NodeChangeCommand.h"

namespace evflow::ui {

/// Sets a node property, or removes its stated value (nullopt) so the catalog default applies.
class SetPropertyCommand : public NodeChangeCommand
{
public:
    /// Checked with model::setProperty / model::resetProperty (type, range, choices, linked ports).
    static PreparedCommand prepare(FlowDocument &document, const model::NodeId &id,
                                   const std::string &name,
                                   std::optional<model::PropertyValue> value);

private:
    friend class NodeChangeCommand;
    SetPropertyCommand(FlowDocument &document, model::Node before, model::Node after);
};

} // namespace evflow::ui
