#include "model/ReorderBuffer.h"

#include <QtTest>

#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

using evflow::model::ReorderBuffer;
using evflow::model::ReorderCounters;

namespace {

using Released = std::vector<std::pair<std::uint64_t, std::string>>;

struct Collect
{
    Released *out;
    void operator()(std::uint64_t seq, std::string &&value) const
    {
        out->emplace_back(seq, std::move(value));
    }
};

std::vector<std::uint64_t> seqs(const Released &r)
{
    std::vector<std::uint64_t> s;
    for (const auto &[seq, value] : r)
        s.push_back(seq);
    return s;
}

} // namespace

class TestReorderBuffer : public QObject
{
    Q_OBJECT

private slots:
    void inOrderPassesStraightThrough();
    void restoresOrder();
    void waitReleasesOverGap_data();
    void waitReleasesOverGap();
    void tooLateAndRepeatPassThrough();
    void capacityReleasesOldest();
    void farAheadItemForcesRelease();
    void flushSkipsGaps();
    void staleArrivalsMakeRoom();
    void serialWrap();
    void moveOnlyValues();
    void randomTrafficReleasesEachItemOnce();
};

void TestReorderBuffer::inOrderPassesStraightThrough()
{
    ReorderBuffer<std::string> b(4, 100);
    Released out;
    for (std::uint64_t s = 7; s < 12; ++s)
        b.push(s, "v" + std::to_string(s), 0, Collect{&out});
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{7, 8, 9, 10, 11}));
    QCOMPARE(out.front().second, std::string("v7"));
    QCOMPARE(b.size(), std::size_t(0));
    QCOMPARE(b.nextExpected(), std::uint64_t(12));
    QCOMPARE(b.counters(), (ReorderCounters{5, 0, 0, 0, 0}));
}

void TestReorderBuffer::restoresOrder()
{
    ReorderBuffer<std::string> b(8, 100);
    Released out;
    b.push(1, "a", 0, Collect{&out});
    b.push(4, "d", 1, Collect{&out});
    b.push(3, "c", 2, Collect{&out});
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1}));
    QCOMPARE(b.size(), std::size_t(2));
    b.push(2, "b", 3, Collect{&out});
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 2, 3, 4}));
    QCOMPARE(out[2].second, std::string("c"));
    QCOMPARE(b.size(), std::size_t(0));
    QCOMPARE(b.counters(), (ReorderCounters{4, 0, 0, 0, 0}));
}

void TestReorderBuffer::waitReleasesOverGap_data()
{
    QTest::addColumn<qint64>("pollAt");
    QTest::addColumn<bool>("released");
    // 3 arrives at t=10 while 2 is missing; wait 50: due once now - 10 > 50.
    QTest::newRow("before") << qint64(59) << false;
    QTest::newRow("exactly the wait") << qint64(60) << false;
    QTest::newRow("past the wait") << qint64(61) << true;
}

void TestReorderBuffer::waitReleasesOverGap()
{
    QFETCH(qint64, pollAt);
    QFETCH(bool, released);
    ReorderBuffer<std::string> b(8, 50);
    Released out;
    b.push(1, "a", 0, Collect{&out});
    b.push(3, "c", 10, Collect{&out});
    b.push(4, "d", 20, Collect{&out});
    b.poll(pollAt, Collect{&out});
    if (released) {
        QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 3, 4}));
        QCOMPARE(b.counters(), (ReorderCounters{3, 0, 1, 1, 0}));
        QCOMPARE(b.nextExpected(), std::uint64_t(5));
    } else {
        QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1}));
        QCOMPARE(b.size(), std::size_t(2));
    }
}

void TestReorderBuffer::tooLateAndRepeatPassThrough()
{
    ReorderBuffer<std::string> b(8, 50);
    Released out;
    b.push(1, "a", 0, Collect{&out});
    b.push(3, "c", 0, Collect{&out});
    b.push(3, "c again", 0, Collect{&out}); // a repeat of a held item: handed on at once
    b.push(1, "a again", 0, Collect{&out}); // below next: too late to reorder
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 3, 1}));
    QCOMPARE(out[1].second, std::string("c again"));
    b.push(5, "e", 100, Collect{&out}); // the wait releases 3 first (2 skipped), then 5 is held
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 3, 1, 3}));
    QCOMPARE(b.counters(), (ReorderCounters{2, 2, 1, 1, 0}));
    b.push(2, "b", 101, Collect{&out}); // its gap was skipped: passes through
    QCOMPARE(seqs(out).back(), std::uint64_t(2));
    QCOMPARE(b.counters().passedThrough, std::uint64_t(3));
}

void TestReorderBuffer::capacityReleasesOldest()
{
    // Capacity 4, wait long, 1 missing: 2, 3, 4 are held. 5 is 4 ahead of 1, beyond the
    // window: 1 is given up on and 2, 3, 4, 5 follow in order.
    ReorderBuffer<std::string> b(4, 1000000);
    Released out;
    b.reset(1);
    b.push(3, "c", 0, Collect{&out});
    b.push(4, "d", 1, Collect{&out});
    b.push(2, "b", 2, Collect{&out});
    b.push(4, "d again", 3, Collect{&out}); // repeat, passes (does not take a slot)
    QCOMPARE(b.size(), std::size_t(3));
    b.push(5, "e", 4, Collect{&out}); // 5 - 1 = 4 ahead: the window must move past 1
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{4, 2, 3, 4, 5}));
    QCOMPARE(b.counters(), (ReorderCounters{4, 1, 1, 0, 1}));
    QCOMPARE(b.size(), std::size_t(0));
}

