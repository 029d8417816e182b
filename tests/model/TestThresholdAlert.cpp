#include "model/Emitter.h"
#include "model/ThresholdAlert.h"

#include <QtTest>

using namespace evflow::model;

namespace {

Event reading(const std::string &source, double value, int n, const std::string &correlation = "")
{
    Event e;
    e.id = "r" + std::to_string(n);
    e.source = source;
    e.type = "sensor.reading";
    e.time = 1000 + n;
    e.correlationid = correlation;
    e.data = {{"sensorId", std::string("boiler-1")}, {"temperature", value}};
    return e;
}

ThresholdAlertConfig config(bool above)
{
    return {"temperature", 80.0, above, 2.0, "temperature.alert"};
}

} // namespace

class TestThresholdAlert : public QObject
{
    Q_OBJECT

private slots:
    void firesWithHysteresis_data();
    void firesWithHysteresis();
    void statePerSource();
    void alertCarriesIds();
    void fromNode();
};

void TestThresholdAlert::firesWithHysteresis_data()
{
    QTest::addColumn<bool>("above");
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<std::vector<bool>>("fires");
    // Above 80, re-arm at <= 78.
    QTest::newRow("above") << true << std::vector<double>{79, 80, 80.5, 85, 79, 78.5, 81, 78, 81}
                           << std::vector<bool>{false, false, true,  false, false,
                                                false, false, false, true};
    // Below 80, re-arm at >= 82.
    QTest::newRow("below") << false << std::vector<double>{79, 81, 79, 82, 79.9}
                           << std::vector<bool>{true, false, false, false, true};
}

void TestThresholdAlert::firesWithHysteresis()
{
    QFETCH(bool, above);
    QFETCH(std::vector<double>, values);
    QFETCH(std::vector<bool>, fires);
    ThresholdAlert alert(config(above));
    Event out;
    for (std::size_t i = 0; i < values.size(); ++i)
        QCOMPARE(alert.evaluate(reading("/s", values[i], int(i)), out), bool(fires[i]));
}

void TestThresholdAlert::statePerSource()
{
    ThresholdAlert alert(config(true));
    Event out;
    QVERIFY(alert.evaluate(reading("/a", 90, 0), out));
    QVERIFY(!alert.armed("/a"));
    QVERIFY(alert.armed("/b"));
    QVERIFY(alert.evaluate(reading("/b", 90, 1), out));
    Event text = reading("/a", 0, 2);
    text.setField("temperature", std::string("hot"));
    QVERIFY(!alert.evaluate(text, out));
    QCOMPARE(alert.withoutValue(), std::uint64_t(1));
    QCOMPARE(alert.alerts(), std::uint64_t(2));
}

void TestThresholdAlert::alertCarriesIds()
{
    ThresholdAlert alert(config(true));
    Emitter emitter("iot sensors", NodeId{"overheat"}, 0x2b);
    Event out;
    const Event in = reading("/s", 85.5, 7, "order-9");
    QVERIFY(alert.evaluate(in, out));
    emitter.stampNew(out, "out", in);
    QCOMPARE(out.type, std::string("temperature.alert"));
    QCOMPARE(out.id, std::string("overheat-2b-0"));
    QCOMPARE(out.source, std::string("evflow:/iot-sensors/overheat"));
    QCOMPARE(out.correlationid, std::string("order-9"));
    QCOMPARE(out.causationid, std::string("r7"));
    QCOMPARE(out.time, std::int64_t(1007));
    QCOMPARE(out.sequence, std::uint64_t(0));
    QCOMPARE(out.epoch, std::uint32_t(0x2b));
    QCOMPARE(out.data,
             (std::vector<DataField>{
                 {"sensorId", std::string("boiler-1")}, {"temperature", 85.5}, {"bound", 80.0}}));
    QCOMPARE(checkEvent(out), std::string());
    // Without a correlation id, the input's id starts the correlation.
    ThresholdAlert other(config(true));
    QVERIFY(other.evaluate(reading("/s", 99, 8), out));
    QCOMPARE(out.correlationid, std::string("r8"));
}

void TestThresholdAlert::fromNode()
{
    Node n;
    n.kind = NodeKind::ThresholdAlert;
    n.properties["field"] = std::string("temperature");
    n.properties["bound"] = 3.5;
    n.properties["direction"] = std::string("below");
    n.properties["alertType"] = std::string("cold");
    const ThresholdAlertConfig c = ThresholdAlertConfig::fromNode(n);
    QCOMPARE(c.field, std::string("temperature"));
    QCOMPARE(c.bound, 3.5);
    QVERIFY(!c.above);
    QCOMPARE(c.hysteresis, 0.0);
    QCOMPARE(c.alertType, std::string("cold"));
}

QTEST_APPLESS_MAIN(TestThresholdAlert)
#include "TestThresholdAlert.moc"
