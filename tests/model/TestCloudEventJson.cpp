#include "model/CloudEventJson.h"

#include "support/EventSamples.h"

#include <QtTest>

#include <limits>
#include <random>

using namespace evflow::model;
using evflow::test::difference;

Q_DECLARE_METATYPE(evflow::model::Event)

namespace {

Event parse(const QString &text)
{
    Event e;
    std::string error;
    if (!fromCloudEventJson(text.toStdString(), e, error))
        qWarning("unexpected error: %s", error.c_str());
    return e;
}

const char *const kMinimal = R"({"specversion":"1.0","id":"1","source":"/s","type":"t")";

} // namespace

class TestCloudEventJson : public QObject
{
    Q_OBJECT

private slots:
    void exactText();
    void roundTrip_data();
    void roundTrip();
    void roundTripRandom();
    void nonFiniteDoublesBecomeNull();
    void lenientInput();
    void foreignData_data();
    void foreignData();
    void errors_data();
    void errors();
};

void TestCloudEventJson::exactText()
{
    QCOMPARE(QString::fromStdString(toCloudEventJson(evflow::test::fullEvent())),
             QString(R"({"specversion":"1.0","id":"7f9c1d2e-0001","source":"/plant/line-1/sensor",)"
                     R"("type":"temperature.exceeded","time":"2024-05-01T12:51:30.123456Z",)"
                     R"("subject":"boiler-7","datacontenttype":"application/json",)"
                     R"("dataschema":"https://example.com/schemas/temperature.json",)"
                     R"("sequence":"42","epoch":"3","correlationid":"order-991",)"
                     R"("causationid":"7f9c1d2e-0000","data":{"celsius":80.5,"count":7,)"
                     R"("ok":false,"note":"hot","extra":null}})"));
    // The example of docs/ZMQ-BINDING.md.
    QCOMPARE(QString::fromStdString(toCloudEventJson(evflow::test::exampleEvent())),
             QString(R"({"specversion":"1.0","id":"e1","source":"/gen","type":"order.placed",)"
                     R"("time":"2023-11-14T22:13:20.000000Z","datacontenttype":"application/json",)"
                     R"("sequence":"5","epoch":"1","data":{"qty":3,"price":9.5,"sku":"A7"}})"));
}

void TestCloudEventJson::roundTrip_data()
{
    QTest::addColumn<Event>("event");
    Event minimal;
    minimal.id = "1";
    minimal.source = "s";
    minimal.type = "t";
    minimal.datacontenttype.clear();
    QTest::newRow("minimal") << minimal;
    QTest::newRow("full") << evflow::test::fullEvent();
    Event numbers = evflow::test::exampleEvent();
    numbers.time = EventLimits::minTime;
    numbers.sequence = std::numeric_limits<std::uint64_t>::max();
    numbers.epoch = std::numeric_limits<std::uint32_t>::max();
    numbers.data = {{"min", std::numeric_limits<std::int64_t>::min()},
                    {"max", std::numeric_limits<std::int64_t>::max()},
                    {"tenth", 0.1},
                    {"three", 3.0},
                    {"negzero", -0.0},
                    {"denormal", std::numeric_limits<double>::denorm_min()},
                    {"huge", std::numeric_limits<double>::max()},
                    {"dotted.name", std::string("kept flat")}};
    QTest::newRow("numbers") << numbers;
    Event unicode = evflow::test::exampleEvent();
    unicode.time = EventLimits::maxTime;
    unicode.id = "Grüße-€-中文-😀";
    unicode.data = {{"名前", std::string("値\n\t\"\\\x01")}, {"emoji", std::string("😀𝄞")}};
    QTest::newRow("unicode") << unicode;
}

void TestCloudEventJson::roundTrip()
{
    QFETCH(Event, event);
    const std::string text = toCloudEventJson(event);
    QVERIFY(text.find('\n') == std::string::npos);
    Event decoded;
    std::string error;
    QVERIFY2(fromCloudEventJson(text, decoded, error), error.c_str());
    QVERIFY2(difference(event, decoded).empty(),
             (difference(event, decoded) + ": " + text).c_str());
}

