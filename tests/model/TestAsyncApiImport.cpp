// importAsyncApi: what `evflow import asyncapi` makes of AsyncAPI 2.6 and 3.0 documents (JSON and
// YAML): a flow skeleton, and every part it could not carry over listed as a warning. An evflow
// export round-trips: export → import → export gives the same document.

#include "model/AsyncApiExport.h"
#include "model/AsyncApiImport.h"
#include "model/FlowFile.h"
#include "model/NodeCatalog.h"
#include "model/Validation.h"
#include "model/YamlReader.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace evflow::model;
using Json = nlohmann::ordered_json;

namespace {

std::string readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

std::string dataFile(const char *name)
{
    return readText(QStringLiteral(EVFLOW_TEST_DATA_DIR "/asyncapi/") + name);
}

bool hasWarning(const AsyncApiImport &result, const std::string &pointer, const char *words)
{
    for (const ImportWarning &w : result.warnings)
        if (w.pointer == pointer && w.message.find(words) != std::string::npos)
            return true;
    return false;
}

QByteArray warningList(const AsyncApiImport &result)
{
    std::string text;
    for (const ImportWarning &w : result.warnings)
        text += w.pointer + ": " + w.message + "\n";
    return QByteArray::fromStdString(text);
}

} // namespace

class TestAsyncApiImport : public QObject
{
    Q_OBJECT
private slots:
    void everyExampleRoundTrips_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples"));
        for (const QString &name : dir.entryList({QStringLiteral("*.evflow.json")}))
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }
    void everyExampleRoundTrips()
    {
        QFETCH(QString, file);
        const LoadResult loaded = loadFlowFile(file.toStdString());
        QVERIFY(loaded.flow);
        for (const bool yaml : {false, true}) {
            const std::string exported
                = yaml ? toAsyncApiYaml(*loaded.flow) : toAsyncApiJson(*loaded.flow);
            const AsyncApiImport imported = importAsyncApiText(exported);
            QVERIFY2(imported.flow, imported.error.c_str());
            // The doc's message headers and evflow's own markers are understood: the only
            // warnings are for node properties AsyncAPI does not describe.
            for (const ImportWarning &w : imported.warnings)
                QVERIFY2(w.message.find("required property") != std::string::npos,
                         warningList(imported).constData());
            QCOMPARE(QString::fromStdString(toAsyncApiJson(*imported.flow)),
                     QString::fromStdString(toAsyncApiJson(*loaded.flow)));
            // Channels keep their endpoints, the skeleton is laid out left to right.
            for (const Node &node : loaded.flow->nodes)
                if (catalog::role(node.kind) == NodeRole::Channel) {
                    const Node *again = imported.flow->findNode(node.id);
                    QVERIFY(again);
                    QCOMPARE(catalog::stringProperty(*again, "endpoint"),
                             catalog::stringProperty(node, "endpoint"));
                }
            QCOMPARE(imported.flow->layout.size(), imported.flow->nodes.size());
        }
    }

    void anAsyncApi26DocumentBecomesAFlowWithWarnings()
    {
        const AsyncApiImport r = importAsyncApiText(dataFile("streetlights-2.6.yaml"));
        QVERIFY2(r.flow, r.error.c_str());
        const Flow &f = *r.flow;
        QCOMPARE(f.name, std::string("Streetlights API"));
        // Two channels (ids from the topic names), a producer for `subscribe` (2.x: the
        // application sends) and a consumer for `publish`.
        const Node *measured = f.findNode({"light-measured"});
        QVERIFY(measured && measured->kind == NodeKind::PubSub);
        QCOMPARE(catalog::stringProperty(*measured, "endpoint"),
                 std::string("inproc://light-measured"));
        const Node *producer = f.findNode({"publishLightMeasurement"});
        QVERIFY(producer && producer->kind == NodeKind::Generator);
        QCOMPARE(catalog::stringListProperty(*producer, "eventTypes"),
                 StringList{"light.measured"});
        const Node *consumer = f.findNode({"turnOn"});
        QVERIFY(consumer && consumer->kind == NodeKind::Counter);
        QCOMPARE(f.links.size(), std::size_t(2));
        QCOMPARE(f.links[0].from.node.value, std::string("publishLightMeasurement"));
        QCOMPARE(f.links[0].to.node.value, std::string("light-measured"));
        QCOMPARE(f.links[1].from.node.value, std::string("light-turn-on"));
        // Event types from payload schemas, $refs followed.
        const EventType *type = f.findEventType("light.measured");
        QVERIFY(type);
        QCOMPARE(type->fields.size(), std::size_t(4));
        QCOMPARE(type->fields[0].type, FieldType::Int);
        QVERIFY(type->fields[0].required);
        QCOMPARE(type->fields[0].description, std::string("Id of the streetlight."));
        QCOMPARE(type->fields[1].type, FieldType::Double);
        QCOMPARE(type->fields[2].type, FieldType::String); // an object: imported as a string
        QCOMPARE(type->fields[3].type, FieldType::Timestamp);
        const EventType *command = f.findEventType(
            "turn-on-off"); // the message name "turnOnOff", made an event type name
        QVERIFY(command);
        QCOMPARE(command->fields[0].type, FieldType::Enum);
        QCOMPARE(command->fields[0].values, (std::vector<std::string>{"on", "off"}));
        // Nothing silently dropped.
        QVERIFY2(hasWarning(r, "/servers", "no counterpart"), warningList(r).constData());
        QVERIFY(hasWarning(r, "/info/license", "no counterpart"));
        QVERIFY(
            hasWarning(r, "/channels/light~1turn-on/publish/message", "imported as 'turn-on-off'"));
        QVERIFY(hasWarning(r, "/channels/light~1turn-on/publish/bindings", "no counterpart"));
        QVERIFY(hasWarning(r, "/channels/light~1measured", "not a ZeroMQ endpoint"));
        QVERIFY(hasWarning(r, "/components/schemas/lightMeasuredPayload/properties/location",
                           "imported as a string"));
        QVERIFY(!hasErrors(validateFlow(f)));
    }

    void anAsyncApi30DocumentKeepsZeroMqEndpointsAndListsWhatItDrops()
    {
        const AsyncApiImport r = importAsyncApiText(dataFile("shop-3.0.yaml"));
        QVERIFY2(r.flow, r.error.c_str());
        const Flow &f = *r.flow;
        const Node *orders = f.findNode({"orders"});
        QVERIFY(orders && orders->kind == NodeKind::Queue);
        QCOMPARE(catalog::stringProperty(*orders, "endpoint"), std::string("tcp://127.0.0.1:5701"));
        QCOMPARE(catalog::intProperty(*orders, "hwm"), std::int64_t(5000));
        QVERIFY(f.findNode({"placeOrder"})
                && f.findNode({"placeOrder"})->kind == NodeKind::Generator);
        QVERIFY(f.findNode({"billOrder"}) && f.findNode({"billOrder"})->kind == NodeKind::Counter);
        QVERIFY(f.findNode({"auditOrder"}));
        const EventType *placed = f.findEventType("order.placed");
        QVERIFY(placed);
        QCOMPARE(placed->fields.size(), std::size_t(4));
        QCOMPARE(placed->fields[3].type, FieldType::String); // an array
        QVERIFY2(hasWarning(r, "/operations/billOrder/security", "no counterpart"),
                 warningList(r).constData());
        QVERIFY(hasWarning(r, "/operations/billOrder/reply", "no counterpart"));
        QVERIFY(hasWarning(r, "/components/securitySchemes", "no counterpart"));
        QVERIFY(hasWarning(r, "/components/messages/orderPlaced/headers", "no counterpart"));
        QVERIFY(hasWarning(r, "/channels/audit", "not a ZeroMQ endpoint"));
        // Layers: producers, then channels, then consumers.
        QVERIFY(f.layout.at({"placeOrder"}).x < f.layout.at({"orders"}).x);
        QVERIFY(f.layout.at({"orders"}).x < f.layout.at({"billOrder"}).x);
        QVERIFY(!hasErrors(validateFlow(f)));
    }

    void unusableDocumentsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << "[1, 2]"
                                       << "/: an AsyncAPI document is an object";
        QTest::newRow("old version") << "asyncapi: 1.2.0\ninfo: {title: x}\n"
                                     << "/asyncapi: '1.2.0' is not an AsyncAPI version";
        QTest::newRow("bad yaml") << "asyncapi: 3.0.0\ninfo: [unclosed\n"
                                  << "line 3, column 1: ";
        QTest::newRow("bad json") << "{\"asyncapi\": "
                                  << "not valid JSON: ";
    }
    void unusableDocumentsAreRefusedWithAReason()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const AsyncApiImport r = importAsyncApiText(text.toStdString());
        QVERIFY(!r.flow);
        QVERIFY2(QString::fromStdString(r.error).startsWith(error), r.error.c_str());
    }

    void yamlScalarsAreTypedAsYaml12Says()
    {
        Json out;
        std::string error;
        QVERIFY(parseYaml("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: +7\ng: hello\nh: [x, 2]\n", out,
                          error));
        QCOMPARE(QString::fromStdString(out.dump()),
                 QStringLiteral(
                     R"({"a":1,"b":1.5,"c":true,"d":null,"e":"1","f":7,"g":"hello","h":["x",2]})"));
        std::string deep;
        for (int i = 0; i < 70; ++i)
            deep += std::string(i * 2, ' ') + "k:\n";
        QVERIFY(!parseYaml(deep, out, error));
        QVERIFY2(error.find("nested deeper than 64") != std::string::npos, error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestAsyncApiImport)
#include "TestAsyncApiImport.moc"
