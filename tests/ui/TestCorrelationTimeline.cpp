// The correlation timeline: hops grouped into events and causation (pure), latency labels, and
// on real runs of the iot-sensors example an alert's trace with the reading that caused it as
// its parent, kept up to date while the run goes on.

#include "model/FlowFile.h"
#include "model/NodeCatalog.h"
#include "ui/AppTheme.h"
#include "ui/monitor/CorrelationTimeline.h"
#include "ui/monitor/RunController.h"

#include "../transport/support/FlowBuilders.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "support/Screenshots.h"

using namespace evflow;
using namespace evflow::model;
using namespace evflow::ui::monitor;
namespace flows = evflow::test::flows;
using State = RunController::State;

namespace {

constexpr int kWait = flows::kWait;

using evflow::ui::testing::saveShot;

TraceHop hop(const char *event, const char *cause, const char *type, const char *node,
             std::int64_t time)
{
    return {"c-1", cause, event, type, node, time};
}

/// The iot-sensors example with its own inproc endpoint (tests run side by side), readings
/// emitted as fast as possible, `count` of them (0 = until stopped, at 2000/s).
Flow iotSensors(std::int64_t count, const std::string &endpoint)
{
    auto loaded = loadFlowFile(EVFLOW_SOURCE_DIR "/resources/examples/iot-sensors.evflow.json");
    if (!loaded.flow)
        qFatal("iot-sensors example does not load");
    Flow flow = *loaded.flow;
    Node *sensors = flow.findNode({"sensors"});
    sensors->properties["count"] = count;
    sensors->properties["rate"] = count == 0 ? 2000.0 : 0.0;
    flow.findNode({"readings"})->properties["endpoint"] = endpoint;
    return flow;
}

/// The first alert the alert log saw.
Event firstAlert(const RunController &c)
{
    for (const RecentEvent &r : c.recentEvents({"alert-log"}))
        if (r.event.type == "temperature.alert")
            return r.event;
    return {};
}

QStringList nodesOf(const std::vector<TraceHop> &hops)
{
    QStringList out;
    for (const TraceHop &h : hops)
        out << QString::fromStdString(h.node);
    return out;
}

/// The tree item of the event with `type`, searched depth first.
QTreeWidgetItem *findEvent(QTreeWidgetItem *item, const QString &type)
{
    if (item->text(CorrelationTimeline::EventColumn) == type
        && item->data(0, CorrelationTimeline::HopIndexRole).isNull())
        return item;
    for (int i = 0; i < item->childCount(); ++i)
        if (QTreeWidgetItem *found = findEvent(item->child(i), type))
            return found;
    return nullptr;
}

} // namespace

class TestCorrelationTimeline : public QObject
{
    Q_OBJECT
private slots:
    void groupsHopsIntoEventsAndCauses()
    {
        const std::vector<TraceHop> hops{
            hop("r1", "", "sensor.reading", "overheat", 100),
            hop("r1", "", "sensor.reading", "reading-count", 130),
            hop("a1", "r1", "temperature.alert", "alert-log", 900),
            hop("x1", "elsewhere", "sensor.reading", "reading-count", 950),
            hop("b1", "z1", "temperature.alert", "alert-log", 960), // its cause comes later
            hop("z1", "", "sensor.reading", "overheat", 970),
        };
        const std::vector<CausalEvent> events = CorrelationTimeline::causalEvents(hops);
        QCOMPARE(events.size(), std::size_t{5});
        QCOMPARE(events[0].eventId, std::string("r1"));
        QCOMPARE(events[0].hops, (std::vector<std::size_t>{0, 1}));
        QCOMPARE(events[0].parent, -1);
        QCOMPARE(events[1].eventId, std::string("a1"));
        QCOMPARE(events[1].hops, std::vector<std::size_t>{2});
        QCOMPARE(events[1].parent, 0);
        QCOMPARE(events[2].parent, -1); // its cause is not in this trace
        QCOMPARE(events[3].parent, -1); // only an earlier event can be a cause
        QCOMPARE(events[4].parent, -1);
    }

