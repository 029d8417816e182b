#include "model/FaultInjector.h"

#include <QtTest>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace evflow::model;

namespace {

Event makeEvent(const std::string &type, std::uint64_t sequence, std::uint32_t epoch = 1)
{
    Event e;
    e.source = "/src";
    e.type = type;
    e.epoch = epoch;
    e.sequence = sequence;
    e.id = type + "-" + std::to_string(epoch) + "-" + std::to_string(sequence);
    e.time = 1'000'000'000 + static_cast<std::int64_t>(sequence) * 10;
    return e;
}

FaultInjection only(double FaultInjection::*member, std::uint64_t seed = 1)
{
    FaultInjection f;
    f.*member = 1.0;
    f.seed = seed;
    return f;
}

/// Runs `events` through `injector` and flushes; returns the ids sent, in order.
std::vector<std::string> run(FaultInjector &injector, const std::vector<Event> &events,
                             std::vector<Event> *sent = nullptr)
{
    std::vector<std::string> ids;
    const auto sink = [&](const Event &e) {
        ids.push_back(e.id);
        if (sent)
            sent->push_back(e);
    };
    for (const Event &e : events)
        injector.apply(e, sink);
    injector.flush(sink);
    return ids;
}

std::vector<Event> stream(const std::string &type, std::uint64_t n)
{
    std::vector<Event> out;
    for (std::uint64_t s = 0; s < n; ++s)
        out.push_back(makeEvent(type, s));
    return out;
}

} // namespace

class TestFaultInjector : public QObject
{
    Q_OBJECT

private slots:
    void noFaultsPassesThrough();
    void dropAllButFirst();
    void duplicateAllButFirst();
    void lateSetsTimeBack();
    void reorderHoldsUntilNextOfStream();
    void reorderIsPerStream();
    void newEpochIsNewStream();
    void streamCapPassesUnfaulted();
    void dropsRevealedOnlyByLaterEvents();
};

void TestFaultInjector::noFaultsPassesThrough()
{
    FaultInjector injector(FaultInjection{});
    std::vector<Event> sent;
    const auto events = stream("a", 5);
    run(injector, events, &sent);
    QVERIFY(sent == events);
    QCOMPARE(injector.snapshot(), FaultCounts{});
}

void TestFaultInjector::dropAllButFirst()
{
    FaultInjector injector(only(&FaultInjection::drop));
    std::vector<std::string> ids;
    for (const Event &e : stream("a", 4))
        injector.apply(e, [&](const Event &out) { ids.push_back(out.id); });
    QCOMPARE(ids, (std::vector<std::string>{"a-1-0"}));
    QCOMPARE(injector.snapshot().trailingDrops, std::uint64_t(0)); // not known before flush
    injector.flush([&](const Event &out) { ids.push_back(out.id); });
    FaultCounts expected;
    expected.trailingDrops = 3; // nothing after them reveals them
    QCOMPARE(injector.snapshot(), expected);
}

void TestFaultInjector::duplicateAllButFirst()
{
    FaultInjector injector(only(&FaultInjection::duplicate));
    QCOMPARE(run(injector, stream("a", 3)),
             (std::vector<std::string>{"a-1-0", "a-1-1", "a-1-1", "a-1-2", "a-1-2"}));
    QCOMPARE(injector.snapshot().duplicates, std::uint64_t(2));
}

