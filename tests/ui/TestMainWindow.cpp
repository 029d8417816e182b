// The studio window as a whole: panels wired to the canvas (Problems selects and centres, the
// palette adds at the view centre, the selection reaches the property editor), Run enabled only
// without errors, the dock arrangement remembered, flow files opened by dropping them.

#include "model/FlowFile.h"
#include "ui/FileActions.h"
#include "ui/FileDialogs.h"
#include "ui/FlowDocument.h"
#include "ui/MainWindow.h"
#include "ui/PaletteWidget.h"
#include "ui/ProblemsModel.h"
#include "ui/ProblemsPanel.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/NodeItem.h"

#include "support/ScriptedDialogs.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;
using ui::MainWindow;

namespace {

const QString kExamples = QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/");

/// A window on a temporary settings file, shown offscreen.
struct Studio
{
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat};
    ui::testing::ScriptedDialogs dialogs;
    std::unique_ptr<MainWindow> window;

    Studio()
    {
        dialogs.unsavedAnswer = ui::FileDialogs::UnsavedAnswer::Discard;
        open();
    }
    void open()
    {
        window = std::make_unique<MainWindow>(&dialogs, &settings);
        window->resize(1400, 900);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    /// Closes as the user would (the close prompt included) and opens a new window.
    void reopen()
    {
        QVERIFY(window->close());
        window.reset();
        open();
    }
    QDockWidget *dock(const char *name) const
    {
        return window->findChild<QDockWidget *>(QString::fromLatin1(name));
    }
};

Flow flowWithAnError()
{
    auto loaded
        = loadFlowFile((kExamples + QStringLiteral("order-pipeline.evflow.json")).toStdString());
    Flow flow = *loaded.flow;
    flow.nodes[1].properties.erase("endpoint"); // the bus: a required property
    return flow;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void opensAFlowOntoTheCanvas()
    {
        Studio s;
        QVERIFY(s.window->openFlow(kExamples + QStringLiteral("order-pipeline.evflow.json")));
        QVERIFY(s.window->scene()->nodeItem({"bus"}));
        QVERIFY(s.window->windowTitle().startsWith(QStringLiteral("order-pipeline.evflow.json")));
        QVERIFY(s.window->runAction()->isEnabled());
        QVERIFY(s.dialogs.errors.isEmpty());
    }

    void aFittedFlowStaysFittedWhenTheWindowGrows()
    {
        Studio s;
        s.window->resize(700, 500);
        QVERIFY(s.window->openFlow(kExamples + QStringLiteral("order-pipeline.evflow.json")));
        const double small = s.window->view()->zoom();
        QVERIFY(small < 1.0);
        s.window->resize(1600, 1000);
        QTRY_VERIFY(s.window->view()->zoom() > small);
        const QRect shown
            = s.window->view()->mapFromScene(s.window->scene()->nodesBoundingRect()).boundingRect();
        QVERIFY(s.window->view()->viewport()->rect().contains(shown));
        // Once the user zooms, resizing leaves the zoom alone.
        s.window->view()->zoomOut();
        const double chosen = s.window->view()->zoom();
        s.window->resize(1400, 900);
        QCOMPARE(s.window->view()->zoom(), chosen);
    }

    void runIsDisabledWhileErrorsExist()
    {
        Studio s;
        auto *doc = s.window->document();
        doc->resetFlow(flowWithAnError());
        QVERIFY(!s.window->runAction()->isEnabled());
        QVERIFY(s.window->runAction()->toolTip().contains(QStringLiteral("Problems")));
        QVERIFY(doc->setProperty({"bus"}, "endpoint", std::string("inproc://orders")));
        QVERIFY(s.window->runAction()->isEnabled());
        doc->undoStack()->undo();
        QVERIFY(!s.window->runAction()->isEnabled());
        // The status bar says the same as the Problems panel.
        bool shown = false;
        for (QLabel *label : s.window->statusBar()->findChildren<QLabel *>())
            shown |= label->text() == ui::problemSummary(doc->problems());
        QVERIFY(shown);
    }

    void aProblemRowSelectsAndCentresItsNode()
    {
        Studio s;
        s.window->document()->resetFlow(flowWithAnError());
        auto *view = s.window->problemsPanel()->view();
        int row = -1;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (s.window->problemsPanel()->model()->problemAt(r).node.value == "bus")
                row = r;
        QVERIFY(row >= 0);
        // Scroll the canvas away first, so centring is visible.
        s.window->view()->centerOn(5000, 5000);
        const QRect rect = view->visualRect(view->model()->index(row, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(s.window->scene()->selectedNodeIds(), std::vector<NodeId>{{"bus"}});
        const QPointF centre
            = s.window->view()->mapToScene(s.window->view()->viewport()->rect().center());
        QVERIFY(s.window->scene()
                    ->nodeItem({"bus"})
                    ->sceneBoundingRect()
                    .adjusted(-20, -20, 20, 20)
                    .contains(centre));
    }

    void paletteActivationAddsAtTheViewCentre()
    {
        Studio s;
        auto *palette = s.window->palette();
        palette->setFilter(QStringLiteral("queue"));
        QTreeView *tree = palette->view();
        const QModelIndex group = tree->model()->index(0, 0);
        const QModelIndex entry = tree->model()->index(0, 0, group);
        QVERIFY(entry.isValid());
        tree->setCurrentIndex(entry);
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Return);
        const auto &nodes = s.window->document()->flow().nodes;
        QCOMPARE(nodes.size(), std::size_t(1));
        QCOMPARE(nodes[0].kind, NodeKind::Queue);
        const QPointF centre
            = s.window->view()->mapToScene(s.window->view()->viewport()->rect().center());
        QVERIFY(s.window->scene()
                    ->nodeItem(nodes[0].id)
                    ->sceneBoundingRect()
                    .adjusted(-20, -20, 20, 20)
                    .contains(centre));
        // A second one does not land on top of the first.
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(nodes.size(), std::size_t(2));
        QVERIFY(!s.window->scene()
                     ->nodeItem(nodes[0].id)
                     ->sceneBoundingRect()
                     .intersects(s.window->scene()->nodeItem(nodes[1].id)->sceneBoundingRect()));
    }

    void theDockArrangementIsRemembered()
    {
        Studio s;
        QDockWidget *problems = s.dock("ProblemsDock");
        QDockWidget *types = s.dock("EventTypesDock");
        QVERIFY(problems && types);
        s.window->addDockWidget(Qt::LeftDockWidgetArea, types);
        problems->hide();
        QCOMPARE(s.window->dockWidgetArea(types), Qt::LeftDockWidgetArea);
        s.reopen();
        QCOMPARE(s.window->dockWidgetArea(s.dock("EventTypesDock")), Qt::LeftDockWidgetArea);
        QVERIFY(!s.dock("ProblemsDock")->isVisible());
        QVERIFY(s.dock("PaletteDock")->isVisible());
    }

    void droppingAFlowFileOpensIt()
    {
        Studio s;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(kExamples + QStringLiteral("iot-sensors.evflow.json"))});
        const QPoint at = s.window->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(s.window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(s.window.get(), &drop);
        QCOMPARE(s.window->document()->flow().name, std::string("iot sensors"));
        QVERIFY(s.window->scene()->nodeItem({"readings"}));
    }

    void theSelectionIsEditedInTheUndoHistory()
    {
        Studio s;
        QVERIFY(s.window->openFlow(kExamples + QStringLiteral("order-pipeline.evflow.json")));
        auto *doc = s.window->document();
        s.window->scene()->selectNodes({{"shipping"}});
        s.window->view()->setFocus();
        QTest::keyClick(s.window->view(), Qt::Key_Delete);
        QVERIFY(!doc->flow().findNode({"shipping"}));
        QVERIFY(s.window->isWindowModified());
        QTest::keySequence(s.window.get(), QKeySequence::Undo);
        QVERIFY(doc->flow().findNode({"shipping"}));
        QVERIFY(!s.window->isWindowModified());
        QCOMPARE(doc->undoStack()->index(), 0);
        QCOMPARE(doc->undoStack()->count(), 1);
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
