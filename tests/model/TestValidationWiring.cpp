// Validation rules about links, the graph and channel endpoints (node-level rules are in
// TestValidation.cpp).

#include "model/Validation.h"

#include "support/ValidationCases.h"

#include <QtTest>

using namespace evflow::model;
using namespace evflow::model::testing;

namespace {

std::vector<Case> linkCases()
{
    const auto add = [](const char *from, const char *to) {
        return [=](Flow &f) { f.links.push_back(wire(from, to)); };
    };
    const std::string shortcut = " directly: put a channel between them";
    return {
        {"dangling from",
         add("ghost.out", "bus.in"),
         {{E, "dangling link: node 'ghost' does not exist", "/links/15/from", "bus"}}},
        {"dangling to",
         add("bus.out", "nowhere.in"),
         {{E, "dangling link: node 'nowhere' does not exist", "/links/15/to", "bus"}}},
        {"self loop",
         add("bus.out", "bus.in"),
         {{E, "a link cannot connect 'bus' to itself", "/links/15/to", "bus"}}},
        {"unknown port",
         add("orders.out", "bus.input"),
         {{E, "pubsub 'bus' has no port 'input' (its ports: in, out)", "/links/15/to", "bus"}}},
        {"starts at an input",
         add("billing.in", "alerts.in"),
         {{E, "'billing.in' is an input: a link must start at an output", "/links/15/from",
           "billing"}}},
        {"ends at an output",
         add("bus.out", "alert.out"),
         {{E, "'alert.out' is an output: a link must end at an input", "/links/15/to", "alert"}}},
        {"producer to consumer",
         add("orders.out", "alertlog.in"),
         {{E, "a producer cannot feed a consumer" + shortcut, "/links/15/to", "alertlog"}}},
        {"producer to processor",
         add("orders.out", "alert.in"),
         {{E, "a producer cannot feed a processor" + shortcut, "/links/15/to", "alert"}}},
        {"processor to consumer",
         add("alert.out", "shipping.in"),
         {{E, "a processor cannot feed a consumer" + shortcut, "/links/15/to", "shipping"}}},
        {"consumer late port to consumer",
         add("shipping.late", "alertlog.in"),
         {{E, "a consumer cannot feed a consumer" + shortcut, "/links/15/to", "alertlog"}}},
        {"channel to channel",
         add("bus.out", "alerts.in"),
         {{E, "a channel cannot feed another channel: link it to a consumer or processor",
           "/links/15/to", "alerts"}}},
        {"duplicate link",
         add("bus.out", "revenue.in"),
         {{E, "link bus.out -> revenue.in already exists", "/links/15", "revenue"}}},
        {"second writer into a producer-bound queue",
         add("regions.eu", "alerts.in"),
         {{E,
           "queue 'alerts' already has a writer ('alert'); use a broker, or set bindSide to "
           "consumer",
           "/links/15/from", "alerts"}}},
        {"second reader of a consumer-bound queue",
         [](Flow &f) {
             at(f, "alerts").properties["bindSide"] = "consumer";
             f.nodes.push_back(node("c2", NodeKind::Counter));
             f.links.push_back(wire("alerts.out", "c2.in"));
         },
         {{E,
           "queue 'alerts' already has a reader ('alertlog'); use a broker, or set bindSide "
           "to producer",
           "/links/15/to", "alerts"}}},
        {"types on a link into a channel",
         [](Flow &f) { f.links[0].types = {"order."}; },
         {{E, "only links from a channel can select event types", "/links/0/types", "bus"}}},
        {"types matching nothing",
         [](Flow &f) {
             f.links[1].types = {"order.", "invoice."};
         },
         {{W, "event type filter 'invoice.' matches no declared event type", "/links/1/types/1",
           "billing"}}},
    };
}

std::vector<Case> graphAndChannelCases()
{
    const auto setEndpoint = [](const char *id, const char *endpoint) {
        return [=](Flow &f) { at(f, id).properties["endpoint"] = endpoint; };
    };
    const std::string insecure = " is reachable from other machines without encryption; set "
                                 "curve: true or bind to 127.0.0.1";
    const std::string crossHost = "pubsub 'telemetry' links nodes on host 'core' and host "
                                  "'edge', but ";
    return {
        {"producer without output, channel without input, unreachable consumer",
         [](Flow &f) { f.links.erase(f.links.begin() + 11); },
         {{W, "producer 'sensor' has no outgoing link: its events go nowhere", "/nodes/11",
           "sensor"},
          {W, "channel 'telemetry' has no input", "/nodes/12", "telemetry"},
          {W, "consumer 'sensorcount' can never receive events: no producer reaches it",
           "/nodes/13", "sensorcount"}}},
        {"consumer without input",
         [](Flow &f) { f.links.erase(f.links.begin() + 6); },
         {{W, "consumer 'alertlog' has no input", "/nodes/7", "alertlog"}}},
        {"processor output unconnected",
         [](Flow &f) {
             f.nodes.push_back(node("onlyeu", NodeKind::Filter));
             f.links.push_back(wire("bus.out", "onlyeu.in"));
         },
         {{W, "processor 'onlyeu' has nothing linked to its output 'out'", "/nodes/16", "onlyeu"}}},
        {"diverted late port unconnected",
         [](Flow &f) { at(f, "billing").delivery->latePolicy = LatePolicy::Divert; },
         {{W,
           "consumer 'billing' diverts late events, but nothing is linked to its output "
           "'late'",
           "/nodes/2", "billing"}}},
        {"consumer behind a channel nobody writes to",
         [](Flow &f) {
             f.nodes.push_back(
                 node("idle", NodeKind::PubSub, {{"endpoint", std::string("inproc://idle")}}));
             f.nodes.push_back(node("lonely", NodeKind::Counter));
             f.links.push_back(wire("idle.out", "lonely.in"));
         },
         {{W, "channel 'idle' has no input", "/nodes/16", "idle"},
          {W, "consumer 'lonely' can never receive events: no producer reaches it", "/nodes/17",
           "lonely"}}},
        {"two channels on one inproc name",
         setEndpoint("latebus", "inproc://orders"),
         {{E,
           "queue 'latebus': endpoint inproc://orders collides with the endpoint of pubsub "
           "'bus' (inproc://orders)",
           "/nodes/14/properties/endpoint", "latebus"}}},
        {"broker backend equals frontend",
         [](Flow &f) { at(f, "eubus").properties["backendEndpoint"] = "inproc://eu-in"; },
         {{E,
           "broker 'eubus': backendEndpoint inproc://eu-in collides with its endpoint "
           "(inproc://eu-in)",
           "/nodes/9/properties/backendEndpoint", "eubus"}}},
        {"two channels on one tcp port",
         [](Flow &f) {
             at(f, "alerts").properties["endpoint"] = "tcp://127.0.0.1:7000";
             at(f, "latebus").properties["endpoint"] = "tcp://127.0.0.1:7000";
         },
         {{E,
           "queue 'latebus': endpoint tcp://127.0.0.1:7000 collides with the endpoint of "
           "queue 'alerts' (tcp://127.0.0.1:7000)",
           "/nodes/14/properties/endpoint", "latebus"}}},
        {"zmq-source reads a channel's endpoint",
         [](Flow &f) {
             f.nodes.push_back(
                 node("tap", NodeKind::ZmqSource, {{"endpoint", std::string("inproc://orders")}}));
         },
         {{W, "producer 'tap' has no outgoing link: its events go nowhere", "/nodes/16", "tap"},
          {W,
           "zmq-source 'tap': endpoint inproc://orders is also used by pubsub 'bus'; link "
           "from 'bus' instead",
           "/nodes/16/properties/endpoint", "tap"}}},
        {"tcp on all interfaces without curve",
         setEndpoint("alerts", "tcp://*:7001"),
         {{E, "queue 'alerts': tcp://*:7001" + insecure, "/nodes/6/properties/endpoint",
           "alerts"}}},
        {"tcp on 0.0.0.0 without curve",
         setEndpoint("alerts", "tcp://0.0.0.0:7001"),
         {{E, "queue 'alerts': tcp://0.0.0.0:7001" + insecure, "/nodes/6/properties/endpoint",
           "alerts"}}},
        {"tcp on a host name without curve",
         setEndpoint("alerts", "tcp://example.org:7001"),
         {{E, "queue 'alerts': tcp://example.org:7001" + insecure, "/nodes/6/properties/endpoint",
           "alerts"}}},
        {"curve on inproc",
         [](Flow &f) {
             at(f, "bus").properties["curve"] = true;
             at(f, "bus").properties["serverKey"] = "bus";
         },
         {{W, "pubsub 'bus': curve only applies to tcp; it is ignored for inproc://orders",
           "/nodes/1/properties/curve", "bus"}}},
        {"curve without server key",
         [](Flow &f) { at(f, "telemetry").properties.erase("serverKey"); },
         {{E, "pubsub 'telemetry': curve is on, but no serverKey names the server key pair",
           "/nodes/12/properties", "telemetry"}}},
        {"curve with empty server key",
         [](Flow &f) { at(f, "telemetry").properties["serverKey"] = ""; },
         {{E, "pubsub 'telemetry': curve is on, but no serverKey names the server key pair",
           "/nodes/12/properties/serverKey", "telemetry"}}},
        {"inproc across hosts",
         [](Flow &f) {
             at(f, "telemetry").properties = {{"endpoint", std::string("inproc://telemetry")}};
         },
         {{E, crossHost + "inproc://telemetry cannot cross machines: use a tcp endpoint",
           "/nodes/12/properties/endpoint", "telemetry"}}},
        {"loopback across hosts",
         setEndpoint("telemetry", "tcp://127.0.0.1:5601"),
         {{E,
           crossHost
               + "tcp://127.0.0.1:5601 is only reachable from its own machine: bind to "
                 "an address the other hosts can reach",
           "/nodes/12/properties/endpoint", "telemetry"}}},
        {"host name resolving to loopback across machines",
         [](Flow &f) {
             f.hosts["core"] = "127.0.0.1"; // edge stays 10.0.0.2: a different machine
             at(f, "telemetry").properties["endpoint"] = "tcp://core:5601";
         },
         {{E,
           crossHost
               + "tcp://127.0.0.1:5601 is only reachable from its own machine: bind to "
                 "an address the other hosts can reach",
           "/nodes/12/properties/endpoint", "telemetry"}}},
        {"wildcard address across hosts",
         setEndpoint("telemetry", "tcp://0.0.0.0:5601"),
         {{E,
           crossHost
               + "tcp://0.0.0.0:5601 binds every interface, which names nothing the other hosts "
                 "can connect to: name the binding host instead (tcp://edge:5601)",
           "/nodes/12/properties/endpoint", "telemetry"}}},
        {"wildcard port across hosts",
         setEndpoint("telemetry", "tcp://core:*"),
         {{E,
           crossHost
               + "tcp://10.0.0.1:* has no fixed port, and the other hosts need one to connect: "
                 "give it a port",
           "/nodes/12/properties/endpoint", "telemetry"}}},
        {"address of another host",
         setEndpoint("telemetry", "tcp://core:5601"),
         {{E,
           crossHost
               + "tcp://10.0.0.1:5601 is an address of host 'core', but host 'edge' binds it: use "
                 "tcp://edge:5601",
           "/nodes/12/properties/endpoint", "telemetry"}}},
        {"layout of a missing node",
         [](Flow &f) {
             f.layout[{"ghost"}] = {1, 2};
         },
         {{W, "layout has a position for node 'ghost', which does not exist", "/layout/ghost",
           ""}}},
    };
}

const std::vector<Case> &allCases()
{
    static const std::vector<Case> cases = [] {
        std::vector<Case> all = linkCases();
        const std::vector<Case> more = graphAndChannelCases();
        all.insert(all.end(), more.begin(), more.end());
        return all;
    }();
    return cases;
}

} // namespace

