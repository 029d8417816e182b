// FlowDocument as the views see it: past-tense signals after each change, problems kept up to
// date, the clean/dirty state and the file identity.

#include "model/FlowFile.h"
#include "model/Validation.h"
#include "ui/DocumentFile.h"
#include "ui/FlowDocument.h"

#include "../model/support/SampleFlows.h"

#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::FlowDocument;

namespace {

/// Every change signal of a document, recorded in order as "signal(args)".
class SignalLog : public QObject
{
public:
    explicit SignalLog(FlowDocument &doc)
    {
        const auto id = [](const NodeId &n) { return QString::fromStdString(n.value); };
        const auto link = [](const LinkId &l) { return QString::fromStdString(l.toString()); };
        connect(&doc, &FlowDocument::nodeAdded, this,
                [this, id](const NodeId &n) { m_lines << "nodeAdded(" + id(n) + ")"; });
        connect(&doc, &FlowDocument::nodeRemoved, this,
                [this, id](const NodeId &n) { m_lines << "nodeRemoved(" + id(n) + ")"; });
        connect(&doc, &FlowDocument::nodeMoved, this,
                [this, id](const NodeId &n) { m_lines << "nodeMoved(" + id(n) + ")"; });
        connect(&doc, &FlowDocument::nodeChanged, this,
                [this, id](const NodeId &n) { m_lines << "nodeChanged(" + id(n) + ")"; });
        connect(&doc, &FlowDocument::nodeRenamed, this,
                [this, id](const NodeId &a, const NodeId &b) {
                    m_lines << "nodeRenamed(" + id(a) + ", " + id(b) + ")";
                });
        connect(&doc, &FlowDocument::linkAdded, this,
                [this, link](const LinkId &l) { m_lines << "linkAdded(" + link(l) + ")"; });
        connect(&doc, &FlowDocument::linkRemoved, this,
                [this, link](const LinkId &l) { m_lines << "linkRemoved(" + link(l) + ")"; });
        connect(&doc, &FlowDocument::linkChanged, this,
                [this, link](const LinkId &l) { m_lines << "linkChanged(" + link(l) + ")"; });
        connect(&doc, &FlowDocument::eventTypesChanged, this,
                [this] { m_lines << "eventTypesChanged"; });
        connect(&doc, &FlowDocument::flowReset, this, [this] { m_lines << "flowReset"; });
        connect(&doc, &FlowDocument::problemsChanged, this, [this](const Problems &p) {
            m_lines << QStringLiteral("problemsChanged(%1)").arg(p.size());
        });
    }
    QStringList take() { return std::exchange(m_lines, {}); }

private:
    QStringList m_lines;
};

} // namespace

class TestFlowDocument : public QObject
{
    Q_OBJECT
private slots:
    void newDocumentIsEmptyAndClean();
    void addNodeSignalsAndUndo();
    void removeNodeSignalsLinksFirst();
    void moveSignalsWithoutRevalidating();
    void changeSignals();
    void pasteValidatesOnce();
    void problemsFollowEdits();
    void signalArgumentsThroughSpy();
    void resetFlowClearsHistory();
    void dirtyFollowsTheUndoStack();
    void fileIdentity();
};

void TestFlowDocument::newDocumentIsEmptyAndClean()
{
    FlowDocument doc;
    QVERIFY(doc.flow() == Flow{});
    QVERIFY(!doc.isDirty());
    QCOMPARE(doc.filePath(), QString());
    QCOMPARE(doc.fileName(), QStringLiteral("untitled.evflow.json"));
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.problems().size(), validateFlow(Flow{}).size());
}

