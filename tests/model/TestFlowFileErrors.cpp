// The flow file loader's error paths: exact messages and exact FILE:LINE:COLUMN positions.
#include "model/FlowFile.h"
#include "support/FlowFileSupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

using namespace evflow::model;

using evflow::test::dataFile;
using evflow::test::describe;
using evflow::test::readText;

class TestFlowFileErrors : public QObject
{
    Q_OBJECT

private slots:
    void hardErrors_data();
    void hardErrors();
    void depth64IsAccepted();
    void manyProblemsInOnePass();
    void loadFlowFileErrors();
    void formatProblem_data();
    void formatProblem();
};

void TestFlowFileErrors::hardErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // "LINE:COLUMN: error: MESSAGE (at POINTER)"
    const QByteArray v2 = R"({"formatVersion": 2, )";
    QTest::newRow("garbage") << QByteArray("hello")
                             << "1:1: error: syntax error: expected a value, found 'h' (at /)";
    QTest::newRow("empty") << QByteArray("")
                           << "1:1: error: syntax error: unexpected end of input; expected a "
                              "value (at /)";
    QTest::newRow("truncated") << QByteArray("{\n  \"formatVersion\": 2,\n  \"name\": \"x\"")
                               << "3:14: error: syntax error: expected ',' or '}', found end of "
                                  "input (at /)";
    QTest::newRow("truncated string") << QByteArray(R"({"name": "abc)")
                                      << "1:14: error: syntax error: unexpected end of input in "
                                         "a string (at /name)";
    QTest::newRow("trailing comma object")
        << QByteArray("{\n  \"formatVersion\": 2,\n}")
        << "3:1: error: syntax error: trailing comma before '}' (at /)";
    QTest::newRow("trailing comma array")
        << v2 + "\"links\": [{},\n]}"
        << "2:1: error: syntax error: trailing comma before ']' (at /links)";
    QTest::newRow("missing colon") << QByteArray(R"({"formatVersion" 2})")
                                   << "1:18: error: syntax error: expected ':' after the key, "
                                      "found '2' (at /formatVersion)";
    QTest::newRow("text after value") << QByteArray(R"({"formatVersion": 2} x)")
                                      << "1:22: error: syntax error: unexpected 'x' after the "
                                         "JSON value (at /)";
    QTest::newRow("bad literal") << v2 + R"("name": nul})"
                                 << "1:30: error: syntax error: invalid literal; expected 'null' "
                                    "(at /name)";
    QTest::newRow("raw newline in string")
        << QByteArray("{\"name\": \"a\nb\"}")
        << "1:12: error: syntax error: control character 0x0A in a string must be escaped (at "
           "/name)";
    QTest::newRow("invalid escape") << QByteArray(R"({"name": "a\qb"})")
                                    << "1:12: error: syntax error: invalid escape '\\q' (at /name)";
    QTest::newRow("invalid utf-8") << QByteArray("{\"name\": \"\xFF\"}")
                                   << "1:11: error: syntax error: invalid UTF-8 byte 0xFF in a "
                                      "string (at /name)";
    QTest::newRow("lone surrogate") << QByteArray(R"({"name": "\ud800x"})")
                                    << "1:11: error: syntax error: high surrogate in '\\u' "
                                       "escape must be followed by a '\\u' low surrogate (at "
                                       "/name)";
    QTest::newRow("number overflow") << QByteArray(R"({"formatVersion": 1e400})")
                                     << "1:19: error: number 1e400 is out of range (at "
                                        "/formatVersion)";
    QTest::newRow("not an object") << QByteArray("[]")
                                   << "1:1: error: a flow file must hold a JSON object (found "
                                      "array) (at /)";
    QTest::newRow("missing version") << QByteArray(R"({"name": "x"})")
                                     << "1:1: error: missing required key 'formatVersion' in the "
                                        "flow (at /)";
    QTest::newRow("version string") << QByteArray(R"({"formatVersion": "2"})")
                                    << "1:19: error: 'formatVersion' in the flow must be an "
                                       "integer (found string) (at /formatVersion)";
    QTest::newRow("version float") << QByteArray(R"({"formatVersion": 2.0})")
                                   << "1:19: error: 'formatVersion' in the flow must be an "
                                      "integer (found number) (at /formatVersion)";
    QTest::newRow("newer version") << QByteArray("{\n  \"formatVersion\": 3\n}")
                                   << "2:20: error: flow file format version 3 is newer than "
                                      "this evflow supports (2); upgrade evflow (at "
                                      "/formatVersion)";
    QTest::newRow("version zero") << QByteArray(R"({"formatVersion": 0})")
                                  << "1:19: error: flow file format version 0 does not exist; "
                                     "versions start at 1 (at /formatVersion)";
    QTest::newRow("nodes not array") << v2 + R"("nodes": {}})"
                                     << "1:31: error: 'nodes' in the flow must be an array "
                                        "(found object) (at /nodes)";
    QTest::newRow("id not string") << v2 + R"("nodes": [{"id": 5, "kind": "counter"}]})"
                                   << "1:39: error: 'id' in nodes[0] must be a string (found "
                                      "integer) (at /nodes/0/id)";
    QTest::newRow("missing kind") << v2 + R"("nodes": [{"id": "x"}]})"
                                  << "1:32: error: missing required key 'kind' in node 'x' (at "
                                     "/nodes/0)";
    QTest::newRow("unknown kind")
        << v2 + R"("nodes": [{"id": "x", "kind": "foo"}]})"
        << "1:52: error: unknown node kind 'foo'; known kinds: generator, replay, zmq-source, "
           "pubsub, queue, broker, counter, log, event-store, projection, threshold-alert, "
           "filter, map, router (at /nodes/0/kind)";
    QTest::newRow("bad link ref") << v2 + R"("links": [{"from": "a", "to": "b.in"}]})"
                                  << "1:41: error: invalid port reference 'a' in 'from' of "
                                     "links[0]; expected \"node.port\" (at /links/0/from)";
    QTest::newRow("missing link end") << v2 + R"("links": [{"from": "a.out"}]})"
                                      << "1:32: error: missing required key 'to' in links[0] "
                                         "(at /links/0)";
    QTest::newRow("event type without name")
        << v2 + R"("eventTypes": [{}]})"
        << "1:37: error: missing required key 'name' in eventTypes[0] (at /eventTypes/0)";
    QTest::newRow("host not string") << v2 + R"("hosts": {"a": 1}})"
                                     << "1:37: error: 'a' in hosts must be a string (found "
                                        "integer) (at /hosts/a)";
    QTest::newRow("negative seed")
        << v2 + R"("nodes": [{"id": "g", "kind": "generator", "faults": {"seed": -1}}]})"
        << "1:84: error: 'seed' in faults of node 'g' must be a non-negative integer (found "
           "negative integer) (at /nodes/0/faults/seed)";
    QTest::newRow("property out of range")
        << v2
               + R"("nodes": [{"id": "g", "kind": "generator",)"
                 R"( "properties": {"count": 9223372036854775808}}]})"
        << "1:89: error: property 'count' of node 'g' must be a boolean, number, string, array "
           "of strings or object of strings (found an integer out of range) (at "
           "/nodes/0/properties/count)";
    QTest::newRow("nested property")
        << v2 + R"("nodes": [{"id": "g", "kind": "map", "properties": {"set": {"a": {}}}}]})"
        << "1:87: error: property 'set' of node 'g' may hold only strings (found object) (at "
           "/nodes/0/properties/set/a)";
    QTest::newRow("duplicate key")
        << QByteArray("{\n  \"formatVersion\": 2,\n"
                      "  \"nodes\": [{\"id\": \"a\", \"kind\": \"counter\", \"id\": \"b\"}]\n}")
        << "3:44: error: duplicate key 'id' (at /nodes/0/id)";
    QTest::newRow("duplicate version") << QByteArray(R"({"formatVersion": 2, "formatVersion": 2})")
                                       << "1:22: error: duplicate key 'formatVersion' (at "
                                          "/formatVersion)";
    // An object plus 64 arrays is 65 levels: refused at the 64th '['.
    QTest::newRow("depth 65") << QByteArray(R"({"formatVersion":2,"x":)") + QByteArray(64, '[')
                                     + QByteArray(64, ']') + "}"
                              << "1:87: error: nesting depth exceeds the limit of 64 (at /x"
                                     + QString("/0").repeated(63) + ")";
}

