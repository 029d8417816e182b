// The event inspector: the filter language (pure, table-driven), the bounded tail model and its
// merge of the runtime's rings, and the Events tab on a real run — a seeded duplicate shown and
// classified as such, its envelope, Trace to its correlation timeline, pause, scope and export.

#include "model/CloudEventJson.h"
#include "model/FlowFile.h"
#include "ui/AppTheme.h"
#include "ui/monitor/CorrelationTimeline.h"
#include "ui/monitor/EventFilter.h"
#include "ui/monitor/EventInspector.h"
#include "ui/monitor/RecentEventsModel.h"
#include "ui/monitor/RunController.h"

#include "../model/support/EventSamples.h"
#include "../transport/support/FlowBuilders.h"
#include "support/ScriptedDialogs.h"

#include <QAbstractButton>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
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

Event reading()
{
    Event e;
    e.id = "r-1";
    e.source = "/iot/sensors";
    e.type = "sensor.reading";
    e.time = 1'700'000'000'000'000;
    e.sequence = 7;
    e.correlationid = "c-1";
    e.data = {{"sensorId", std::string("boiler-1")}, {"temperature", 85.5}, {"ok", true}};
    return e;
}

Event alert()
{
    Event e = reading();
    e.id = "a-1";
    e.source = "/iot/overheat";
    e.type = "temperature.alert";
    e.causationid = "r-1";
    e.data.push_back({"bound", 80.0});
    return e;
}

RecentEvent recent(Event e, EventClass c = EventClass::Processed, std::int64_t arrival = 0)
{
    return {std::move(e), c, arrival};
}

Event numbered(int i)
{
    Event e = reading();
    e.id = "e-" + std::to_string(i);
    e.sequence = std::uint64_t(i);
    return e;
}

/// gen (count events at `rate`, 0 = as fast as possible; count 0 = until stopped, seeded
/// duplicates) -> pubsub -> counter "count".
Flow duplicatingFlow(std::int64_t count, double rate, const std::string &endpoint)
{
    Node gen = flows::generator("gen", count, rate);
    FaultInjection faults;
    faults.duplicate = 0.1;
    faults.seed = 11;
    gen.faults = faults;
    return flows::chain(gen, flows::channel("bus", NodeKind::PubSub, endpoint),
                        flows::node("count", NodeKind::Counter));
}

QStringList ids(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, RecentEventsModel::IdColumn).data().toString();
    return out;
}

int rowOfClass(const QAbstractItemModel &model, EventClass c)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, 0).data(RecentEventsModel::ClassificationRole).toInt() == int(c))
            return row;
    return -1;
}

} // namespace

