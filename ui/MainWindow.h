#pragma once

#include <QMainWindow>

namespace evflow::ui {

/// The studio's main window. For now it only shows the name of the flow it was opened on; the
/// canvas, palette and docks arrive with the designer issue.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    /// Opens a flow file; returns false (with the problem shown) when it cannot be loaded.
    bool openFlow(const QString &path);
};

} // namespace evflow::ui