void TestFlowFileErrors::hardErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const LoadResult result = parseFlow(text.toStdString());
    QVERIFY(!result.flow);
    QCOMPARE(describe(result.problems), QStringList{expected});
}

void TestFlowFileErrors::depth64IsAccepted()
{
    const std::string text
        = R"({"formatVersion":2,"x":)" + std::string(63, '[') + std::string(63, ']') + "}";
    const LoadResult result = parseFlow(text);
    QVERIFY(result.flow);
    QCOMPARE(describe(result.problems),
             QStringList{"1:24: error: unknown key 'x' in the flow (kept) (at /x)"});
    QCOMPARE(serializeFlow(*parseFlow(serializeFlow(*result.flow)).flow),
             serializeFlow(*result.flow));
}

void TestFlowFileErrors::manyProblemsInOnePass()
{
    const LoadResult result = parseFlow(readText(dataFile("bad-many-problems.json")));
    QVERIFY(!result.flow);
    const QStringList expected = {
        "3:11: error: 'name' in the flow must be a string (found integer) (at /name)",
        "15:18: error: missing required key 'name' in eventTypes[0] (at /eventTypes/0)",
        "15:52: error: unknown field type 'float' in field 'x' of eventTypes[0]; expected string, "
        "int, double, bool, timestamp or enum (at /eventTypes/0/fields/0/type)",
        "5:25: error: unknown node kind 'blender'; known kinds: generator, replay, zmq-source, "
        "pubsub, queue, broker, counter, log, event-store, projection, threshold-alert, filter, "
        "map, router (at /nodes/0/kind)",
        "6:5: error: missing required key 'id' in nodes[1] (at /nodes/1)",
        "6:34: error: 'label' in nodes[1] must be a string (found array) (at /nodes/1/label)",
        "7:5: error: nodes[2] must be an object (found string) (at /nodes/2)",
        "8:63: error: unknown late policy 'later' in delivery of node 'c'; expected accept, drop "
        "or divert (at /nodes/3/delivery/latePolicy)",
        "9:83: error: property 'fields' of node 'g' may hold only strings (found integer) (at "
        "/nodes/4/properties/fields/a)",
        "9:61: error: property 'rate' of node 'g' must be a boolean, number, string, array of "
        "strings or object of strings (found null) (at /nodes/4/properties/rate)",
        "12:14: error: invalid port reference 'a' in 'from' of links[0]; expected \"node.port\" "
        "(at /links/0/from)",
        "13:5: error: missing required key 'to' in links[1] (at /links/1)",
        "16:25: error: 'x' in layout of node 'a' must be a number (found string) (at "
        "/layout/a/x)"};
    QCOMPARE(describe(result.problems), expected);
    QCOMPARE(result.problems.at(3).node, NodeId{"a"});
    QCOMPARE(result.problems.at(8).node, NodeId{"g"});
}

