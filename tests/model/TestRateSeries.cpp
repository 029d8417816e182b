#include "model/RateSeries.h"

#include <QtTest>

#include <vector>

using evflow::model::RateSample;
using evflow::model::RateSeries;

class TestRateSeries : public QObject
{
    Q_OBJECT

private slots:
    void emptySeries();
    void appendKeepsOrder();
    void neverGrowsPastCapacity();
    void zeroCapacityIsOne();
    void ratesFromCumulativeCounter();
    void rateBetween_data();
    void rateBetween();
    void clearKeepsCapacity();
};

void TestRateSeries::emptySeries()
{
    RateSeries s(4);
    QVERIFY(s.empty());
    QCOMPARE(s.size(), std::size_t(0));
    QCOMPARE(s.capacity(), std::size_t(4));
    QVERIFY(s.samples().empty());
    QVERIFY(s.rates().empty());
    QVERIFY(!s.latestRate().has_value());
}

void TestRateSeries::appendKeepsOrder()
{
    RateSeries s(4);
    s.append(100, 1.0);
    s.append(200, 2.0);
    QCOMPARE(s.size(), std::size_t(2));
    QCOMPARE(s.samples(), (std::vector<RateSample>{{100, 1.0}, {200, 2.0}}));
    QCOMPARE(s.latest(), (RateSample{200, 2.0}));
    QCOMPARE(s.at(0), (RateSample{100, 1.0}));
}

void TestRateSeries::neverGrowsPastCapacity()
{
    RateSeries s(3);
    for (int i = 1; i <= 10; ++i) {
        s.append(i * 10, double(i));
        QCOMPARE(s.size(), std::size_t(std::min(i, 3)));
        QCOMPARE(s.capacity(), std::size_t(3));
    }
    QCOMPARE(s.samples(), (std::vector<RateSample>{{80, 8.0}, {90, 9.0}, {100, 10.0}}));
}

void TestRateSeries::zeroCapacityIsOne()
{
    RateSeries s(0);
    QCOMPARE(s.capacity(), std::size_t(1));
    s.append(1, 1.0);
    s.append(2, 5.0);
    QCOMPARE(s.samples(), (std::vector<RateSample>{{2, 5.0}}));
    QVERIFY(!s.latestRate().has_value());
}

void TestRateSeries::ratesFromCumulativeCounter()
{
    // A counter read every 100 ms: 0, 50, 150, 150, then its owner restarts and reads 20.
    RateSeries s(8);
    s.append(0, 0.0);
    s.append(100000, 50.0);
    s.append(200000, 150.0);
    s.append(300000, 150.0);
    s.append(300000, 160.0); // same time: no rate for this pair
    s.append(400000, 20.0);
    const std::vector<RateSample> expected{
        {100000, 500.0}, {200000, 1000.0}, {300000, 0.0}, {400000, 200.0}};
    QCOMPARE(s.rates(), expected);
    QCOMPARE(s.latestRate(), std::optional<double>(200.0));
}

void TestRateSeries::rateBetween_data()
{
    QTest::addColumn<RateSample>("earlier");
    QTest::addColumn<RateSample>("later");
    QTest::addColumn<bool>("hasRate");
    QTest::addColumn<double>("rate");
    QTest::newRow("one per ms") << RateSample{0, 0.0} << RateSample{1000, 1.0} << true << 1000.0;
    QTest::newRow("fractional") << RateSample{0, 10.0} << RateSample{3000000, 13.0} << true << 1.0;
    QTest::newRow("reset from 0") << RateSample{0, 90.0} << RateSample{500000, 5.0} << true << 10.0;
    QTest::newRow("no time") << RateSample{7, 1.0} << RateSample{7, 2.0} << false << 0.0;
    QTest::newRow("time backwards") << RateSample{9, 1.0} << RateSample{7, 2.0} << false << 0.0;
}

void TestRateSeries::rateBetween()
{
    QFETCH(RateSample, earlier);
    QFETCH(RateSample, later);
    QFETCH(bool, hasRate);
    QFETCH(double, rate);
    const auto r = RateSeries::rateBetween(earlier, later);
    QCOMPARE(r.has_value(), hasRate);
    if (hasRate)
        QCOMPARE(*r, rate);
}

void TestRateSeries::clearKeepsCapacity()
{
    RateSeries s(2);
    s.append(1, 1.0);
    s.append(2, 2.0);
    s.append(3, 3.0);
    s.clear();
    QVERIFY(s.empty());
    QCOMPARE(s.capacity(), std::size_t(2));
    s.append(4, 4.0);
    QCOMPARE(s.samples(), (std::vector<RateSample>{{4, 4.0}}));
}

QTEST_APPLESS_MAIN(TestRateSeries)
#include "TestRateSeries.moc"
