#include "model/NodeCatalog.h"

#include <QtTest>

#include <set>

using namespace evflow::model;

class TestNodeCatalog : public QObject
{
    Q_OBJECT

private slots:
    void everyKindHasAnEntry();
    void namesAreUniqueAndFindable();
    void defaultsMatchTypesAndRanges();
    void portsDependOnProperties();
    void faultsAndDeliveryByRole();
};

void TestNodeCatalog::everyKindHasAnEntry()
{
    // NodeKind has no "count" enumerator; Router is the last one.
    for (int k = 0; k <= int(NodeKind::Router); ++k) {
        const auto kind = NodeKind(k);
        QCOMPARE(int(catalog::spec(kind).kind), k);
    }
    QCOMPARE(int(catalog::kinds().size()), int(NodeKind::Router) + 1);
}

void TestNodeCatalog::namesAreUniqueAndFindable()
{
    std::set<std::string> names;
    for (const NodeKindSpec &spec : catalog::kinds()) {
        QVERIFY2(names.insert(spec.name).second, spec.name.c_str());
        QCOMPARE(catalog::findKind(spec.name), &spec);
        QVERIFY(!spec.title.empty());
        std::set<std::string> properties;
        for (const PropertySpec &p : spec.properties)
            QVERIFY2(properties.insert(p.name).second, (spec.name + "." + p.name).c_str());
    }
    QCOMPARE(catalog::findKind("no-such-kind"), nullptr);
    QCOMPARE(std::string(catalog::kindName(NodeKind::EventStore)), std::string("event-store"));
}

static bool defaultFits(const PropertySpec &p)
{
    const PropertyValue &v = p.defaultValue;
    switch (p.type) {
    case PropertyType::Bool: return std::holds_alternative<bool>(v);
    case PropertyType::Int: return std::holds_alternative<std::int64_t>(v);
    case PropertyType::Double: return std::holds_alternative<double>(v);
    case PropertyType::EventTypeList:
    case PropertyType::List: return std::holds_alternative<StringList>(v);
    case PropertyType::Map: return std::holds_alternative<StringMap>(v);
    default: return std::holds_alternative<std::string>(v);
    }
}

void TestNodeCatalog::defaultsMatchTypesAndRanges()
{
    for (const NodeKindSpec &spec : catalog::kinds()) {
        for (const PropertySpec &p : spec.properties) {
            const std::string where = spec.name + "." + p.name;
            QVERIFY2(defaultFits(p), where.c_str());
            if (p.type == PropertyType::Int || p.type == PropertyType::Double) {
                const double v = p.type == PropertyType::Int
                                     ? double(std::get<std::int64_t>(p.defaultValue))
                                     : std::get<double>(p.defaultValue);
                QVERIFY2(!p.min || v >= *p.min, where.c_str());
                QVERIFY2(!p.max || v <= *p.max, where.c_str());
            } else {
                QVERIFY2(!p.min && !p.max, where.c_str());
            }
            if (p.type == PropertyType::Enum) {
                QVERIFY2(!p.choices.empty(), where.c_str());
                const auto &def = std::get<std::string>(p.defaultValue);
                QVERIFY2(std::find(p.choices.begin(), p.choices.end(), def) != p.choices.end(),
                         where.c_str());
            } else {
                QVERIFY2(p.choices.empty(), where.c_str());
            }
            QVERIFY2(!p.help.empty(), where.c_str());
        }
    }
}

static std::vector<std::string> portNames(const Node &node)
{
    std::vector<std::string> names;
    for (const PortSpec &p : catalog::ports(node))
        names.push_back(p.name);
    return names;
}

void TestNodeCatalog::portsDependOnProperties()
{
    Node router{{"r"}, NodeKind::Router, {}, {}, {}, {}, {}, {}};
    QCOMPARE(portNames(router), (std::vector<std::string>{"in", "default"}));
    router.properties["routes"] = StringMap{{"eu", "EU"}, {"us", "US"}};
    QCOMPARE(portNames(router), (std::vector<std::string>{"in", "eu", "us", "default"}));

    Node log{{"l"}, NodeKind::Log, {}, {}, {}, {}, {}, {}};
    QCOMPARE(portNames(log), (std::vector<std::string>{"in"}));
    DeliverySettings divert;
    divert.latePolicy = LatePolicy::Divert;
    log.delivery = divert;
    QCOMPARE(portNames(log), (std::vector<std::string>{"in", "late"}));
    QVERIFY(catalog::findPort(log, "late")->required);
    QCOMPARE(catalog::findPort(log, "late")->direction, PortDirection::Out);

    const Node gen{{"g"}, NodeKind::Generator, {}, {}, {}, {}, {}, {}};
    QCOMPARE(portNames(gen), (std::vector<std::string>{"out"}));
    QVERIFY(!catalog::findPort(gen, "in"));
}

void TestNodeCatalog::faultsAndDeliveryByRole()
{
    QVERIFY(catalog::acceptsFaults(NodeKind::Generator));
    QVERIFY(catalog::acceptsFaults(NodeKind::Broker));
    QVERIFY(!catalog::acceptsFaults(NodeKind::Counter));
    QVERIFY(catalog::acceptsDelivery(NodeKind::Filter));
    QVERIFY(catalog::acceptsDelivery(NodeKind::Log));
    QVERIFY(!catalog::acceptsDelivery(NodeKind::Queue));
}

QTEST_APPLESS_MAIN(TestNodeCatalog)
#include "TestNodeCatalog.moc"
