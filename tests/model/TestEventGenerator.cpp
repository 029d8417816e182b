#include "model/EventGenerator.h"
#include "model/EventTime.h"
#include "support/LogicFlows.h"

#include <QtTest>

#include <set>
#include <string>

using namespace evflow::model;
using evflow::test::eventType;
using evflow::test::fieldSpec;
using evflow::test::shopFlow;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000'000;

Flow singleTypeFlow(StringMap fields)
{
    Flow flow;
    flow.name = "one";
    flow.eventTypes = {eventType(
        "t", {fieldSpec("s", FieldType::String, true), fieldSpec("i", FieldType::Int, false),
              fieldSpec("d", FieldType::Double, false), fieldSpec("b", FieldType::Bool, false),
              fieldSpec("ts", FieldType::Timestamp, false),
              fieldSpec("e", FieldType::Enum, false, {"x", "y"})})};
    Node n;
    n.id = {"g"};
    n.kind = NodeKind::Generator;
    n.properties["eventTypes"] = StringList{"t"};
    n.properties["fields"] = std::move(fields);
    flow.nodes.push_back(n);
    return flow;
}

} // namespace

class TestEventGenerator : public QObject
{
    Q_OBJECT

private slots:
    void envelope();
    void sourceProperty();
    void equalSeedsGiveIdenticalEvents();
    void defaultsByType();
    void fieldGenerators();
    void sequenceAndConstConvert();
    void configurationErrors();
    void timestampFormatMatches_data();
    void timestampFormatMatches();
    void pacing();
    void countLimit();
    void uniformIntCoversRange();
};

void TestEventGenerator::envelope()
{
    const Flow flow = shopFlow();
    EventGenerator g(flow.nodes.front(), flow, 0x1a);
    QVERIFY2(g.error().empty(), g.error().c_str());
    const char *types[] = {"order.placed", "order.shipped", "payment.received"};
    for (int n = 0; n < 7; ++n) {
        const Event &e = g.next(kNow + n);
        QCOMPARE(e.id, "shop-1a-" + std::to_string(n));
        QCOMPARE(e.source, std::string("evflow:/shop-demo/shop"));
        QCOMPARE(e.type, std::string(types[n % 3]));
        QCOMPARE(e.sequence, std::uint64_t(n / 3));
        QCOMPARE(e.epoch, std::uint32_t(0x1a));
        QCOMPARE(e.time, kNow + n);
        QCOMPARE(e.correlationid, "shop-1a-c" + std::to_string(n / 2)); // correlationGroup 2
        QVERIFY(e.causationid.empty());
        QCOMPARE(checkEvent(e), std::string());
    }
    QCOMPARE(g.emitted(), std::uint64_t(7));
}

void TestEventGenerator::sourceProperty()
{
    Flow flow = shopFlow();
    flow.nodes.front().properties["source"] = std::string("/plant/line-1");
    EventGenerator g(flow.nodes.front(), flow, 3);
    QCOMPARE(g.next(kNow).source, std::string("/plant/line-1"));
}

void TestEventGenerator::equalSeedsGiveIdenticalEvents()
{
    const Flow flow = shopFlow(11);
    EventGenerator a(flow.nodes.front(), flow, 1);
    EventGenerator b(flow.nodes.front(), flow, 1);
    const Flow other = shopFlow(12);
    EventGenerator c(other.nodes.front(), other, 1);
    EventGenerator overridden(other.nodes.front(), other, 1, 11); // run seed replaces 12
    int differing = 0;
    Event copy;
    for (int i = 0; i < 3000; ++i) {
        a.next(copy, kNow + i);
        QVERIFY(copy == b.next(kNow + i));
        QVERIFY(copy == overridden.next(kNow + i));
        differing += copy == c.next(kNow + i) ? 0 : 1;
    }
    QCOMPARE(overridden.seed(), std::uint64_t(11));
    QVERIFY(differing > 2900); // nearly every event differs in some random field
}

void TestEventGenerator::defaultsByType()
{
    const Flow flow = singleTypeFlow({});
    EventGenerator g(flow.nodes.front(), flow, 1);
    const Event &e = g.next(kNow + 250);
    QCOMPARE(e.data.size(), std::size_t(6));
    QCOMPARE(*e.field("s"), FieldValue(std::string()));
    QCOMPARE(*e.field("i"), FieldValue(std::int64_t{0}));
    QCOMPARE(*e.field("d"), FieldValue(0.0));
    QCOMPARE(*e.field("b"), FieldValue(false));
    QCOMPARE(*e.field("ts"), FieldValue(std::string("2023-11-14T22:13:20.000250Z")));
    QCOMPARE(*e.field("e"), FieldValue(std::string("x")));
    QCOMPARE(*g.next(kNow + 1'000'000).field("ts"),
             FieldValue(std::string("2023-11-14T22:13:21.000000Z")));
}

