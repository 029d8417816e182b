#include "ui/monitor/RunLog.h"

#include "ui/Theme.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextCharFormat>
#include <QTime>

namespace evflow::ui::monitor {

RunLog::RunLog(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("RunLog"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setMaximumBlockCount(kMaxLines);
    setLineWrapMode(NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Run starts, stops and errors appear here. Press Run (F5)."));
}

void RunLog::addLine(const QString &message, bool error)
{
    QTextCharFormat format;
    if (error)
        format.setForeground(theme::errorColor());
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (!document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(QTime::currentTime().toString(QStringLiteral("hh:mm:ss")) + "  ", {});
    cursor.insertText(message, format);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

} // namespace evflow::ui::monitor
