#pragma once

#include "model/Flow.h"
#include "model/FlowEdit.h"
#include "model/Problem.h"
#include "ui/commands/FlowCommand.h"

#include <QObject>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace evflow::ui {

struct FileResult;

/// One open flow in the studio: the ONLY way to change a model::Flow. Every edit is checked with
/// the model's FlowEdit rules first; a refused edit returns the model's message and pushes
/// nothing, an accepted one becomes one command on the undo stack. Views keep node and link ids
/// and listen to the past-tense signals (QtNodes' AbstractGraphModel idea). After every change
/// that can alter them, the problems are recomputed and problemsChanged() is emitted.
/// GUI thread only.
class FlowDocument : public QObject
{
    Q_OBJECT
public:
    explicit FlowDocument(QObject *parent = nullptr);
    ~FlowDocument() override;

    const model::Flow &flow() const { return m_flow; }
    /// The problems validateFlow() found in the current flow.
    const model::Problems &problems() const { return m_problems; }
    QUndoStack *undoStack() const { return m_undoStack; }

    /// The file the flow was opened from or saved to; empty for a new flow.
    QString filePath() const { return m_filePath; }
    /// The file name for titles: the path's last part, or "untitled.evflow.json".
    QString fileName() const;
    /// True when the flow differs from the last open/save (the undo stack is not clean).
    bool isDirty() const;

    /// While read-only (a run owns the flow), every edit method refuses with readOnlyMessage()
    /// and pushes nothing. QUndoStack has no lock of its own: views must also disable undo and
    /// redo (MainWindow disables the actions and the history view on readOnlyChanged()).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    /// "the flow is running: stop it to edit"
    static std::string readOnlyMessage();

    /// Replaces the whole flow (new, open, recover): clears the undo history, sets the path, marks
    /// the document clean unless `dirty` (a recovered flow is unsaved work), emits flowReset().
    void resetFlow(model::Flow flow, const QString &filePath = {}, bool dirty = false);
    /// Opens a flow file (DocumentFile::open) and resets to it; on failure nothing changes.
    FileResult openFile(const QString &path);
    /// Saves to `path` (or filePath() when empty) with DocumentFile::save; on success the path
    /// becomes filePath() and the document clean. On failure nothing changes but the message.
    FileResult saveFile(const QString &path = {});

    // Edits. Each returns the model's refusal (nothing pushed) or ok (one undo step pushed, or
    // nothing when the edit changes nothing).

    model::EditResult addNode(model::Node node, std::optional<model::Position> position = {});
    /// Removes the nodes with their links and layout entries as one undo step; `links` are
    /// further links to remove in the same step (a selection of nodes and wires).
    model::EditResult removeNodes(const std::vector<model::NodeId> &ids,
                                  const std::vector<model::LinkId> &links = {});
    /// Moves nodes during a drag: consecutive calls for the same set of nodes merge into one
    /// undo step until a call with `final` set (the mouse release) closes the step.
    model::EditResult moveNodes(const std::map<model::NodeId, model::Position> &positions,
                                bool final);
    model::EditResult addLink(model::Link link);
    model::EditResult removeLink(const model::LinkId &id);
    model::EditResult setLinkTypes(const model::LinkId &id, std::vector<std::string> types);
    /// Sets a property; nullopt removes the stated value so the catalog default applies.
    model::EditResult setProperty(const model::NodeId &id, const std::string &name,
                                  std::optional<model::PropertyValue> value);
    model::EditResult renameNode(const model::NodeId &from, const model::NodeId &to);
    model::EditResult setLabel(const model::NodeId &id, std::string label);
    model::EditResult setHost(const model::NodeId &id, std::string host);
    model::EditResult setFaults(const model::NodeId &id,
                                std::optional<model::FaultInjection> faults);
    model::EditResult setDelivery(const model::NodeId &id,
                                  std::optional<model::DeliverySettings> delivery);
    model::EditResult setEventTypes(std::vector<model::EventType> eventTypes);
    /// Pastes a fragment (FlowClipboard) shifted by `offset`, with ids made unique; one undo
    /// step. `pasted` receives the new ids (for selecting them).
    model::EditResult paste(const model::Flow &fragment, model::Position offset,
                            std::vector<model::NodeId> *pasted = nullptr);
    /// Places every node with AutoLayout as one undo step (nothing when already in place).
    model::EditResult autoLayout();

    // Applying commands: called only by FlowCommand subclasses from redo()/undo(). No checks:
    // the command checked when it was prepared and the undo stack replays states in order.

    void applyInsertNode(const ApplyKey &, model::RemovedNode node);
    model::RemovedNode applyTakeNode(const ApplyKey &, const model::NodeId &id);
    void applyInsertLink(const ApplyKey &, model::RemovedLink link);
    model::RemovedLink applyTakeLink(const ApplyKey &, const model::LinkId &id);
    void applyReplaceLink(const ApplyKey &, const model::Link &link);
    void applyReplaceNode(const ApplyKey &, const model::Node &node);
    void applyRenameNode(const ApplyKey &, const model::NodeId &from, const model::NodeId &to);
    /// Sets (value) or removes (nullopt) layout entries; layout-only, so problems are kept.
    void applyLayout(const ApplyKey &,
                     const std::map<model::NodeId, std::optional<model::Position>> &entries);
    void applyEventTypes(const ApplyKey &, const std::vector<model::EventType> &eventTypes);

signals:
    void nodeAdded(const evflow::model::NodeId &id);
    /// Emitted after the node's links were removed (linkRemoved() came first for each).
    void nodeRemoved(const evflow::model::NodeId &id);
    void nodeMoved(const evflow::model::NodeId &id);
    /// Properties, label, host, faults or delivery changed (ports may have changed with them).
    void nodeChanged(const evflow::model::NodeId &id);
    /// The node now has id `to`; the links that named `from` now name `to`.
    void nodeRenamed(const evflow::model::NodeId &from, const evflow::model::NodeId &to);
    void linkAdded(const evflow::model::LinkId &id);
    void linkRemoved(const evflow::model::LinkId &id);
    /// The link's event-type filter changed.
    void linkChanged(const evflow::model::LinkId &id);
    void eventTypesChanged();
    /// The whole flow was replaced: views rebuild from flow().
    void flowReset();
    void problemsChanged(const evflow::model::Problems &problems);
    /// Forwarded from the undo stack: true once the flow equals the saved one again.
    void cleanChanged(bool clean);
    void filePathChanged(const QString &path);
    void readOnlyChanged(bool readOnly);

private:
    model::EditResult push(PreparedCommand prepared);
    /// The refusal every edit returns while read-only; ok otherwise.
    model::EditResult checkWritable() const;
    void setFilePath(const QString &path);
    /// Validates again when an apply function changed more than the layout since last time.
    void revalidateIfStale();

    model::Flow m_flow;
    model::Problems m_problems;
    QUndoStack *m_undoStack = nullptr;
    QString m_filePath;
    bool m_problemsStale = false;
    bool m_readOnly = false;
};

} // namespace evflow::ui

Q_DECLARE_METATYPE(evflow::model::NodeId)
Q_DECLARE_METATYPE(evflow::model::LinkId)
Q_DECLARE_METATYPE(evflow::model::Problems)
