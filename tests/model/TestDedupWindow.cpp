#include "model/DedupWindow.h"

#include <QtTest>

#include <deque>
#include <random>
#include <string>
#include <utility>

using evflow::model::DedupCounters;
using evflow::model::DedupWindow;
using evflow::model::Fingerprint;
using evflow::model::fingerprintOf;

class TestDedupWindow : public QObject
{
    Q_OBJECT

private slots:
    void firstEventIsNotDuplicate();
    void secondSightingIsDuplicate();
    void sameIdOtherSourceIsNotDuplicate();
    void concatenationAmbiguityIsHashed();
    void fingerprintIsNeverEmptyMarker();
    void countBoundForgetsOldestFirst();
    void ageBoundary_data();
    void ageBoundary();
    void ageEvictionIsLazyFromOldest();
    void duplicateDoesNotRefresh();
    void duplicateAfterEvictionIsNotDetected();
    void zeroCountDisables();
    void zeroAgeIsOff();
    void millionInsertsKeepMemoryConstant();
    void clearForgetsAndKeepsMemory();
    void matchesNaiveModel_data();
    void matchesNaiveModel();
};

void TestDedupWindow::firstEventIsNotDuplicate()
{
    DedupWindow w(4, 0);
    QVERIFY(!w.checkAndInsert("orders", "e1", 0));
    QCOMPARE(w.size(), std::size_t(1));
    QCOMPARE(w.counters(), (DedupCounters{1, 0, 0, 0}));
}

void TestDedupWindow::secondSightingIsDuplicate()
{
    DedupWindow w(4, 0);
    QVERIFY(!w.checkAndInsert("orders", "e1", 0));
    QVERIFY(w.checkAndInsert("orders", "e1", 5));
    QVERIFY(w.checkAndInsert("orders", "e1", 6));
    QCOMPARE(w.size(), std::size_t(1));
    QCOMPARE(w.counters(), (DedupCounters{1, 2, 0, 0}));
}

void TestDedupWindow::sameIdOtherSourceIsNotDuplicate()
{
    DedupWindow w(4, 0);
    QVERIFY(!w.checkAndInsert("orders", "42", 0));
    QVERIFY(!w.checkAndInsert("payments", "42", 1));
    QVERIFY(w.contains("orders", "42"));
    QVERIFY(w.contains("payments", "42"));
    QVERIFY(!w.contains("stock", "42"));
    QCOMPARE(w.counters().duplicates, std::uint64_t(0));
}

void TestDedupWindow::concatenationAmbiguityIsHashed()
{
    QVERIFY(!(fingerprintOf("ab", "c") == fingerprintOf("a", "bc")));
    QVERIFY(!(fingerprintOf("", "abc") == fingerprintOf("abc", "")));
    // Word-boundary tails: 8 and 9 byte ids differ only in the zero-padded tail.
    QVERIFY(!(fingerprintOf("s", std::string(8, 'x'))
              == fingerprintOf("s", std::string(8, 'x') + '\0')));
    QCOMPARE(fingerprintOf("orders", "e1"), fingerprintOf("orders", "e1"));
    const Fingerprint fp = fingerprintOf("orders", "e1");
    QVERIFY(fp.hi != fp.lo); // two seeds, two different hashes
    DedupWindow w(8, 0);
    QVERIFY(!w.checkAndInsert("ab", "c", 0));
    QVERIFY(!w.checkAndInsert("a", "bc", 0));
}

void TestDedupWindow::fingerprintIsNeverEmptyMarker()
{
    // A caller-supplied {0,0} is remapped, so it is still remembered and then found again.
    DedupWindow w(4, 0);
    QVERIFY(!w.checkAndInsert(Fingerprint{0, 0}, 0));
    QVERIFY(w.checkAndInsert(Fingerprint{0, 0}, 1));
    QCOMPARE(w.size(), std::size_t(1));
}

