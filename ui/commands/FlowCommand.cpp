#include "ui/commands/FlowCommand.h"

namespace evflow::ui {

FlowCommand::FlowCommand(FlowDocument &document, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
{
}

QString FlowCommand::quoted(const model::NodeId &id)
{
    return QLatin1Char('\'') + QString::fromStdString(id.value) + QLatin1Char('\'');
}

QString FlowCommand::counted(size_t n, const char *one, const char *many)
{
    return tr(n == 1 ? one : many).arg(n);
}

} // namespace evflow::ui
