#pragma once

#include <QMainWindow>

class QLabel;

namespace evflow::ui {

/// The studio's main window. For now it shows a summary of the flow it was opened on (name,
/// description, size, validity); the canvas, palette and docks arrive with the designer.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    /// Opens a flow file; returns false (with the problem shown) when it cannot be loaded.
    bool openFlow(const QString &path);

private:
    QLabel *m_hint = nullptr; ///< centre of the window until the canvas replaces it
};

} // namespace evflow::ui