void TestEventGenerator::fieldGenerators()
{
    const Flow flow = singleTypeFlow({{"s", "string(6)"},
                                      {"i", "uniform(-2, 3)"},
                                      {"d", "uniform(0.5, 1.5)"},
                                      {"b", "bool(0.25)"},
                                      {"e", "choice(y, x)"}});
    EventGenerator g(flow.nodes.front(), flow, 1);
    QVERIFY2(g.error().empty(), g.error().c_str());
    std::set<std::int64_t> ints;
    std::set<std::string> enums;
    int trues = 0;
    double sum = 0;
    constexpr int n = 4000;
    for (int k = 0; k < n; ++k) {
        const Event &e = g.next(kNow);
        const auto &s = std::get<std::string>(*e.field("s"));
        QCOMPARE(s.size(), std::size_t(6));
        QVERIFY(std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
        ints.insert(std::get<std::int64_t>(*e.field("i")));
        const double d = std::get<double>(*e.field("d"));
        QVERIFY(d >= 0.5 && d < 1.5);
        sum += d;
        trues += std::get<bool>(*e.field("b")) ? 1 : 0;
        enums.insert(std::get<std::string>(*e.field("e")));
    }
    QCOMPARE(ints, (std::set<std::int64_t>{-2, -1, 0, 1, 2, 3}));
    QCOMPARE(enums, (std::set<std::string>{"x", "y"}));
    QVERIFY(trues > n / 4 - 150 && trues < n / 4 + 150);
    QVERIFY(std::abs(sum / n - 1.0) < 0.02);
}

void TestEventGenerator::sequenceAndConstConvert()
{
    Flow flow = singleTypeFlow({{"s", "sequence"},
                                {"i", "const(42)"},
                                {"d", "normal(10, 0)"},
                                {"b", "const(true)"},
                                {"ts", "const(2024-01-01T00:00:00Z)"}});
    EventGenerator g(flow.nodes.front(), flow, 1);
    QVERIFY2(g.error().empty(), g.error().c_str());
    for (int k = 1; k <= 3; ++k) {
        const Event &e = g.next(kNow);
        QCOMPARE(*e.field("s"), FieldValue(std::to_string(k)));
        QCOMPARE(*e.field("i"), FieldValue(std::int64_t{42}));
        QCOMPARE(*e.field("d"), FieldValue(10.0));
        QCOMPARE(*e.field("b"), FieldValue(true));
        QCOMPARE(*e.field("ts"), FieldValue(std::string("2024-01-01T00:00:00Z")));
    }
}

void TestEventGenerator::configurationErrors()
{
    Flow flow = singleTypeFlow({{"i", "uniform(1)"}});
    EventGenerator bad(flow.nodes.front(), flow, 1);
    QCOMPARE(bad.error(), std::string("field 'i': 'uniform(1)': uniform needs two numbers, as in "
                                      "uniform(min, max)"));
    QCOMPARE(*bad.next(kNow).field("i"), FieldValue(std::int64_t{0})); // falls back to default
    flow.nodes.front().properties["eventTypes"] = StringList{"nope"};
    EventGenerator none(flow.nodes.front(), flow, 1);
    QCOMPARE(none.error(), std::string("event type 'nope' is not declared in the flow"));
    QVERIFY(none.next(kNow).type.empty());
}

void TestEventGenerator::timestampFormatMatches_data()
{
    QTest::addColumn<qint64>("micros");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("leap day") << qint64(1709214307000250);
    QTest::newRow("before 1970") << qint64(-1);
    QTest::newRow("1900") << qint64(-2208988800000000);
    QTest::newRow("min") << qint64(EventLimits::minTime);
    QTest::newRow("max") << qint64(EventLimits::maxTime);
    QTest::newRow("clamped") << qint64(EventLimits::maxTime + 5);
}

void TestEventGenerator::timestampFormatMatches()
{
    QFETCH(qint64, micros);
    char text[detail::kRfc3339Length];
    detail::formatRfc3339Into(text, micros);
    QCOMPARE(std::string(text, sizeof text), formatRfc3339(micros));
}

void TestEventGenerator::pacing()
{
    Flow flow = shopFlow();
    Node &node = flow.nodes.front();
    node.properties["rate"] = 3.0;
    node.properties["burstSize"] = std::int64_t{2};
    EventGenerator g(node, flow, 1);
    g.startPacing(1000);
    QCOMPARE(g.nextDueMicros(), std::int64_t(1000));
    g.next(0);
    g.next(0);
    QCOMPARE(g.nextDueMicros(), std::int64_t(1000 + 666666)); // 2 events at 3/s
    g.next(0);
    g.next(0);
    QCOMPARE(g.nextDueMicros(), std::int64_t(1000 + 1333333));
    for (int i = 0; i < 3000 * 2; ++i)
        g.next(0);
    // 3002 bursts of 2 at 3/s: floor(6004 / 3 s), computed from the count, no drift
    QCOMPARE(g.nextDueMicros(), std::int64_t(1000 + 2001333333));
    g.startPacing(50); // resume after a pause: due at once, then paced from there
    QCOMPARE(g.nextDueMicros(), std::int64_t(50));
    node.properties["rate"] = 0.0;
    EventGenerator fast(node, flow, 1);
    fast.startPacing(7);
    fast.next(0);
    QCOMPARE(fast.nextDueMicros(), std::int64_t(7));
}

void TestEventGenerator::countLimit()
{
    Flow flow = shopFlow();
    flow.nodes.front().properties["count"] = std::int64_t{2};
    EventGenerator g(flow.nodes.front(), flow, 1);
    QVERIFY(!g.finished());
    g.next(0);
    QVERIFY(!g.finished());
    g.next(0);
    QVERIFY(g.finished());
}

void TestEventGenerator::uniformIntCoversRange()
{
    std::mt19937_64 rng(5);
    std::vector<int> hits(3, 0);
    for (int i = 0; i < 3000; ++i)
        ++hits[static_cast<std::size_t>(detail::uniformInt(rng, 7, 9) - 7)];
    for (int h : hits)
        QVERIFY(h > 900 && h < 1100);
    QCOMPARE(detail::uniformInt(rng, 4, 4), std::int64_t(4));
    const double u = detail::uniform01(rng);
    QVERIFY(u >= 0 && u < 1);
}

QTEST_APPLESS_MAIN(TestEventGenerator)
#include "TestEventGenerator.moc"