class TestValidationWiring : public QObject
{
    Q_OBJECT

private slots:
    void problems_data();
    void problems();
    void wildcardTcpPortsNeverCollide();
    void brokerAcceptsManyWritersAndReaders();
    void sameEndpointOnDifferentHostsIsFine();
    void hostsOnOneMachineMayUseLoopback();
};

void TestValidationWiring::problems_data()
{
    addCaseRows(allCases());
}

void TestValidationWiring::problems()
{
    QFETCH(int, index);
    runCase(allCases()[size_t(index)]);
}

void TestValidationWiring::wildcardTcpPortsNeverCollide()
{
    Flow flow = richFlow();
    at(flow, "alerts").properties["endpoint"] = "tcp://127.0.0.1:*";
    at(flow, "latebus").properties["endpoint"] = "tcp://127.0.0.1:*";
    QCOMPARE(render(validateFlow(flow)), QStringList());
}

void TestValidationWiring::hostsOnOneMachineMayUseLoopback()
{
    // Every host of the channel declared on loopback (a cluster on one machine, as the
    // multi-host tests run it): a loopback endpoint reaches them all and needs no CURVE.
    Flow flow = richFlow();
    flow.hosts = {{"core", "127.0.0.1"}, {"edge", "127.0.0.1"}};
    at(flow, "telemetry").properties = {{"endpoint", std::string("tcp://core:5601")}};
    QCOMPARE(render(validateFlow(flow)), QStringList());
    // The same endpoint written as an address is just as fine.
    at(flow, "telemetry").properties["endpoint"] = "tcp://127.0.0.1:5601";
    QCOMPARE(render(validateFlow(flow)), QStringList());
    // A host named in an endpoint resolves before the security rule: a real address needs CURVE.
    flow.hosts["edge"] = "10.0.0.2"; // its writer, sensor, is on edge and binds it
    at(flow, "telemetry").properties["endpoint"] = "tcp://edge:5601";
    QCOMPARE(render(validateFlow(flow)),
             QStringList{QStringLiteral(
                 "error | pubsub 'telemetry': tcp://10.0.0.2:5601 is reachable from other machines "
                 "without encryption; set curve: true or bind to 127.0.0.1 | "
                 "/nodes/12/properties/endpoint | telemetry")});
}

