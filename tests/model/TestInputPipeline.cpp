#include "model/InputPipeline.h"
#include "support/LogicFlows.h"

#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <new>

using namespace evflow::model;
using evflow::test::shopTypes;

// Counts every heap allocation of this test executable, to prove accept() allocates nothing once
// warm. Only the counting phase of acceptDoesNotAllocateWhenWarm() looks at it.
namespace {
std::atomic<long> g_allocations{0};
}

void *operator new(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void *p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void operator delete(void *p) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000'000;

Event placed(std::uint64_t sequence, std::int64_t time = kNow, const std::string &source = "/s")
{
    Event e;
    e.id = "p" + std::to_string(sequence);
    e.source = source;
    e.type = "order.placed";
    e.epoch = 1;
    e.sequence = sequence;
    e.time = time;
    e.data = {{"region", std::string("EU")}, {"qty", std::int64_t{2}}, {"price", 1.5}};
    return e;
}

DeliverySettings settings(LatePolicy policy = LatePolicy::Accept)
{
    DeliverySettings d;
    d.reorderWaitMillis = 10;
    d.outOfOrdernessMillis = 1000;
    d.latePolicy = policy;
    return d;
}

} // namespace

class TestInputPipeline : public QObject
{
    Q_OBJECT

private slots:
    void schema_data();
    void schema();
    void schemaOffAcceptsAnything();
    void duplicatesStopBeforeTrackerAndWatermark();
    void outOfOrderAndGaps();
    void latePolicies_data();
    void latePolicies();
    void filteredBalances();
    void sequenceTrackingOff();
    void closedStreamCountsItsLostTail();
    void malformedFramesKept();
    void reportIsPerSource();
    void verdictClasses();
    void acceptDoesNotAllocateWhenWarm();
};

void TestInputPipeline::schema_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<FieldValue>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("valid") << "price" << FieldValue(std::int64_t{3}) << "";
    QTest::newRow("int for double ok") << "price" << FieldValue(std::int64_t{3}) << "";
    QTest::newRow("double for int")
        << "qty" << FieldValue(2.5) << "field 'qty' is double; int expected";
    QTest::newRow("string for double") << "price" << FieldValue(std::string("x"))
                                       << "field 'price' is string; int or double expected";
    QTest::newRow("enum value") << "region" << FieldValue(std::string("MARS"))
                                << "field 'region' is 'MARS', not one of EU, US, APAC";
    QTest::newRow("required null")
        << "qty" << FieldValue(std::monostate{}) << "required field 'qty' is null";
    QTest::newRow("optional null") << "price" << FieldValue(std::monostate{}) << "";
    QTest::newRow("unknown field ok") << "extra" << FieldValue(true) << "";
}

void TestInputPipeline::schema()
{
    QFETCH(QString, field);
    QFETCH(FieldValue, value);
    QFETCH(QString, reason);
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), true, counters);
    Event e = placed(0);
    e.setField(field.toStdString(), value);
    const InputVerdict v = p.accept(e, kNow);
    QCOMPARE(v.outcome == InputOutcome::Malformed, !reason.isEmpty());
    if (!reason.isEmpty()) {
        QCOMPARE(QString::fromStdString(p.lastReason()), reason);
        QCOMPARE(p.malformedItems().size(), std::size_t(1));
        QCOMPARE(p.malformedItems().front().excerpt,
                 std::string("type=order.placed source=/s id=p0"));
        QCOMPARE(counters.value(InputCounter::Malformed), std::uint64_t(1));
    } else {
        p.processed();
    }
    QVERIFY(counters.snapshot().balanced());

    Event missing = placed(1);
    missing.data.erase(missing.data.begin()); // region
    QCOMPARE(p.accept(missing, kNow).outcome, InputOutcome::Malformed);
    QCOMPARE(p.lastReason(), std::string("required field 'region' is missing"));
    Event undeclared = placed(2);
    undeclared.type = "order.lost";
    QCOMPARE(p.accept(undeclared, kNow).outcome, InputOutcome::Malformed);
    QCOMPARE(p.lastReason(), std::string("type 'order.lost' is not declared"));
}

