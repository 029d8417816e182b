#include "model/LatencyHistogram.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

using evflow::model::LatencyHistogram;
using evflow::model::LiveLatencyHistogram;

namespace {

// The nearest-rank percentile of exact data, as percentile() defines it.
std::int64_t exactPercentile(std::vector<std::int64_t> sorted, double p)
{
    const auto rank
        = std::max<std::size_t>(1, std::size_t(std::ceil(p / 100.0 * double(sorted.size()))));
    return sorted[rank - 1];
}

} // namespace

class TestLatencyHistogram : public QObject
{
    Q_OBJECT

private slots:
    void bucketLayout_data();
    void bucketLayout();
    void bucketsTileTheRange();
    void emptyHistogram();
    void smallValuesAreExact();
    void percentilesWithinBound_data();
    void percentilesWithinBound();
    void extremesAndMean();
    void overflowAndNegative();
    void mergeEqualsRecordingTogether();
    void reset();
    void liveSnapshotMatches();
    void liveSnapshotWhileWriting();
};

void TestLatencyHistogram::bucketLayout_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<int>("index");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");
    QTest::newRow("0") << qint64(0) << 0 << qint64(0) << qint64(0);
    QTest::newRow("63 exact") << qint64(63) << 63 << qint64(63) << qint64(63);
    QTest::newRow("64 width 2") << qint64(64) << 64 << qint64(64) << qint64(65);
    QTest::newRow("65") << qint64(65) << 64 << qint64(64) << qint64(65);
    QTest::newRow("127") << qint64(127) << 95 << qint64(126) << qint64(127);
    QTest::newRow("128 width 4") << qint64(128) << 96 << qint64(128) << qint64(131);
    QTest::newRow("1 second") << qint64(1000000) << 509 << qint64(999424) << qint64(1015807);
    QTest::newRow("max trackable")
        << qint64(LatencyHistogram::kMaxTrackable) << 1023 << qint64(67645734912)
        << qint64(LatencyHistogram::kMaxTrackable);
}

void TestLatencyHistogram::bucketLayout()
{
    QFETCH(qint64, value);
    QFETCH(int, index);
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    QCOMPARE(LatencyHistogram::bucketIndex(value), std::size_t(index));
    QCOMPARE(LatencyHistogram::bucketLow(std::size_t(index)), low);
    QCOMPARE(LatencyHistogram::bucketHigh(std::size_t(index)), high);
}

void TestLatencyHistogram::bucketsTileTheRange()
{
    QCOMPARE(LatencyHistogram::bucketLow(0), std::int64_t(0));
    for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i) {
        const std::int64_t low = LatencyHistogram::bucketLow(i);
        const std::int64_t high = LatencyHistogram::bucketHigh(i);
        QCOMPARE(LatencyHistogram::bucketIndex(low), i);
        QCOMPARE(LatencyHistogram::bucketIndex(high), i);
        if (i + 1 < LatencyHistogram::kBucketCount)
            QCOMPARE(LatencyHistogram::bucketLow(i + 1), high + 1);
        // Half a bucket is at most 1/64 of its smallest value: the stated error bound.
        if (low >= 64)
            QVERIFY((high - low + 1) / 2 <= low / 64);
    }
    QCOMPARE(LatencyHistogram::bucketHigh(LatencyHistogram::kBucketCount - 1),
             LatencyHistogram::kMaxTrackable);
    QVERIFY(LatencyHistogram::kMaxTrackable > 3600LL * 1000000LL); // covers an hour
}

void TestLatencyHistogram::emptyHistogram()
{
    LatencyHistogram h;
    QCOMPARE(h.count(), std::uint64_t(0));
    QCOMPARE(h.percentile(50), std::int64_t(0));
    QCOMPARE(h.min(), std::int64_t(0));
    QCOMPARE(h.max(), std::int64_t(0));
    QCOMPARE(h.mean(), 0.0);
}

void TestLatencyHistogram::smallValuesAreExact()
{
    LatencyHistogram h;
    for (int v = 50; v >= 1; --v)
        h.record(v);
    QCOMPARE(h.count(), std::uint64_t(50));
    QCOMPARE(h.percentile(0), std::int64_t(1));
    QCOMPARE(h.percentile(50), std::int64_t(25));
    QCOMPARE(h.percentile(51), std::int64_t(26));
    QCOMPARE(h.percentile(99), std::int64_t(50));
    QCOMPARE(h.percentile(100), std::int64_t(50));
    QCOMPARE(h.percentile(250), std::int64_t(50)); // clamped
}

void TestLatencyHistogram::percentilesWithinBound_data()
{
    QTest::addColumn<int>("distribution");
    QTest::newRow("uniform 1..1e6") << 0;
    QTest::newRow("exponential mean 2 ms") << 1;
    QTest::newRow("lognormal, heavy tail") << 2;
}