void TestFlowDocument::addNodeSignalsAndUndo()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    SignalLog log(doc);
    QVERIFY(doc.addNode(node("extra", NodeKind::Counter), Position{3, 4}).ok);
    QCOMPARE(log.take(), QStringList({"nodeAdded(extra)", "problemsChanged(1)"}));
    QCOMPARE(doc.flow().layout.at({"extra"}), (Position{3, 4}));
    doc.undoStack()->undo();
    QCOMPARE(log.take(), QStringList({"nodeRemoved(extra)", "problemsChanged(0)"}));
    doc.undoStack()->redo();
    QCOMPARE(log.take(), QStringList({"nodeAdded(extra)", "problemsChanged(1)"}));
}

void TestFlowDocument::removeNodeSignalsLinksFirst()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    SignalLog log(doc);
    QVERIFY(doc.removeNodes({{"alerts"}}).ok);
    QCOMPARE(log.take(), QStringList({"linkRemoved(alert.out -> alerts.in)",
                                      "linkRemoved(alerts.out -> alertlog.in)",
                                      "nodeRemoved(alerts)", "problemsChanged(1)"}));
    QCOMPARE(doc.problems().size(), size_t{1});
    QCOMPARE(doc.problems()[0].node, NodeId{"alertlog"}); // its input is unlinked now
    doc.undoStack()->undo();
    QCOMPARE(log.take(),
             QStringList({"nodeAdded(alerts)", "linkAdded(alert.out -> alerts.in)",
                          "linkAdded(alerts.out -> alertlog.in)", "problemsChanged(0)"}));
}

void TestFlowDocument::moveSignalsWithoutRevalidating()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    SignalLog log(doc);
    QVERIFY(doc.moveNodes({{{"bus"}, {1, 1}}, {{"orders"}, {2, 2}}}, false).ok);
    QVERIFY(doc.moveNodes({{{"bus"}, {5, 5}}, {{"orders"}, {6, 6}}}, true).ok);
    QCOMPARE(log.take(), QStringList({"nodeMoved(bus)", "nodeMoved(orders)", "nodeMoved(bus)",
                                      "nodeMoved(orders)"}));
    QVERIFY(doc.autoLayout().ok);
    const QStringList moves = log.take();
    QCOMPARE(moves.size(), 16); // every node of richFlow lands elsewhere
    QVERIFY(moves.filter("problemsChanged").isEmpty());
}

void TestFlowDocument::changeSignals()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    SignalLog log(doc);
    QVERIFY(doc.setProperty({"orders"}, "rate", 1.0).ok);
    QVERIFY(doc.setLabel({"orders"}, "Orders").ok);
    QVERIFY(doc.setFaults({"bus"}, FaultInjection{}).ok);
    QVERIFY(doc.setLinkTypes(wire("bus.out", "revenue.in").id(), {"order.placed"}).ok);
    QVERIFY(doc.renameNode({"bus"}, {"b"}).ok);
    QVERIFY(doc.setEventTypes({}).ok);
    QCOMPARE(log.take(),
             QStringList({"nodeChanged(orders)", "problemsChanged(0)", "nodeChanged(orders)",
                          "problemsChanged(0)", "nodeChanged(bus)", "problemsChanged(0)",
                          "linkChanged(bus.out -> revenue.in)", "problemsChanged(0)",
                          "nodeRenamed(bus, b)", "problemsChanged(0)", "eventTypesChanged",
                          QStringLiteral("problemsChanged(%1)").arg(doc.problems().size())}));
    QVERIFY(doc.problems().size() > 0); // the generators now name undeclared types
}

void TestFlowDocument::pasteValidatesOnce()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    Flow fragment;
    fragment.nodes = {node("c1", NodeKind::Counter), node("c2", NodeKind::Counter)};
    SignalLog log(doc);
    QVERIFY(doc.paste(fragment, {0, 0}).ok);
    QCOMPARE(log.take(), QStringList({"nodeAdded(c1)", "nodeAdded(c2)", "problemsChanged(2)"}));
}

