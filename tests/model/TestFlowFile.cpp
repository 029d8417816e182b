// The flow file format: loader, canonical writer, error positions, migration, schema.
#include "model/FlowFile.h"
#include "model/NodeCatalog.h"
#include "support/FlowFileSupport.h"

#include <QtTest>

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

using namespace evflow::model;

namespace {

using evflow::test::dataFile;
using evflow::test::describe;
using evflow::test::readText;

/// A flow that uses every section and every property alternative, built in memory.
Flow richFlow()
{
    Flow flow;
    flow.name = "in memory — ünïcode ✓";
    flow.description = "line 1\nline 2";
    flow.hosts = {{"edge", "192.168.1.2"}, {"core", "10.0.0.1"}};
    EventType placed{"order.placed", 3, "placed", {}, nlohmann::json::object()};
    placed.fields.push_back(
        {"amount", FieldType::Double, true, {}, "EUR", nlohmann::json::object()});
    placed.fields.push_back({"tier", FieldType::Enum, false, {"gold", "silver"}, "", {}});
    placed.fields.back().extra = nlohmann::json::object();
    flow.eventTypes.push_back(placed);
    Node gen{NodeId{"gen"}, NodeKind::Generator, "Generator ①", "edge", {}, FaultInjection{}, {}};
    gen.properties = {{"rate", 0.1},
                      {"count", std::int64_t{-7}},
                      {"source", std::string("evflow:/x")},
                      {"eventTypes", StringList{"order.placed"}},
                      {"fields", StringMap{{"amount", "normal(10,1e-7)"}}},
                      {"loop", true}};
    gen.faults->duplicate = 1e-7;
    gen.faults->seed = std::numeric_limits<std::uint64_t>::max();
    Node sink{NodeId{"sink"}, NodeKind::Counter, "", "", {}, {}, DeliverySettings{}};
    sink.delivery->latePolicy = LatePolicy::Drop;
    sink.extra["future"] = nlohmann::json::array({1, "two"});
    flow.nodes = {gen, sink};
    flow.links.push_back({{NodeId{"gen"}, "out"}, {NodeId{"sink"}, "in"}, {"order."}, {}});
    flow.links.back().extra = nlohmann::json::object();
    flow.layout[NodeId{"sink"}] = {-3.25, 1e-7};
    flow.layout[NodeId{"gen"}] = {0.1, 100};
    flow.extra["zz"] = "kept";
    return flow;
}

} // namespace

class TestFlowFile : public QObject
{
    Q_OBJECT

private slots:
    void richFileRoundTripsByteForByte();
    void propertyAlternatives();
    void inMemoryFlowRoundTrips();
    void emptyAndMinimalFlowsAreCanonical();
    void nonCanonicalTextBecomesStable();
    void unknownKeysAreKeptAndReported();
    void migratesVersion1();
    void version1ProblemsPointIntoTheOriginalText();
    void schemaMatchesCatalog();
};