void TestInputPipeline::schemaOffAcceptsAnything()
{
    LiveInputCounters counters;
    DeliverySettings d = settings();
    d.validateSchema = false;
    InputPipeline p(d, shopTypes(), true, counters);
    Event e = placed(0);
    e.type = "not.declared";
    QCOMPARE(p.accept(e, kNow).outcome, InputOutcome::Act);
    SchemaCheck check(shopTypes());
    std::string reason;
    Event shipped;
    shipped.type = "order.shipped";
    shipped.data = {{"region", std::string("US")}, {"at", std::string("2024-13-01T00:00:00Z")}};
    QVERIFY(!check.check(shipped, reason));
    QCOMPARE(reason, std::string("field 'at' is '2024-13-01T00:00:00Z', not an RFC 3339 "
                                 "timestamp"));
    shipped.setField("at", std::string("2024-12-01T00:00:00+01:00"));
    QVERIFY(check.check(shipped, reason));
}

void TestInputPipeline::duplicatesStopBeforeTrackerAndWatermark()
{
    LiveInputCounters counters;
    InputPipeline p(settings(LatePolicy::Drop), shopTypes(), true, counters);
    QCOMPARE(p.accept(placed(0, kNow), kNow).outcome, InputOutcome::Act);
    p.processed();
    const Event late = placed(1, kNow - 5'000'000);
    QCOMPARE(p.accept(late, kNow).outcome, InputOutcome::LateDropped);
    QCOMPARE(p.accept(late, kNow).outcome, InputOutcome::Duplicate); // not late a second time
    const InputAccounting books = counters.snapshot();
    QCOMPARE(books.received, std::uint64_t(3));
    QCOMPARE(books.late, std::uint64_t(1));
    QCOMPARE(books.lateDropped, std::uint64_t(1));
    QCOMPARE(books.duplicates, std::uint64_t(1));
    QCOMPARE(p.tracker().totals().repeats, std::uint64_t(0));
    QVERIFY(books.balanced());
}

void TestInputPipeline::outOfOrderAndGaps()
{
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), true, counters);
    for (std::uint64_t s : {0, 2, 1, 5}) { // 1 fills within the wait; 3 and 4 are missing
        const InputVerdict v = p.accept(placed(s), kNow);
        QCOMPARE(v.outOfOrder, s == 1);
        p.processed();
    }
    QCOMPARE(counters.value(InputCounter::OutOfOrder), std::uint64_t(1));
    p.tick(kNow + 10'000); // exactly the wait: still pending
    QCOMPARE(counters.value(InputCounter::Gaps), std::uint64_t(0));
    p.tick(kNow + 10'001);
    QCOMPARE(counters.value(InputCounter::Gaps), std::uint64_t(2));
    QCOMPARE(p.accept(placed(9), kNow + 20'000).outOfOrder, false); // 6, 7, 8 pending
    p.processed();
    p.finish();
    QCOMPARE(counters.value(InputCounter::Gaps), std::uint64_t(5));
    QVERIFY(p.report().balanced());
}

void TestInputPipeline::latePolicies_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("outcome");
    QTest::newRow("accept") << int(LatePolicy::Accept) << int(InputOutcome::Act);
    QTest::newRow("drop") << int(LatePolicy::Drop) << int(InputOutcome::LateDropped);
    QTest::newRow("divert") << int(LatePolicy::Divert) << int(InputOutcome::LateDiverted);
}

void TestInputPipeline::latePolicies()
{
    QFETCH(int, policy);
    QFETCH(int, outcome);
    LiveInputCounters counters;
    InputPipeline p(settings(static_cast<LatePolicy>(policy)), shopTypes(), true, counters);
    QVERIFY(p.accept(placed(0, kNow), kNow).act());
    p.processed();
    // Watermark = kNow - 1 s: exactly at it is on time, one microsecond before it is late.
    const InputVerdict onTime = p.accept(placed(1, kNow - 1'000'000), kNow);
    QVERIFY(onTime.act() && !onTime.late);
    p.processed();
    const InputVerdict late = p.accept(placed(2, kNow - 1'000'001), kNow);
    QVERIFY(late.late);
    QCOMPARE(int(late.outcome), outcome);
    if (late.act())
        p.processed();
    const InputAccounting books = counters.snapshot();
    QCOMPARE(books.late, std::uint64_t(1));
    QCOMPARE(books.processed, std::uint64_t(late.act() ? 3 : 2));
    QVERIFY(books.balanced());
}

void TestInputPipeline::filteredBalances()
{
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), true, counters);
    QVERIFY(p.accept(placed(0), kNow).act());
    QCOMPARE(counters.snapshot().unaccounted(), std::int64_t(1)); // in flight until acted on
    p.filtered();
    QCOMPARE(counters.value(InputCounter::Filtered), std::uint64_t(1));
    QVERIFY(counters.snapshot().balanced());
}

