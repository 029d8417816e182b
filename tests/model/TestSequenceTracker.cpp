#include "model/SequenceTracker.h"

#include <QtTest>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

using evflow::model::SequenceBooks;
using evflow::model::SequenceClass;
using evflow::model::SequenceTracker;
using evflow::model::SequenceTrackerConfig;

namespace {

SequenceTrackerConfig config(std::int64_t wait, std::size_t window = 1024)
{
    SequenceTrackerConfig c;
    c.reorderWaitMicros = wait;
    c.window = window;
    return c;
}

// expected, receivedUnique, gaps, pending, filledAfterGap, outOfOrder, repeats, beyondWindow,
// epochs: written out so a failure shows which counter moved.
SequenceBooks books(std::uint64_t expected, std::uint64_t unique, std::uint64_t gaps,
                    std::uint64_t pending, std::uint64_t filled, std::uint64_t outOfOrder,
                    std::uint64_t repeats, std::uint64_t beyond, std::uint64_t epochs)
{
    return SequenceBooks{expected,   unique,  gaps,   pending, filled,
                         outOfOrder, repeats, beyond, epochs};
}

} // namespace

class TestSequenceTracker : public QObject
{
    Q_OBJECT

private slots:
    void inOrderStream();
    void fillWithinWaitIsNotAGap_data();
    void fillWithinWaitIsNotAGap();
    void expireConfirmsAndLateFillerBalances();
    void classifyConfirmsWithoutExpire();
    void zeroWait();
    void repeats();
    void serialWrap();
    void hugeJumpIsBounded();
    void windowOverflowConfirmsOldestFirst();
    void belowFirstExtendsStream();
    void epochRestartIsFresh();
    void epochCapFinalisesOldest();
    void streamCapEvictsLeastRecentlyUsed();
    void sourceCap();
    void reportAndTotals();
    void lossyStreamBalances();
    void closeCountsUnseenTailAndHead();
    void closeOfStreamNeverSeen();
    void closeAfterRetiredStreamCountsNothing();
    void missingTail();
};

void TestSequenceTracker::inOrderStream()
{
    SequenceTracker t(config(100));
    QCOMPARE(t.classify("a", 0, 10, 0), SequenceClass::FirstOfEpoch);
    for (std::uint64_t s = 11; s <= 20; ++s)
        QCOMPARE(t.classify("a", 0, s, 1), SequenceClass::InOrder);
    QCOMPARE(t.books("a"), books(11, 11, 0, 0, 0, 0, 0, 0, 1));
    QVERIFY(t.books("a").balanced());
    QCOMPARE(t.books("unknown"), SequenceBooks{});
}

void TestSequenceTracker::fillWithinWaitIsNotAGap_data()
{
    QTest::addColumn<qint64>("fillAt");
    QTest::addColumn<bool>("gap");
    // 1 and 4 at t=1000 notice 2 and 3 missing; W = 100.
    QTest::newRow("at once") << qint64(1000) << false;
    QTest::newRow("exactly W later") << qint64(1100) << false;
    QTest::newRow("W + 1 later") << qint64(1101) << true;
}

void TestSequenceTracker::fillWithinWaitIsNotAGap()
{
    QFETCH(qint64, fillAt);
    QFETCH(bool, gap);
    SequenceTracker t(config(100));
    t.classify("a", 0, 1, 1000);
    QCOMPARE(t.classify("a", 0, 4, 1000), SequenceClass::InOrder);
    QCOMPARE(t.books("a"), books(4, 2, 0, 2, 0, 0, 0, 0, 1));
    QCOMPARE(t.classify("a", 0, 3, fillAt), SequenceClass::OutOfOrder);
    QCOMPARE(t.classify("a", 0, 2, fillAt), SequenceClass::OutOfOrder);
    if (gap)
        QCOMPARE(t.books("a"), books(4, 4, 2, 0, 2, 2, 0, 0, 1));
    else
        QCOMPARE(t.books("a"), books(4, 4, 0, 0, 0, 2, 0, 0, 1));
    QVERIFY(t.books("a").balanced());
}

