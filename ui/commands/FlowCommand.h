#pragma once

#include "model/FlowEdit.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <memory>

namespace evflow::ui {

class FlowDocument;

/// Lets only undo commands call FlowDocument's apply functions: its constructor is private and
/// only FlowCommand may build one (the pass-key idiom), so no other code can change a flow
/// without going through a checked, undoable command.
class ApplyKey
{
    friend class FlowCommand;
    ApplyKey() = default;
};

/// A command ready to push, or the reason the edit was refused. A null command with an ok result
/// means "nothing to change" (e.g. renaming a node to its own id): nothing is pushed.
struct PreparedCommand
{
    std::unique_ptr<QUndoCommand> command;
    model::EditResult result;

    static PreparedCommand refused(model::EditResult why) { return {nullptr, std::move(why)}; }
};

/// Base of every undoable edit of a FlowDocument. Subclasses check their edit in a static
/// prepare() against the document's current flow (with the FlowEdit functions, so refusals carry
/// the model's message) and record what they need to redo and undo it exactly; redo() and undo()
/// then call the document's unchecked apply functions. GUI thread only.
class FlowCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(FlowCommand)
public:
    /// Ids for QUndoCommand::id(): commands with the same id may merge (see mergeWith()).
    enum CommandId { MoveNodesId = 1 };

    /// "'orders'": node ids quoted the way the model's messages quote them.
    static QString quoted(const model::NodeId &id);
    /// "1 node", "3 nodes": `one` and `many` must hold %1 (English without translation files
    /// has no plural forms for %n).
    static QString counted(size_t n, const char *one, const char *many);

protected:
    FlowCommand(FlowDocument &document, const QString &text);

    FlowDocument &document() const { return m_document; }
    static ApplyKey key() { return {}; }

private:
    FlowDocument &m_document;
};

} // namespace evflow::ui
