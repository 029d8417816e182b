// The Problems panel: the document's validation messages, errors first, kept up to date through
// edits and undo; a click on a row names the node to show; the summary for the status bar.

#include "ui/FlowDocument.h"
#include "ui/ProblemsModel.h"
#include "ui/ProblemsPanel.h"

#include "../model/support/SampleFlows.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::FlowDocument;
using ui::ProblemsModel;
using ui::ProblemsPanel;

namespace {

/// The rich flow with problems of both severities, a warning reported before an error:
/// - error: orders' rate is out of range (/nodes/0/properties/rate);
/// - warnings: the lonely counter is unconnected; a layout entry names no node (no node id);
/// - error: the open channel is reachable without encryption (reported after the warnings).
Flow flowWithProblems()
{
    Flow f = richFlow();
    f.nodes[0].properties["rate"] = -5.0;
    f.nodes.push_back(node("tap", NodeKind::Counter));
    Node open = node("open", NodeKind::PubSub, {{"endpoint", std::string("tcp://*:5700")}});
    f.nodes.push_back(open);
    f.links.push_back(wire("orders.out", "open.in"));
    f.links.push_back(wire("open.out", "tap.in"));
    f.nodes.push_back(node("lonely", NodeKind::Counter));
    f.layout[NodeId{"ghost"}] = Position{10, 10};
    return f;
}

/// The message shown in each row, in table order.
QStringList shownMessages(const ProblemsModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, ProblemsModel::MessageColumn).data().toString();
    return out;
}

/// The document's messages with errors moved first, each severity in its own order.
QStringList expectedMessages(Problems problems)
{
    std::stable_partition(problems.begin(), problems.end(),
                          [](const Problem &p) { return p.severity == Severity::Error; });
    QStringList out;
    for (const Problem &p : problems)
        out << QString::fromStdString(p.message);
    return out;
}

int rowOf(const ProblemsModel &model, const std::string &pointer)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.problemAt(row).pointer == pointer)
            return row;
    return -1;
}

} // namespace

class TestProblemsPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsTheDocumentsProblemsErrorsFirst();
    void columnsShowSeverityMessageNodeAndLocation();
    void clickingARowNamesItsNode();
    void enterOnARowNamesItsNode();
    void rowWithoutNodeNamesNothing();
    void fixingAndUndoingUpdateTheRows();
    void emptyStateOnlyWithoutProblems();
    void runErrorsComeFirstAndNameTheirNode();
    void summary_data();
    void summary();

private:
    std::unique_ptr<FlowDocument> m_doc;
    std::unique_ptr<ProblemsPanel> m_panel;
};

