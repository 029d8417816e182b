// The canvas while a flow runs: a badge row under each node with the counters of the latest
// snapshot, wires as wide as their rate (log scale) and tinted by their channel's backlog
// (green / yellow / red at 50 % and 80 % of hwm × readers), nodes with alarms or run errors in
// red; the values kept as totals after the run and cleared by the next one. Then real runs: a
// seeded faulty flow whose badges show exactly the controller's last snapshot, and a port in use
// whose error lands on the node and in the Problems panel, never in a dialog.

#include "model/FlowFile.h"
#include "model/NodeCatalog.h"
#include "ui/FlowDocument.h"
#include "ui/ProblemsModel.h"
#include "ui/ProblemsPanel.h"
#include "ui/Theme.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/LiveState.h"
#include "ui/canvas/NodeItem.h"
#include "ui/monitor/RunController.h"
#include "ui/monitor/RunControls.h"
#include "ui/monitor/RunLog.h"

#include "../model/support/SampleFlows.h"

#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using namespace evflow::ui::canvas;
using ui::FlowDocument;
using ui::ProblemsModel;
using ui::ProblemsPanel;
using ui::monitor::RunController;
using ui::monitor::RunControls;
using State = RunController::State;

namespace {

constexpr int kWait = 60000; // ms; generous, the machine is shared
constexpr std::int64_t kStart = 1'700'000'000'000'000;

/// gen (faults) -> bus (pubsub, hwm 100) -> fast, slow: the bus's capacity is 100 × 2 readers.
Flow fanOutFlow()
{
    Node gen
        = node("gen", NodeKind::Generator, {{"eventTypes", StringList{"tick"}}, {"rate", 2000.0}});
    gen.faults = FaultInjection{};
    gen.faults->duplicate = 0.01;
    Node bus = node("bus", NodeKind::PubSub,
                    {{"endpoint", std::string("inproc://live")}, {"hwm", std::int64_t{100}}});
    Flow f;
    f.name = "fan-out";
    f.eventTypes = {eventType("tick")};
    f.nodes = {gen, bus, node("fast", NodeKind::Counter), node("slow", NodeKind::Counter)};
    f.links = {wire("gen.out", "bus.in"), wire("bus.out", "fast.in"), wire("bus.out", "slow.in")};
    f.layout = {{NodeId{"gen"}, {0, 0}},
                {NodeId{"bus"}, {260, 0}},
                {NodeId{"fast"}, {520, -80}},
                {NodeId{"slow"}, {520, 80}}};
    return f;
}

NodeSnapshot snap(const char *id, NodeRole role)
{
    NodeSnapshot n;
    n.id = id;
    n.role = role;
    return n;
}

/// fanOutFlow()'s snapshot at `second` (1 or 2) of a run: gen produces 2000/s, fast takes them
/// all, slow 10/s with 3 gaps; the bus holds `backlog`.
RunSnapshot fanOutSnapshot(int second, std::uint64_t backlog, RunState state = RunState::Running)
{
    const std::uint64_t k = std::uint64_t(second);
    RunSnapshot s;
    s.run.state = state;
    s.run.startedAtMicros = kStart;
    s.run.takenAtMicros = kStart + std::int64_t(k) * 1'000'000;
    NodeSnapshot gen = snap("gen", NodeRole::Producer);
    gen.produced = 2000 * k;
    gen.injected = {31, 7, 4, 2};
    NodeSnapshot bus = snap("bus", NodeRole::Channel);
    bus.channel.sent = 2000 * k;
    bus.channel.backlog = backlog;
    NodeSnapshot fast = snap("fast", NodeRole::Consumer);
    fast.input.received = 2000 * k;
    fast.input.duplicates = 31;
    fast.input.processed = fast.input.received - 31;
    fast.input.outOfOrder = 7;
    fast.input.late = 4;
    NodeSnapshot slow = snap("slow", NodeRole::Consumer);
    slow.input.received = slow.input.processed = 10 * k;
    slow.input.gaps = 3;
    s.nodes = {gen, bus, fast, slow};
    s.updateAccounting();
    return s;
}

LinkId linkId(const char *from, const char *to)
{
    return {port(from), port(to)};
}

/// A document, its canvas and run controls, and the Problems panel wired as the window does.
struct Rig
{
    FlowDocument doc;
    FlowScene scene{&doc};
    FlowView view{&scene};
    ui::monitor::RunLog log;
    RunControls controls{&doc, &view, &log};
    ProblemsPanel problems{&doc};

