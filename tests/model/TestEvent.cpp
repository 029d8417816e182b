#include "model/Event.h"
#include "model/EventTime.h"

#include "support/EventSamples.h"

#include <QtTest>

#include <random>

using namespace evflow::model;

class TestEvent : public QObject
{
    Q_OBJECT

private slots:
    void fieldAccess();
    void clearKeepsCapacity();
    void checkEventAcceptsSamples();
    void daysFromCivil();
    void formatRfc3339_data();
    void formatRfc3339();
    void parseRfc3339_data();
    void parseRfc3339();
    void parseRejects_data();
    void parseRejects();
    void formatParseRoundTrip();
};

void TestEvent::fieldAccess()
{
    Event e;
    QVERIFY(e.field("a") == nullptr);
    e.setField("a", std::int64_t{4});
    e.setField("b", 2.5);
    e.setField("c", std::string("x"));
    e.setField("a", std::int64_t{5}); // replaces, keeps position
    QCOMPARE(e.data.size(), std::size_t{3});
    QCOMPARE(e.data[0].name, std::string("a"));
    QCOMPARE(std::get<std::int64_t>(*e.field("a")), std::int64_t{5});
    double number = -1;
    QVERIFY(e.numberField("a", number));
    QCOMPARE(number, 5.0);
    QVERIFY(e.numberField("b", number));
    QCOMPARE(number, 2.5);
    QVERIFY(!e.numberField("c", number));
    QVERIFY(!e.numberField("missing", number));
    QCOMPARE(number, 2.5); // untouched on failure
    QCOMPARE(fieldValueTypeName(*e.field("c")), "string");
    QCOMPARE(fieldValueTypeName(FieldValue{}), "null");
}

void TestEvent::clearKeepsCapacity()
{
    Event e = evflow::test::fullEvent();
    e.source = std::string(100, 's');
    const auto sourceCapacity = e.source.capacity();
    const auto dataCapacity = e.data.capacity();
    e.clear();
    QVERIFY(e.source.empty());
    QVERIFY(e.data.empty());
    QCOMPARE(e.source.capacity(), sourceCapacity);
    QCOMPARE(e.data.capacity(), dataCapacity);
    QCOMPARE(e.specversion, std::string("1.0"));
    QCOMPARE(e.datacontenttype, std::string("application/json"));
    QCOMPARE(e.sequence, std::uint64_t{0});
}

void TestEvent::checkEventAcceptsSamples()
{
    QCOMPARE(checkEvent(evflow::test::fullEvent()), std::string());
    std::mt19937_64 rng(3);
    for (int i = 0; i < 200; ++i)
        QCOMPARE(checkEvent(evflow::test::randomEvent(rng)), std::string());
    QCOMPARE(checkEvent(Event{}), std::string("attribute \"id\" is missing or empty"));
}

void TestEvent::daysFromCivil()
{
    QCOMPARE(detail::daysFromCivil(1970, 1, 1), std::int64_t{0});
    QCOMPARE(detail::daysFromCivil(1969, 12, 31), std::int64_t{-1});
    QCOMPARE(detail::daysFromCivil(2000, 3, 1), std::int64_t{11017});
    QCOMPARE(detail::daysFromCivil(0, 1, 1), std::int64_t{-719528});
    QCOMPARE(detail::daysFromCivil(9999, 12, 31), std::int64_t{2932896});
    QVERIFY(detail::isValidDate(2024, 2, 29));
    QVERIFY(detail::isValidDate(2000, 2, 29));
    QVERIFY(!detail::isValidDate(1900, 2, 29));
    QVERIFY(!detail::isValidDate(2023, 2, 29));
    QVERIFY(!detail::isValidDate(2023, 4, 31));
    QVERIFY(!detail::isValidDate(2023, 13, 1));
}

void TestEvent::formatRfc3339_data()
{
    QTest::addColumn<qint64>("micros");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000000Z";
    QTest::newRow("just before epoch") << qint64(-1) << "1969-12-31T23:59:59.999999Z";
    QTest::newRow("1900") << qint64(-2208988800000000) << "1900-01-01T00:00:00.000000Z";
    QTest::newRow("leap day") << qint64(1709164800000250) << "2024-02-29T00:00:00.000250Z";
    QTest::newRow("2000 leap day") << qint64(951782400000000) << "2000-02-29T00:00:00.000000Z";
    QTest::newRow("min") << qint64(EventLimits::minTime) << "0000-01-01T00:00:00.000000Z";
    QTest::newRow("max") << qint64(EventLimits::maxTime) << "9999-12-31T23:59:59.999999Z";
    QTest::newRow("clamped") << qint64(EventLimits::maxTime + 5) << "9999-12-31T23:59:59.999999Z";
}