void TestDedupWindow::countBoundForgetsOldestFirst()
{
    DedupWindow w(3, 0);
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    QVERIFY(!w.checkAndInsert("s", "b", 1));
    QVERIFY(!w.checkAndInsert("s", "c", 2));
    QCOMPARE(w.size(), std::size_t(3));
    QVERIFY(!w.checkAndInsert("s", "d", 3)); // exactly over capacity: "a" goes
    QCOMPARE(w.size(), std::size_t(3));
    QVERIFY(!w.contains("s", "a"));
    QVERIFY(w.contains("s", "b"));
    QVERIFY(w.contains("s", "c"));
    QVERIFY(w.contains("s", "d"));
    QVERIFY(!w.checkAndInsert("s", "e", 4)); // then "b"
    QVERIFY(!w.contains("s", "b"));
    QVERIFY(w.contains("s", "c"));
    QCOMPARE(w.counters(), (DedupCounters{5, 0, 2, 0}));
}

void TestDedupWindow::ageBoundary_data()
{
    QTest::addColumn<qint64>("later");
    QTest::addColumn<bool>("duplicate");
    // Inserted at 1000 with a 100 us bound: remembered while now - 1000 <= 100.
    QTest::newRow("same time") << qint64(1000) << true;
    QTest::newRow("inside") << qint64(1099) << true;
    QTest::newRow("exactly at bound") << qint64(1100) << true;
    QTest::newRow("one past bound") << qint64(1101) << false;
    QTest::newRow("far past") << qint64(1000000) << false;
    QTest::newRow("time went back") << qint64(10) << true;
}

void TestDedupWindow::ageBoundary()
{
    QFETCH(qint64, later);
    QFETCH(bool, duplicate);
    DedupWindow w(10, 100);
    QVERIFY(!w.checkAndInsert("s", "a", 1000));
    QCOMPARE(w.checkAndInsert("s", "a", later), duplicate);
    QCOMPARE(w.counters().evictedByAge, std::uint64_t(duplicate ? 0 : 1));
}

void TestDedupWindow::ageEvictionIsLazyFromOldest()
{
    DedupWindow w(10, 100);
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    QVERIFY(!w.checkAndInsert("s", "b", 50));
    QVERIFY(!w.checkAndInsert("s", "c", 100));
    QCOMPARE(w.size(), std::size_t(3));        // nothing evicted between calls
    QVERIFY(!w.checkAndInsert("s", "d", 151)); // a (age 151) and b (age 101) go, c (51) stays
    QCOMPARE(w.size(), std::size_t(2));
    QVERIFY(!w.contains("s", "a"));
    QVERIFY(!w.contains("s", "b"));
    QVERIFY(w.contains("s", "c"));
    QCOMPARE(w.counters(), (DedupCounters{4, 0, 0, 2}));
}

void TestDedupWindow::duplicateDoesNotRefresh()
{
    DedupWindow w(10, 100);
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    QVERIFY(w.checkAndInsert("s", "a", 90));
    QVERIFY(!w.checkAndInsert("s", "a", 101)); // measured from the first sighting at 0
    QCOMPARE(w.counters(), (DedupCounters{2, 1, 0, 1}));
}

void TestDedupWindow::duplicateAfterEvictionIsNotDetected()
{
    DedupWindow w(2, 0);
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    QVERIFY(!w.checkAndInsert("s", "b", 1));
    QVERIFY(!w.checkAndInsert("s", "c", 2));
    QVERIFY(!w.checkAndInsert("s", "a", 3)); // forgotten: by design not a duplicate any more
    QVERIFY(w.checkAndInsert("s", "c", 4));
    QCOMPARE(w.counters(), (DedupCounters{4, 1, 2, 0}));
}

void TestDedupWindow::zeroCountDisables()
{
    DedupWindow w(0, 1000);
    QVERIFY(!w.enabled());
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    QVERIFY(!w.checkAndInsert("s", "a", 1));
    QVERIFY(!w.contains("s", "a"));
    QCOMPARE(w.size(), std::size_t(0));
    QCOMPARE(w.counters(), (DedupCounters{0, 0, 0, 0}));
    QCOMPARE(w.memoryBytes(), sizeof(DedupWindow));
}

