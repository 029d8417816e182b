#include "model/Emitter.h"
#include "model/EventProcessors.h"

#include <QtTest>

using namespace evflow::model;

namespace {

Event order(const std::string &type = "order.placed")
{
    Event e;
    e.id = "o1";
    e.source = "/shop";
    e.type = type;
    e.epoch = 4;
    e.sequence = 17;
    e.data = {{"qty", std::int64_t{10}},          {"price", 9.5},
              {"region", std::string("EU-west")}, {"vip", true},
              {"code", std::string("12")},        {"none", std::monostate{}}};
    return e;
}

} // namespace

class TestEventProcessors : public QObject
{
    Q_OBJECT

private slots:
    void filter_data();
    void filter();
    void filterTypePrefixes();
    void map();
    void typedValues();
    void routeByType();
    void routeByField();
    void emitterStampsOutputs();
};

void TestEventProcessors::filter_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("passes");
    QTest::newRow("no condition") << ""
                                  << "eq"
                                  << "" << true;
    QTest::newRow("int eq numeric") << "qty"
                                    << "eq"
                                    << "10.0" << true;
    QTest::newRow("int gt numeric, not text") << "qty"
                                              << "gt"
                                              << "9" << true;
    QTest::newRow("double lt") << "price"
                               << "lt"
                               << "9.5" << false;
    QTest::newRow("double le") << "price"
                               << "le"
                               << "9.5" << true;
    QTest::newRow("string as number") << "code"
                                      << "ge"
                                      << "9" << true;
    QTest::newRow("string text compare") << "region"
                                         << "lt"
                                         << "US" << true;
    QTest::newRow("ne") << "region"
                        << "ne"
                        << "EU" << true;
    QTest::newRow("prefix") << "region"
                            << "prefix"
                            << "EU-" << true;
    QTest::newRow("prefix no") << "region"
                               << "prefix"
                               << "US" << false;
    QTest::newRow("bool eq") << "vip"
                             << "eq"
                             << "true" << true;
    QTest::newRow("exists") << "qty"
                            << "exists"
                            << "" << true;
    QTest::newRow("null does not exist") << "none"
                                         << "exists"
                                         << "" << false;
    QTest::newRow("missing fails ne") << "absent"
                                      << "ne"
                                      << "x" << false;
}

void TestEventProcessors::filter()
{
    QFETCH(QString, field);
    QFETCH(QString, op);
    QFETCH(QString, value);
    QFETCH(bool, passes);
    EventFilter f({}, field.toStdString(), parseFilterOp(op.toStdString()), value.toStdString());
    QCOMPARE(f.passes(order()), passes);
}

void TestEventProcessors::filterTypePrefixes()
{
    EventFilter f({"payment.", "order.shipped"}, "", FilterOp::Eq, "");
    QVERIFY(!f.passes(order()));
    QVERIFY(f.passes(order("order.shipped")));
    QVERIFY(f.passes(order("payment.received")));
    Node n;
    n.kind = NodeKind::Filter;
    n.properties["field"] = std::string("qty");
    n.properties["op"] = std::string("lt");
    n.properties["value"] = std::string("5");
    QVERIFY(!EventFilter::fromNode(n).passes(order()));
    QCOMPARE(std::string(filterOpName(FilterOp::Prefix)), std::string("prefix"));
}

void TestEventProcessors::map()
{
    EventMap m({{"qty", "3"}, {"note", "hello"}}, {{"price", "cost"}, {"vip", "qty"}},
               {"code", "absent"});
    Event e = order();
    m.apply(e);
    // rename price -> cost; vip -> qty replaces the old qty; drop code; then set qty and note.
    QCOMPARE(e.data, (std::vector<DataField>{{"cost", 9.5},
                                             {"region", std::string("EU-west")},
                                             {"qty", std::int64_t{3}},
                                             {"none", std::monostate{}},
                                             {"note", std::string("hello")}}));
}

void TestEventProcessors::typedValues()
{
    QCOMPARE(EventMap::typedValue("42"), FieldValue(std::int64_t{42}));
    QCOMPARE(EventMap::typedValue("-4.5"), FieldValue(-4.5));
    QCOMPARE(EventMap::typedValue("1e3"), FieldValue(1000.0));
    QCOMPARE(EventMap::typedValue("false"), FieldValue(false));
    QCOMPARE(EventMap::typedValue("EU"), FieldValue(std::string("EU")));
    QCOMPARE(EventMap::typedValue(""), FieldValue(std::string()));
}

void TestEventProcessors::routeByType()
{
    EventRouter r({{"orders", "order."}, {"placed", "order.placed"}, {"all", ""}}, false, "");
    QCOMPARE(r.route(order()), std::string("placed")); // longest prefix wins
    QCOMPARE(r.route(order("order.shipped")), std::string("orders"));
    QCOMPARE(r.route(order("payment.x")), std::string("all"));
    EventRouter narrow({{"orders", "order."}}, false, "");
    QCOMPARE(narrow.route(order("payment.x")), std::string("default"));
}

void TestEventProcessors::routeByField()
{
    Node n;
    n.kind = NodeKind::Router;
    n.properties["by"] = std::string("field");
    n.properties["field"] = std::string("qty");
    n.properties["routes"] = StringMap{{"ten", "10"}, {"one", "1"}};
    EventRouter r = EventRouter::fromNode(n);
    QCOMPARE(r.route(order()), std::string("ten"));
    Event other = order();
    other.setField("qty", std::int64_t{2});
    QCOMPARE(r.route(other), std::string("default"));
    other.data.clear();
    QCOMPARE(r.route(other), std::string("default"));
}

void TestEventProcessors::emitterStampsOutputs()
{
    Emitter emitter("my flow", NodeId{"route"}, 9);
    Event a = order();
    emitter.stamp(a, "out", a); // in place: the input had no correlation id
    QCOMPARE(a.id, std::string("o1"));
    QCOMPARE(a.source, std::string("evflow:/my-flow/route"));
    QCOMPARE(a.epoch, std::uint32_t(9));
    QCOMPARE(a.sequence, std::uint64_t(0));
    QCOMPARE(a.causationid, std::string("o1"));
    QCOMPARE(a.correlationid, std::string("o1"));
    Event cause = order("payment.received");
    cause.correlationid = "corr";
    Event b = cause;
    emitter.stamp(b, "eu", cause);
    QCOMPARE(b.source, std::string("evflow:/my-flow/route/eu"));
    QCOMPARE(b.correlationid, std::string("corr"));
    QCOMPARE(b.sequence, std::uint64_t(0));
    Event c = order();
    emitter.stamp(c, "out", order());
    QCOMPARE(c.sequence, std::uint64_t(1)); // order.placed on "out": second one
    emitter.stampNew(c, "out", order());
    QCOMPARE(c.id, std::string("route-9-0"));
    QCOMPARE(c.sequence, std::uint64_t(2));
    QCOMPARE(emitter.sent("out", "order.placed"), std::uint64_t(3));
    QCOMPARE(emitter.sent("eu", "order.placed"), std::uint64_t(0));
    QCOMPARE(nodeSource("a b", NodeId{"n"}, "late"), std::string("evflow:/a-b/n/late"));
}

QTEST_APPLESS_MAIN(TestEventProcessors)
#include "TestEventProcessors.moc"
