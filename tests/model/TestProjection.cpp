#include "model/Projection.h"

#include <QtTest>

using namespace evflow::model;

namespace {

Event reading(const std::string &type, std::vector<DataField> data)
{
    Event e;
    e.id = "r";
    e.source = "/s";
    e.type = type;
    e.data = std::move(data);
    return e;
}

std::vector<Event> readings()
{
    return {reading("t", {{"k", std::string("b")}, {"v", std::int64_t{4}}}),
            reading("t", {{"k", std::string("a")}, {"v", 1.5}}),
            reading("t", {{"k", std::string("b")}, {"v", std::int64_t{-2}}}),
            reading("u", {{"k", std::string("a")}, {"v", std::int64_t{100}}}),
            reading("t", {{"v", std::int64_t{9}}}),                           // no key
            reading("t", {{"k", std::string("a")}, {"v", std::string("x")}}), // not numeric
            reading("t", {{"k", std::int64_t{7}}, {"v", std::monostate{}}}),  // null value
            reading("t", {{"k", true}, {"v", 0.25}})};
}

} // namespace

class TestProjection : public QObject
{
    Q_OBJECT

private slots:
    void aggregates_data();
    void aggregates();
    void keysAsText();
    void rebuiltEqualsLive();
    void fromNode();
};

void TestProjection::aggregates_data()
{
    QTest::addColumn<int>("aggregate");
    QTest::addColumn<FieldValue>("a");
    QTest::addColumn<FieldValue>("b");
    QTest::addColumn<quint64>("applied");
    QTest::newRow("count") << int(ProjectionAggregate::Count) << FieldValue(std::int64_t{3})
                           << FieldValue(std::int64_t{2}) << quint64(7);
    QTest::newRow("sum") << int(ProjectionAggregate::Sum) << FieldValue(101.5) << FieldValue(2.0)
                         << quint64(5);
    QTest::newRow("min") << int(ProjectionAggregate::Min) << FieldValue(1.5) << FieldValue(-2.0)
                         << quint64(5);
    QTest::newRow("max") << int(ProjectionAggregate::Max) << FieldValue(100.0) << FieldValue(4.0)
                         << quint64(5);
    QTest::newRow("last") << int(ProjectionAggregate::Last) << FieldValue(std::string("x"))
                          << FieldValue(std::int64_t{-2}) << quint64(6);
}

void TestProjection::aggregates()
{
    QFETCH(int, aggregate);
    QFETCH(FieldValue, a);
    QFETCH(FieldValue, b);
    QFETCH(quint64, applied);
    Projection p("k", static_cast<ProjectionAggregate>(aggregate), "v");
    for (const Event &e : readings())
        p.apply(e);
    QCOMPARE(p.row("a")->value, a);
    QCOMPARE(p.row("b")->value, b);
    QCOMPARE(p.row("b")->count, std::uint64_t(2));
    QCOMPARE(p.applied(), std::uint64_t(applied));
    QCOMPARE(p.skipped(ProjectionResult::MissingKey), std::uint64_t(1));
    std::uint64_t rowCounts = 0;
    for (const ProjectionRow &row : p.rows())
        rowCounts += row.count;
    QCOMPARE(rowCounts, p.applied()); // processed == sum of counts (filtered otherwise)
}

void TestProjection::keysAsText()
{
    Projection p("k", ProjectionAggregate::Count, "", {"t"});
    for (const Event &e : readings())
        p.apply(e);
    QCOMPARE(p.skipped(ProjectionResult::OtherType), std::uint64_t(1));
    const std::vector<ProjectionRow> rows = p.rows();
    QCOMPARE(rows.size(), std::size_t(4));
    QCOMPARE(rows[0], (ProjectionRow{"7", std::int64_t{1}, 1}));
    QCOMPARE(rows[1], (ProjectionRow{"a", std::int64_t{2}, 2}));
    QCOMPARE(rows[2], (ProjectionRow{"b", std::int64_t{2}, 2}));
    QCOMPARE(rows[3], (ProjectionRow{"true", std::int64_t{1}, 1}));
    std::string text;
    fieldValueText(FieldValue(0.1), text);
    QCOMPARE(text, std::string("0.1"));
}

void TestProjection::rebuiltEqualsLive()
{
    Projection live("k", ProjectionAggregate::Sum, "v");
    std::vector<Event> store;
    for (const Event &e : readings())
        if (live.apply(e) == ProjectionResult::Applied)
            store.push_back(e);
    Projection rebuilt("k", ProjectionAggregate::Sum, "v");
    for (const Event &e : store)
        rebuilt.apply(e);
    QVERIFY(rebuilt == live);
    rebuilt.apply(store.front());
    QVERIFY(!(rebuilt == live));
    QVERIFY(!(Projection("k", ProjectionAggregate::Max, "v")
              == Projection("k", ProjectionAggregate::Sum, "v")));
}

void TestProjection::fromNode()
{
    Node n;
    n.kind = NodeKind::Projection;
    n.properties["groupBy"] = std::string("k");
    n.properties["aggregate"] = std::string("max");
    n.properties["field"] = std::string("v");
    QVERIFY(Projection::fromNode(n) == Projection("k", ProjectionAggregate::Max, "v"));
    QCOMPARE(parseProjectionAggregate("last"), ProjectionAggregate::Last);
    QCOMPARE(std::string(projectionAggregateName(ProjectionAggregate::Min)), std::string("min"));
}

QTEST_APPLESS_MAIN(TestProjection)
#include "TestProjection.moc"