void TestDedupWindow::zeroAgeIsOff()
{
    DedupWindow w(4, 0);
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    QVERIFY(w.checkAndInsert("s", "a", std::int64_t(1) << 60));
    QCOMPARE(w.counters().evictedByAge, std::uint64_t(0));
}

void TestDedupWindow::millionInsertsKeepMemoryConstant()
{
    DedupWindow w(1000, 500);
    const std::size_t before = w.memoryBytes();
    // 1000 entries * 24 bytes + 2048 slots * 16 bytes + the object.
    QCOMPARE(before, sizeof(DedupWindow) + 1000 * 24 + 2048 * 16);
    // One new id per microsecond. Every third id is asked again 100 us later (age 100 <= 500,
    // ~170 keys inserted since: remembered) and another third 600 us later (age 600 > 500:
    // forgotten, so inserted again).
    std::uint64_t duplicates = 0;
    for (int i = 0; i < 1000000; ++i) {
        duplicates += w.checkAndInsert("src", std::to_string(i), i) ? 1 : 0;
        if (i >= 100 && i % 3 == 0)
            duplicates += w.checkAndInsert("src", std::to_string(i - 100), i) ? 1 : 0;
        if (i >= 600 && i % 3 == 1)
            duplicates += w.checkAndInsert("src", std::to_string(i - 600), i) ? 1 : 0;
    }
    QCOMPARE(w.memoryBytes(), before);
    // i in [100, 999999] with i % 3 == 0: 102, 105, ..., 999999.
    QCOMPARE(duplicates, std::uint64_t(333300));
    // i in [600, 999999] with i % 3 == 1: 601, ..., 999997 re-inserted.
    const DedupCounters &c = w.counters();
    QCOMPARE(c.duplicates, std::uint64_t(333300));
    QCOMPARE(c.inserted, std::uint64_t(1000000 + 333133));
    QCOMPARE(c.evictedByCount, std::uint64_t(0));
    QCOMPARE(c.evictedByAge, c.inserted - w.size());
    QVERIFY(w.size() <= 1000);
}

void TestDedupWindow::clearForgetsAndKeepsMemory()
{
    DedupWindow w(4, 0);
    const std::size_t bytes = w.memoryBytes();
    QVERIFY(!w.checkAndInsert("s", "a", 0));
    w.clear();
    QCOMPARE(w.size(), std::size_t(0));
    QCOMPARE(w.counters(), DedupCounters{});
    QVERIFY(!w.checkAndInsert("s", "a", 1));
    QCOMPARE(w.memoryBytes(), bytes);
}

void TestDedupWindow::matchesNaiveModel_data()
{
    QTest::addColumn<int>("maxCount");
    QTest::addColumn<qint64>("maxAge");
    QTest::newRow("tiny table, count only") << 3 << qint64(0);
    QTest::newRow("small, count and age") << 7 << qint64(40);
    QTest::newRow("age binds first") << 64 << qint64(20);
}

void TestDedupWindow::matchesNaiveModel()
{
    // A naive reference (a deque of strings scanned linearly) must agree on every call; with a
    // small table and ids drawn from a small set, probe runs collide and wrap constantly, which
    // exercises backward-shift deletion.
    QFETCH(int, maxCount);
    QFETCH(qint64, maxAge);
    DedupWindow w(std::size_t(maxCount), maxAge);
    std::deque<std::pair<std::string, qint64>> model;
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> pick(0, 3 * maxCount);
    std::uniform_int_distribution<int> step(0, 3);
    qint64 now = 0;
    for (int i = 0; i < 20000; ++i) {
        now += step(rng);
        const std::string id = std::to_string(pick(rng));
        while (maxAge > 0 && !model.empty() && now - model.front().second > maxAge)
            model.pop_front();
        bool expected = false;
        for (const auto &entry : model)
            expected = expected || entry.first == id;
        if (!expected) {
            if (int(model.size()) == maxCount)
                model.pop_front();
            model.emplace_back(id, now);
        }
        QCOMPARE(w.checkAndInsert("s", id, now), expected);
        QCOMPARE(w.size(), model.size());
    }
}

QTEST_APPLESS_MAIN(TestDedupWindow)
#include "TestDedupWindow.moc"