void TestEvent::formatRfc3339()
{
    QFETCH(qint64, micros);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(evflow::model::formatRfc3339(micros)), text);
}

void TestEvent::parseRfc3339_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micros");
    QTest::newRow("Z") << "1970-01-01T00:00:00Z" << qint64(0);
    QTest::newRow("lowercase") << "1970-01-01t00:00:01z" << qint64(1000000);
    QTest::newRow("before 1970") << "1969-12-31T23:59:59.5Z" << qint64(-500000);
    QTest::newRow("1 digit") << "2024-02-29T12:00:00.1Z" << qint64(1709208000100000);
    QTest::newRow("3 digits") << "2024-02-29T12:00:00.123Z" << qint64(1709208000123000);
    QTest::newRow("6 digits") << "2024-02-29T12:00:00.123456Z" << qint64(1709208000123456);
    QTest::newRow("9 digits") << "2024-02-29T12:00:00.123456789Z" << qint64(1709208000123456);
    QTest::newRow("+02:00") << "2024-02-29T14:00:00+02:00" << qint64(1709208000000000);
    QTest::newRow("-05:30") << "2024-02-29T06:30:00-05:30" << qint64(1709208000000000);
    QTest::newRow("offset crosses day") << "2024-03-01T01:00:00+02:00" << qint64(1709247600000000);
    QTest::newRow("year 0") << "0000-01-01T00:00:00Z" << qint64(EventLimits::minTime);
    QTest::newRow("year 9999") << "9999-12-31T23:59:59.999999Z" << qint64(EventLimits::maxTime);
    QTest::newRow("9999 with +offset") << "9999-12-31T23:59:59+01:00" << qint64(253402297199000000);
}

void TestEvent::parseRfc3339()
{
    QFETCH(QString, text);
    QFETCH(qint64, micros);
    std::int64_t out = 42;
    QVERIFY(evflow::model::parseRfc3339(text.toStdString(), out));
    QCOMPARE(out, std::int64_t{micros});
}

void TestEvent::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad : {"",
                            "2023-02-29T00:00:00Z",
                            "1900-02-29T00:00:00Z",
                            "2023-04-31T00:00:00Z",
                            "2023-13-01T00:00:00Z",
                            "2023-00-10T00:00:00Z",
                            "2023-01-00T00:00:00Z",
                            "2023-01-01T24:00:00Z",
                            "2023-01-01T00:60:00Z",
                            "2023-01-01T23:59:60Z",
                            "2023-01-01T00:00:00",
                            "2023-01-01 00:00:00Z",
                            "2023-01-01T00:00:00.Z",
                            "2023-01-01T00:00:00.1234567890Z",
                            "2023-01-01T00:00:00+0200",
                            "2023-01-01T00:00:00+24:00",
                            "2023-01-01T00:00:00+02:60",
                            "2023-01-01T00:00:00Z ",
                            "23-01-01T00:00:00Z",
                            "2023-1-01T00:00:00Z",
                            "-001-01-01T00:00:00Z",
                            "9999-12-31T23:59:59-00:01",
                            "0000-01-01T00:00:00+00:01",
                            "2023-01-01T00:00:00+02:00x"}) {
        QTest::newRow(bad) << QString(bad);
    }
}

void TestEvent::parseRejects()
{
    QFETCH(QString, text);
    std::int64_t out = 42;
    QVERIFY(!evflow::model::parseRfc3339(text.toStdString(), out));
    QCOMPARE(out, std::int64_t{42});
}

void TestEvent::formatParseRoundTrip()
{
    std::mt19937_64 rng(99);
    std::uniform_int_distribution<std::int64_t> time(EventLimits::minTime, EventLimits::maxTime);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t micros = time(rng);
        std::int64_t back = 0;
        const std::string text = evflow::model::formatRfc3339(micros);
        QVERIFY2(evflow::model::parseRfc3339(text, back), text.c_str());
        QCOMPARE(back, micros);
    }
}

QTEST_APPLESS_MAIN(TestEvent)
#include "TestEvent.moc"