void TestCloudEventJson::roundTripRandom()
{
    std::mt19937_64 rng(19700101);
    Event decoded;
    for (int i = 0; i < 1000; ++i) {
        const Event event = evflow::test::randomEvent(rng);
        const std::string text = toCloudEventJson(event);
        std::string error;
        QVERIFY2(fromCloudEventJson(text, decoded, error), (error + ": " + text).c_str());
        const std::string diff = difference(event, decoded);
        QVERIFY2(diff.empty(), (std::to_string(i) + ": " + diff + ": " + text).c_str());
    }
}

void TestCloudEventJson::nonFiniteDoublesBecomeNull()
{
    Event e = evflow::test::exampleEvent();
    e.data = {{"nan", std::numeric_limits<double>::quiet_NaN()},
              {"inf", std::numeric_limits<double>::infinity()}};
    const std::string text = toCloudEventJson(e);
    QVERIFY2(text.find(R"("data":{"nan":null,"inf":null})") != std::string::npos, text.c_str());
}

void TestCloudEventJson::lenientInput()
{
    const Event e = parse(R"({"specversion":"1.0","id":"1","source":"/s","type":"t",)"
                          R"("sequence":18446744073709551615,"epoch":7,"subject":null,)"
                          R"("traceparent":"00-abc","time":"2024-01-01T01:00:00+01:00"})");
    QCOMPARE(e.sequence, std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(e.epoch, 7u);
    QCOMPARE(e.subject, std::string());
    QCOMPARE(e.datacontenttype, std::string()); // absent stays absent
    QCOMPARE(e.time, std::int64_t{1704067200000000});
    QVERIFY(e.data.empty());
    const Event noTime = parse(QString(kMinimal) + "}");
    QCOMPARE(noTime.time, std::int64_t{0});
    QCOMPARE(noTime.sequence, std::uint64_t{0});
}

void TestCloudEventJson::foreignData_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("fields"); // name=type:value, ...
    QTest::newRow("string") << R"("data":"hello")"
                            << "value=string:hello";
    QTest::newRow("number") << R"("data":2.5)"
                            << "value=double:2.5";
    QTest::newRow("array") << R"("data":[1,"a"])"
                           << R"(value=string:[1,"a"])";
    QTest::newRow("null") << R"("data":null)"
                          << "";
    QTest::newRow("nested") << R"("data":{"a":{"b":1,"c":{"d":true}},"e":[],"f":{}})"
                            << "a.b=int:1, a.c.d=bool:true, e=string:[], f=string:{}";
    QTest::newRow("big unsigned") << R"("data":{"n":18446744073709551615})"
                                  << "n=double:1.84467e+19";
    QTest::newRow("base64") << R"("data_base64":"aGk=")"
                            << "data_base64=string:aGk=";
}

void TestCloudEventJson::foreignData()
{
    QFETCH(QString, data);
    QFETCH(QString, fields);
    const Event e = parse(QString(kMinimal) + "," + data + "}");
    QStringList got;
    for (const DataField &f : e.data) {
        QString value;
        if (const auto *s = std::get_if<std::string>(&f.value))
            value = QString::fromStdString(*s);
        else if (const auto *i = std::get_if<std::int64_t>(&f.value))
            value = QString::number(*i);
        else if (const auto *d = std::get_if<double>(&f.value))
            value = QString::number(*d);
        else if (const auto *b = std::get_if<bool>(&f.value))
            value = *b ? "true" : "false";
        got << QString::fromStdString(f.name) + "=" + fieldValueTypeName(f.value) + ":" + value;
    }
    QCOMPARE(got.join(", "), fields);
}