void TestFlowFileErrors::loadFlowFileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string missing = dir.filePath("missing.json").toStdString();
    QCOMPARE(describe(loadFlowFile(missing).problems),
             QStringList{"1:1: error: cannot read file: No such file or directory (at /)"});
    QCOMPARE(describe(loadFlowFile(dir.path().toStdString()).problems),
             QStringList{"1:1: error: cannot read file: Is a directory (at /)"});

    // One byte over the limit, refused before reading; a valid file loads.
    const std::string big = dir.filePath("big.json").toStdString();
    {
        std::ofstream out(big, std::ios::binary);
        out << std::string(kMaxFlowFileBytes + 1, ' ');
    }
    const LoadResult tooLarge = loadFlowFile(big);
    QVERIFY(!tooLarge.flow);
    QCOMPARE(describe(tooLarge.problems),
             QStringList{"1:1: error: file is 16777217 bytes; the limit is 16777216 (at /)"});
    QCOMPARE(describe(parseFlow(std::string(kMaxFlowFileBytes + 1, ' ')).problems),
             QStringList{"1:1: error: flow text is 16777217 bytes; the limit is 16777216 (at /)"});
    const LoadResult ok = loadFlowFile(dataFile("rich.json"));
    QVERIFY(ok.flow);
    QCOMPARE(ok.flow->nodes.size(), std::size_t{5});
}

void TestFlowFileErrors::formatProblem_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<bool>("warning");
    QTest::addColumn<QString>("expected");
    QTest::newRow("error") << 3 << 7 << "/nodes/0/kind" << false
                           << "flow.json:3:7: error: boom (at /nodes/0/kind)";
    QTest::newRow("root") << 1 << 1 << "" << false << "flow.json:1:1: error: boom (at /)";
    QTest::newRow("warning") << 2 << 4 << "/links/1" << true
                             << "flow.json:2:4: warning: boom (at /links/1)";
    QTest::newRow("no position") << 0 << 0 << "/nodes/1" << false
                                 << "flow.json: error: boom (at /nodes/1)";
}

void TestFlowFileErrors::formatProblem()
{
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, pointer);
    QFETCH(bool, warning);
    QFETCH(QString, expected);
    Problem p;
    p.severity = warning ? Severity::Warning : Severity::Error;
    p.message = "boom";
    p.pointer = pointer.toStdString();
    p.line = line;
    p.column = column;
    QCOMPARE(QString::fromStdString(evflow::model::formatProblem("flow.json", p)), expected);
}

QTEST_APPLESS_MAIN(TestFlowFileErrors)
#include "TestFlowFileErrors.moc"
