#include "model/Watermark.h"

#include <QtTest>

#include <limits>
#include <vector>

using evflow::model::Watermark;

class TestWatermark : public QObject
{
    Q_OBJECT

private slots:
    void firstEventIsNeverLate();
    void sequence_data();
    void sequence();
    void watermarkNeverMovesBack();
    void extremeTimesSaturate();
    void negativeBoundIsZero();
    void resetForgets();
};

void TestWatermark::firstEventIsNeverLate()
{
    Watermark wm(100);
    QVERIFY(!wm.hasWatermark());
    QCOMPARE(wm.current(), std::numeric_limits<std::int64_t>::min());
    QVERIFY(!wm.observe(-5000));
    QVERIFY(wm.hasWatermark());
    QCOMPARE(wm.current(), std::int64_t(-5100));
}

void TestWatermark::sequence_data()
{
    QTest::addColumn<qint64>("bound");
    QTest::addColumn<std::vector<qint64>>("times");
    QTest::addColumn<std::vector<bool>>("late");
    QTest::addColumn<qint64>("finalWatermark");
    // Bound 100: after 1000 the watermark is 900; 900 is on time (at the mark), 899 late.
    QTest::newRow("at the mark is on time")
        << qint64(100) << std::vector<qint64>{1000, 900, 899, 1000}
        << std::vector<bool>{false, false, true, false} << qint64(900);
    QTest::newRow("equal timestamps never late, zero bound")
        << qint64(0) << std::vector<qint64>{5, 5, 5, 4, 6, 5}
        << std::vector<bool>{false, false, false, true, false, true} << qint64(6);
    QTest::newRow("advancing") << qint64(10) << std::vector<qint64>{0, 20, 11, 10, 9, 50, 40, 39}
                               << std::vector<bool>{false, false, false, false,
                                                    true,  false, false, true}
                               << qint64(40);
}

void TestWatermark::sequence()
{
    QFETCH(qint64, bound);
    QFETCH(std::vector<qint64>, times);
    QFETCH(std::vector<bool>, late);
    QFETCH(qint64, finalWatermark);
    Watermark wm(bound);
    std::uint64_t lateCount = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        QCOMPARE(wm.observe(times[i]), bool(late[i]));
        lateCount += late[i] ? 1 : 0;
    }
    QCOMPARE(wm.current(), finalWatermark);
    QCOMPARE(wm.observed(), std::uint64_t(times.size()));
    QCOMPARE(wm.late(), lateCount);
}

void TestWatermark::watermarkNeverMovesBack()
{
    Watermark wm(50);
    wm.observe(1000);
    QVERIFY(wm.observe(100));
    QCOMPARE(wm.current(), std::int64_t(950));
    QCOMPARE(wm.highestEventTime(), std::int64_t(1000));
}

void TestWatermark::extremeTimesSaturate()
{
    constexpr auto minTime = std::numeric_limits<std::int64_t>::min();
    constexpr auto maxTime = std::numeric_limits<std::int64_t>::max();
    Watermark wm(1000);
    QVERIFY(!wm.observe(minTime + 10));
    QCOMPARE(wm.current(), minTime); // would underflow without saturation
    QVERIFY(!wm.observe(minTime));   // at the (saturated) watermark: on time
    QVERIFY(!wm.observe(maxTime));
    QCOMPARE(wm.current(), maxTime - 1000);
    QVERIFY(wm.observe(maxTime - 1001));
}

void TestWatermark::negativeBoundIsZero()
{
    Watermark wm(-5);
    QCOMPARE(wm.outOfOrdernessMicros(), std::int64_t(0));
    wm.observe(10);
    QVERIFY(wm.observe(9));
}

void TestWatermark::resetForgets()
{
    Watermark wm(0);
    wm.observe(100);
    QVERIFY(wm.observe(1));
    wm.reset();
    QVERIFY(!wm.hasWatermark());
    QCOMPARE(wm.late(), std::uint64_t(0));
    QVERIFY(!wm.observe(1)); // first again
}

QTEST_APPLESS_MAIN(TestWatermark)
#include "TestWatermark.moc"