void TestSequenceTracker::expireConfirmsAndLateFillerBalances()
{
    SequenceTracker t(config(50));
    t.classify("a", 7, 1, 0);
    t.classify("a", 7, 3, 10);
    t.classify("a", 7, 6, 20); // 2 noticed at 10, 4 and 5 at 20
    QCOMPARE(t.expire(60), std::uint64_t(0));
    QCOMPARE(t.expire(61), std::uint64_t(1));
    QCOMPARE(t.books("a"), books(6, 3, 1, 2, 0, 0, 0, 0, 1));
    QVERIFY(t.books("a").balanced());
    QCOMPARE(t.expire(71), std::uint64_t(2));
    QCOMPARE(t.expire(1000), std::uint64_t(0));
    QCOMPARE(t.classify("a", 7, 4, 1000), SequenceClass::OutOfOrder);
    QCOMPARE(t.books("a"), books(6, 4, 3, 0, 1, 1, 0, 0, 1));
    QVERIFY(t.books("a").balanced());
    QCOMPARE(t.classify("a", 7, 4, 1001), SequenceClass::Repeat);
}

void TestSequenceTracker::classifyConfirmsWithoutExpire()
{
    SequenceTracker t(config(50));
    t.classify("a", 0, 1, 0);
    t.classify("a", 0, 3, 0);
    QCOMPARE(t.classify("a", 0, 4, 51), SequenceClass::InOrder); // confirms 2 first
    QCOMPARE(t.books("a").gaps, std::uint64_t(1));
    QCOMPARE(t.classify("a", 0, 2, 51), SequenceClass::OutOfOrder);
    QCOMPARE(t.books("a"), books(4, 4, 1, 0, 1, 1, 0, 0, 1));
}

void TestSequenceTracker::zeroWait()
{
    SequenceTracker t(config(0));
    t.classify("a", 0, 1, 5);
    t.classify("a", 0, 3, 5);
    t.classify("a", 0, 6, 5);
    QCOMPARE(t.classify("a", 0, 2, 5), SequenceClass::OutOfOrder); // same microsecond: in time
    QCOMPARE(t.books("a").gaps, std::uint64_t(0));
    QCOMPARE(t.classify("a", 0, 4, 6), SequenceClass::OutOfOrder); // a microsecond later: gap
    QCOMPARE(t.books("a"), books(6, 5, 2, 0, 1, 2, 0, 0, 1));
    QVERIFY(t.books("a").balanced());
}

void TestSequenceTracker::repeats()
{
    SequenceTracker t(config(100));
    t.classify("a", 0, 1, 0);
    t.classify("a", 0, 2, 0);
    t.classify("a", 0, 4, 0);
    QCOMPARE(t.classify("a", 0, 4, 0), SequenceClass::Repeat); // the highest
    QCOMPARE(t.classify("a", 0, 1, 0), SequenceClass::Repeat); // the first
    QCOMPARE(t.classify("a", 0, 3, 0), SequenceClass::OutOfOrder);
    QCOMPARE(t.classify("a", 0, 3, 0), SequenceClass::Repeat); // a filler, again
    QCOMPARE(t.books("a"), books(4, 4, 0, 0, 0, 1, 3, 0, 1));
}

void TestSequenceTracker::serialWrap()
{
    constexpr auto top = std::numeric_limits<std::uint64_t>::max();
    SequenceTracker t(config(100));
    QCOMPARE(t.classify("a", 0, top - 1, 0), SequenceClass::FirstOfEpoch);
    QCOMPARE(t.classify("a", 0, top, 0), SequenceClass::InOrder);
    QCOMPARE(t.classify("a", 0, 0, 0), SequenceClass::InOrder);
    QCOMPARE(t.classify("a", 0, 2, 0), SequenceClass::InOrder); // 1 missing across the wrap
    QCOMPARE(t.classify("a", 0, top, 0), SequenceClass::Repeat);
    QCOMPARE(t.books("a"), books(5, 4, 0, 1, 0, 0, 1, 0, 1));
    QCOMPARE(t.classify("a", 0, 1, 0), SequenceClass::OutOfOrder);
    QCOMPARE(t.books("a"), books(5, 5, 0, 0, 0, 1, 1, 0, 1));
}