void TestFlowFile::richFileRoundTripsByteForByte()
{
    const std::string text = readText(dataFile("rich.json"));
    QVERIFY(!text.empty());
    const LoadResult result = parseFlow(text);
    QCOMPARE(describe(result.problems), QStringList());
    QVERIFY(result.flow);
    QCOMPARE(result.sourceVersion, 2);
    QCOMPARE(serializeFlow(*result.flow), text);
    const Flow &flow = *result.flow;
    QCOMPARE(flow.name, std::string("order pipeline — Zürich 🚀"));
    QCOMPARE(flow.eventTypes.at(0).fields.at(1).values.at(2), std::string("日本"));
    QCOMPARE(flow.eventTypes.at(0).fields.at(0).required, true);
    QCOMPARE(flow.nodes.at(0).faults->reorder, 1e-7);
    QCOMPARE(flow.nodes.at(0).faults->seed, std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(flow.nodes.at(2).delivery->latePolicy, LatePolicy::Divert);
    QCOMPARE(flow.links.at(1).from, (PortRef{NodeId{"bus"}, "out"}));
    QCOMPARE(flow.layout.at(NodeId{"alerts"}), (Position{400, -12.5}));
}

void TestFlowFile::propertyAlternatives()
{
    const LoadResult result = parseFlow(readText(dataFile("rich.json")));
    QVERIFY(result.flow);
    const auto &gen = result.flow->nodes.at(0).properties;
    QCOMPARE(gen.at("burstSize"), PropertyValue(std::int64_t{3}));
    QCOMPARE(gen.at("seed"), PropertyValue(std::int64_t{-42}));
    QCOMPARE(gen.at("rate"), PropertyValue(0.1));
    QCOMPARE(gen.at("source"), PropertyValue(std::string("evflow:/shop/orders")));
    QCOMPARE(gen.at("eventTypes"), PropertyValue(StringList{"order.placed"}));
    QCOMPARE(gen.at("fields"), PropertyValue(StringMap{{"amount", "uniform(0.1,1e-7)"},
                                                       {"region", "choice(EU,US)"}}));
    const auto &bus = result.flow->nodes.at(1).properties;
    QCOMPARE(bus.at("curve"), PropertyValue(false));
    QCOMPARE(bus.at("clientKeys"), PropertyValue(StringList{}));
    QCOMPARE(result.flow->nodes.at(4).properties.at("set"), PropertyValue(StringMap{}));
    // JSON cannot tell 100 from 100.0: an integer for a Double property becomes a double (and is
    // written back as 100.0); for an Int property it stays an integer; a string stays a string.
    const LoadResult widened = parseFlow(R"({"formatVersion": 2, "nodes": [{"id": "g",
        "kind": "generator", "properties": {"rate": 100, "count": 100, "burstSize": "2"}}]})");
    QVERIFY(widened.flow);
    const auto &p = widened.flow->nodes.at(0).properties;
    QCOMPARE(p.at("rate"), PropertyValue(100.0));
    QCOMPARE(p.at("count"), PropertyValue(std::int64_t{100}));
    QCOMPARE(p.at("burstSize"), PropertyValue(std::string("2")));
    QVERIFY(serializeFlow(*widened.flow).find("\"rate\": 100.0") != std::string::npos);
}

void TestFlowFile::inMemoryFlowRoundTrips()
{
    const Flow flow = richFlow();
    const std::string text = serializeFlow(flow);
    const LoadResult result = parseFlow(text);
    // The kept extras are reported again, as they would be for any file holding them.
    QCOMPARE(describe(result.problems),
             QStringList({"70:17: error: unknown key 'future' in node 'sink' (kept) (at "
                          "/nodes/1/future)",
                          "95:9: error: unknown key 'zz' in the flow (kept) (at /zz)"}));
    QVERIFY(result.flow);
    QVERIFY(*result.flow == flow);
    QCOMPARE(serializeFlow(*result.flow), text);
    QVERIFY(text.ends_with("}\n"));
    QVERIFY(text.find("\"y\": 100.0") != std::string::npos);
    QVERIFY(text.find("\"x\": 0.1") != std::string::npos);
    QVERIFY(text.find("\"duplicate\": 1e-07") != std::string::npos);
}

void TestFlowFile::emptyAndMinimalFlowsAreCanonical()
{
    QCOMPARE(serializeFlow(Flow{}), std::string("{\n  \"formatVersion\": 2,\n  \"name\": \"\",\n"
                                                "  \"eventTypes\": [],\n  \"nodes\": [],\n"
                                                "  \"links\": [],\n  \"layout\": {}\n}\n"));
    Flow flow;
    flow.nodes.push_back(Node{NodeId{"c"}, NodeKind::Counter, "", "", {}, {}, {}, {}});
    flow.layout[NodeId{"c"}] = {std::numeric_limits<double>::quiet_NaN(), 2};
    const std::string text = serializeFlow(flow);
    QVERIFY(text.find("{\n      \"id\": \"c\",\n      \"kind\": \"counter\"\n    }")
            != std::string::npos);
    // JSON has no NaN: it is saved as 0.0 so that the file stays loadable.
    QVERIFY(text.find("\"x\": 0.0") != std::string::npos);
    QVERIFY(parseFlow(text).flow);
}