void TestReorderBuffer::farAheadItemForcesRelease()
{
    ReorderBuffer<std::string> b(4, 1000000);
    Released out;
    b.push(10, "j", 0, Collect{&out});
    b.push(12, "l", 0, Collect{&out});
    b.push(1000, "far", 0, Collect{&out}); // everything up to 996 is released, gaps skipped
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{10, 12}));
    QCOMPARE(b.nextExpected(), std::uint64_t(997));
    QCOMPARE(b.size(), std::size_t(1));
    QCOMPARE(b.counters().skipped, std::uint64_t(1 + (996 - 12)));
    b.flush(Collect{&out});
    QCOMPARE(seqs(out).back(), std::uint64_t(1000));
    QCOMPARE(b.counters().skipped, std::uint64_t(1 + (996 - 12) + 3));
}

void TestReorderBuffer::flushSkipsGaps()
{
    ReorderBuffer<std::string> b(8, 100);
    Released out;
    b.push(1, "a", 0, Collect{&out});
    b.push(5, "e", 0, Collect{&out});
    b.push(3, "c", 0, Collect{&out});
    b.flush(Collect{&out});
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 3, 5}));
    QCOMPARE(b.counters(), (ReorderCounters{3, 0, 2, 0, 0}));
    b.poll(1000000, Collect{&out}); // arrivals were cleared: nothing more
    QCOMPARE(out.size(), std::size_t(3));
}

void TestReorderBuffer::staleArrivalsMakeRoom()
{
    // Arrival records of items already released in order stay in the ring until they are due or
    // the ring is full; a full ring then drops them without forcing anything out.
    ReorderBuffer<std::string> b(4, 1000000);
    Released out;
    b.reset(1);
    b.push(3, "c", 0, Collect{&out});
    b.push(2, "b", 0, Collect{&out});
    b.push(1, "a", 0, Collect{&out}); // releases 1, 2, 3: two stale arrivals remain
    b.push(6, "f", 0, Collect{&out});
    b.push(7, "g", 0, Collect{&out}); // ring full: 3, 2 (stale), 6, 7
    b.push(5, "e", 0, Collect{&out}); // drops stale 3, keeps waiting for 4
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 2, 3}));
    QCOMPARE(b.size(), std::size_t(3));
    b.push(4, "d", 0, Collect{&out});
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7}));
    QCOMPARE(b.counters(), (ReorderCounters{7, 0, 0, 0, 0}));
}

void TestReorderBuffer::serialWrap()
{
    constexpr auto top = std::numeric_limits<std::uint64_t>::max();
    ReorderBuffer<std::string> b(8, 100);
    Released out;
    b.push(top - 1, "x", 0, Collect{&out});
    b.push(0, "z", 0, Collect{&out});
    b.push(top, "y", 0, Collect{&out});
    QCOMPARE(seqs(out), (std::vector<std::uint64_t>{top - 1, top, 0}));
}

void TestReorderBuffer::moveOnlyValues()
{
    ReorderBuffer<std::unique_ptr<int>> b(4, 10);
    std::vector<int> out;
    auto sink = [&out](std::uint64_t, std::unique_ptr<int> &&v) { out.push_back(*v); };
    b.push(2, std::make_unique<int>(20), 0, sink);
    b.push(1, std::make_unique<int>(10), 0, sink);
    b.push(3, std::make_unique<int>(30), 0, sink);
    QCOMPARE(out, (std::vector<int>{20, 10, 30})); // 2 started the stream, so 1 is too late
}

void TestReorderBuffer::randomTrafficReleasesEachItemOnce()
{
    // Seeded shuffle within a small displacement, some losses, some repeats: every pushed item
    // comes out exactly once (in order, or passed through as too late / a repeat).
    std::mt19937 rng(99);
    std::vector<std::uint64_t> wire;
    for (std::uint64_t s = 1; s <= 20000; ++s) {
        if (rng() % 50 == 0)
            continue; // lost
        wire.push_back(s);
        if (rng() % 40 == 0)
            wire.push_back(s); // repeated
    }
    for (std::size_t i = 0; i + 3 < wire.size(); i += 4)
        std::shuffle(wire.begin() + std::ptrdiff_t(i), wire.begin() + std::ptrdiff_t(i + 4), rng);
    ReorderBuffer<std::string> b(8, 30);
    std::map<std::uint64_t, int> pushed;
    std::map<std::uint64_t, int> released;
    auto sink = [&released](std::uint64_t seq, std::string &&) { ++released[seq]; };
    std::int64_t now = 0;
    for (std::uint64_t seq : wire) {
        ++pushed[seq];
        b.push(seq, "in", now, sink);
        now += 1 + std::int64_t(rng() % 5);
    }
    b.flush(sink);
    QCOMPARE(b.size(), std::size_t(0));
    QCOMPARE(released, pushed);
    const ReorderCounters &c = b.counters();
    QCOMPARE(c.releasedInOrder + c.passedThrough, std::uint64_t(wire.size()));
    QVERIFY(c.passedThrough > 0);                // the repeats at least
    QVERIFY(c.skipped >= 20000 - pushed.size()); // every lost number was given up on
}

QTEST_APPLESS_MAIN(TestReorderBuffer)
#include "TestReorderBuffer.moc"