    Rig()
    {
        QObject::connect(&controls, &RunControls::runProblemsChanged, &problems,
                         &ProblemsPanel::setRunProblems);
        QObject::connect(&problems, &ProblemsPanel::nodeActivated, &view, &FlowView::centreOnNode);
        view.resize(1000, 520);
        view.show();
        problems.resize(900, 240);
        problems.show();
    }
    NodeItem *item(const char *id) const { return scene.nodeItem(NodeId{id}); }
    RunController *controller() const { return controls.controller(); }
};

/// gen (count events, seeded faults) -> bus -> count, with a bus deep enough never to drop.
Flow faultyFlow(std::int64_t count, const std::string &endpoint = "inproc://faulty")
{
    Node gen = node("gen", NodeKind::Generator,
                    {{"eventTypes", StringList{"tick"}},
                     {"rate", 0.0},
                     {"count", count},
                     {"seed", std::int64_t{42}},
                     {"fields", StringMap{{"n", "sequence"}}}});
    gen.faults = FaultInjection{};
    gen.faults->duplicate = 0.05;
    gen.faults->drop = 0.05;
    gen.faults->late = 0.03;
    gen.faults->seed = 7;
    Node bus = node("bus", NodeKind::PubSub,
                    {{"endpoint", endpoint},
                     {"bindSide", std::string("producer")},
                     {"hwm", std::int64_t{100000}}});
    Flow f;
    f.name = "faulty";
    f.eventTypes = {eventType("tick", {field("n", FieldType::Int)})};
    f.nodes = {gen, bus, node("count", NodeKind::Counter)};
    f.links = {wire("gen.out", "bus.in"), wire("bus.out", "count.in")};
    f.layout = {{NodeId{"gen"}, {0, 0}}, {NodeId{"bus"}, {260, 0}}, {NodeId{"count"}, {520, 0}}};
    return f;
}

/// A TCP port on 127.0.0.1 held open (listening) for the object's lifetime, so that a channel
/// binding it fails as "address in use". Plain sockets: the tests do not link Qt Network.
class PortOccupant
{
public:
    PortOccupant()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0; // the system picks a free one
        socklen_t length = sizeof address;
        auto *any = reinterpret_cast<sockaddr *>(&address);
        if (m_fd >= 0 && ::bind(m_fd, any, sizeof address) == 0 && ::listen(m_fd, 1) == 0
            && ::getsockname(m_fd, any, &length) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~PortOccupant()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    PortOccupant(const PortOccupant &) = delete;
    PortOccupant &operator=(const PortOccupant &) = delete;
    /// 0 when no port could be taken.
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

QString count(std::uint64_t n)
{
    return QString::number(n);
}

} // namespace

class TestLiveCanvas : public QObject
{
    Q_OBJECT
private slots:
    void backlogLevels_data();
    void backlogLevels();
    void wireWidths_data();
    void wireWidths();
    void formatsRatesAndCounts();
    void badgesShowEachNodesCounters();
    void wiresFollowRateAndBacklog();
    void alarmsAndRunErrorsTurnANodeRed();
    void afterTheRunTotalsStayUntilCleared();
    void aRealRunShowsTheLastSnapshotsCounters();
    void aPortInUseLandsOnTheNodeAndInProblems();
    void screenshot();
};

void TestLiveCanvas::backlogLevels_data()
{
    QTest::addColumn<qulonglong>("backlog");
    QTest::addColumn<qulonglong>("capacity");
    QTest::addColumn<int>("level");
    const int green = int(BacklogLevel::Green), yellow = int(BacklogLevel::Yellow),
              red = int(BacklogLevel::Red);
    QTest::newRow("empty") << 0ull << 200ull << green;
    QTest::newRow("just under half") << 99ull << 200ull << green;
    QTest::newRow("half") << 100ull << 200ull << yellow;
    QTest::newRow("just under 80 %") << 159ull << 200ull << yellow;
    QTest::newRow("80 %") << 160ull << 200ull << red;
    QTest::newRow("over full") << 900ull << 200ull << red;
    QTest::newRow("hwm 0 is unbounded") << 1'000'000ull << 0ull << green;
}

void TestLiveCanvas::backlogLevels()
{
    QFETCH(qulonglong, backlog);
    QFETCH(qulonglong, capacity);
    QFETCH(int, level);
    QCOMPARE(int(live::backlogLevel(backlog, capacity)), level);
}

void TestLiveCanvas::wireWidths_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("width");
    QTest::newRow("idle") << 0.0 << 1.5;
    QTest::newRow("9/s") << 9.0 << 3.0;
    QTest::newRow("999/s") << 999.0 << 6.0;
    QTest::newRow("99 999/s") << 99'999.0 << 9.0;
    QTest::newRow("capped") << 1e9 << 10.5;
}

void TestLiveCanvas::wireWidths()
{
    QFETCH(double, rate);
    QFETCH(double, width);
    QCOMPARE(live::wireWidth(rate), width);
}

void TestLiveCanvas::formatsRatesAndCounts()
{
    QCOMPARE(live::formatRate(0), QStringLiteral("0/s"));
    QCOMPARE(live::formatRate(850.4), QStringLiteral("850/s"));
    QCOMPARE(live::formatRate(12'400), QStringLiteral("12.4k/s"));
    QCOMPARE(live::formatRate(1'250'000), QStringLiteral("1.3M/s"));
    QCOMPARE(live::formatCount(9999), QStringLiteral("9999"));
    QCOMPARE(live::formatCount(12'449), QStringLiteral("12.4k"));
    QCOMPARE(live::formatCount(3'400'000), QStringLiteral("3.4M"));
}

void TestLiveCanvas::badgesShowEachNodesCounters()
{
    Rig rig;
    rig.doc.resetFlow(fanOutFlow());
    QVERIFY(rig.item("gen")->badgeText().isEmpty());
    const QRectF quiet = rig.item("gen")->boundingRect();

    rig.scene.setLiveSnapshot(fanOutSnapshot(2, 99), fanOutSnapshot(1, 50));
    QVERIFY(rig.scene.hasLive());
    QCOMPARE(rig.item("gen")->badgeText(),
             QStringLiteral("2.0k/s · dup 31 · ooo 7 · late 4 · drop 2"));
    QCOMPARE(rig.item("bus")->badgeText(), QStringLiteral("2.0k/s · backlog 99"));
    QCOMPARE(rig.item("fast")->badgeText(),
             QStringLiteral("2.0k/s · dup 31 · ooo 7 · late 4 · gap 0"));
    QCOMPARE(rig.item("slow")->badgeText(),
             QStringLiteral("10/s · dup 0 · ooo 0 · late 0 · gap 3"));

    // Colour never alone: the amber duplicate chip is lit, a zero count is not.
    const auto &chips = rig.item("fast")->liveState()->chips;
    QCOMPARE(chips.size(), std::size_t{5});
    QCOMPARE(chips[1].colour, ui::theme::duplicateColor());
    QVERIFY(chips[1].lit);
    QCOMPARE(chips[4].colour, ui::theme::gapColor());
    QVERIFY(!chips[4].lit);
    QCOMPARE(rig.item("bus")->liveState()->chips[1].colour,
             live::backlogColor(BacklogLevel::Green));

    // The row sits under the body, inside the item's bounding rectangle.
    NodeItem *gen = rig.item("gen");
    QVERIFY(gen->badgeRect().top() > gen->frame().bottom());
    QVERIFY(gen->boundingRect().contains(gen->badgeRect()));
    QVERIFY(gen->boundingRect().bottom() > quiet.bottom());

    // Without an earlier snapshot of the same run there is no rate yet.
    RunSnapshot otherRun = fanOutSnapshot(1, 0);
    otherRun.run.startedAtMicros += 1;
    rig.scene.setLiveSnapshot(fanOutSnapshot(2, 99), otherRun);
    QVERIFY(rig.item("gen")->badgeText().startsWith(QStringLiteral("0/s · ")));
}

void TestLiveCanvas::wiresFollowRateAndBacklog()
{
    Rig rig;
    rig.doc.resetFlow(fanOutFlow());
    LinkItem *in = rig.scene.linkItem(linkId("gen.out", "bus.in"));
    LinkItem *fast = rig.scene.linkItem(linkId("bus.out", "fast.in"));
    LinkItem *slow = rig.scene.linkItem(linkId("bus.out", "slow.in"));
    QVERIFY(in && fast && slow);
    QVERIFY(!fast->liveState());
    QCOMPARE(fast->penWidth(), 2.0);

    rig.scene.setLiveSnapshot(fanOutSnapshot(2, 99), fanOutSnapshot(1, 0));
    QVERIFY(fast->liveState() && slow->liveState() && in->liveState());
    QCOMPARE(in->liveState()->rate, 2000.0);   // the generator's output
    QCOMPARE(fast->liveState()->rate, 2000.0); // what each reader received
    QCOMPARE(slow->liveState()->rate, 10.0);
    QVERIFY(fast->penWidth() > slow->penWidth());
    QVERIFY(slow->penWidth() > live::kMinWireWidth);
    QCOMPARE(fast->penWidth(), in->penWidth());
    QCOMPARE(fast->liveState()->capacity, std::uint64_t{200}); // hwm 100 × 2 readers
    QVERIFY(fast->toolTip().contains(QStringLiteral("2.0k/s · backlog 99 of 200 (50 %, green)")));
    QVERIFY(fast->toolTip().contains(QStringLiteral("Carries:"))); // the types are still there

    // The bus's backlog tints every wire at it.
    const std::vector<std::pair<std::uint64_t, BacklogLevel>> levels{
        {99, BacklogLevel::Green}, {100, BacklogLevel::Yellow}, {160, BacklogLevel::Red}};
    for (const auto &[backlog, level] : levels) {
        rig.scene.setLiveSnapshot(fanOutSnapshot(2, backlog), fanOutSnapshot(1, 0));
        for (LinkItem *link : {in, fast, slow}) {
            QCOMPARE(link->liveState()->backlog, backlog);
            QCOMPARE(int(link->liveState()->level), int(level));
        }
    }
    QVERIFY(fast->toolTip().contains(QStringLiteral("(80 %, red)")));
}

void TestLiveCanvas::alarmsAndRunErrorsTurnANodeRed()
{
    Rig rig;
    rig.doc.resetFlow(fanOutFlow());
    QVERIFY(!rig.item("slow")->isAlarmed());
    rig.scene.setLiveSnapshot(fanOutSnapshot(2, 0), fanOutSnapshot(1, 0));
    QVERIFY(rig.item("slow")->isAlarmed()); // 3 events lost
    QVERIFY(rig.item("slow")->toolTip().contains(QStringLiteral("3 events lost (gaps)")));
    // Duplicates, out-of-order and late events are handled, not losses: fast is fine.
    QVERIFY(!rig.item("fast")->isAlarmed());
    QVERIFY(!rig.item("gen")->isAlarmed());
    QVERIFY(!rig.item("bus")->isAlarmed());

    RunSnapshot malformed = fanOutSnapshot(2, 0);
    malformed.nodes[2].input.malformed = 2;
    rig.scene.setLiveSnapshot(malformed, fanOutSnapshot(1, 0));
    QVERIFY(rig.item("fast")->isAlarmed());
    QVERIFY(rig.item("fast")->badgeText().endsWith(QStringLiteral(" · gap 0 · malformed 2")));

    // A run error about a node (the runtime named it) turns it red as well.
    Problem error;
    error.message = "run: cannot bind";
    error.node = NodeId{"gen"};
    rig.scene.setRunErrors({error});
    QVERIFY(rig.item("gen")->isAlarmed());
    rig.scene.setRunErrors({});
    QVERIFY(!rig.item("gen")->isAlarmed());
}

void TestLiveCanvas::afterTheRunTotalsStayUntilCleared()
{
    Rig rig;
    rig.doc.resetFlow(fanOutFlow());
    rig.scene.setLiveSnapshot(fanOutSnapshot(2, 40), fanOutSnapshot(1, 0));
    RunSnapshot last = fanOutSnapshot(3, 0, RunState::Stopped);
    last.nodes[2].input.received += 19; // received, in no outcome bucket: the books are off
    last.updateAccounting();
    rig.scene.setLiveSnapshot(last, fanOutSnapshot(2, 40));

    QVERIFY(rig.item("gen")->liveState()->final);
    QCOMPARE(rig.item("gen")->badgeText(),
             QStringLiteral("Σ 6000 · dup 31 · ooo 7 · late 4 · drop 2"));
    QCOMPARE(rig.item("bus")->badgeText(), QStringLiteral("Σ 6000 · backlog 0"));
    QCOMPARE(rig.item("fast")->badgeText(),
             QStringLiteral("Σ 5969 · dup 31 · ooo 7 · late 4 · gap 0 · unaccounted 19"));
    QVERIFY(rig.item("fast")->isAlarmed());
    QVERIFY(rig.item("fast")->toolTip().contains(QStringLiteral("19 unaccounted")));
    // The wires are back to their editing look.
    LinkItem *fast = rig.scene.linkItem(linkId("bus.out", "fast.in"));
    QVERIFY(!fast->liveState());
    QCOMPARE(fast->penWidth(), 2.0);

    rig.scene.clearLive();
    QVERIFY(!rig.scene.hasLive());
    QVERIFY(rig.item("fast")->badgeText().isEmpty());
    QVERIFY(!rig.item("fast")->isAlarmed());
    QVERIFY(rig.item("fast")->badgeRect().isEmpty());

    // Another flow starts without them.
    rig.scene.setLiveSnapshot(fanOutSnapshot(2, 40), fanOutSnapshot(1, 0));
    rig.doc.resetFlow(fanOutFlow());
    QVERIFY(!rig.scene.hasLive());
    QVERIFY(rig.item("gen")->badgeText().isEmpty());
}

void TestLiveCanvas::aRealRunShowsTheLastSnapshotsCounters()
{
    Rig rig;
    rig.doc.resetFlow(faultyFlow(600));
    QSignalSpy snapshots(rig.controller(), &RunController::snapshotTaken);
    QVERIFY(rig.controls.run());
    QTRY_COMPARE_WITH_TIMEOUT(rig.controller()->state(), State::Finished, kWait);
    QVERIFY(!snapshots.isEmpty());

    const RunSnapshot &last = rig.controller()->lastSnapshot();
    const NodeSnapshot *gen = last.findNode("gen");
    const NodeSnapshot *bus = last.findNode("bus");
    const NodeSnapshot *sink = last.findNode("count");
    QVERIFY(gen && bus && sink);
    QCOMPARE(gen->produced, std::uint64_t{600});
    // The seeded faults happened, and the consumer saw them.
    QVERIFY(gen->injected.duplicates > 0 && gen->injected.drops > 0);
    QVERIFY(gen->injected.late > 0);
    QCOMPARE(sink->input.duplicates, gen->injected.duplicates);
    QCOMPARE(sink->input.late, gen->injected.late);
    QCOMPARE(sink->input.gaps, gen->injected.drops); // FaultInjector counts revealed drops only
    QVERIFY(sink->input.gaps > 0);

    QCOMPARE(rig.item("gen")->badgeText(),
             QStringLiteral("Σ %1 · dup %2 · ooo %3 · late %4 · drop %5")
                 .arg(count(gen->produced), count(gen->injected.duplicates),
                      count(gen->injected.reorders), count(gen->injected.late),
                      count(gen->injected.drops)));
    QCOMPARE(rig.item("bus")->badgeText(),
             QStringLiteral("Σ %1 · backlog %2")
                 .arg(count(bus->channel.sent), count(bus->channel.backlog)));
    QCOMPARE(rig.item("count")->badgeText(),
             QStringLiteral("Σ %1 · dup %2 · ooo %3 · late %4 · gap %5")
                 .arg(count(sink->input.processed), count(sink->input.duplicates),
                      count(sink->input.outOfOrder), count(sink->input.late),
                      count(sink->input.gaps)));
    QVERIFY(rig.item("count")->isAlarmed()); // events were lost
    QVERIFY(!rig.item("gen")->isAlarmed());
    QVERIFY(!rig.doc.isReadOnly());

    // The next run starts from a clean canvas.
    QVERIFY(rig.controls.run());
    QVERIFY(rig.item("count")->badgeText().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(rig.controller()->state(), State::Finished, kWait);
    QVERIFY(rig.item("count")->badgeText().startsWith(QStringLiteral("Σ ")));
}

void TestLiveCanvas::aPortInUseLandsOnTheNodeAndInProblems()
{
    PortOccupant occupant;
    QVERIFY(occupant.port() > 0);
    const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(occupant.port());

    Rig rig;
    rig.doc.resetFlow(faultyFlow(10, endpoint));
    QSignalSpy errors(&rig.controls, &RunControls::runProblemsChanged);
    QVERIFY(rig.controls.run());
    QTRY_COMPARE_WITH_TIMEOUT(rig.controller()->state(), State::Failed, kWait);
    QVERIFY(!rig.doc.isReadOnly()); // editable again
    QVERIFY(!errors.isEmpty());

    // On the node: with bindSide "producer" the generator's socket binds, so the runtime names
    // it (and the channel in the message).
    const Problems &onCanvas = rig.scene.runErrors();
    QVERIFY(!onCanvas.empty());
    QCOMPARE(onCanvas.front().node, NodeId{"gen"});
    QVERIFY(rig.item("gen")->isAlarmed());
    QVERIFY(rig.item("gen")->toolTip().contains(QString::fromStdString(endpoint)));

    // In the Problems panel, first, as a run error about that node.
    const ProblemsModel &model = *rig.problems.model();
    QVERIFY(model.rowCount() >= 1);
    QVERIFY(model.isRunProblem(0));
    QCOMPARE(model.problemAt(0).node, NodeId{"gen"});
    QVERIFY(QString::fromStdString(model.problemAt(0).message)
                .contains(QString::fromStdString(endpoint)));
    QCOMPARE(model.index(0, ProblemsModel::LocationColumn).data().toString(),
             QStringLiteral("run"));
    QCOMPARE(model.index(0, 0).data(ProblemsModel::SourceRole).toString(), QStringLiteral("run"));
    QCOMPARE(model.errorCount(), int(model.runProblems().size()));
    QVERIFY(rig.log.toPlainText().contains(QString::fromStdString(endpoint)));

    // Activating the row selects the node, as for validation problems.
    QSignalSpy activated(&rig.problems, &ProblemsPanel::nodeActivated);
    QTableView *table = rig.problems.view();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(model.index(0, ProblemsModel::MessageColumn)).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(rig.scene.selectedNodeIds(), std::vector<NodeId>{NodeId{"gen"}});

    // Fixed and run again: the old run errors go.
    QVERIFY(rig.doc.setProperty(NodeId{"bus"}, "endpoint", std::string("inproc://fixed")));
    QVERIFY(rig.controls.run());
    QCOMPARE(model.runProblems().size(), std::size_t{0});
    QVERIFY(!model.isRunProblem(0));
    QVERIFY(rig.scene.runErrors().empty());
    QTRY_COMPARE_WITH_TIMEOUT(rig.controller()->state(), State::Finished, kWait);
    QCOMPARE(model.runProblems().size(), std::size_t{0});
}

void TestLiveCanvas::screenshot()
{
    // A look at the live canvas: EVFLOW_LIVE_SHOT=/tmp/livecanvas-shot.png to write one.
    const QString path = qEnvironmentVariable("EVFLOW_LIVE_SHOT");
    if (path.isEmpty())
        QSKIP("set EVFLOW_LIVE_SHOT to a PNG path to take a screenshot");
    const auto loaded
        = loadFlowFile(EVFLOW_SOURCE_DIR "/resources/examples/order-pipeline.evflow.json");
    QVERIFY(loaded.flow);
    Rig rig;
    rig.view.resize(1100, 640);
    rig.doc.resetFlow(*loaded.flow);
    QVERIFY(rig.controls.run());
    QTRY_COMPARE_WITH_TIMEOUT(rig.controller()->state(), State::Running, kWait);
    QSignalSpy snapshots(rig.controller(), &RunController::snapshotTaken);
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 15, kWait);
    rig.view.fitToView();
    QVERIFY(rig.view.grab().save(path));
    rig.controller()->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!rig.controller()->isActive(), kWait);
    rig.view.fitToView();
    QVERIFY(rig.view.grab().save(
        QString(path).replace(QStringLiteral(".png"), QStringLiteral("-final.png"))));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x26, 0x28, 0x2B));
    dark.setColor(QPalette::Base, QColor(0x1E, 0x1F, 0x22));
    dark.setColor(QPalette::Text, QColor(0xE8, 0xE8, 0xE8));
    rig.scene.setPalette(dark);
    QVERIFY(rig.view.grab().save(
        QString(path).replace(QStringLiteral(".png"), QStringLiteral("-dark.png"))));
}

QTEST_MAIN(TestLiveCanvas)
#include "TestLiveCanvas.moc"