void TestFlowDocument::problemsFollowEdits()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.problems().empty());
    QVERIFY(doc.removeLink(wire("alerts.out", "alertlog.in").id()).ok);
    const Problems expected = validateFlow(doc.flow());
    QVERIFY(!expected.empty());
    QCOMPARE(doc.problems().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(doc.problems()[i].message, expected[i].message);
        QCOMPARE(doc.problems()[i].pointer, expected[i].pointer);
    }
    doc.undoStack()->undo();
    QVERIFY(doc.problems().empty());
}

void TestFlowDocument::signalArgumentsThroughSpy()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QSignalSpy added(&doc, &FlowDocument::nodeAdded);
    QSignalSpy linked(&doc, &FlowDocument::linkAdded);
    QSignalSpy problems(&doc, &FlowDocument::problemsChanged);
    QSignalSpy clean(&doc, &FlowDocument::cleanChanged);
    QVERIFY(doc.addNode(node("extra", NodeKind::Counter)).ok);
    QVERIFY(doc.addLink(wire("bus.out", "extra.in")).ok);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).value<NodeId>(), NodeId{"extra"});
    QCOMPARE(linked.count(), 1);
    QCOMPARE(linked.at(0).at(0).value<LinkId>(), wire("bus.out", "extra.in").id());
    QCOMPARE(problems.count(), 2);
    QCOMPARE(problems.at(1).at(0).value<Problems>().size(), doc.problems().size());
    QCOMPARE(clean.count(), 1);
    QCOMPARE(clean.at(0).at(0).toBool(), false);
}

void TestFlowDocument::resetFlowClearsHistory()
{
    FlowDocument doc;
    QVERIFY(doc.addNode(node("c", NodeKind::Counter)).ok);
    SignalLog log(doc);
    QSignalSpy reset(&doc, &FlowDocument::flowReset);
    doc.resetFlow(richFlow());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(log.take(), QStringList({"flowReset", "problemsChanged(0)"}));
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isDirty());
    QVERIFY(doc.flow() == richFlow());
}

void TestFlowDocument::dirtyFollowsTheUndoStack()
{
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QSignalSpy clean(&doc, &FlowDocument::cleanChanged);
    QVERIFY(doc.setLabel({"bus"}, "Bus").ok);
    QVERIFY(doc.isDirty());
    doc.undoStack()->undo();
    QVERIFY(!doc.isDirty());
    QCOMPARE(clean.count(), 2);
    QCOMPARE(clean.at(1).at(0).toBool(), true);
    doc.resetFlow(richFlow(), {}, /*dirty=*/true); // recovered work is unsaved
    QVERIFY(doc.isDirty());
}

void TestFlowDocument::fileIdentity()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("rich.evflow.json");
    FlowDocument doc;
    doc.resetFlow(richFlow());
    QVERIFY(doc.setLabel({"bus"}, "Bus").ok);
    QSignalSpy pathChanged(&doc, &FlowDocument::filePathChanged);
    const ui::FileResult saved = doc.saveFile(path);
    QVERIFY2(saved.ok, qPrintable(saved.message));
    QCOMPARE(doc.filePath(), path);
    QCOMPARE(doc.fileName(), QStringLiteral("rich.evflow.json"));
    QCOMPARE(pathChanged.count(), 1);
    QVERIFY(!doc.isDirty());

    FlowDocument other;
    const ui::FileResult opened = other.openFile(path);
    QVERIFY2(opened.ok, qPrintable(opened.message));
    QVERIFY(other.flow() == doc.flow());
    QCOMPARE(other.filePath(), path);
    QVERIFY(!other.isDirty());

    const ui::FileResult missing = other.openFile(dir.filePath("missing.evflow.json"));
    QVERIFY(!missing.ok);
    QVERIFY2(missing.message.startsWith(dir.filePath("missing.evflow.json") + ":1:1: error: "),
             qPrintable(missing.message));
    QCOMPARE(other.filePath(), path); // a failed open changes nothing
    QVERIFY(other.flow() == doc.flow());
}

QTEST_MAIN(TestFlowDocument)
#include "TestFlowDocument.moc"
