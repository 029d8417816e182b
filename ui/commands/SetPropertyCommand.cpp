#include "ui/commands/SetPropertyCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {
namespace {

/// The property that differs between the two versions of the node (the one the edit touched).
QString changedProperty(const model::Node &before, const model::Node &after)
{
    for (const auto &[name, value] : after.properties) {
        const auto it = before.properties.find(name);
        if (it == before.properties.end() || !(it->second == value))
            return QString::fromStdString(name);
    }
    for (const auto &[name, value] : before.properties)
        if (!after.properties.count(name))
            return QString::fromStdString(name);
    return {};
}

} // namespace

PreparedCommand SetPropertyCommand::prepare(FlowDocument &document, const model::NodeId &id,
                                            const std::string &name,
                                            std::optional<model::PropertyValue> value)
{
    return make<SetPropertyCommand>(
        document, rehearse(document.flow(), id, [&](model::Flow &trial) {
            return value ? model::setProperty(trial, id, name, std::move(*value))
                         : model::resetProperty(trial, id, name);
        }));
}

SetPropertyCommand::SetPropertyCommand(FlowDocument &document, model::Node before,
                                       model::Node after)
    : NodeChangeCommand(document,
                        tr("Set %1 of %2").arg(changedProperty(before, after), quoted(before.id)),
                        std::move(before), std::move(after))
{
}

} // namespace evflow::ui