void TestSequenceTracker::hugeJumpIsBounded()
{
    SequenceTracker t(config(100, 8));
    t.classify("a", 0, 5, 0);
    QCOMPARE(t.classify("a", 0, 1000000000000ULL, 0), SequenceClass::InOrder);
    // 999999999994 numbers skipped: the 7 just below the new highest stay pending (window 8),
    // the rest are gaps at once.
    const std::uint64_t skipped = 1000000000000ULL - 5 - 1;
    QCOMPARE(t.books("a"), books(skipped + 2, 2, skipped - 7, 7, 0, 0, 0, 0, 1));
    QCOMPARE(t.classify("a", 0, 1000000000000ULL - 3, 10), SequenceClass::OutOfOrder);
    QCOMPARE(t.classify("a", 0, 1000000000000ULL - 8, 10), SequenceClass::BeyondWindow);
    QCOMPARE(t.finaliseAll(), std::uint64_t(6));
    QCOMPARE(t.books("a"), books(skipped + 2, 3, skipped - 1, 0, 0, 1, 0, 1, 1));
    QVERIFY(t.books("a").balanced());
}

void TestSequenceTracker::windowOverflowConfirmsOldestFirst()
{
    SequenceTracker t(config(1000000, 4));
    t.classify("a", 0, 1, 0);
    t.classify("a", 0, 3, 0); // 2 pending
    t.classify("a", 0, 5, 0); // 4 pending
    QCOMPARE(t.books("a").pending, std::uint64_t(2));
    t.classify("a", 0, 6, 0); // window (2, 6]: 2 leaves, confirmed long before the wait
    QCOMPARE(t.books("a"), books(6, 4, 1, 1, 0, 0, 0, 0, 1));
    QCOMPARE(t.classify("a", 0, 2, 1), SequenceClass::BeyondWindow);
    QCOMPARE(t.classify("a", 0, 4, 1), SequenceClass::OutOfOrder);
    QCOMPARE(t.books("a"), books(6, 5, 1, 0, 0, 1, 0, 1, 1));
    QVERIFY(t.books("a").balanced());
}

void TestSequenceTracker::belowFirstExtendsStream()
{
    SequenceTracker t(config(100));
    t.classify("a", 0, 5, 0);
    QCOMPARE(t.classify("a", 0, 3, 1), SequenceClass::OutOfOrder); // the stream began earlier
    QCOMPARE(t.books("a"), books(3, 2, 0, 1, 0, 1, 0, 0, 1));
    QCOMPARE(t.classify("a", 0, 4, 101), SequenceClass::OutOfOrder); // 4 noticed at 1: in time
    QCOMPARE(t.books("a"), books(3, 3, 0, 0, 0, 2, 0, 0, 1));
}

void TestSequenceTracker::epochRestartIsFresh()
{
    SequenceTracker t(config(100));
    for (std::uint64_t s = 1; s <= 5; ++s)
        t.classify("a", 1, s, 0);
    QCOMPARE(t.classify("a", 2, 1, 0), SequenceClass::FirstOfEpoch);
    QCOMPARE(t.classify("a", 2, 2, 0), SequenceClass::InOrder);
    QCOMPARE(t.classify("a", 1, 6, 0), SequenceClass::InOrder); // the old epoch is still live
    QCOMPARE(t.books("a"), books(8, 8, 0, 0, 0, 0, 0, 0, 2));
    QCOMPARE(t.liveStreamCount(), std::size_t(2));
}

void TestSequenceTracker::epochCapFinalisesOldest()
{
    SequenceTrackerConfig c = config(100);
    c.maxEpochsPerSource = 2;
    SequenceTracker t(c);
    t.classify("a", 1, 1, 0);
    t.classify("a", 1, 3, 0); // 2 pending in epoch 1
    t.classify("a", 2, 1, 0);
    t.classify("a", 3, 1, 0); // epoch 1 is finalised: its pending 2 becomes a gap
    QCOMPARE(t.books("a"), books(5, 4, 1, 0, 0, 0, 0, 0, 3));
    QCOMPARE(t.liveStreamCount(), std::size_t(2));
    QCOMPARE(t.evictedStreams(), std::uint64_t(0));
    QCOMPARE(t.classify("a", 1, 4, 0), SequenceClass::FirstOfEpoch); // documented limit
}