class TestEventInspector : public QObject
{
    Q_OBJECT
private slots:
    void filterMatches_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isAlert");
        QTest::addColumn<int>("classification");
        QTest::addColumn<QString>("node");
        QTest::addColumn<bool>("expected");
        const int processed = int(EventClass::Processed);
        const int dup = int(EventClass::Duplicate);
        const auto row = [&](const char *name, const char *text, bool isAlert, int c,
                             const char *node, bool expected) {
            QTest::newRow(name) << QString::fromUtf8(text) << isAlert << c << QString(node)
                                << expected;
        };
        row("empty", "", false, processed, "overheat", true);
        row("type prefix", "type:sensor.", false, processed, "overheat", true);
        row("type prefix other", "type:sensor.", true, processed, "overheat", false);
        row("type any case", "type:SENSOR.Reading", false, processed, "overheat", true);
        row("number >", "temperature>80", false, processed, "overheat", true);
        row("number > false", "temperature>90", false, processed, "overheat", false);
        row("number >=", "temperature>=85.5", false, processed, "overheat", true);
        row("number <", "temperature<85.5", false, processed, "overheat", false);
        row("number !=", "temperature!=85.5", false, processed, "overheat", false);
        row("field name any case", "TEMPERATURE<=85.5", false, processed, "overheat", true);
        row("text =", "sensorId=boiler-1", false, processed, "overheat", true);
        row("text = whole", "sensorId=boiler", false, processed, "overheat", false);
        row("text contains", "sensorId:boil", false, processed, "overheat", true);
        row("text !=", "sensorId!=chiller-1", false, processed, "overheat", true);
        row("bool =", "ok=true", false, processed, "overheat", true);
        row("free text in data", "boiler", false, processed, "overheat", true);
        row("free text missing", "chiller", false, processed, "overheat", false);
        row("free text in node", "overh", false, processed, "overheat", true);
        row("class", "class:duplicate", false, dup, "count", true);
        row("class other", "class:duplicate", false, processed, "count", false);
        row("class late has dropped", "class:late", false, int(EventClass::LateDropped), "c", true);
        row("class list", "class:ooo,dup", false, int(EventClass::OutOfOrder), "c", true);
        row("negated class", "-class:duplicate", false, processed, "c", true);
        row("node", "node:overheat", false, processed, "overheat", true);
        row("node other", "node:count", false, processed, "overheat", false);
        row("correlation", "corr:c-1", true, processed, "log", true);
        row("causation", "cause:r-1", true, processed, "log", true);
        row("causation absent", "cause:r-1", false, processed, "log", false);
        row("sequence", "seq>5", false, processed, "log", true);
        row("sequence =", "seq=8", false, processed, "log", false);
        row("source", "source:/IOT", false, processed, "log", true);
        row("missing field", "missing>1", false, processed, "log", false);
        row("missing field negated", "-missing=1", false, processed, "log", true);
        row("all terms", "\"boiler-1\" type:sensor", false, processed, "log", true);
        row("one term fails", "boiler type:temperature", false, processed, "log", false);
        row("quoted is text", "\"type:sensor\"", false, processed, "log", false);
        row("bad term ignored", "class:bogus temperature>80", false, processed, "log", true);
    }
    void filterMatches()
    {
        QFETCH(QString, text);
        QFETCH(bool, isAlert);
        QFETCH(int, classification);
        QFETCH(QString, node);
        QFETCH(bool, expected);
        const EventFilter filter = EventFilter::parse(text);
        const RecentEvent event = recent(isAlert ? alert() : reading(), EventClass(classification));
        QCOMPARE(filter.matches(event, NodeId{node.toStdString()}), expected);
    }

    void filterReportsTermsItCannotRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("errors");
        QTest::newRow("fine") << "a b:c d>1 -e \"f g\"" << 0;
        QTest::newRow("unknown class") << "class:bogus" << 1;
        QTest::newRow("no value") << "temperature>" << 1;
        QTest::newRow("ordering text") << "region>EU" << 1;
        QTest::newRow("lone minus") << "-" << 1;
        QTest::newRow("empty key value") << "type: x" << 1;
        QTest::newRow("two") << "class:x y<z" << 2;
    }
    void filterReportsTermsItCannotRead()
    {
        QFETCH(QString, text);
        QFETCH(int, errors);
        QCOMPARE(EventFilter::parse(text).errors().size(), errors);
    }

    void classTogglesHideWhatIsOff()
    {
        EventFilter filter = EventFilter::parse(QStringLiteral("boiler"));
        filter.setClassMask(EventFilter::kAllClasses & ~EventFilter::bit(EventClass::Duplicate));
        QVERIFY(!filter.matches(recent(reading(), EventClass::Duplicate), {"n"}));
        QVERIFY(filter.matches(recent(reading(), EventClass::Late), {"n"}));
    }

    void mergeTakesWhatIsNewInEachRing()
    {
        RecentEventsModel model(10);
        RecentEvents ring(4);
        for (int i = 0; i < 3; ++i)
            ring.record(numbered(i), EventClass::Processed, 100 + i);
        model.merge({{{"a"}, ring.snapshot()}});
        QCOMPARE(ids(model), QStringList({"e-0", "e-1", "e-2"}));
        model.merge({{{"a"}, ring.snapshot()}}); // the same ring again: nothing new
        QCOMPARE(model.rowCount(), 3);

        // The same event seen again (a duplicate) is a new entry: the class tells them apart.
        ring.record(numbered(2), EventClass::Duplicate, 102);
        ring.record(numbered(3), EventClass::Processed, 104);
        RecentEvents other(4);
        other.record(numbered(9), EventClass::Processed, 103);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.merge({{{"a"}, ring.snapshot()}, {{"b"}, other.snapshot()}});
        QCOMPARE(inserted.size(), 1); // one batch per merge
        QCOMPARE(ids(model), QStringList({"e-0", "e-1", "e-2", "e-2", "e-9", "e-3"}));
        QCOMPARE(model.eventAt(3).recent.classification, EventClass::Duplicate);
        QCOMPARE(model.eventAt(4).node.value, std::string("b"));

        // The ring went round past the last row taken: all of it is new.
        for (int i = 10; i < 14; ++i)
            ring.record(numbered(i), EventClass::Processed, 200 + i);
        model.merge({{{"a"}, ring.snapshot()}});
        QCOMPARE(ids(model), QStringList({"e-0", "e-1", "e-2", "e-2", "e-9", "e-3", "e-10", "e-11",
                                          "e-12", "e-13"}));
        // Past the bound the oldest go.
        ring.record(numbered(14), EventClass::Processed, 214);
        model.merge({{{"a"}, ring.snapshot()}});
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(ids(model).front(), QStringLiteral("e-1"));
        QCOMPARE(ids(model).back(), QStringLiteral("e-14"));

        model.clear(); // forgets the marks too: the ring is taken whole again
        QCOMPARE(model.rowCount(), 0);
        model.merge({{{"a"}, ring.snapshot()}});
        QCOMPARE(model.rowCount(), 4);
    }

    void memoryStaysBoundedUnderALongFeed()
    {
        RecentEventsModel model;
        EventFilterProxy proxy;
        proxy.setSourceModel(&model);
        RecentEvents ring; // the runtime's default size
        int most = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&] { most = std::max(most, model.rowCount()); });
        constexpr int kEvents = 100'000;
        for (int i = 0; i < kEvents; ++i) {
            ring.record(numbered(i), i % 10 == 0 ? EventClass::Duplicate : EventClass::Processed,
                        i);
            if (i % 97 == 0) // fewer than a ring's worth between reads: nothing is missed
                model.merge({{{"count"}, ring.snapshot()}});
        }
        model.merge({{{"count"}, ring.snapshot()}});
        QCOMPARE(ring.capacity(), std::size_t{256});
        QCOMPARE(ring.snapshot().size(), std::size_t{256});
        QCOMPARE(model.maxRows(), RecentEventsModel::kDefaultMaxRows);
        QCOMPARE(most, RecentEventsModel::kDefaultMaxRows);
        QCOMPARE(model.rowCount(), RecentEventsModel::kDefaultMaxRows);
        QCOMPARE(proxy.rowCount(), RecentEventsModel::kDefaultMaxRows);
        // Exactly the last 2000 events, each once, in order.
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.eventAt(row).recent.event.id,
                     "e-" + std::to_string(kEvents - model.maxRows() + row));
    }

    void scopeMapsTheSelectionToInputs_data()
    {
        QTest::addColumn<QString>("selected");
        QTest::addColumn<QStringList>("inputs");
        QTest::newRow("none") << "" << QStringList{"overheat", "alert-log", "reading-count"};
        QTest::newRow("channel") << "readings" << QStringList{"overheat", "reading-count"};
        QTest::newRow("producer") << "sensors" << QStringList{"overheat", "reading-count"};
        QTest::newRow("processor") << "overheat" << QStringList{"overheat"};
        QTest::newRow("queue") << "alerts" << QStringList{"alert-log"};
        QTest::newRow("unknown") << "nope" << QStringList{};
    }
    void scopeMapsTheSelectionToInputs()
    {
        QFETCH(QString, selected);
        QFETCH(QStringList, inputs);
        const auto loaded
            = loadFlowFile(EVFLOW_SOURCE_DIR "/resources/examples/iot-sensors.evflow.json");
        QVERIFY(loaded.flow);
        QStringList got;
        for (const NodeId &id : recordingInputs(*loaded.flow, {selected.toStdString()}))
            got << QString::fromStdString(id.value);
        QCOMPARE(got, inputs);
    }

    void showsADuplicateAndItsCorrelationTrace()
    {
        RunController c;
        ui::testing::ScriptedDialogs dialogs;
        EventInspector inspector(&c, &dialogs);
        CorrelationTimeline timeline(&c);
        connect(&inspector, &EventInspector::traceRequested, &timeline,
                &CorrelationTimeline::showCorrelation);
        const Flow flow = duplicatingFlow(200, 0, "inproc://inspector-dups");
        inspector.setFlow(flow);
        inspector.setSelectedNode({"count"});
        QCOMPARE(inspector.inputs(), std::vector<NodeId>{{"count"}});
        QTemporaryDir dir;
        c.start(flow, dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);

        // Everything the consumer's ring holds (200 events and their duplicates fit), in order.
        const std::vector<RecentEvent> ring = c.recentEvents({"count"});
        const auto *model = inspector.eventsModel();
        QCOMPARE(model->rowCount(), int(ring.size()));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->eventAt(row).recent, ring[std::size_t(row)]);
        const auto duplicates = std::count_if(ring.begin(), ring.end(), [](const auto &r) {
            return r.classification == EventClass::Duplicate;
        });
        QVERIFY(duplicates > 0);

        // Filtered to duplicates, the first one chosen: its envelope and its trace.
        inspector.filterEdit()->setText(QStringLiteral("class:duplicate"));
        QCOMPARE(inspector.filterModel()->rowCount(), int(duplicates));
        const int row = rowOfClass(*inspector.filterModel(), EventClass::Duplicate);
        QCOMPARE(row, 0);
        QCOMPARE(inspector.filterModel()->index(row, RecentEventsModel::ClassColumn).data(),
                 QVariant(QStringLiteral("duplicate")));
        inspector.view()->setCurrentIndex(inspector.filterModel()->index(row, 0));
        QVERIFY(inspector.shownEvent());
        const Event shown = inspector.shownEvent()->recent.event;
        const QString json = inspector.detailView()->toPlainText();
        QVERIFY2(
            json.contains(QStringLiteral("\"id\": \"%1\"").arg(QString::fromStdString(shown.id))),
            qPrintable(json));
        Event parsed;
        std::string error;
        QVERIFY2(fromCloudEventJson(json.toStdString(), parsed, error), error.c_str());
        QCOMPARE(parsed, shown);

        QSignalSpy traced(&inspector, &EventInspector::traceRequested);
        QVERIFY(inspector.traceButton()->isEnabled());
        inspector.traceButton()->click();
        QCOMPARE(traced.size(), 1);
        const QString id = traced.first().at(0).toString();
        QVERIFY(!shown.correlationid.empty());
        QCOMPARE(id, QString::fromStdString(shown.correlationid));

        // The timeline shows exactly the runtime's hops: the event and its duplicate at count.
        QCOMPARE(timeline.correlationId(), id);
        const std::vector<TraceHop> hops = c.trace(id.toStdString());
        QCOMPARE(timeline.hops(), hops);
        QCOMPARE(hops.size(), std::size_t{2});
        QCOMPARE(hops[0].node, std::string("count"));
        QCOMPARE(hops[1].eventId, shown.id);
        QCOMPARE(timeline.events().size(), std::size_t{1}); // one event, seen twice
        QCOMPARE(timeline.tree()->topLevelItemCount(), 1);
        const QTreeWidgetItem *event = timeline.tree()->topLevelItem(0);
        QCOMPARE(event->childCount(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(event->child(i)->data(0, CorrelationTimeline::HopIndexRole).toInt(), i);
            QCOMPARE(event->child(i)->text(CorrelationTimeline::NodeColumn),
                     QString::fromStdString(hops[std::size_t(i)].node));
        }

        // Double-clicking a row asks for its trace too.
        inspector.resize(1200, 600);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        const QModelIndex first = inspector.filterModel()->index(0, 1);
        inspector.view()->scrollTo(first);
        const QPoint centre = inspector.view()->visualRect(first).center();
        QTest::mouseClick(inspector.view()->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(traced.size(), 1); // a single click only selects
        QTest::mouseDClick(inspector.view()->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(traced.size(), 2);
        QCOMPARE(traced.last().at(0).toString(), id);
        saveShot(inspector, "inspector-shot");
        timeline.resize(1200, 360);
        saveShot(timeline, "timeline-dup-shot");
    }

    void showsEveryInputWhenNothingIsSelected()
    {
        auto loaded = loadFlowFile(EVFLOW_SOURCE_DIR "/resources/examples/iot-sensors.evflow.json");
        QVERIFY(loaded.flow);
        Flow flow = *loaded.flow;
        Node *sensors = flow.findNode({"sensors"});
        sensors->properties["count"] = std::int64_t{200}; // fits every input's ring
        sensors->properties["rate"] = 0.0;
        FaultInjection faults;
        faults.duplicate = faults.reorder = faults.late = 0.05;
        faults.seed = 5;
        sensors->faults = faults;
        flow.findNode({"readings"})->properties["endpoint"] = std::string("inproc://insp-iot");

        RunController c;
        ui::testing::ScriptedDialogs dialogs;
        EventInspector inspector(&c, &dialogs);
        inspector.setFlow(flow);
        const std::vector<NodeId> inputs{{"overheat"}, {"alert-log"}, {"reading-count"}};
        QCOMPARE(inspector.inputs(), inputs);
        QTemporaryDir dir;
        c.start(flow, dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);

        std::size_t expected = 0, alerts = 0;
        for (const NodeId &input : inputs) {
            const std::vector<RecentEvent> ring = c.recentEvents(input);
            expected += ring.size();
            alerts += std::size_t(std::count_if(ring.begin(), ring.end(), [](const auto &r) {
                return r.event.type == "temperature.alert";
            }));
        }
        QCOMPARE(inspector.eventsModel()->rowCount(), int(expected));
        QVERIFY(alerts > 0);
        inspector.filterEdit()->setText(QStringLiteral("type:temperature."));
        QCOMPARE(inspector.filterModel()->rowCount(), int(alerts));
        inspector.filterEdit()->setText(QStringLiteral("node:alert-log"));
        QCOMPARE(inspector.filterModel()->rowCount(), int(c.recentEvents({"alert-log"}).size()));

        inspector.filterEdit()->clear();
        inspector.resize(1280, 420);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        inspector.view()->setCurrentIndex(inspector.filterModel()->index(
            rowOfClass(*inspector.filterModel(), EventClass::Duplicate), 0));
        saveShot(inspector, "inspector-iot-shot");
    }

    void pauseFreezesTheTable()
    {
        RunController c;
        ui::testing::ScriptedDialogs dialogs;
        EventInspector inspector(&c, &dialogs);
        const Flow flow = duplicatingFlow(0, 2000, "inproc://inspector-pause");
        inspector.setFlow(flow);
        QTemporaryDir dir;
        c.start(flow, dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(inspector.eventsModel()->rowCount() > 0, kWait);

        inspector.pauseButton()->click();
        QVERIFY(inspector.isPaused());
        const QStringList frozen = ids(*inspector.eventsModel());
        const RecentEvent last = c.recentEvents({"count"}).back();
        // The run goes on: wait until the ring has moved past what the table shows, and for
        // a few snapshots after that.
        QTRY_VERIFY_WITH_TIMEOUT(c.recentEvents({"count"}).back() != last, kWait);
        QSignalSpy snapshots(&c, &RunController::snapshotTaken);
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 3, kWait);
        QCOMPARE(ids(*inspector.eventsModel()), frozen);

        inspector.pauseButton()->click();
        QVERIFY(!inspector.isPaused());
        QVERIFY(ids(*inspector.eventsModel()) != frozen); // caught up at once
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kWait);
    }

    void exportsWhatPassesTheFilterAsCloudEventLines()
    {
        RunController c;
        ui::testing::ScriptedDialogs dialogs;
        EventInspector inspector(&c, &dialogs);
        std::vector<RecentEvent> events;
        for (int i = 0; i < 6; ++i) {
            Event e = i % 2 ? alert() : test::fullEvent();
            e.id += "-" + std::to_string(i);
            events.push_back(recent(e, EventClass::Processed, 10 + i));
        }
        inspector.eventsModel()->merge({{{"log"}, events}});
        inspector.filterEdit()->setText(QStringLiteral("-type:temperature.alert"));
        QCOMPARE(inspector.filterModel()->rowCount(), 3);

        QTemporaryDir dir;
        dialogs.saveAnswer = dir.filePath(QStringLiteral("events"));
        inspector.exportButton()->click();
        QVERIFY2(dialogs.errors.isEmpty(), qPrintable(dialogs.errors.join('\n')));
        QFile file(dir.filePath(QStringLiteral("events.jsonl"))); // the suffix was added
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 4); // three lines, each ending in a newline
        QVERIFY(lines.last().isEmpty());
        for (int i = 0; i < 3; ++i) {
            Event parsed;
            std::string error;
            QVERIFY2(fromCloudEventJson(lines[i].toStdString(), parsed, error), error.c_str());
            QCOMPARE(test::difference(parsed, events[std::size_t(2 * i)].event), std::string());
        }

        dialogs.saveAnswer = dir.filePath(QStringLiteral("missing/folder/events.jsonl"));
        inspector.exportButton()->click();
        QCOMPARE(dialogs.errors.size(), 1);
        dialogs.saveAnswer.clear(); // cancelled: nothing happens
        inspector.exportButton()->click();
        QCOMPARE(dialogs.errors.size(), 1);
    }
};

QTEST_MAIN(TestEventInspector)
#include "TestEventInspector.moc"
