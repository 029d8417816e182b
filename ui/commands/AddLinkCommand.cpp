#include "ui/commands/AddLinkCommand.h"

#include "ui/FlowDocument.h"

namespace evflow::ui {

PreparedCommand AddLinkCommand::prepare(FlowDocument &document, model::Link link)
{
    if (model::EditResult checked = model::checkAddLink(document.flow(), link); !checked)
        return PreparedCommand::refused(std::move(checked));
    return {std::unique_ptr<QUndoCommand>(new AddLinkCommand(document, std::move(link))), {}};
}

AddLinkCommand::AddLinkCommand(FlowDocument &document, model::Link link)
    : FlowCommand(document, tr("Link %1").arg(QString::fromStdString(link.id().toString())))
    , m_link(std::move(link))
{
}

void AddLinkCommand::redo()
{
    const int end = static_cast<int>(document().flow().links.size());
    document().applyInsertLink(key(), {end, m_link});
}

void AddLinkCommand::undo()
{
    document().applyTakeLink(key(), m_link.id());
}

} // namespace evflow::ui