void TestFlowFile::nonCanonicalTextBecomesStable()
{
    const std::string messy = R"({"nodes":[{"kind":"counter","id":"c","zz":{"b":1,"a":[true]}}],)"
                              R"("formatVersion":2,"layout":{"c":{"y":1,"x":-0.5}},"name":"m"})";
    const LoadResult first = parseFlow(messy);
    QVERIFY(first.flow);
    const std::string canonical = serializeFlow(*first.flow);
    QCOMPARE(canonical, std::string(R"({
  "formatVersion": 2,
  "name": "m",
  "eventTypes": [],
  "nodes": [
    {
      "id": "c",
      "kind": "counter",
      "zz": {
        "a": [
          true
        ],
        "b": 1
      }
    }
  ],
  "links": [],
  "layout": {
    "c": {
      "x": -0.5,
      "y": 1.0
    }
  }
}
)"));
    const LoadResult second = parseFlow(canonical);
    QVERIFY(second.flow);
    QCOMPARE(serializeFlow(*second.flow), canonical);
}

void TestFlowFile::unknownKeysAreKeptAndReported()
{
    const std::string text = readText(dataFile("unknown-keys.json"));
    const LoadResult result = parseFlow(text);
    QVERIFY(result.flow);
    const QStringList expected = {
        "12:19: error: unknown key 'unit' in field 'n' of event type 'tick' (kept) (at "
        "/eventTypes/0/fields/0/unit)",
        "15:16: error: unknown key 'owner' in event type 'tick' (kept) (at /eventTypes/0/owner)",
        "29:19: error: unknown key 'jitter' in faults of node 'gen' (kept) (at "
        "/nodes/0/faults/jitter)",
        "31:16: error: unknown key 'color' in node 'gen' (kept) (at /nodes/0/color)",
        "32:15: error: unknown key 'tags' in node 'gen' (kept) (at /nodes/0/tags)",
        "49:17: error: unknown key 'mode' in delivery of node 'c' (kept) (at "
        "/nodes/1/delivery/mode)",
        "57:17: error: unknown key 'weight' in link 'gen.out -> c.in' (kept) (at /links/0/weight)",
        "64:20: error: unknown key 'collapsed' in layout of node 'gen' (kept) (at "
        "/layout/gen/collapsed)",
        "67:12: error: unknown key 'a~b/c' in the flow (kept) (at /a~0b~1c)",
        "68:11: error: unknown key 'zeta' in the flow (kept) (at /zeta)"};
    QCOMPARE(describe(result.problems), expected);
    QCOMPARE(result.problems.at(3).node, NodeId{"gen"});
    const Flow &flow = *result.flow;
    QCOMPARE(flow.extra.at("zeta").at("b"), nlohmann::json(2));
    QCOMPARE(flow.extra.at("a~b/c"), nlohmann::json(1));
    QCOMPARE(flow.eventTypes.at(0).extra.at("owner"), nlohmann::json("team-a"));
    QCOMPARE(flow.eventTypes.at(0).fields.at(0).extra.at("unit"), nlohmann::json("count"));
    QCOMPARE(flow.nodes.at(0).extra.at("tags").at(1).at("nested"), nlohmann::json());
    QCOMPARE(flow.nodes.at(0).faults->extra.at("jitter"), nlohmann::json(0.5));
    QCOMPARE(flow.nodes.at(1).delivery->extra.at("mode"), nlohmann::json("strict"));
    QCOMPARE(flow.links.at(0).extra.at("weight"), nlohmann::json(3));
    QCOMPARE(flow.layoutExtra.at(NodeId{"gen"}).at("collapsed"), nlohmann::json(true));
    // Nothing is lost: the text written back is the text read.
    QCOMPARE(serializeFlow(flow), text);
}

