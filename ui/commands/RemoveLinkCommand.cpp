#include "ui/commands/RemoveLinkCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand RemoveLinkCommand::prepare(FlowDocument &document, const model::LinkId &id)
{
    if (document.flow().linkIndex(id) < 0) {
        model::Flow empty; // no copy of the flow just to borrow the model's message
        return PreparedCommand::refused(model::removeLink(empty, id));
    }
    return {std::unique_ptr<QUndoCommand>(new RemoveLinkCommand(document, id)), {}};
}

RemoveLinkCommand::RemoveLinkCommand(FlowDocument &document, const model::LinkId &id)
    : FlowCommand(document, tr("Unlink %1").arg(QString::fromStdString(id.toString())))
    , m_id(id)
{
}

void RemoveLinkCommand::redo()
{
    m_removed = document().applyTakeLink(key(), m_id);
}

void RemoveLinkCommand::undo()
{
    document().applyInsertLink(key(), m_removed);
}

} // namespace evflow::ui