void TestCloudEventJson::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    const QString m = kMinimal;
    QTest::newRow("empty") << ""
                           << "not JSON: syntax error while parsing value - unexpected "
                              "end of input; expected '[', '{', or a literal (byte 1)";
    QTest::newRow("garbage") << "{x"
                             << "not JSON: syntax error while parsing object key - "
                                "invalid literal; last read: '{x'; expected string "
                                "literal (byte 2)";
    QTest::newRow("array") << "[1]"
                           << "not a CloudEvent: the JSON value is array, not an object";
    QTest::newRow("no specversion") << R"({"id":"1","source":"/s","type":"t"})"
                                    << "missing required attribute \"specversion\"";
    QTest::newRow("specversion 0.3")
        << R"({"specversion":"0.3","id":"1"})"
        << "unsupported specversion \"0.3\"; only \"1.0\" is supported";
    QTest::newRow("specversion number") << R"({"specversion":1.0})"
                                        << "unsupported specversion 1.0; only \"1.0\" is supported";
    QTest::newRow("no id") << R"({"specversion":"1.0","source":"/s","type":"t"})"
                           << "missing required attribute \"id\"";
    QTest::newRow("null source") << R"({"specversion":"1.0","id":"1","source":null,"type":"t"})"
                                 << "missing required attribute \"source\"";
    QTest::newRow("empty type") << R"({"specversion":"1.0","id":"1","source":"/s","type":""})"
                                << "attribute \"type\" must not be empty";
    QTest::newRow("id number") << R"({"specversion":"1.0","id":1,"source":"/s","type":"t"})"
                               << "attribute \"id\" must be a string, not number";
    QTest::newRow("subject object") << m + R"(,"subject":{}})"
                                    << "attribute \"subject\" must be a string, not object";
    QTest::newRow("bad time") << m + R"(,"time":"2023-02-29T00:00:00Z"})"
                              << "attribute \"time\" is not an RFC 3339 timestamp: "
                                 "\"2023-02-29T00:00:00Z\"";
    QTest::newRow("time number") << m + R"(,"time":1700000000})"
                                 << "attribute \"time\" is not an RFC 3339 timestamp: 1700000000";
    QTest::newRow("negative sequence")
        << m + R"(,"sequence":"-1"})"
        << "attribute \"sequence\" is not an unsigned 64-bit integer: \"-1\"";
    QTest::newRow("sequence overflow")
        << m + R"(,"sequence":"18446744073709551616"})"
        << "attribute \"sequence\" is not an unsigned 64-bit integer: \"18446744073709551616\"";
    QTest::newRow("sequence float") << m + R"(,"sequence":1.5})"
                                    << "attribute \"sequence\" is not an unsigned 64-bit "
                                       "integer: 1.5";
    QTest::newRow("epoch too big") << m + R"(,"epoch":"4294967296"})"
                                   << "attribute \"epoch\" is not an unsigned 32-bit integer: "
                                      "\"4294967296\"";
    QTest::newRow("uppercase name") << m + R"(,"traceParent":"x"})"
                                    << "invalid attribute name \"traceParent\": CloudEvents "
                                       "attribute names consist of lowercase letters a-z and "
                                       "digits 0-9";
    QTest::newRow("underscore name") << m + R"(,"my_ext":"x"})"
                                     << "invalid attribute name \"my_ext\": CloudEvents attribute "
                                        "names consist of lowercase letters a-z and digits 0-9";
    QTest::newRow("data and base64") << m + R"(,"data":{},"data_base64":"aGk="})"
                                     << "an event must not have both \"data\" and \"data_base64\"";
    QTest::newRow("base64 number") << m + R"(,"data_base64":5})"
                                   << "\"data_base64\" must be a string, not number";
    QTest::newRow("control char in id")
        << R"({"specversion":"1.0","id":"a\nb","source":"/s","type":"t"})"
        << "attribute \"id\" contains control character U+000A at byte 1";
    QString many = m + R"(,"data":{)";
    for (int i = 0; i < 257; ++i)
        many += QString(i == 0 ? "" : ",") + "\"f" + QString::number(i) + "\":1";
    QTest::newRow("too many fields") << many + "}}"
                                     << "data has more than 256 fields";
    QTest::newRow("duplicate by flattening") << m + R"(,"data":{"a.b":1,"a":{"b":2}}})"
                                             << ""; // last wins: not an error
}

void TestCloudEventJson::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    Event e;
    std::string error;
    const bool ok = fromCloudEventJson(text.toStdString(), e, error);
    QCOMPARE(QString::fromStdString(error), message);
    QCOMPARE(ok, message.isEmpty());
}

QTEST_APPLESS_MAIN(TestCloudEventJson)
#include "TestCloudEventJson.moc"