void TestInputPipeline::sequenceTrackingOff()
{
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), false, counters);
    for (std::uint64_t s : {0, 5, 3}) {
        QCOMPARE(p.accept(placed(s), kNow).outOfOrder, false);
        p.processed();
    }
    QCOMPARE(p.accept(placed(3), kNow).outcome, InputOutcome::Duplicate); // dedup still on
    p.finish();
    QCOMPARE(counters.value(InputCounter::Gaps), std::uint64_t(0));
    QCOMPARE(counters.value(InputCounter::OutOfOrder), std::uint64_t(0));
    QVERIFY(p.report().sources.empty());
}

void TestInputPipeline::closedStreamCountsItsLostTail()
{
    // The writer stamped 0..7 on ("/s", order.placed, epoch 1); 0..3 arrived, then PUB/SUB
    // dropped the rest: without the writer's end nothing would show the loss.
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), true, counters);
    for (std::uint64_t s = 0; s < 4; ++s) {
        p.accept(placed(s), kNow);
        p.processed();
    }
    const StreamEnd end{"out", "/s", "order.placed", 1, 8};
    QCOMPARE(p.missingTail(end), std::uint64_t(4));
    QCOMPARE(p.missingTail(StreamEnd{"out", "/s", "order.shipped", 1, 3}), std::uint64_t(3));
    p.closeStream(end);
    QCOMPARE(counters.value(InputCounter::Gaps), std::uint64_t(4));
    QCOMPARE(p.missingTail(end), std::uint64_t(0));
    p.finish();
    QCOMPARE(counters.value(InputCounter::Gaps), std::uint64_t(4));
    QVERIFY(p.report().balanced());

    LiveInputCounters off;
    InputPipeline untracked(settings(), shopTypes(), false, off);
    untracked.closeStream(end);
    QCOMPARE(untracked.missingTail(end), std::uint64_t(0));
    QCOMPARE(off.value(InputCounter::Gaps), std::uint64_t(0));
}

void TestInputPipeline::malformedFramesKept()
{
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), true, counters);
    p.malformedFrame("bad magic", std::string_view("\x01\xff\x00z", 4), 5);
    p.malformedFrame("not JSON", "{\"id\": 1", 6);
    auto items = p.malformedItems();
    QCOMPARE(items.size(), std::size_t(2));
    QCOMPARE(items[0], (MalformedItem{"bad magic", "01 ff 00 7a", 5}));
    QCOMPARE(items[1], (MalformedItem{"not JSON", "{\"id\": 1", 6}));
    QCOMPARE(detail::frameExcerpt(std::string(60, 'a')), std::string(48, 'a') + "...");
    QCOMPARE(detail::frameExcerpt(std::string(30, '\0')),
             "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ...");
    for (int i = 0; i < 150; ++i)
        p.malformedFrame("r" + std::to_string(i), "x", i);
    items = p.malformedItems();
    QCOMPARE(items.size(), InputPipeline::kMalformedKept);
    QCOMPARE(items.front().reason, std::string("r50"));
    QCOMPARE(items.back().reason, std::string("r149"));
    QCOMPARE(counters.snapshot().malformed, std::uint64_t(152));
    QVERIFY(counters.snapshot().balanced());
}