void TestProblemsPanel::init()
{
    m_doc = std::make_unique<FlowDocument>();
    m_doc->resetFlow(flowWithProblems());
    m_panel = std::make_unique<ProblemsPanel>(m_doc.get());
    m_panel->resize(900, 300);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestProblemsPanel::cleanup()
{
    m_panel.reset();
    m_doc.reset();
}

void TestProblemsPanel::listsTheDocumentsProblemsErrorsFirst()
{
    const Problems &problems = m_doc->problems();
    // The fixture is worth its name: the document reports a warning before an error.
    const auto firstWarning = std::find_if(problems.begin(), problems.end(), [](const Problem &p) {
        return p.severity == Severity::Warning;
    });
    QVERIFY(std::any_of(firstWarning, problems.end(),
                        [](const Problem &p) { return p.severity == Severity::Error; }));

    const ProblemsModel &model = *m_panel->model();
    QCOMPARE(model.rowCount(), int(problems.size()));
    QCOMPARE(shownMessages(model), expectedMessages(problems));
    QCOMPARE(model.errorCount(), 2);
    QCOMPARE(model.warningCount(), int(problems.size()) - 2);
    QCOMPARE(model.problemAt(0).severity, Severity::Error);
    QCOMPARE(model.problemAt(1).severity, Severity::Error);
    QCOMPARE(model.problemAt(2).severity, Severity::Warning);
}

void TestProblemsPanel::columnsShowSeverityMessageNodeAndLocation()
{
    const ProblemsModel &model = *m_panel->model();
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QString("Severity"));
    QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QString("Location"));
    const int rate = rowOf(model, "/nodes/0/properties/rate");
    QVERIFY(rate >= 0);
    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role);
    };
    QCOMPARE(cell(rate, ProblemsModel::SeverityColumn).toString(), QString("error"));
    QVERIFY(!cell(rate, ProblemsModel::SeverityColumn, Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(cell(rate, ProblemsModel::MessageColumn).toString().contains("rate"));
    QCOMPARE(cell(rate, ProblemsModel::NodeColumn).toString(), QString("orders"));
    QCOMPARE(cell(rate, ProblemsModel::LocationColumn).toString(),
             QString("/nodes/0/properties/rate"));
    const int warning = model.errorCount();
    QCOMPARE(cell(warning, ProblemsModel::SeverityColumn).toString(), QString("warning"));
    // The tooltip carries the whole message, whatever the column.
    const QString message = QString::fromStdString(model.problemAt(rate).message);
    QVERIFY(cell(rate, ProblemsModel::LocationColumn, Qt::ToolTipRole)
                .toString()
                .contains(message.toHtmlEscaped()));
}

void TestProblemsPanel::clickingARowNamesItsNode()
{
    QSignalSpy activated(m_panel.get(), &ProblemsPanel::nodeActivated);
    QTableView *view = m_panel->view();
    for (const std::string node : {"orders", "lonely"}) {
        int row = -1;
        for (int r = 0; r < m_panel->model()->rowCount(); ++r)
            if (m_panel->model()->problemAt(r).node.value == node)
                row = r;
        QVERIFY(row >= 0);
        const QRect rect = view->visualRect(view->model()->index(row, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QVERIFY(activated.count() >= 1);
        QCOMPARE(activated.last().at(0).value<NodeId>(), NodeId{node});
        QCOMPARE(view->selectionModel()->selectedRows().value(0).row(), row);
        activated.clear();
    }
}

void TestProblemsPanel::enterOnARowNamesItsNode()
{
    QSignalSpy activated(m_panel.get(), &ProblemsPanel::nodeActivated);
    QTableView *view = m_panel->view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<NodeId>(), m_panel->model()->problemAt(0).node);
}

void TestProblemsPanel::rowWithoutNodeNamesNothing()
{
    QSignalSpy activated(m_panel.get(), &ProblemsPanel::nodeActivated);
    const int ghost = rowOf(*m_panel->model(), "/layout/ghost");
    QVERIFY(ghost >= 0);
    QVERIFY(m_panel->model()->problemAt(ghost).node.empty());
    QTableView *view = m_panel->view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(view->model()->index(ghost, 1)).center());
    QCOMPARE(activated.count(), 0);
}

void TestProblemsPanel::fixingAndUndoingUpdateTheRows()
{
    QSignalSpy counts(m_panel.get(), &ProblemsPanel::countsChanged);
    const ProblemsModel &model = *m_panel->model();
    const int before = model.rowCount();
    QVERIFY(rowOf(model, "/nodes/0/properties/rate") >= 0);

    QVERIFY(m_doc->setProperty(NodeId{"orders"}, "rate", PropertyValue{100.0}).ok);
    QCOMPARE(rowOf(model, "/nodes/0/properties/rate"), -1);
    QCOMPARE(model.rowCount(), before - 1);
    QCOMPARE(shownMessages(model), expectedMessages(m_doc->problems()));
    QVERIFY(counts.count() >= 1);
    QCOMPARE(counts.last().at(0).toInt(), 1);
    QCOMPARE(counts.last().at(1).toInt(), before - 2);

    m_doc->undoStack()->undo();
    QCOMPARE(model.rowCount(), before);
    QVERIFY(rowOf(model, "/nodes/0/properties/rate") >= 0);
    QCOMPARE(counts.last().at(0).toInt(), 2);
}

void TestProblemsPanel::emptyStateOnlyWithoutProblems()
{
    QVERIFY(!m_panel->emptyStateLabel()->isVisible());
    QVERIFY(m_panel->view()->isVisible());

    QSignalSpy counts(m_panel.get(), &ProblemsPanel::countsChanged);
    m_doc->resetFlow(richFlow()); // valid, no warnings
    QCOMPARE(m_panel->model()->rowCount(), 0);
    QVERIFY(m_panel->emptyStateLabel()->isVisible());
    QVERIFY(!m_panel->view()->isVisible());
    QCOMPARE(m_panel->emptyStateLabel()->text(), QString("No problems — the flow is valid."));
    QVERIFY(counts.count() >= 1);
    QCOMPARE(counts.last(), QList<QVariant>({0, 0}));

    m_doc->resetFlow(flowWithProblems());
    QVERIFY(!m_panel->emptyStateLabel()->isVisible());
    QVERIFY(m_panel->view()->isVisible());
}

void TestProblemsPanel::runErrorsComeFirstAndNameTheirNode()
{
    const ProblemsModel &model = *m_panel->model();
    const int before = model.rowCount();
    const int errorsBefore = model.errorCount();
    Problem bind;
    bind.message = "pubsub 'bus': node 'orders' cannot bind tcp://127.0.0.1:5555: in use";
    bind.node = NodeId{"orders"};
    Problem whole;
    whole.message = "The run could not start";
    QSignalSpy counts(m_panel.get(), &ProblemsPanel::countsChanged);
    m_panel->setRunProblems({bind, whole});

    QCOMPARE(model.rowCount(), before + 2);
    QCOMPARE(model.errorCount(), errorsBefore + 2);
    QCOMPARE(counts.last().at(0).toInt(), errorsBefore + 2);
    QVERIFY(model.isRunProblem(0) && model.isRunProblem(1) && !model.isRunProblem(2));
    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role).toString();
    };
    QCOMPARE(cell(0, ProblemsModel::MessageColumn), QString::fromStdString(bind.message));
    QCOMPARE(cell(0, ProblemsModel::NodeColumn), QString("orders"));
    QCOMPARE(cell(0, ProblemsModel::LocationColumn), QString("run"));
    QCOMPARE(cell(0, ProblemsModel::SeverityColumn), QString("error"));
    QCOMPARE(cell(0, 0, ProblemsModel::SourceRole), QString("run"));
    QCOMPARE(cell(1, ProblemsModel::NodeColumn), QString());
    QCOMPARE(cell(2, 0, ProblemsModel::SourceRole), QString("validation"));
    // The validation's rows follow, in their usual order.
    QStringList rest = shownMessages(model).mid(2);
    QCOMPARE(rest, expectedMessages(m_doc->problems()));

    QSignalSpy activated(m_panel.get(), &ProblemsPanel::nodeActivated);
    QTableView *view = m_panel->view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(model.index(0, 1)).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<NodeId>(), NodeId{"orders"});

    // An edit keeps them; another flow clears them.
    QVERIFY(m_doc->setProperty(NodeId{"orders"}, "rate", PropertyValue{100.0}).ok);
    QVERIFY(model.isRunProblem(0));
    m_doc->resetFlow(richFlow());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(m_panel->emptyStateLabel()->isVisible());
}