void TestSequenceTracker::streamCapEvictsLeastRecentlyUsed()
{
    SequenceTrackerConfig c = config(100);
    c.maxStreams = 2;
    SequenceTracker t(c);
    t.classify("a", 0, 1, 0);
    t.classify("b", 0, 1, 0);
    t.classify("b", 0, 3, 0); // b: 2 pending
    t.classify("a", 0, 2, 0); // a is now the most recently used
    QCOMPARE(t.classify("c", 0, 1, 0), SequenceClass::FirstOfEpoch); // evicts b
    QCOMPARE(t.evictedStreams(), std::uint64_t(1));
    QCOMPARE(t.liveStreamCount(), std::size_t(2));
    QCOMPARE(t.books("b"), books(3, 2, 1, 0, 0, 0, 0, 0, 1));
    QCOMPARE(t.classify("a", 0, 3, 0), SequenceClass::InOrder);      // a survived
    QCOMPARE(t.classify("b", 0, 4, 0), SequenceClass::FirstOfEpoch); // evicts c
    QCOMPARE(t.evictedStreams(), std::uint64_t(2));
    QCOMPARE(t.books("c"), books(1, 1, 0, 0, 0, 0, 0, 0, 1));
}

void TestSequenceTracker::sourceCap()
{
    SequenceTrackerConfig c = config(100);
    c.maxSources = 1;
    SequenceTracker t(c);
    QCOMPARE(t.classify("a", 0, 1, 0), SequenceClass::FirstOfEpoch);
    QCOMPARE(t.classify("b", 0, 1, 0), SequenceClass::Untracked);
    QCOMPARE(t.classify("b", 0, 2, 0), SequenceClass::Untracked);
    QCOMPARE(t.untrackedEvents(), std::uint64_t(2));
    QCOMPARE(t.sourceCount(), std::size_t(1));
    QCOMPARE(t.books("b"), SequenceBooks{});
}

void TestSequenceTracker::reportAndTotals()
{
    SequenceTracker t(config(0));
    t.classify("zeta", 0, 1, 0);
    t.classify("alpha", 0, 10, 0);
    t.classify("alpha", 0, 12, 0);
    QCOMPARE(t.expire(1), std::uint64_t(1));
    const auto report = t.report();
    QCOMPARE(report.size(), std::size_t(2));
    QCOMPARE(report[0].source, std::string("alpha"));
    QCOMPARE(report[0].books, books(3, 2, 1, 0, 0, 0, 0, 0, 1));
    QCOMPARE(report[1].source, std::string("zeta"));
    QCOMPARE(report[1].books, books(1, 1, 0, 0, 0, 0, 0, 0, 1));
    QCOMPARE(t.totals(), books(4, 3, 1, 0, 0, 0, 0, 0, 2));
    QCOMPARE(std::string(evflow::model::sequenceClassName(SequenceClass::OutOfOrder)),
             std::string("outOfOrder"));
}

void TestSequenceTracker::lossyStreamBalances()
{
    // A producer's 1..N through a seeded lossy channel: drops, duplicates and swaps of
    // neighbours, one event per microsecond. With a wait longer than any displacement, the
    // tracker must find exactly the dropped numbers (below the highest received) as gaps.
    std::mt19937 rng(2024);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    constexpr std::uint64_t kN = 50000;
    std::vector<std::uint64_t> wire;
    std::uint64_t dropped = 0;
    std::uint64_t duplicated = 0;
    for (std::uint64_t s = 1; s <= kN; ++s) {
        const double r = u(rng);
        if (r < 0.02 && s > 1) { // a lost 1 would be invisible: nothing precedes it
            ++dropped;
            continue;
        }
        wire.push_back(s);
        if (r < 0.04) {
            wire.push_back(s);
            ++duplicated;
        }
    }
    std::uint64_t swaps = 0;
    for (std::size_t i = 1; i < wire.size(); ++i) {
        if (wire[i] != wire[i - 1] && u(rng) < 0.05) {
            std::swap(wire[i], wire[i - 1]);
            ++swaps;
            ++i; // never move one event twice
        }
    }
    const std::uint64_t highest = *std::max_element(wire.begin(), wire.end());
    std::uint64_t droppedBelowHighest = dropped;
    for (std::uint64_t s = highest + 1; s <= kN; ++s)
        --droppedBelowHighest; // every number above the highest received was dropped
    SequenceTracker t(config(10, 256));
    std::int64_t now = 0;
    for (std::uint64_t s : wire)
        t.classify("p", 1, s, now++);
    t.finaliseAll();
    const SequenceBooks b = t.books("p");
    QVERIFY(b.balanced());
    QCOMPARE(b.gaps, droppedBelowHighest);
    QCOMPARE(b.receivedUnique, kN - dropped);
    QCOMPARE(b.repeats, duplicated);
    QCOMPARE(b.filledAfterGap, std::uint64_t(0));
    QVERIFY(b.outOfOrder > 0);
    QVERIFY(b.outOfOrder <= swaps);
    QCOMPARE(b.expected, highest);
}

