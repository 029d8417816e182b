#include "ui/commands/RemoveNodesCommand.h"

#include "ui/FlowDocument.h"

#include <algorithm>

namespace evflow::ui {
namespace {

template<typename T>
std::vector<T> withoutRepeats(const std::vector<T> &items)
{
    std::vector<T> out;
    for (const T &item : items)
        if (std::find(out.begin(), out.end(), item) == out.end())
            out.push_back(item);
    return out;
}

QString describe(const std::vector<model::NodeId> &ids, const std::vector<model::LinkId> &links)
{
    const QString nodes = FlowCommand::counted(ids.size(), "%1 node", "%1 nodes");
    const QString wires = FlowCommand::counted(links.size(), "%1 link", "%1 links");
    if (ids.empty())
        return FlowCommand::tr("Delete %1").arg(wires);
    if (links.empty())
        return FlowCommand::tr("Delete %1").arg(nodes);
    return FlowCommand::tr("Delete %1 and %2").arg(nodes, wires);
}

} // namespace

PreparedCommand RemoveNodesCommand::prepare(FlowDocument &document,
                                            const std::vector<model::NodeId> &ids,
                                            const std::vector<model::LinkId> &links)
{
    std::vector<model::NodeId> nodes = withoutRepeats(ids);
    std::vector<model::LinkId> wires;
    for (const model::LinkId &link : withoutRepeats(links)) {
        const auto removedWithNode
            = [&](const model::NodeId &id) { return link.from.node == id || link.to.node == id; };
        if (std::none_of(nodes.begin(), nodes.end(), removedWithNode))
            wires.push_back(link);
    }
    // Rehearse on a copy: the model's functions give the refusal, in the order redo() runs.
    model::Flow trial = document.flow();
    for (const model::LinkId &link : wires)
        if (model::EditResult r = model::removeLink(trial, link); !r)
            return PreparedCommand::refused(std::move(r));
    for (const model::NodeId &id : nodes)
        if (model::EditResult r = model::removeNode(trial, id); !r)
            return PreparedCommand::refused(std::move(r));
    if (nodes.empty() && wires.empty())
        return {};
    return {std::unique_ptr<QUndoCommand>(
                new RemoveNodesCommand(document, std::move(nodes), std::move(wires))),
            {}};
}

RemoveNodesCommand::RemoveNodesCommand(FlowDocument &document, std::vector<model::NodeId> ids,
                                       std::vector<model::LinkId> links)
    : FlowCommand(document, ids.size() == 1 && links.empty()
                                ? tr("Delete %1").arg(quoted(ids.front()))
                                : describe(ids, links))
    , m_ids(std::move(ids))
    , m_links(std::move(links))
{
}

void RemoveNodesCommand::redo()
{
    m_removedLinks.clear();
    m_removedNodes.clear();
    for (const model::LinkId &link : m_links)
        m_removedLinks.push_back(document().applyTakeLink(key(), link));
    for (const model::NodeId &id : m_ids)
        m_removedNodes.push_back(document().applyTakeNode(key(), id));
}

void RemoveNodesCommand::undo()
{
    for (auto it = m_removedNodes.rbegin(); it != m_removedNodes.rend(); ++it)
        document().applyInsertNode(key(), *it);
    for (auto it = m_removedLinks.rbegin(); it != m_removedLinks.rend(); ++it)
        document().applyInsertLink(key(), *it);
}

} // namespace evflow::ui