void TestProblemsPanel::summary_data()
{
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << 0 << 0 << "✓ valid";
    QTest::newRow("1 warning") << 0 << 1 << "⚠ 1 warning";
    QTest::newRow("2 warnings") << 0 << 2 << "⚠ 2 warnings";
    QTest::newRow("1 error") << 1 << 0 << "✗ 1 error";
    QTest::newRow("2 errors") << 2 << 0 << "✗ 2 errors";
    QTest::newRow("2 errors 1 warning") << 2 << 1 << "✗ 2 errors, 1 warning";
    QTest::newRow("1 error 2 warnings") << 1 << 2 << "✗ 1 error, 2 warnings";
}

void TestProblemsPanel::summary()
{
    QFETCH(int, errors);
    QFETCH(int, warnings);
    QFETCH(QString, expected);
    Problems problems;
    // Interleaved, so the counting cannot rely on order.
    for (int i = 0; i < std::max(errors, warnings); ++i) {
        if (i < warnings)
            problems.push_back({Severity::Warning, "w", "", {}});
        if (i < errors)
            problems.push_back({Severity::Error, "e", "", {}});
    }
    QCOMPARE(ui::problemSummary(problems), expected);
}

QTEST_MAIN(TestProblemsPanel)
#include "TestProblemsPanel.moc"