QTEST_APPLESS_MAIN(TestSequenceTracker)
#include "TestSequenceTracker.moc"

void TestSequenceTracker::closeCountsUnseenTailAndHead()
{
    // The writer numbered 0..9; 2..6 arrived (4 missing, pending): 0, 1 and 7..9 never arrived.
    SequenceTracker t(config(100));
    for (std::uint64_t s : {2, 3, 5, 6})
        t.classify("a", 0, s, 0);
    QCOMPARE(t.close("a", 0, 10), std::uint64_t(5));
    QCOMPARE(t.books("a"), books(10, 4, 5, 1, 0, 0, 0, 0, 1));
    QCOMPARE(t.finaliseAll(), std::uint64_t(1));
    QCOMPARE(t.books("a"), books(10, 4, 6, 0, 0, 0, 0, 0, 1));
    QVERIFY(t.books("a").balanced());
    // Everything arrived: nothing to add, and a second close adds nothing either.
    SequenceTracker whole(config(100));
    for (std::uint64_t s = 0; s < 10; ++s)
        whole.classify("a", 0, s, 0);
    QCOMPARE(whole.close("a", 0, 10), std::uint64_t(0));
    QCOMPARE(whole.close("a", 0, 10), std::uint64_t(0));
    QCOMPARE(whole.books("a"), books(10, 10, 0, 0, 0, 0, 0, 0, 1));
}

void TestSequenceTracker::closeOfStreamNeverSeen()
{
    SequenceTracker t(config(100));
    t.classify("a", 1, 0, 0);
    QCOMPARE(t.close("b", 0, 7), std::uint64_t(7)); // a source of which nothing arrived
    QCOMPARE(t.close("a", 2, 3), std::uint64_t(3)); // an epoch of a known source: all lost
    QCOMPARE(t.close("c", 0, 0), std::uint64_t(0)); // a writer that numbered nothing
    QCOMPARE(t.close("b", 1, 2), std::uint64_t(2)); // b's restarted epoch, lost too
    QCOMPARE(t.books("b"), books(9, 0, 9, 0, 0, 0, 0, 0, 2));
    QCOMPARE(t.books("a"), books(4, 1, 3, 0, 0, 0, 0, 0, 2));
    QCOMPARE(t.books("c"), SequenceBooks{});
}

void TestSequenceTracker::closeAfterRetiredStreamCountsNothing()
{
    // Epoch 1 is finalised by the epoch cap; at the end its writer reports [0, 5). The tracker
    // cannot tell what of it arrived any more, so it adds nothing rather than count it twice.
    SequenceTrackerConfig c = config(100);
    c.maxEpochsPerSource = 1;
    SequenceTracker t(c);
    t.classify("a", 1, 0, 0);
    t.classify("a", 1, 1, 0);
    t.classify("a", 2, 0, 0); // retires epoch 1
    QCOMPARE(t.close("a", 1, 5), std::uint64_t(0));
    QCOMPARE(t.missingTail("a", 1, 5), std::uint64_t(0));
    QCOMPARE(t.close("a", 2, 2), std::uint64_t(1)); // the live epoch still gets its tail
    QCOMPARE(t.books("a"), books(4, 3, 1, 0, 0, 0, 0, 0, 2));
}

void TestSequenceTracker::missingTail()
{
    SequenceTracker t(config(100));
    QCOMPARE(t.missingTail("a", 0, 5), std::uint64_t(5)); // unknown source: all of it
    t.classify("a", 0, 0, 0);
    t.classify("a", 0, 2, 0);
    QCOMPARE(t.missingTail("a", 0, 5), std::uint64_t(2)); // 3 and 4; the hole at 1 is no tail
    QCOMPARE(t.missingTail("a", 0, 3), std::uint64_t(0));
    QCOMPARE(t.missingTail("a", 7, 4), std::uint64_t(4)); // unknown epoch
    QCOMPARE(t.books("a"), books(3, 2, 0, 1, 0, 0, 0, 0, 1)); // asking changes nothing
}