void TestInputPipeline::reportIsPerSource()
{
    LiveInputCounters counters;
    InputPipeline p(settings(), shopTypes(), true, counters);
    for (const char *source : {"/b", "/a"}) {
        for (std::uint64_t s : {0, 1, 3}) {
            Event e = placed(s, kNow, source);
            QVERIFY(p.accept(e, kNow).act());
            p.processed();
            e.type = "payment.received";
            e.id += "pay";
            e.data = {{"amount", 1.0}, {"method", std::string("card")}};
            QVERIFY(p.accept(e, kNow).act());
            p.processed();
        }
    }
    p.finish();
    const InputReport report = p.report();
    QCOMPARE(report.sources.size(), std::size_t(2));
    QCOMPARE(report.sources[0].source, std::string("/a"));
    QCOMPARE(report.sources[1].source, std::string("/b"));
    QCOMPARE(report.sources[0].books.expected, std::uint64_t(8)); // two types x 0..3
    QCOMPARE(report.sources[0].books.receivedUnique, std::uint64_t(6));
    QCOMPARE(report.sources[0].books.gaps, std::uint64_t(2));
    QCOMPARE(report.counters.gaps, std::uint64_t(4));
    QVERIFY(report.balanced());
}

void TestInputPipeline::verdictClasses()
{
    InputVerdict v;
    QCOMPARE(v.eventClass(), EventClass::Processed);
    QCOMPARE(v.eventClass(true), EventClass::Filtered);
    v.outOfOrder = true;
    QCOMPARE(v.eventClass(), EventClass::OutOfOrder);
    v.late = true;
    QCOMPARE(v.eventClass(), EventClass::Late);
    v.outcome = InputOutcome::LateDiverted;
    QCOMPARE(v.eventClass(), EventClass::Diverted);
    v.outcome = InputOutcome::Duplicate;
    QCOMPARE(v.eventClass(), EventClass::Duplicate);
}

void TestInputPipeline::acceptDoesNotAllocateWhenWarm()
{
    LiveInputCounters counters;
    InputPipeline p(settings(LatePolicy::Drop), shopTypes(), true, counters);
    // Three streams; in-order events, duplicates, reorders, jumps (gaps) and late events.
    std::vector<Event> events;
    for (std::uint64_t s = 0; s < 4000; ++s) {
        const std::int64_t t = kNow + static_cast<std::int64_t>(s) * 1000;
        Event e
            = placed(s / 3, s % 97 == 0 ? t - 3'000'000 : t, "/source-" + std::to_string(s % 3));
        if (s % 50 == 7)
            continue; // a gap
        events.push_back(e);
        if (s % 31 == 0)
            events.push_back(e); // a duplicate
    }
    for (std::size_t i = 0; i + 3 < events.size(); i += 41)
        std::swap(events[i], events[i + 3]); // some out of order (same source, mostly)
    const auto feed = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            const std::int64_t now = kNow + static_cast<std::int64_t>(i) * 1000;
            if (p.accept(events[i], now).act())
                p.processed();
            if (i % 100 == 0)
                p.tick(now);
        }
    };
    feed(0, 1000); // warm-up: streams, sources, key string
    const long before = g_allocations.load();
    feed(1000, events.size());
    const long allocations = g_allocations.load() - before;
    const InputAccounting books = counters.snapshot();
    QCOMPARE(allocations, 0L);
    QVERIFY(books.duplicates > 50 && books.outOfOrder > 50 && books.late > 20);
    QVERIFY(books.balanced());
    // The counter works: an allocation is seen.
    const long check = g_allocations.load();
    auto *probe = new std::string(100, 'x');
    delete probe;
    QVERIFY(g_allocations.load() > check);
}

QTEST_APPLESS_MAIN(TestInputPipeline)
#include "TestInputPipeline.moc"
