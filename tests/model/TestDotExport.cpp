// toDot: what `evflow export dot` writes (Graphviz itself checks the syntax in TestCli).

#include "model/DotExport.h"

#include "support/SampleFlows.h"

#include <QtTest>

using namespace evflow::model;
using namespace evflow::model::testing;

class TestDotExport : public QObject
{
    Q_OBJECT
private slots:
    void nodesAreShapedByRoleAndChannelsNamePatternAndEndpoint()
    {
        const std::string dot = toDot(richFlow());
        QVERIFY(dot.rfind("digraph \"rich\" {\n  rankdir=LR;\n", 0) == 0);
        QVERIFY(dot.find("\"orders\" [label=\"orders\\ngenerator\", shape=box, "
                         "style=\"rounded,filled\", fillcolor=\"#2E7D32\"];")
                != std::string::npos);
        QVERIFY(dot.find("\"bus\" [label=\"bus\\npubsub\\nPUB/SUB\\ninproc://orders\", "
                         "shape=cylinder")
                != std::string::npos);
        QVERIFY(dot.find("\"eubus\" [label=\"eubus\\nbroker\\nXSUB/XPUB broker\\n"
                         "inproc://eu-in → inproc://eu-out\"")
                != std::string::npos);
        QVERIFY(dot.find("\"alert\" [label=\"alert\\nthreshold-alert\", shape=hexagon")
                != std::string::npos);
        QVERIFY(dot.find("\"billing\" [label=\"billing\\nevent-store\", shape=box, "
                         "style=\"filled\", fillcolor=\"#EF6C00\"]")
                != std::string::npos);
    }
    void edgesCarryTypesPortsAndFilters()
    {
        const std::string dot = toDot(richFlow());
        QVERIFY(dot.find("  \"orders\" -> \"bus\" [label=\"order.placed\"];\n")
                != std::string::npos);
        QVERIFY(dot.find("  \"bus\" -> \"billing\" [label=\"order.placed\", style=dashed];\n")
                != std::string::npos);
        QVERIFY(dot.find("  \"regions\" -> \"eubus\" [label=\"order.placed\", taillabel=\"eu\"];")
                != std::string::npos);
        QCOMPARE(std::count(dot.begin(), dot.end(), '\n'),
                 std::ptrdiff_t(4 + richFlow().nodes.size() + richFlow().links.size() + 1));
    }
    void oddIdsAndLabelsAreQuoted()
    {
        Flow f;
        f.name = "say \"hi\"";
        Node n = node("a\\b", NodeKind::Counter);
        n.label = "two\nlines";
        f.nodes = {n};
        const std::string dot = toDot(f);
        QVERIFY(dot.find("digraph \"say \\\"hi\\\"\"") != std::string::npos);
        QVERIFY(dot.find("\"a\\\\b\" [label=\"two\\nlines\\ncounter\"") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestDotExport)
#include "TestDotExport.moc"
