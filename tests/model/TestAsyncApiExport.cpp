// toAsyncApi: what `evflow export asyncapi` writes (the official AsyncAPI parser checks every
// example's export in TestAsyncApiParser); toYaml: the YAML form of the same document.

#include "model/AsyncApiExport.h"
#include "model/YamlWriter.h"

#include "support/SampleFlows.h"

#include <QtTest>

using namespace evflow::model;
using namespace evflow::model::testing;
using Json = nlohmann::ordered_json;

class TestAsyncApiExport : public QObject
{
    Q_OBJECT
private slots:
    void channelsHaveTheEndpointAsAddressAndTheTypesTheyCarry()
    {
        const Json doc = toAsyncApi(richFlow());
        QCOMPARE(doc["asyncapi"].get<std::string>(), std::string("3.0.0"));
        QCOMPARE(doc["info"]["title"].get<std::string>(), std::string("rich"));
        const Json &channels = doc["channels"];
        // One per channel node, in flow order.
        std::vector<std::string> ids;
        for (const auto &[id, channel] : channels.items())
            ids.push_back(id);
        QCOMPARE(ids, (std::vector<std::string>{"bus", "alerts", "eubus", "telemetry", "latebus"}));
        QCOMPARE(channels["bus"]["address"].get<std::string>(), std::string("inproc://orders"));
        QCOMPARE(channels["bus"]["messages"].size(), std::size_t(1));
        QCOMPARE(channels["bus"]["messages"]["order.placed"]["$ref"].get<std::string>(),
                 std::string("#/components/messages/order.placed"));
        QVERIFY(channels["alerts"]["messages"].contains("alert.high"));
    }

    void zeromqDetailsLiveUnderAnExtension()
    {
        const Json doc = toAsyncApi(richFlow());
        const Json &bus = doc["channels"]["bus"]["x-zeromq"];
        QCOMPARE(bus["pattern"].get<std::string>(), std::string("pub-sub"));
        QCOMPARE(bus["socketTypes"]["send"].get<std::string>(), std::string("PUB"));
        QCOMPARE(bus["transport"].get<std::string>(), std::string("inproc"));
        QCOMPARE(bus["hwm"].get<std::int64_t>(), std::int64_t(100000));
        QCOMPARE(bus["bindSide"].get<std::string>(), std::string("producer"));
        const Json &alerts = doc["channels"]["alerts"]["x-zeromq"];
        QCOMPARE(alerts["socketTypes"]["receive"].get<std::string>(), std::string("PULL"));
        QCOMPARE(alerts["transport"].get<std::string>(), std::string("ipc"));
        QCOMPARE(alerts["hwm"].get<std::int64_t>(), std::int64_t(1000)); // the catalogue default
        const Json &eubus = doc["channels"]["eubus"]["x-zeromq"];
        QCOMPARE(eubus["pattern"].get<std::string>(), std::string("broker"));
        QCOMPARE(eubus["backendEndpoint"].get<std::string>(), std::string("inproc://eu-out"));
    }

    void producersSendConsumersReceiveProcessorsDoBoth()
    {
        const Json ops = toAsyncApi(richFlow())["operations"];
        QCOMPARE(ops["orders.send.bus"]["action"].get<std::string>(), std::string("send"));
        QCOMPARE(ops["orders.send.bus"]["channel"]["$ref"].get<std::string>(),
                 std::string("#/channels/bus"));
        QCOMPARE(ops["orders.send.bus"]["messages"][0]["$ref"].get<std::string>(),
                 std::string("#/channels/bus/messages/order.placed"));
        QCOMPARE(ops["billing.receive.bus"]["action"].get<std::string>(), std::string("receive"));
        // The subscription prefixes of a wire are kept.
        QCOMPARE(ops["billing.receive.bus"]["x-zeromq"]["subscribe"][0].get<std::string>(),
                 std::string("order."));
        QVERIFY(ops.contains("alert.receive.bus"));
        QVERIFY(ops.contains("alert.send.alerts"));
        // Two ports of one node into one channel: named by port, both kept.
        QVERIFY(ops.contains("regions.eu.send.eubus"));
        QVERIFY(ops.contains("regions.default.send.eubus"));
        QVERIFY(ops.contains("shipping.late.send.latebus"));
        QCOMPARE(ops.size(), richFlow().links.size()); // every wire touches one channel
    }

