#include "model/RecentEvents.h"
#include "model/TraceLog.h"

#include <QtTest>

#include <atomic>
#include <thread>

using namespace evflow::model;

namespace {

Event make(int n, const std::string &correlation = "c1")
{
    Event e;
    e.id = "e" + std::to_string(n);
    e.source = "/s";
    e.type = "t";
    e.sequence = static_cast<std::uint64_t>(n);
    e.correlationid = correlation;
    e.data = {{"n", std::int64_t{n}}};
    return e;
}

} // namespace

class TestRecentEvents : public QObject
{
    Q_OBJECT

private slots:
    void ringKeepsTheLatest();
    void writerSkipsWhileReaderHolds();
    void concurrentReadersSeeConsistentRings();
    void traceHopsInTimeOrder();
    void traceMergesLogs();
};

void TestRecentEvents::ringKeepsTheLatest()
{
    RecentEvents ring(3);
    QVERIFY(ring.snapshot().empty());
    for (int n = 0; n < 5; ++n)
        QVERIFY(ring.record(make(n), n == 4 ? EventClass::Late : EventClass::Processed, 100 + n));
    const std::vector<RecentEvent> got = ring.snapshot();
    QCOMPARE(got.size(), std::size_t(3));
    QCOMPARE(got[0].event, make(2));
    QCOMPARE(got[2].event, make(4));
    QCOMPARE(got[2].classification, EventClass::Late);
    QCOMPARE(got[2].arrivalMicros, std::int64_t(104));
    QCOMPARE(ring.recorded(), std::uint64_t(5));
    QCOMPARE(ring.skipped(), std::uint64_t(0));
    QCOMPARE(std::string(eventClassName(EventClass::LateDropped)), std::string("lateDropped"));
}

void TestRecentEvents::writerSkipsWhileReaderHolds()
{
    // The writer never waits: with the flag held (as a reader does while copying), record()
    // returns at once and counts a skip.
    detail::WriterFirstLock lock;
    QVERIFY(lock.tryLock());
    QVERIFY(!lock.tryLock());
    lock.unlock();
    QVERIFY(lock.tryLock());
    lock.unlock();
}

void TestRecentEvents::concurrentReadersSeeConsistentRings()
{
    RecentEvents ring(16);
    std::atomic<bool> done{false};
    std::atomic<int> inconsistent{0};
    std::thread reader([&] {
        while (!done.load()) {
            const auto got = ring.snapshot();
            for (std::size_t i = 1; i < got.size(); ++i)
                if (got[i].event.sequence <= got[i - 1].event.sequence)
                    ++inconsistent;
        }
    });
    for (int n = 0; n < 20000; ++n)
        ring.record(make(n), EventClass::Processed, n);
    done = true;
    reader.join();
    QCOMPARE(inconsistent.load(), 0);
    QCOMPARE(ring.recorded() + ring.skipped(), std::uint64_t(20000));
    QCOMPARE(ring.snapshot().size(), std::size_t(16));
}

void TestRecentEvents::traceHopsInTimeOrder()
{
    TraceLog log(4);
    Event first = make(1, "");
    log.record(first, "gen", 30);
    Event second = make(2, "e1");
    second.causationid = "e1";
    log.record(second, "filter", 10);
    log.record(make(3, "other"), "gen", 20);
    const std::vector<TraceHop> hops = log.hops("e1");
    QCOMPARE(hops.size(), std::size_t(2));
    QCOMPARE(hops[0], (TraceHop{"e1", "e1", "e2", "t", "filter", 10}));
    QCOMPARE(hops[1], (TraceHop{"e1", "", "e1", "t", "gen", 30}));
    for (int n = 0; n < 4; ++n)
        log.record(make(10 + n, "x"), "gen", n);
    QVERIFY(log.hops("e1").empty()); // bounded: overwritten
    QCOMPARE(log.all().size(), std::size_t(4));
}

void TestRecentEvents::traceMergesLogs()
{
    TraceLog a, b;
    a.record(make(1), "gen", 5);
    b.record(make(2), "alert", 7);
    a.record(make(3), "gen", 9);
    b.record(make(4), "alert", 5);
    const std::vector<TraceHop> hops = mergeHops({&a, &b}, "c1");
    QCOMPARE(hops.size(), std::size_t(4));
    QCOMPARE(hops[0].eventId, std::string("e1")); // time 5, log a first
    QCOMPARE(hops[1].eventId, std::string("e4")); // time 5, log b
    QCOMPARE(hops[2].eventId, std::string("e2"));
    QCOMPARE(hops[3].eventId, std::string("e3"));
}

QTEST_APPLESS_MAIN(TestRecentEvents)
#include "TestRecentEvents.moc"
