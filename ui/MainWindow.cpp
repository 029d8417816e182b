#include "ui/MainWindow.h"

#include "model/FlowFile.h"

#include <QLabel>
#include <QStatusBar>

namespace evflow::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("evflow studio"));
    auto *hint
        = new QLabel(tr("Drag a producer from the palette, or open an example (File ▸ Examples)"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 14pt;"));
    setCentralWidget(hint);
    resize(1440, 900);
}

bool MainWindow::openFlow(const QString &path)
{
    const auto result = model::loadFlowFile(path.toStdString());
    if (!result.flow) {
        const auto &p = result.problems.front();
        statusBar()->showMessage(
            QString::fromStdString(model::formatProblem(path.toStdString(), p)));
        return false;
    }
    setWindowTitle(tr("%1 — evflow studio").arg(QString::fromStdString(result.flow->name)));
    statusBar()->showMessage(tr("%1 · %2 nodes, %3 links")
                                 .arg(path)
                                 .arg(result.flow->nodes.size())
                                 .arg(result.flow->links.size()));
    return true;
}

} // namespace evflow::ui