void TestLatencyHistogram::percentilesWithinBound()
{
    QFETCH(int, distribution);
    std::mt19937_64 rng(77);
    std::exponential_distribution<double> exponential(1.0 / 2000.0);
    std::lognormal_distribution<double> lognormal(7.0, 1.5);
    std::vector<std::int64_t> values;
    for (int i = 1; i <= 1000000; ++i) {
        if (distribution == 0)
            values.push_back(i);
        else if (distribution == 1)
            values.push_back(std::int64_t(exponential(rng)));
        else
            values.push_back(std::int64_t(lognormal(rng)));
    }
    LatencyHistogram h;
    for (std::int64_t v : values)
        h.record(v);
    std::sort(values.begin(), values.end());
    if (distribution == 0) {
        QCOMPARE(exactPercentile(values, 50), std::int64_t(500000));
        QCOMPARE(exactPercentile(values, 99), std::int64_t(990000));
    }
    for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 99.99}) {
        const std::int64_t exact = exactPercentile(values, p);
        const std::int64_t reported = h.percentile(p);
        const double error = std::abs(double(reported - exact));
        if (error > double(exact) * LatencyHistogram::kRelativeError)
            QFAIL(
                qPrintable(QString("p%1: reported %2, exact %3").arg(p).arg(reported).arg(exact)));
    }
    QCOMPARE(h.max(), values.back());
    QCOMPARE(h.min(), values.front());
    QCOMPARE(h.percentile(100), values.back());
}

void TestLatencyHistogram::extremesAndMean()
{
    LatencyHistogram h;
    h.record(1000001); // not a bucket boundary: max stays exact anyway
    h.record(3);
    h.record(998);
    QCOMPARE(h.max(), std::int64_t(1000001));
    QCOMPARE(h.min(), std::int64_t(3));
    QCOMPARE(h.mean(), 1001002.0 / 3.0);
    QCOMPARE(h.percentile(100), std::int64_t(1000001));
    // Rank ceil(0.34 * 3) = 2 is 998, in bucket [992, 1007]: reported as its middle, 999.
    QCOMPARE(h.percentile(34), std::int64_t(999));
}

void TestLatencyHistogram::overflowAndNegative()
{
    LatencyHistogram h;
    h.record(-40); // clock skew
    h.record(LatencyHistogram::kMaxTrackable + 5);
    QCOMPARE(h.clampedNegative(), std::uint64_t(1));
    QCOMPARE(h.overflowed(), std::uint64_t(1));
    QCOMPARE(h.min(), std::int64_t(0));
    QCOMPARE(h.max(), LatencyHistogram::kMaxTrackable + 5);
    QCOMPARE(h.bucketValueCount(0), std::uint64_t(1));
    QCOMPARE(h.bucketValueCount(LatencyHistogram::kBucketCount - 1), std::uint64_t(1));
}

void TestLatencyHistogram::mergeEqualsRecordingTogether()
{
    LatencyHistogram a;
    LatencyHistogram b;
    LatencyHistogram both;
    for (int i = 0; i < 1000; ++i) {
        const std::int64_t v = std::int64_t(i) * i * 7 % 100003;
        (i % 3 == 0 ? a : b).record(v);
        both.record(v);
    }
    LatencyHistogram merged = a;
    merged.merge(b);
    QVERIFY(merged == both);
    LatencyHistogram empty;
    empty.merge(both);
    QVERIFY(empty == both);
    merged.merge(LatencyHistogram{});
    QVERIFY(merged == both);
}

void TestLatencyHistogram::reset()
{
    LatencyHistogram h;
    h.record(5);
    h.record(-1);
    h.reset();
    QVERIFY(h == LatencyHistogram{});
}

void TestLatencyHistogram::liveSnapshotMatches()
{
    LiveLatencyHistogram live;
    LatencyHistogram plain;
    for (std::int64_t v : {std::int64_t(17), std::int64_t(-3), std::int64_t(250000),
                           std::int64_t(9), LatencyHistogram::kMaxTrackable + 1}) {
        live.record(v);
        plain.record(v);
    }
    QVERIFY(live.snapshot() == plain);
    live.reset();
    QVERIFY(live.snapshot() == LatencyHistogram{});
}

void TestLatencyHistogram::liveSnapshotWhileWriting()
{
    // One writer, one reader: each snapshot is self-consistent (its percentiles lie within its
    // own [min, max]) and counts never go down; the last snapshot is exact. No timing asserted.
    LiveLatencyHistogram live;
    constexpr int kValues = 200000;
    std::thread writer([&live] {
        for (int i = 0; i < kValues; ++i)
            live.record(1 + (i * 7919) % 50000);
    });
    std::uint64_t lastCount = 0;
    bool consistent = true;
    for (int i = 0; i < 500; ++i) {
        const LatencyHistogram s = live.snapshot();
        consistent = consistent && s.count() >= lastCount;
        if (s.count() > 0)
            consistent = consistent && s.percentile(99) >= s.min() && s.percentile(99) <= s.max();
        lastCount = s.count();
    }
    writer.join();
    QVERIFY(consistent);
    const LatencyHistogram final = live.snapshot();
    QCOMPARE(final.count(), std::uint64_t(kValues));
    QCOMPARE(final.min(), std::int64_t(1));
    QCOMPARE(final.max(), std::int64_t(50000));
}

QTEST_APPLESS_MAIN(TestLatencyHistogram)
#include "TestLatencyHistogram.moc"