    void formatsLatencies_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("+0 µs");
        QTest::newRow("micros") << qint64(850) << QStringLiteral("+850 µs");
        QTest::newRow("millis") << qint64(12'346) << QStringLiteral("+12.35 ms");
        QTest::newRow("seconds") << qint64(1'234'567) << QStringLiteral("+1.235 s");
        QTest::newRow("negative") << qint64(-500) << QStringLiteral("−500 µs");
    }
    void formatsLatencies()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, text);
        QCOMPARE(CorrelationTimeline::formatDelta(micros), text);
    }

    void anAlertsTraceShowsTheReadingThatCausedIt()
    {
        RunController c;
        CorrelationTimeline timeline(&c);
        QTemporaryDir dir;
        c.start(iotSensors(3000, "inproc://timeline-readings"), dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        const Event alert = firstAlert(c);
        QVERIFY2(!alert.id.empty(), "no alert in the alert log's ring");
        QVERIFY(!alert.causationid.empty());

        const QString id = QString::fromStdString(alert.correlationid);
        timeline.showCorrelation(id);
        QCOMPARE(timeline.idEdit()->text(), id);
        const std::vector<TraceHop> hops = c.trace(alert.correlationid);
        QCOMPARE(timeline.hops(), hops);
        // The reading at both of its inputs, the alert at the log (the counter may lag behind
        // the alert path, so only the alert's place after the processor's hop is fixed).
        QCOMPARE(hops.size(), std::size_t{3});
        QStringList nodes = nodesOf(hops);
        const auto at = [&](const char *node) { return std::size_t(nodes.indexOf(node)); };
        const std::size_t alertHop = at("alert-log");
        QVERIFY(at("overheat") < alertHop);
        nodes.sort();
        QCOMPARE(nodes, QStringList({"alert-log", "overheat", "reading-count"}));
        QCOMPARE(hops[alertHop].eventId, alert.id);

        const std::vector<CausalEvent> &events = timeline.events();
        QCOMPARE(events.size(), std::size_t{2});
        QCOMPARE(events[0].type, std::string("sensor.reading"));
        QCOMPARE(events[0].eventId, alert.causationid);
        QCOMPARE(events[1].eventId, alert.id);
        QCOMPARE(events[1].parent, 0);

        // In the tree: the alert is a child of its reading, with its hop under it.
        QTreeWidget *tree = timeline.tree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem *reading = tree->topLevelItem(0);
        QCOMPARE(reading->text(CorrelationTimeline::EventColumn), QStringLiteral("sensor.reading"));
        QTreeWidgetItem *caused = findEvent(reading, QStringLiteral("temperature.alert"));
        QVERIFY(caused);
        QCOMPARE(caused->parent(), reading);
        QCOMPARE(caused->text(CorrelationTimeline::IdColumn), QString::fromStdString(alert.id));
        QCOMPARE(caused->childCount(), 1);
        QCOMPARE(caused->child(0)->text(CorrelationTimeline::NodeColumn),
                 QStringLiteral("alert-log"));
        QCOMPARE(caused->child(0)->text(CorrelationTimeline::DeltaColumn),
                 CorrelationTimeline::formatDelta(hops[alertHop].timeMicros
                                                  - hops[alertHop - 1].timeMicros));

        timeline.resize(1200, 340);
        saveShot(timeline, "timeline-shot");
    }

    void followsTheRunWhileAnIdIsShown()
    {
        RunController c;
        CorrelationTimeline timeline(&c);
        QTemporaryDir dir;
        c.start(iotSensors(0, "inproc://timeline-live"), dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(!c.recentEvents({"reading-count"}).empty(), kWait);
        // An id the generator has not reached yet: "<prefix>c<n>", a few thousand readings on.
        const std::string seen = c.recentEvents({"reading-count"}).back().event.correlationid;
        const auto split = seen.rfind('c');
        const std::string future
            = seen.substr(0, split + 1) + std::to_string(std::stoll(seen.substr(split + 1)) + 3000);
        timeline.showCorrelation(QString::fromStdString(future));
        QTRY_VERIFY_WITH_TIMEOUT(timeline.hops().size() >= 2, kWait);
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kWait);
        // The last snapshot after stop refreshed it once more: exactly the runtime's hops.
        QCOMPARE(timeline.hops(), c.trace(future));
        for (const TraceHop &h : timeline.hops())
            QCOMPARE(h.correlationId, future);

        timeline.showCorrelation({}); // cleared
        QVERIFY(timeline.hops().empty());
        QCOMPARE(timeline.tree()->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(TestCorrelationTimeline)
#include "TestCorrelationTimeline.moc"