void TestFaultInjector::lateSetsTimeBack()
{
    FaultInjection f = only(&FaultInjection::late);
    f.lateByMillis = 7;
    FaultInjector injector(f);
    std::vector<Event> sent;
    run(injector, stream("a", 3), &sent);
    QCOMPARE(sent.size(), std::size_t(3));
    QCOMPARE(sent[0].time, std::int64_t(1'000'000'000));
    QCOMPARE(sent[1].time, std::int64_t(1'000'000'010 - 7000));
    QCOMPARE(sent[2].time, std::int64_t(1'000'000'020 - 7000));
    QCOMPARE(injector.snapshot().late, std::uint64_t(2));
    Event early = makeEvent("b", 0);
    early.time = EventLimits::minTime + 5;
    injector.apply(early, [](const Event &) {});
    early.sequence = 1;
    injector.apply(early, [&](const Event &out) { QCOMPARE(out.time, EventLimits::minTime); });
}

void TestFaultInjector::reorderHoldsUntilNextOfStream()
{
    FaultInjector injector(only(&FaultInjection::reorder));
    // 0 passes (first), 1 held, 2 sent and releases 1 (2 itself is not held: one at a time),
    // 3 held, 4 releases it, 5 held until flush, where it arrives in order: not a reorder.
    QCOMPARE(run(injector, stream("a", 6)),
             (std::vector<std::string>{"a-1-0", "a-1-2", "a-1-1", "a-1-4", "a-1-3", "a-1-5"}));
    QCOMPARE(injector.snapshot().reorders, std::uint64_t(2));
}

void TestFaultInjector::reorderIsPerStream()
{
    FaultInjector injector(only(&FaultInjection::reorder));
    const std::vector<Event> events{makeEvent("a", 0), makeEvent("b", 0), makeEvent("a", 1),
                                    makeEvent("b", 1), makeEvent("a", 2), makeEvent("b", 2)};
    QCOMPARE(run(injector, events),
             (std::vector<std::string>{"a-1-0", "b-1-0", "a-1-2", "a-1-1", "b-1-2", "b-1-1"}));
    QCOMPARE(injector.snapshot().reorders, std::uint64_t(2));
    QCOMPARE(injector.streamCount(), std::size_t(2));
}

void TestFaultInjector::newEpochIsNewStream()
{
    FaultInjector injector(only(&FaultInjection::drop));
    const std::vector<Event> events{makeEvent("a", 0, 1), makeEvent("a", 1, 1),
                                    makeEvent("a", 5, 2)};
    QCOMPARE(run(injector, events), (std::vector<std::string>{"a-1-0", "a-2-5"}));
}

void TestFaultInjector::streamCapPassesUnfaulted()
{
    FaultInjector injector(only(&FaultInjection::drop), 1);
    const std::vector<Event> events{makeEvent("a", 0), makeEvent("b", 0), makeEvent("b", 1),
                                    makeEvent("a", 1)};
    QCOMPARE(run(injector, events), (std::vector<std::string>{"a-1-0", "b-1-0", "b-1-1"}));
    QCOMPARE(injector.streamCount(), std::size_t(1));
}

void TestFaultInjector::dropsRevealedOnlyByLaterEvents()
{
    // Many short streams with drops and holds: the drops a consumer can see (numbers missing
    // below the highest sent) are exactly `drops`, the rest exactly `trailingDrops`; reorders
    // are exactly the events sent below the highest already sent. Includes held events flushed
    // at the end after later drops.
    FaultInjection f;
    f.drop = 0.3;
    f.reorder = 0.5;
    f.duplicate = 0.2;
    std::uint64_t heldThenFlushedAfterDrop = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        f.seed = seed;
        FaultInjector injector(f);
        std::vector<Event> sent;
        run(injector, stream("a", 12), &sent);
        std::set<std::uint64_t> numbers;
        std::uint64_t highest = 0, reorders = 0, duplicates = 0;
        for (const Event &e : sent) {
            if (!numbers.insert(e.sequence).second)
                ++duplicates;
            else if (e.sequence < highest)
                ++reorders;
            highest = std::max(highest, e.sequence);
        }
        const FaultCounts c = injector.snapshot();
        QCOMPARE(c.drops, highest + 1 - numbers.size());
        QCOMPARE(c.trailingDrops, 11 - highest);
        QCOMPARE(c.reorders, reorders);
        QCOMPARE(c.duplicates, duplicates);
        if (sent.back().sequence < highest || (sent.back().sequence < 11 && c.trailingDrops > 0))
            ++heldThenFlushedAfterDrop;
    }
    QVERIFY(heldThenFlushedAfterDrop > 0);
}

QTEST_APPLESS_MAIN(TestFaultInjector)
#include "TestFaultInjector.moc"
