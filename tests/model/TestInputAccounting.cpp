#include "model/InputAccounting.h"

#include <QtTest>

#include <thread>

using evflow::model::InputAccounting;
using evflow::model::InputCounter;
using evflow::model::InputReport;
using evflow::model::LiveInputCounters;
using evflow::model::SequenceBooks;

class TestInputAccounting : public QObject
{
    Q_OBJECT

private slots:
    void emptyIsBalanced();
    void identity_data();
    void identity();
    void observationsAreNotOutcomes();
    void sumOfTwoInputs();
    void liveCountersSnapshot();
    void liveSnapshotNeverNegativeWhileWriting();
    void sequenceBooksIdentity_data();
    void sequenceBooksIdentity();
    void reportBalancedNeedsEveryPart();
};

void TestInputAccounting::emptyIsBalanced()
{
    InputAccounting a;
    QCOMPARE(a.unaccounted(), std::int64_t(0));
    QVERIFY(a.balanced());
}

void TestInputAccounting::identity_data()
{
    QTest::addColumn<InputAccounting>("books");
    QTest::addColumn<qint64>("unaccounted");
    InputAccounting all;
    all.received = 21;
    all.processed = 10;
    all.duplicates = 4;
    all.lateDropped = 3;
    all.lateDiverted = 2;
    all.malformed = 1;
    all.filtered = 1;
    QTest::newRow("every outcome") << all << qint64(0);
    InputAccounting missing = all;
    missing.received = 23;
    QTest::newRow("two in flight") << missing << qint64(2);
    InputAccounting twice = all;
    twice.lateDiverted = 3;
    QTest::newRow("diverted is an outcome of its own") << twice << qint64(-1);
}

void TestInputAccounting::identity()
{
    QFETCH(InputAccounting, books);
    QFETCH(qint64, unaccounted);
    QCOMPARE(books.unaccounted(), unaccounted);
    QCOMPARE(books.balanced(), unaccounted == 0);
    QCOMPARE(books.accountedFor(), std::uint64_t(std::int64_t(books.received) - unaccounted));
}

void TestInputAccounting::observationsAreNotOutcomes()
{
    InputAccounting a;
    a.received = 5;
    a.processed = 5;
    a.outOfOrder = 3;
    a.late = 2; // accepted late events are processed
    a.gaps = 7;
    QVERIFY(a.balanced());
}

void TestInputAccounting::sumOfTwoInputs()
{
    InputAccounting a;
    a.received = 3;
    a.processed = 2;
    a.duplicates = 1;
    a.gaps = 4;
    InputAccounting b;
    b.received = 10;
    b.processed = 9;
    b.filtered = 1;
    b.late = 2;
    a += b;
    InputAccounting expected;
    expected.received = 13;
    expected.processed = 11;
    expected.duplicates = 1;
    expected.filtered = 1;
    expected.gaps = 4;
    expected.late = 2;
    QCOMPARE(a, expected);
    QVERIFY(a.balanced());
}

void TestInputAccounting::liveCountersSnapshot()
{
    LiveInputCounters live;
    live.add(InputCounter::Received, 8);
    live.add(InputCounter::Processed, 3);
    live.add(InputCounter::Duplicates);
    live.add(InputCounter::LateDropped);
    live.add(InputCounter::LateDiverted);
    live.add(InputCounter::Malformed);
    live.add(InputCounter::Filtered);
    live.add(InputCounter::OutOfOrder, 2);
    live.add(InputCounter::Gaps, 5);
    live.add(InputCounter::Late, 3);
    const InputAccounting s = live.snapshot();
    QCOMPARE(s.received, std::uint64_t(8));
    QCOMPARE(s.processed, std::uint64_t(3));
    QCOMPARE(s.duplicates, std::uint64_t(1));
    QCOMPARE(s.lateDropped, std::uint64_t(1));
    QCOMPARE(s.lateDiverted, std::uint64_t(1));
    QCOMPARE(s.malformed, std::uint64_t(1));
    QCOMPARE(s.filtered, std::uint64_t(1));
    QCOMPARE(s.outOfOrder, std::uint64_t(2));
    QCOMPARE(s.gaps, std::uint64_t(5));
    QCOMPARE(s.late, std::uint64_t(3));
    QVERIFY(s.balanced());
    QCOMPARE(live.value(InputCounter::Gaps), std::uint64_t(5));
    live.reset();
    QCOMPARE(live.snapshot(), InputAccounting{});
}

void TestInputAccounting::liveSnapshotNeverNegativeWhileWriting()
{
    // One writer, one reader: whatever the interleaving, outcomes never run ahead of received,
    // and once the writer is done the books are exact. No timing is asserted.
    LiveInputCounters live;
    constexpr int kEvents = 200000;
    std::thread writer([&live] {
        for (int i = 0; i < kEvents; ++i) {
            live.add(InputCounter::Received);
            live.add(i % 5 == 0 ? InputCounter::Duplicates : InputCounter::Processed);
        }
    });
    bool neverNegative = true;
    for (int i = 0; i < 2000; ++i)
        neverNegative = neverNegative && live.snapshot().unaccounted() >= 0;
    writer.join();
    QVERIFY(neverNegative);
    const InputAccounting s = live.snapshot();
    QCOMPARE(s.received, std::uint64_t(kEvents));
    QCOMPARE(s.duplicates, std::uint64_t(kEvents / 5));
    QVERIFY(s.balanced());
}

void TestInputAccounting::sequenceBooksIdentity_data()
{
    QTest::addColumn<SequenceBooks>("books");
    QTest::addColumn<qint64>("unaccounted");
    SequenceBooks plain;
    plain.expected = 10;
    plain.receivedUnique = 8;
    plain.gaps = 2;
    QTest::newRow("expected = unique + gaps") << plain << qint64(0);
    SequenceBooks pending = plain;
    pending.gaps = 1;
    pending.pending = 1;
    QTest::newRow("one still pending") << pending << qint64(0);
    SequenceBooks late = plain;
    late.receivedUnique = 9;
    late.filledAfterGap = 1;
    QTest::newRow("filled after its gap") << late << qint64(0);
    SequenceBooks lost = plain;
    lost.gaps = 1;
    QTest::newRow("one unaccounted") << lost << qint64(1);
}

void TestInputAccounting::sequenceBooksIdentity()
{
    QFETCH(SequenceBooks, books);
    QFETCH(qint64, unaccounted);
    QCOMPARE(books.unaccounted(), unaccounted);
    QCOMPARE(books.balanced(), unaccounted == 0);
}

void TestInputAccounting::reportBalancedNeedsEveryPart()
{
    InputReport report;
    report.counters.received = 2;
    report.counters.processed = 2;
    SequenceBooks books;
    books.expected = 3;
    books.receivedUnique = 2;
    books.gaps = 1;
    report.sources.push_back({"orders", books});
    QVERIFY(report.balanced());
    report.sources.push_back({"payments", SequenceBooks{1, 0, 0, 0, 0, 0, 0, 0, 0}});
    QVERIFY(!report.balanced());
    report.sources.pop_back();
    report.counters.processed = 1;
    QVERIFY(!report.balanced());
}

QTEST_APPLESS_MAIN(TestInputAccounting)
#include "TestInputAccounting.moc"
