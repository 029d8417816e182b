#include "ui/commands/PasteCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {
namespace {

std::optional<model::Position> entry(const model::Flow &flow, const model::NodeId &id)
{
    const auto it = flow.layout.find(id);
    return it == flow.layout.end() ? std::nullopt : std::optional(it->second);
}

} // namespace

PreparedCommand PasteCommand::prepare(FlowDocument &document, model::Flow fragment)
{
    if (fragment.nodes.empty())
        return {};
    model::Flow trial = document.flow();
    std::vector<model::EventType> types = trial.eventTypes;
    for (const model::EventType &type : fragment.eventTypes)
        if (!trial.findEventType(type.name))
            types.push_back(type);
    if (model::EditResult r = model::setEventTypes(trial, types); !r)
        return PreparedCommand::refused(std::move(r));
    for (const model::Node &node : fragment.nodes)
        if (model::EditResult r = model::addNode(trial, node, entry(fragment, node.id)); !r)
            return PreparedCommand::refused(std::move(r));
    for (const model::Link &link : fragment.links)
        if (model::EditResult r = model::addLink(trial, link); !r)
            return PreparedCommand::refused(std::move(r));
    return {std::unique_ptr<QUndoCommand>(
                new PasteCommand(document, std::move(fragment), std::move(types))),
            {}};
}

PasteCommand::PasteCommand(FlowDocument &document, model::Flow fragment,
                           std::vector<model::EventType> typesAfter)
    : FlowCommand(document, fragment.nodes.size() == 1
                                ? tr("Paste %1").arg(quoted(fragment.nodes.front().id))
                                : counted(fragment.nodes.size(), "Paste %1 node", "Paste %1 nodes"))
    , m_fragment(std::move(fragment))
    , m_typesBefore(document.flow().eventTypes)
    , m_typesAfter(std::move(typesAfter))
{
    for (const model::Node &node : m_fragment.nodes)
        if (auto stale = entry(document.flow(), node.id))
            m_staleEntries[node.id] = stale;
}

void PasteCommand::redo()
{
    if (m_typesAfter != m_typesBefore)
        document().applyEventTypes(key(), m_typesAfter);
    for (const model::Node &node : m_fragment.nodes) {
        model::RemovedNode added;
        added.node = node;
        added.index = static_cast<int>(document().flow().nodes.size());
        added.position = entry(m_fragment, node.id);
        if (!added.position)
            added.position = entry(document().flow(), node.id); // model::addNode keeps it too
        document().applyInsertNode(key(), std::move(added));
    }
    for (const model::Link &link : m_fragment.links) {
        const int end = static_cast<int>(document().flow().links.size());
        document().applyInsertLink(key(), {end, link});
    }
}

void PasteCommand::undo()
{
    for (auto it = m_fragment.links.rbegin(); it != m_fragment.links.rend(); ++it)
        document().applyTakeLink(key(), it->id());
    for (auto it = m_fragment.nodes.rbegin(); it != m_fragment.nodes.rend(); ++it)
        document().applyTakeNode(key(), it->id);
    if (!m_staleEntries.empty())
        document().applyLayout(key(), m_staleEntries);
    if (m_typesAfter != m_typesBefore)
        document().applyEventTypes(key(), m_typesBefore);
}

} // namespace evflow::ui
