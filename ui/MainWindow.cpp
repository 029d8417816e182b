#include "ui/MainWindow.h"

#include "model/FlowFile.h"
#include "model/Validation.h"

#include <QLabel>
#include <QStatusBar>

namespace evflow::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("evflow studio"));
    m_hint
        = new QLabel(tr("Drag a producer from the palette, or open an example (File ▸ Examples)"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 14pt;"));
    setCentralWidget(m_hint);
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
    const auto &flow = *result.flow;
    setWindowTitle(tr("%1 — evflow studio").arg(QString::fromStdString(flow.name)));
    const auto problems = model::validateFlow(flow);
    m_hint->setText(tr("<b>%1</b><br>%2<br><br>%3 nodes · %4 links · %5")
                        .arg(QString::fromStdString(flow.name).toHtmlEscaped(),
                             QString::fromStdString(flow.description).toHtmlEscaped())
                        .arg(flow.nodes.size())
                        .arg(flow.links.size())
                        .arg(model::hasErrors(problems) ? tr("✗ has errors") : tr("✓ valid")));
    statusBar()->showMessage(tr("%1 · %2 nodes, %3 links")
                                 .arg(path)
                                 .arg(result.flow->nodes.size())
                                 .arg(result.flow->links.size()));
    return true;
}

} // namespace evflow::ui