void TestValidationWiring::sameEndpointOnDifferentHostsIsFine()
{
    Flow flow = richFlow();
    // The counter on "core" gets its own channel on core, bound like telemetry's but on the
    // other machine: no clash.
    flow.nodes.push_back(node("edgebus", NodeKind::PubSub,
                              {{"endpoint", std::string("tcp://*:5601")},
                               {"curve", true},
                               {"serverKey", std::string("edge")}},
                              "edge"));
    flow.links.push_back(wire("sensor.out", "edgebus.in"));
    flow.nodes.push_back(node("edgecount", NodeKind::Counter, {}, "edge"));
    flow.links.push_back(wire("edgebus.out", "edgecount.in"));
    QCOMPARE(render(validateFlow(flow)), QStringList());
    // Moved to core it clashes with telemetry there, and now links edge to core through an
    // endpoint the edge host cannot dial.
    flow.nodes[16].host = "core";
    QCOMPARE(
        render(validateFlow(flow)),
        (QStringList{"error | pubsub 'edgebus': endpoint tcp://*:5601 collides with the "
                     "endpoint of pubsub 'telemetry' (tcp://10.0.0.2:5601) | "
                     "/nodes/16/properties/endpoint | edgebus",
                     "error | pubsub 'edgebus' links nodes on host 'core' and host 'edge', but "
                     "tcp://*:5601 binds every interface, which names nothing the other hosts "
                     "can connect to: name the binding host instead (tcp://edge:5601) | "
                     "/nodes/16/properties/endpoint | edgebus"}));
}

void TestValidationWiring::brokerAcceptsManyWritersAndReaders()
{
    Flow flow = richFlow();
    flow.links.push_back(wire("alert.out", "eubus.in"));
    flow.links.push_back(wire("eubus.out", "alertlog.in"));
    QCOMPARE(render(validateFlow(flow)), QStringList());
    // The same wiring through a producer-bound pubsub is refused at the second writer.
    at(flow, "eubus").kind = NodeKind::PubSub;
    at(flow, "eubus").properties = {{"endpoint", std::string("inproc://eu-in")}};
    QCOMPARE(render(validateFlow(flow)),
             QStringList{"error | pubsub 'eubus' already has a writer ('regions'); use a broker, "
                         "or set bindSide to consumer | /links/15/from | eubus"});
}

QTEST_APPLESS_MAIN(TestValidationWiring)
#include "TestValidationWiring.moc"
