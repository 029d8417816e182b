// Telemetry details (docs/TELEMETRY.md, "Details"): their topics and JSON bodies.
#include "model/TelemetryDetails.h"

#include "support/EventSamples.h"

#include <QtTest>

using namespace evflow::model;

class TestTelemetryDetails : public QObject
{
    Q_OBJECT
private slots:
    void topicsRoundTripAndNeverPrefixEachOther();
    void foreignTopicsAreRejected();
    void recentEventsRoundTrip();
    void hopsAndRowsRoundTrip();
    void badBodiesNameThePointer_data();
    void badBodiesNameThePointer();
};

void TestTelemetryDetails::topicsRoundTripAndNeverPrefixEachOther()
{
    const DetailRequest a{DetailKind::Trace, "order-1"};
    const DetailRequest ab{DetailKind::Trace, "order-12"};
    QCOMPARE(parseDetailTopic(detailTopic(a)), std::optional<DetailRequest>(a));
    QCOMPARE(parseDetailTopic(detailTopic(ab)), std::optional<DetailRequest>(ab));
    // A SUB socket matches by prefix: one subject's topic must not start with another's.
    QVERIFY(!detailTopic(ab).starts_with(detailTopic(a)));
    for (const DetailKind kind : {DetailKind::RecentEvents, DetailKind::Projection}) {
        const DetailRequest r{kind, "node with spaces/and:colons"};
        QCOMPARE(parseDetailTopic(detailTopic(r)), std::optional<DetailRequest>(r));
    }
    const DetailRequest empty{DetailKind::Projection, ""};
    QCOMPARE(parseDetailTopic(detailTopic(empty)), std::optional<DetailRequest>(empty));
}

void TestTelemetryDetails::foreignTopicsAreRejected()
{
    using namespace std::string_literals;
    QVERIFY(!parseDetailTopic("evflow.telemetry.v1"));
    QVERIFY(!parseDetailTopic(""));
    QVERIFY(!parseDetailTopic("evflow.detail.v1"s));
    QVERIFY(!parseDetailTopic("evflow.detail.v1\0trace\0x"s));      // no terminator
    QVERIFY(!parseDetailTopic("evflow.detail.v1\0bogus\0x\0"s));    // unknown kind
    QVERIFY(!parseDetailTopic("evflow.detail.v1\0trace\0x\0y\0"s)); // NUL inside the subject
    QVERIFY(!parseDetailTopic("evflow.detail.v2\0trace\0x\0"s));    // another version
    QVERIFY(!parseDetailTopic("evflow.detail.v1trace\0x\0"s));      // prefix not terminated
}

void TestTelemetryDetails::recentEventsRoundTrip()
{
    DetailAnswer answer;
    answer.request = {DetailKind::RecentEvents, "billing"};
    answer.recentEvents.push_back({evflow::test::exampleEvent(), EventClass::Duplicate, 123456});
    Event second = evflow::test::exampleEvent();
    second.id = "second";
    second.setField("ratio", 0.5);
    second.setField("none", std::monostate{});
    answer.recentEvents.push_back({second, EventClass::LateDropped, 123999});
    const std::string json = detailToJson(answer);
    QVERIFY2(json.find('\n') == std::string::npos, json.c_str());
    const DetailParseResult parsed = parseDetailJson(json);
    QVERIFY2(parsed, parsed.error.c_str());
    QCOMPARE(*parsed.answer, answer);
}

void TestTelemetryDetails::hopsAndRowsRoundTrip()
{
    DetailAnswer trace;
    trace.request = {DetailKind::Trace, "corr-7"};
    trace.hops.push_back({"corr-7", "", "e1", "order.placed", "shop", 10});
    trace.hops.push_back({"corr-7", "e1", "e2", "order.billed", "billing", 25});
    DetailParseResult parsed = parseDetailJson(detailToJson(trace));
    QVERIFY2(parsed, parsed.error.c_str());
    QCOMPARE(*parsed.answer, trace);

    DetailAnswer rows;
    rows.request = {DetailKind::Projection, "totals"};
    rows.rows.push_back({"alice", std::int64_t{3}, 3});
    rows.rows.push_back({"bob", 2.5, 2});
    rows.rows.push_back({"carol", std::string("last"), 1});
    rows.rows.push_back({"dave", true, 1});
    parsed = parseDetailJson(detailToJson(rows));
    QVERIFY2(parsed, parsed.error.c_str());
    QCOMPARE(*parsed.answer, rows);
}

void TestTelemetryDetails::badBodiesNameThePointer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << "{"
                              << "/: not JSON";
    QTest::newRow("not an object") << "[]"
                                   << "/: ";
    QTest::newRow("unknown kind") << R"({"kind":"x","subject":"s","events":[]})"
                                  << R"(/kind: unknown detail kind "x")";
    QTest::newRow("list missing") << R"({"kind":"trace","subject":"s"})"
                                  << "hops";
    QTest::newRow("unknown class")
        << R"({"kind":"recent","subject":"n","events":[{"class":"odd","arrivalMicros":1,"event":{}}]})"
        << R"(/events/0/class: unknown event class "odd")";
    QTest::newRow("bad event")
        << R"({"kind":"recent","subject":"n","events":[{"class":"processed","arrivalMicros":1,"event":{"id":"1"}}]})"
        << "/events/0/event: ";
    QTest::newRow("row value not scalar")
        << R"({"kind":"projection","subject":"p","rows":[{"key":"k","value":[1],"count":1}]})"
        << "/rows/0/value: not a scalar";
    QTest::newRow("hop time not integer")
        << R"({"kind":"trace","subject":"c","hops":[{"correlationId":"c","causationId":"","eventId":"e","type":"t","node":"n","timeMicros":"x"}]})"
        << "/hops/0";
    std::string deep = R"({"kind":"trace","subject":"c","hops":)";
    deep += std::string(40, '[') + std::string(40, ']') + "}";
    QTest::newRow("too deep") << QString::fromStdString(deep) << "nested deeper than";
}

void TestTelemetryDetails::badBodiesNameThePointer()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const DetailParseResult parsed = parseDetailJson(text.toStdString());
    QVERIFY(!parsed);
    QVERIFY2(QString::fromStdString(parsed.error).contains(error),
             qPrintable(QString::fromStdString(parsed.error) + " lacks " + error));
}

QTEST_GUILESS_MAIN(TestTelemetryDetails)
#include "TestTelemetryDetails.moc"
