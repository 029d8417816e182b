#include "ui/FlowDocument.h"

#include "model/Validation.h"
#include "ui/DocumentFile.h"
#include "ui/FlowClipboard.h"
#include "ui/commands/AddLinkCommand.h"
#include "ui/commands/AddNodeCommand.h"
#include "ui/commands/AutoLayoutCommand.h"
#include "ui/commands/MoveNodesCommand.h"
#include "ui/commands/PasteCommand.h"
#include "ui/commands/RemoveLinkCommand.h"
#include "ui/commands/RemoveNodesCommand.h"
#include "ui/commands/RenameNodeCommand.h"
#include "ui/commands/SetDeliveryCommand.h"
#include "ui/commands/SetEventTypesCommand.h"
#include "ui/commands/SetFaultsCommand.h"
#include "ui/commands/SetHostCommand.h"
#include "ui/commands/SetLabelCommand.h"
#include "ui/commands/SetLinkTypesCommand.h"
#include "ui/commands/SetPropertyCommand.h"

#include <QFileInfo>
#include <QUndoStack>

namespace evflow::ui {

FlowDocument::FlowDocument(QObject *parent)
    : QObject(parent)
    , m_problems(model::validateFlow(m_flow))
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, &FlowDocument::cleanChanged);
    // indexChanged comes once per push, undo, redo or jump, after every command involved ran:
    // the one place to validate, so a paste of 100 nodes validates once, not 100 times.
    connect(m_undoStack, &QUndoStack::indexChanged, this, &FlowDocument::revalidateIfStale);
}

FlowDocument::~FlowDocument() = default;

QString FlowDocument::fileName() const
{
    return m_filePath.isEmpty() ? tr("untitled.evflow.json") : QFileInfo(m_filePath).fileName();
}

bool FlowDocument::isDirty() const
{
    return !m_undoStack->isClean();
}

void FlowDocument::setReadOnly(bool readOnly)
{
    if (readOnly == m_readOnly)
        return;
    m_readOnly = readOnly;
    emit readOnlyChanged(readOnly);
}

std::string FlowDocument::readOnlyMessage()
{
    return tr("the flow is running: stop it to edit").toStdString();
}

model::EditResult FlowDocument::checkWritable() const
{
    return m_readOnly ? model::EditResult::refused(readOnlyMessage()) : model::EditResult{};
}

void FlowDocument::resetFlow(model::Flow flow, const QString &filePath, bool dirty)
{
    m_undoStack->clear();
    m_flow = std::move(flow);
    setFilePath(filePath);
    if (dirty)
        m_undoStack->resetClean();
    emit flowReset();
    m_problemsStale = true;
    revalidateIfStale();
}

FileResult FlowDocument::openFile(const QString &path)
{
    OpenResult opened = DocumentFile::open(path);
    if (!opened.flow)
        return FileResult::failed(opened.message);
    resetFlow(std::move(*opened.flow), path);
    return {};
}

FileResult FlowDocument::saveFile(const QString &path)
{
    const QString target = path.isEmpty() ? m_filePath : path;
    if (FileResult saved = DocumentFile::save(m_flow, target); !saved)
        return saved;
    setFilePath(target);
    m_undoStack->setClean();
    return {};
}

model::EditResult FlowDocument::addNode(model::Node node, std::optional<model::Position> position)
{
    return push(AddNodeCommand::prepare(*this, std::move(node), position));
}

model::EditResult FlowDocument::removeNodes(const std::vector<model::NodeId> &ids,
                                            const std::vector<model::LinkId> &links)
{
    return push(RemoveNodesCommand::prepare(*this, ids, links));
}

model::EditResult FlowDocument::moveNodes(const std::map<model::NodeId, model::Position> &positions,
                                          bool final)
{
    return push(MoveNodesCommand::prepare(*this, positions, final));
}

model::EditResult FlowDocument::addLink(model::Link link)
{
    return push(AddLinkCommand::prepare(*this, std::move(link)));
}

model::EditResult FlowDocument::removeLink(const model::LinkId &id)
{
    return push(RemoveLinkCommand::prepare(*this, id));
}

model::EditResult FlowDocument::setLinkTypes(const model::LinkId &id,
                                             std::vector<std::string> types)
{
    return push(SetLinkTypesCommand::prepare(*this, id, std::move(types)));
}

model::EditResult FlowDocument::setProperty(const model::NodeId &id, const std::string &name,
                                            std::optional<model::PropertyValue> value)
{
    return push(SetPropertyCommand::prepare(*this, id, name, std::move(value)));
}

model::EditResult FlowDocument::renameNode(const model::NodeId &from, const model::NodeId &to)
{
    return push(RenameNodeCommand::prepare(*this, from, to));
}

model::EditResult FlowDocument::setLabel(const model::NodeId &id, std::string label)
{
    return push(SetLabelCommand::prepare(*this, id, std::move(label)));
}

model::EditResult FlowDocument::setHost(const model::NodeId &id, std::string host)
{
    return push(SetHostCommand::prepare(*this, id, std::move(host)));
}

model::EditResult FlowDocument::setFaults(const model::NodeId &id,
                                          std::optional<model::FaultInjection> faults)
{
    return push(SetFaultsCommand::prepare(*this, id, std::move(faults)));
}

model::EditResult FlowDocument::setDelivery(const model::NodeId &id,
                                            std::optional<model::DeliverySettings> delivery)
{
    return push(SetDeliveryCommand::prepare(*this, id, std::move(delivery)));
}

model::EditResult FlowDocument::setEventTypes(std::vector<model::EventType> eventTypes)
{
    return push(SetEventTypesCommand::prepare(*this, std::move(eventTypes)));
}

