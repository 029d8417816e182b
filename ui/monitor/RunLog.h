#pragma once

#include <QPlainTextEdit>

namespace evflow::ui::monitor {

/// The Log dock: one timestamped line per run event (started, paused, stopped, each error),
/// read-only and bounded so a run that reports errors for hours cannot grow it without end.
/// GUI thread only.
class RunLog : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kMaxLines = 2000;

    explicit RunLog(QWidget *parent = nullptr);

    /// Appends "hh:mm:ss  message" (an error in the error colour) and scrolls to it.
    void addLine(const QString &message, bool error = false);
};

} // namespace evflow::ui::monitor