void TestFlowFile::migratesVersion1()
{
    const LoadResult result = parseFlow(readText(dataFile("v1-draft.json")));
    QCOMPARE(describe(result.problems), QStringList());
    QVERIFY(result.flow);
    QCOMPARE(result.sourceVersion, 1);
    const std::string migrated = readText(dataFile("v1-draft.migrated.json"));
    QCOMPARE(serializeFlow(*result.flow), migrated);
    const LoadResult again = parseFlow(migrated);
    QCOMPARE(again.sourceVersion, 2);
    QVERIFY(again.flow && *again.flow == *result.flow);
    QCOMPARE(result.flow->layout.at(NodeId{"bus"}), (Position{200.5, 20}));
    QVERIFY(!result.flow->layout.contains(NodeId{"log"}));
    QCOMPARE(result.flow->links.at(1).to, (PortRef{NodeId{"log"}, "in"}));
}

void TestFlowFile::version1ProblemsPointIntoTheOriginalText()
{
    // Problems are found after migration, in v2 terms; their pointers still resolve to the
    // places in the v1 text the values came from.
    const std::string text
        = "{\"formatVersion\": 1, \"nodes\": [\n"
          "  {\"id\": \"g\", \"kind\": \"counter\", \"position\": {\"x\": \"?\", "
          "\"y\": 0}}],\n"
          "  \"links\": [{\"source\": \"g\", \"target\": \"h.in\"}]}";
    const LoadResult result = parseFlow(text);
    QVERIFY(!result.flow);
    QCOMPARE(result.sourceVersion, 1);
    QCOMPARE(describe(result.problems),
             QStringList({"3:24: error: invalid port reference 'g' in 'from' of links[0]; "
                          "expected \"node.port\" (at /links/0/from)",
                          "2:52: error: 'x' in layout of node 'g' must be a number (found "
                          "string) (at /layout/g/x)"}));
}

void TestFlowFile::schemaMatchesCatalog()
{
    const std::string text
        = readText(std::string(EVFLOW_SOURCE_DIR) + "/resources/flow.schema.json");
    QVERIFY(nlohmann::json::accept(text));
    const auto schema = nlohmann::json::parse(text);
    QCOMPARE(schema.at("$schema"), nlohmann::json("https://json-schema.org/draft/2020-12/schema"));
    QCOMPARE(schema.at("properties").at("formatVersion").at("const"),
             nlohmann::json(kFlowFormatVersion));
    const auto &defs = schema.at("$defs");
    std::vector<std::string> kinds;
    for (const auto &spec : catalog::kinds()) {
        kinds.push_back(spec.name);
        // Per-kind properties: the same names, and the same required ones, as the catalogue.
        const auto &props = defs.at("properties-" + spec.name);
        std::set<std::string> names, required, schemaRequired;
        for (const auto &p : spec.properties) {
            names.insert(p.name);
            if (p.required)
                required.insert(p.name);
        }
        std::set<std::string> schemaNames;
        for (const auto &[name, value] : props.at("properties").items())
            schemaNames.insert(name);
        for (const auto &name : props.value("required", nlohmann::json::array()))
            schemaRequired.insert(name.get<std::string>());
        QCOMPARE(schemaNames, names);
        QCOMPARE(schemaRequired, required);
    }
    QCOMPARE(defs.at("node").at("properties").at("kind").at("enum").get<std::vector<std::string>>(),
             kinds);
    QCOMPARE(defs.at("node").at("allOf").size(), kinds.size());
}

QTEST_APPLESS_MAIN(TestFlowFile)
#include "TestFlowFile.moc"