    void messagesDescribeCloudEventHeadersAndSchemasComeFromFields()
    {
        const Json doc = toAsyncApi(richFlow());
        const Json &message = doc["components"]["messages"]["order.placed"];
        QCOMPARE(message["payload"]["$ref"].get<std::string>(),
                 std::string("#/components/schemas/order.placed"));
        const Json &headers = message["headers"];
        QCOMPARE(headers["required"], (Json{"specversion", "id", "source", "type"}));
        QCOMPARE(headers["properties"]["type"]["const"].get<std::string>(),
                 std::string("order.placed"));
        QCOMPARE(headers["properties"]["specversion"]["const"].get<std::string>(),
                 std::string("1.0"));
        const Json &schema = doc["components"]["schemas"]["order.placed"];
        QCOMPARE(schema["type"].get<std::string>(), std::string("object"));
        QCOMPARE(schema["properties"]["orderId"]["type"].get<std::string>(),
                 std::string("integer"));
        QCOMPARE(schema["properties"]["amount"]["type"].get<std::string>(), std::string("number"));
        QCOMPARE(schema["properties"]["paid"]["type"].get<std::string>(), std::string("boolean"));
        QCOMPARE(schema["properties"]["region"]["enum"], (Json{"EU", "US", "APAC"}));
    }

    void fieldTypesMapToJsonSchema_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("expected");
        QTest::newRow("string") << int(FieldType::String) << R"({"type":"string"})";
        QTest::newRow("int") << int(FieldType::Int) << R"({"type":"integer"})";
        QTest::newRow("double") << int(FieldType::Double) << R"({"type":"number"})";
        QTest::newRow("bool") << int(FieldType::Bool) << R"({"type":"boolean"})";
        QTest::newRow("timestamp")
            << int(FieldType::Timestamp) << R"({"type":"string","format":"date-time"})";
        QTest::newRow("enum") << int(FieldType::Enum) << R"({"type":"string","enum":["a","b"]})";
    }
    void fieldTypesMapToJsonSchema()
    {
        QFETCH(int, type);
        QFETCH(QString, expected);
        Flow f;
        f.eventTypes = {eventType("t", {field("f", FieldType(type), {"a", "b"})})};
        const Json schema = toAsyncApi(f)["components"]["schemas"]["t"]["properties"]["f"];
        QCOMPARE(QString::fromStdString(schema.dump()), expected);
    }

    void aChannelOfUnknownTypesCarriesAnyCloudEvent()
    {
        Flow f;
        f.name = "replayed";
        f.nodes = {node("old", NodeKind::Replay, {{"path", std::string("in.jsonl")}}),
                   node("q", NodeKind::Queue, {{"endpoint", std::string("inproc://q")}}),
                   node("c", NodeKind::Counter)};
        f.links = {wire("old.out", "q.in"), wire("q.out", "c.in")};
        const Json doc = toAsyncApi(f);
        QVERIFY(doc["channels"]["q"]["messages"].contains("cloudevent"));
        QVERIFY(doc["components"]["messages"]["cloudevent"]["payload"].empty());
        QVERIFY(doc["components"]["schemas"].empty());
    }

    void yamlQuotesEveryStringAndNestsBlocks()
    {
        // (No raw string here: moc's lexer trips over backslashes inside one.)
        const Json doc = Json::parse("{\"a\": \"yes\", \"list\": [1, {\"k\": \"v\"}, []], "
                                     "\"true\": {}, \"$ref\": \"#/x\", \"n\": null, "
                                     "\"q\": \"say \\\"hi\\\"\"}",
                                     nullptr, true, false);
        QCOMPARE(QString::fromStdString(toYaml(doc)), QStringLiteral("a: \"yes\"\n"
                                                                     "list:\n"
                                                                     "  - 1\n"
                                                                     "  -\n"
                                                                     "    k: \"v\"\n"
                                                                     "  - []\n"
                                                                     "\"true\": {}\n"
                                                                     "$ref: \"#/x\"\n"
                                                                     "\"n\": null\n"
                                                                     "q: \"say \\\"hi\\\"\"\n"));
    }

    void jsonAndYamlAreDeterministic()
    {
        QCOMPARE(toAsyncApiJson(richFlow()), toAsyncApiJson(richFlow()));
        const std::string yaml = toAsyncApiYaml(richFlow());
        QVERIFY(yaml.rfind("asyncapi: \"3.0.0\"\ninfo:\n  title: \"rich\"\n", 0) == 0);
        QCOMPARE(yaml.back(), '\n');
    }
};

QTEST_APPLESS_MAIN(TestAsyncApiExport)
#include "TestAsyncApiExport.moc"
