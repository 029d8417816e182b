#include "model/Validation.h"

#include "support/ValidationCases.h"

#include <QtTest>

#include <functional>

using namespace evflow::model;
using namespace evflow::model::testing;

namespace {

std::vector<Case> eventTypeAndIdCases()
{
    const std::string idRule = "' is not valid: use letters, digits, '_' and '-', and start "
                               "with a letter or '_'";
    return {
        {"type without name",
         [](Flow &f) { f.eventTypes.push_back(eventType("")); },
         {{E, "event type #4 has no name", "/eventTypes/3/name", ""}}},
        {"type name not lowercase dotted",
         [](Flow &f) { f.eventTypes.push_back(eventType("Order.Shipped")); },
         {{E,
           "event type name 'Order.Shipped' is not valid: use lowercase words separated by "
           "dots, as in order.placed",
           "/eventTypes/3/name", ""}}},
        {"type name empty segment",
         [](Flow &f) { f.eventTypes.push_back(eventType("order..x")); },
         {{E,
           "event type name 'order..x' is not valid: use lowercase words separated by dots, as "
           "in order.placed",
           "/eventTypes/3/name", ""}}},
        {"type declared twice",
         [](Flow &f) { f.eventTypes.push_back(eventType("alert.high")); },
         {{E, "event type 'alert.high' is declared twice", "/eventTypes/3/name", ""}}},
        {"type version 0",
         [](Flow &f) { f.eventTypes[1].version = 0; },
         {{E, "event type 'alert.high' has version 0; versions start at 1", "/eventTypes/1/version",
           ""}}},
        {"field without name",
         [](Flow &f) { f.eventTypes[1].fields.push_back(field("", FieldType::Int)); },
         {{E, "event type 'alert.high': field #3 has no name", "/eventTypes/1/fields/2/name", ""}}},
        {"field declared twice",
         [](Flow &f) { f.eventTypes[1].fields.push_back(field("amount", FieldType::Int)); },
         {{E, "event type 'alert.high' declares the field 'amount' twice",
           "/eventTypes/1/fields/2/name", ""}}},
        {"enum without values",
         [](Flow &f) { f.eventTypes[1].fields.push_back(field("level", FieldType::Enum)); },
         {{E, "event type 'alert.high': enum field 'level' has no values",
           "/eventTypes/1/fields/2/values", ""}}},
        {"empty id",
         [](Flow &f) { renameEverywhere(f, "alertlog", ""); },
         {{E, "node id is empty", "/nodes/7/id", ""}}},
        {"id with dot",
         [](Flow &f) { renameEverywhere(f, "alertlog", "alert.log"); },
         {{E, "node id 'alert.log" + idRule, "/nodes/7/id", "alert.log"}}},
        {"id starting with digit",
         [](Flow &f) { renameEverywhere(f, "alertlog", "7log"); },
         {{E, "node id '7log" + idRule, "/nodes/7/id", "7log"}}},
        {"duplicate id (second is the error)",
         [](Flow &f) { renameEverywhere(f, "eucount", "alertlog"); },
         {{E, "node id 'alertlog' is already in use", "/nodes/10/id", "alertlog"}}},
    };
}

std::vector<Case> propertyCases()
{
    return {
        {"unknown property, kind has none",
         [](Flow &f) { at(f, "alertlog").properties["rate"] = 1.0; },
         {{E, "counter 'alertlog' has no property 'rate' (it has: workMicros)", "/nodes/7/properties/rate",
           "alertlog"}}},
        {"unknown property",
         [](Flow &f) { at(f, "shipping").properties["colour"] = "red"; },
         {{E, "log 'shipping' has no property 'colour' (it has: path, append)",
           "/nodes/3/properties/colour", "shipping"}}},
        {"int given a string",
         [](Flow &f) { at(f, "bus").properties["hwm"] = "lots"; },
         {{E, "pubsub 'bus': property 'hwm' must be an integer, not a string",
           "/nodes/1/properties/hwm", "bus"}}},
        {"number given a bool",
         [](Flow &f) { at(f, "orders").properties["rate"] = true; },
         {{E, "generator 'orders': property 'rate' must be a number, not a bool",
           "/nodes/0/properties/rate", "orders"}}},
        {"list given a string",
         [](Flow &f) { at(f, "orders").properties["eventTypes"] = "order.placed"; },
         {{E, "generator 'orders': property 'eventTypes' must be a list of strings, not a string",
           "/nodes/0/properties/eventTypes", "orders"}}},
        {"int below range",
         [](Flow &f) { at(f, "bus").properties["hwm"] = std::int64_t{-1}; },
         {{E, "pubsub 'bus': property 'hwm' is -1; it must be from 0 to 10000000",
           "/nodes/1/properties/hwm", "bus"}}},
        {"int below minimum",
         [](Flow &f) { at(f, "orders").properties["count"] = std::int64_t{-5}; },
         {{E, "generator 'orders': property 'count' is -5; it must be at least 0",
           "/nodes/0/properties/count", "orders"}}},
        {"number above range",
         [](Flow &f) { at(f, "orders").properties["rate"] = 2e7; },
         {{E, "generator 'orders': property 'rate' is 20000000; it must be from 0 to 10000000",
           "/nodes/0/properties/rate", "orders"}}},
        {"enum not a choice",
         [](Flow &f) { at(f, "billing").properties["fsync"] = "sometimes"; },
         {{E,
           "event-store 'billing': property 'fsync' is 'sometimes'; choose one of: batch, "
           "always, never",
           "/nodes/2/properties/fsync", "billing"}}},
        {"endpoint does not parse",
         [](Flow &f) { at(f, "bus").properties["endpoint"] = "tcp://localhost"; },
         {{E,
           "pubsub 'bus': property 'endpoint': 'tcp://localhost' has no port: use "
           "tcp://host:port",
           "/nodes/1/properties/endpoint", "bus"}}},
        {"alert type not declared",
         [](Flow &f) { at(f, "alert").properties["alertType"] = "alert.low"; },
         {{E, "threshold-alert 'alert': event type 'alert.low' is not declared",
           "/nodes/5/properties/alertType", "alert"}}},
        {"generator type not declared",
         [](Flow &f) {
             at(f, "orders").properties["eventTypes"] = StringList{"order.placed", "order.paid"};
         },
         {{E, "generator 'orders': event type 'order.paid' is not declared",
           "/nodes/0/properties/eventTypes/1", "orders"}}},
        {"required property missing",
         [](Flow &f) { at(f, "shipping").properties.erase("path"); },
         {{E, "log 'shipping' is missing the required property 'path'", "/nodes/3/properties",
           "shipping"}}},
        {"required property empty",
         [](Flow &f) { at(f, "shipping").properties["path"] = ""; },
         {{E, "log 'shipping': required property 'path' is empty", "/nodes/3/properties/path",
           "shipping"}}},
        {"required list empty",
         [](Flow &f) { at(f, "orders").properties["eventTypes"] = StringList{}; },
         {{E, "generator 'orders': required property 'eventTypes' is empty",
           "/nodes/0/properties/eventTypes", "orders"}}},
    };
}

std::vector<Case> settingsAndFieldCases()
{
    const auto setField = [](const char *name, const char *expr) {
        return [=](Flow &f) {
            std::get<StringMap>(at(f, "orders").properties["fields"])[name] = expr;
        };
    };
    return {
        {"faults on a consumer",
         [](Flow &f) { at(f, "alertlog").faults = FaultInjection{}; },
         {{E, "counter 'alertlog' cannot inject faults: only producers and channels can",
           "/nodes/7/faults", "alertlog"}}},
        {"fault probability above 1",
         [](Flow &f) { at(f, "orders").faults->drop = 1.5; },
         {{E, "generator 'orders': fault probability 'drop' is 1.5; it must be from 0 to 1",
           "/nodes/0/faults/drop", "orders"}}},
        {"fault probability negative on a channel",
         [](Flow &f) {
             at(f, "bus").faults = FaultInjection{};
             at(f, "bus").faults->duplicate = -0.1;
         },
         {{E, "pubsub 'bus': fault probability 'duplicate' is -0.1; it must be from 0 to 1",
           "/nodes/1/faults/duplicate", "bus"}}},
        {"lateByMillis zero",
         [](Flow &f) { at(f, "orders").faults->lateByMillis = 0; },
         {{E, "generator 'orders': fault 'lateByMillis' is 0; it must be greater than 0",
           "/nodes/0/faults/lateByMillis", "orders"}}},
        {"delivery on a producer",
         [](Flow &f) { at(f, "orders").delivery = DeliverySettings{}; },
         {{E,
           "generator 'orders' takes no delivery settings: only consumers and processors "
           "receive events",
           "/nodes/0/delivery", "orders"}}},
        {"delivery negative",
         [](Flow &f) { at(f, "billing").delivery->reorderWaitMillis = -1; },
         {{E, "event-store 'billing': delivery 'reorderWaitMillis' is -1; it must not be negative",
           "/nodes/2/delivery/reorderWaitMillis", "billing"}}},
        {"field generator does not parse",
         setField("amount", "uniform(5)"),
         {{E,
           "generator 'orders': field 'amount': 'uniform(5)': uniform needs two numbers, as in "
           "uniform(min, max)",
           "/nodes/0/properties/fields/amount", "orders"}}},
        {"field generator for unknown field",
         setField("discount", "uniform(0, 1)"),
         {{E, "generator 'orders': field 'discount' is in none of its event types (order.placed)",
           "/nodes/0/properties/fields/discount", "orders"}}},
        {"field name escaped in pointer",
         setField("a/b~c", "sequence"),
         {{E, "generator 'orders': field 'a/b~c' is in none of its event types (order.placed)",
           "/nodes/0/properties/fields/a~1b~0c", "orders"}}},
        {"uniform on an enum field",
         setField("region", "uniform(1, 2)"),
         {{E,
           "generator 'orders': uniform cannot generate the enum field 'region' (event type "
           "order.placed)",
           "/nodes/0/properties/fields/region", "orders"}}},
        {"choice outside the enum",
         setField("region", "choice(EU, MARS)"),
         {{E,
           "generator 'orders': 'MARS' is not a value of the enum field 'region' (EU, US, APAC) "
           "(event type order.placed)",
           "/nodes/0/properties/fields/region", "orders"}}},
        {"host not declared",
         [](Flow &f) { at(f, "sensorcount").host = "cloud"; },
         {{E,
           "counter 'sensorcount' is placed on host 'cloud', which is not declared (hosts: "
           "core, edge)",
           "/nodes/13/host", "sensorcount"}}},
    };
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void richFlowIsValid();
    void problems_data();
    void problems();
    void doubleAcceptsInteger();
    void orderIsByRuleThenNode();
};

static const std::vector<Case> &allCases()
{
    static const std::vector<Case> cases = [] {
        std::vector<Case> all;
        for (auto part : {
                 eventTypeAndIdCases(),
                 propertyCases(),
                 settingsAndFieldCases(),
             })
            all.insert(all.end(), part.begin(), part.end());
        return all;
    }();
    return cases;
}

void TestValidation::richFlowIsValid()
{
    QCOMPARE(render(validateFlow(richFlow())), QStringList());
}

void TestValidation::problems_data()
{
    addCaseRows(allCases());
}

void TestValidation::problems()
{
    QFETCH(int, index);
    runCase(allCases()[size_t(index)]);
}

void TestValidation::doubleAcceptsInteger()
{
    Flow flow = richFlow();
    at(flow, "orders").properties["rate"] = std::int64_t{50};
    QCOMPARE(render(validateFlow(flow)), QStringList());
    at(flow, "orders").properties["rate"] = std::int64_t{-50};
    QCOMPARE(render(validateFlow(flow)),
             QStringList{"error | generator 'orders': property 'rate' is -50; it must be from 0 "
                         "to 10000000 | /nodes/0/properties/rate | orders"});
}

void TestValidation::orderIsByRuleThenNode()
{
    Flow flow = richFlow();
    at(flow, "latecount").properties["x"] = std::int64_t{1};
    at(flow, "orders").properties["y"] = std::int64_t{1};
    renameEverywhere(flow, "eucount", "eu count");
    flow.eventTypes[2].version = -1;
    const QStringList expected{
        "error | event type 'sensor.reading' has version -1; versions start at 1 | "
        "/eventTypes/2/version | ",
        "error | node id 'eu count' is not valid: use letters, digits, '_' and '-', and start "
        "with a letter or '_' | /nodes/10/id | eu count",
        "error | generator 'orders' has no property 'y' (it has: eventTypes, rate, count, "
        "burstSize, source, correlationGroup, fields, seed) | /nodes/0/properties/y | orders",
        "error | counter 'latecount' has no property 'x' (it has: workMicros) | "
        "/nodes/15/properties/x | latecount",
    };
    QCOMPARE(render(validateFlow(flow)), expected);
    QCOMPARE(render(validateFlow(flow)), expected); // same flow, same list
}

QTEST_APPLESS_MAIN(TestValidation)
#include "TestValidation.moc"