model::EditResult FlowDocument::paste(const model::Flow &fragment, model::Position offset,
                                      std::vector<model::NodeId> *pasted)
{
    model::Flow prepared = FlowClipboard::prepareForPaste(m_flow, fragment, offset);
    std::vector<model::NodeId> ids;
    for (const model::Node &node : prepared.nodes)
        ids.push_back(node.id);
    model::EditResult result = push(PasteCommand::prepare(*this, std::move(prepared)));
    if (result && pasted)
        *pasted = std::move(ids);
    return result;
}

model::EditResult FlowDocument::autoLayout()
{
    return push(AutoLayoutCommand::prepare(*this));
}

model::EditResult FlowDocument::push(PreparedCommand prepared)
{
    // Every edit method ends here: the one place to refuse while a run owns the flow. The
    // prepared command is dropped unapplied (preparing only reads the flow).
    if (model::EditResult writable = checkWritable(); !writable)
        return writable;
    if (prepared.command)
        m_undoStack->push(prepared.command.release());
    // A command QUndoStack dropped as obsolete right after redo() emits no indexChanged.
    revalidateIfStale();
    return prepared.result;
}

void FlowDocument::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(path);
}

void FlowDocument::revalidateIfStale()
{
    if (!m_problemsStale)
        return;
    m_problemsStale = false;
    m_problems = model::validateFlow(m_flow);
    emit problemsChanged(m_problems);
}

} // namespace evflow::ui

// Apply functions: the commands' hands on the flow. Signals go out after the change, so a slot
// always sees the new state; validation waits for the end of the command (revalidateIfStale).

namespace evflow::ui {

void FlowDocument::applyInsertNode(const ApplyKey &, model::RemovedNode node)
{
    const model::NodeId id = node.node.id;
    std::vector<model::LinkId> links;
    for (const auto &[index, link] : node.links)
        links.push_back(link.id());
    const model::EditResult restored = model::restoreNode(m_flow, std::move(node));
    // Commands replay states in order, so the recorded place always fits.
    Q_ASSERT_X(restored.ok, "FlowDocument::applyInsertNode", restored.message.c_str());
    m_problemsStale = true;
    emit nodeAdded(id);
    for (const model::LinkId &link : links)
        emit linkAdded(link);
}

model::RemovedNode FlowDocument::applyTakeNode(const ApplyKey &, const model::NodeId &id)
{
    model::RemovedNode removed;
    const model::EditResult taken = model::removeNode(m_flow, id, &removed);
    Q_ASSERT_X(taken.ok, "FlowDocument::applyTakeNode", taken.message.c_str());
    m_problemsStale = true;
    for (const auto &[index, link] : removed.links)
        emit linkRemoved(link.id());
    emit nodeRemoved(id);
    return removed;
}

void FlowDocument::applyInsertLink(const ApplyKey &, model::RemovedLink link)
{
    // Not model::restoreLink(): it re-checks the link, and undo must also bring back a link
    // that was already invalid when it was removed (a loaded file may hold one).
    Q_ASSERT(link.index >= 0 && link.index <= static_cast<int>(m_flow.links.size()));
    const model::LinkId id = link.link.id();
    m_flow.links.insert(m_flow.links.begin() + link.index, std::move(link.link));
    m_problemsStale = true;
    emit linkAdded(id);
}

model::RemovedLink FlowDocument::applyTakeLink(const ApplyKey &, const model::LinkId &id)
{
    model::RemovedLink removed;
    const model::EditResult taken = model::removeLink(m_flow, id, &removed);
    Q_ASSERT_X(taken.ok, "FlowDocument::applyTakeLink", taken.message.c_str());
    m_problemsStale = true;
    emit linkRemoved(id);
    return removed;
}

void FlowDocument::applyReplaceLink(const ApplyKey &, const model::Link &link)
{
    const int index = m_flow.linkIndex(link.id());
    Q_ASSERT(index >= 0);
    m_flow.links[static_cast<size_t>(index)] = link;
    m_problemsStale = true;
    emit linkChanged(link.id());
}

void FlowDocument::applyReplaceNode(const ApplyKey &, const model::Node &node)
{
    model::Node *target = m_flow.findNode(node.id);
    Q_ASSERT(target);
    *target = node;
    m_problemsStale = true;
    emit nodeChanged(node.id);
}

void FlowDocument::applyRenameNode(const ApplyKey &, const model::NodeId &from,
                                   const model::NodeId &to)
{
    const model::EditResult renamed = model::renameNode(m_flow, from, to);
    Q_ASSERT_X(renamed.ok, "FlowDocument::applyRenameNode", renamed.message.c_str());
    m_problemsStale = true;
    emit nodeRenamed(from, to);
}

void FlowDocument::applyLayout(
    const ApplyKey &, const std::map<model::NodeId, std::optional<model::Position>> &entries)
{
    std::vector<model::NodeId> moved;
    for (const auto &[id, position] : entries) {
        if (position)
            m_flow.layout[id] = *position;
        else
            m_flow.layout.erase(id);
        // Validation reads the layout only to report entries of missing nodes: a position of
        // an existing node cannot change the problems (a drag must not re-validate per pixel).
        if (m_flow.findNode(id))
            moved.push_back(id);
        else
            m_problemsStale = true;
    }
    for (const model::NodeId &id : moved)
        emit nodeMoved(id);
}

void FlowDocument::applyEventTypes(const ApplyKey &,
                                   const std::vector<model::EventType> &eventTypes)
{
    m_flow.eventTypes = eventTypes;
    m_problemsStale = true;
    emit eventTypesChanged();
}

} // namespace evflow::ui
