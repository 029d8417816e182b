#include "model/Endpoint.h"

#include <QtTest>

using namespace evflow::model;

class TestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void refusesInvalid_data();
    void refusesInvalid();
    void ipcPathLimit();
    void loopback_data();
    void loopback();
    void collisions_data();
    void collisions();
    void hostNamesResolve();
};

void TestEndpoint::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("transport");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port"); // -1 = wildcard
    QTest::addColumn<QString>("address");

    const int inproc = int(Transport::Inproc), ipc = int(Transport::Ipc), tcp = int(Transport::Tcp);
    QTest::newRow("inproc") << "inproc://orders" << inproc << "" << -1 << "orders";
    QTest::newRow("ipc") << "ipc:///tmp/evflow.sock" << ipc << "" << -1 << "/tmp/evflow.sock";
    QTest::newRow("tcp ipv4") << "tcp://127.0.0.1:5555" << tcp << "127.0.0.1" << 5555
                              << "127.0.0.1:5555";
    QTest::newRow("tcp wildcard host") << "tcp://*:1" << tcp << "*" << 1 << "*:1";
    QTest::newRow("tcp wildcard port")
        << "tcp://127.0.0.1:*" << tcp << "127.0.0.1" << -1 << "127.0.0.1:*";
    QTest::newRow("tcp max port") << "tcp://host-1.example.org:65535" << tcp << "host-1.example.org"
                                  << 65535 << "host-1.example.org:65535";
    QTest::newRow("tcp interface") << "tcp://eth0:7000" << tcp << "eth0" << 7000 << "eth0:7000";
    QTest::newRow("tcp ipv6 loopback")
        << "tcp://[::1]:5555" << tcp << "::1" << 5555 << "[::1]:5555";
    QTest::newRow("tcp ipv6 full") << "tcp://[2001:db8:0:0:0:0:0:1]:80" << tcp
                                   << "2001:db8:0:0:0:0:0:1" << 80 << "[2001:db8:0:0:0:0:0:1]:80";
    QTest::newRow("tcp ipv6 mapped")
        << "tcp://[::ffff:10.0.0.1]:80" << tcp << "::ffff:10.0.0.1" << 80 << "[::ffff:10.0.0.1]:80";
}

void TestEndpoint::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(int, transport);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, address);

    const EndpointParseResult r = parseEndpoint(text.toStdString());
    QVERIFY2(r, r.error.c_str());
    QCOMPARE(r.error, std::string());
    QCOMPARE(int(r.endpoint->transport), transport);
    QCOMPARE(QString::fromStdString(r.endpoint->host), host);
    QCOMPARE(r.endpoint->port.has_value(), port >= 0);
    if (port >= 0)
        QCOMPARE(int(*r.endpoint->port), port);
    QCOMPARE(QString::fromStdString(r.endpoint->address), address);
    QCOMPARE(QString::fromStdString(r.endpoint->toString()), text);
}

void TestEndpoint::refusesInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << ""
                           << "endpoint is empty";
    QTest::newRow("no scheme")
        << "orders"
        << "'orders' is not an endpoint: use inproc://name, ipc://path or tcp://host:port";
    QTest::newRow("unknown transport") << "udp://x:1"
                                       << "unknown transport 'udp' in 'udp://x:1': use inproc, "
                                          "ipc or tcp";
    QTest::newRow("inproc no name") << "inproc://"
                                    << "'inproc://' has no name";
    QTest::newRow("ipc no path") << "ipc://"
                                 << "'ipc://' has no path";
    QTest::newRow("tcp no port") << "tcp://localhost"
                                 << "'tcp://localhost' has no port: use tcp://host:port";
    QTest::newRow("tcp no host") << "tcp://:5555"
                                 << "'tcp://:5555' has no host: use an address, a host name or *";
    QTest::newRow("tcp port 0") << "tcp://127.0.0.1:0"
                                << "'tcp://127.0.0.1:0' has an invalid port '0': use 1..65535 or *";
    QTest::newRow("tcp port too big")
        << "tcp://127.0.0.1:65536"
        << "'tcp://127.0.0.1:65536' has an invalid port '65536': use 1..65535 or *";
    QTest::newRow("tcp port text")
        << "tcp://h:http"
        << "'tcp://h:http' has an invalid port 'http': use 1..65535 or *";
    QTest::newRow("tcp port empty") << "tcp://h:"
                                    << "'tcp://h:' has an invalid port '': use "
                                       "1..65535 or *";
    QTest::newRow("bad ipv4") << "tcp://256.0.0.1:80"
                              << "'tcp://256.0.0.1:80' has an invalid IPv4 address '256.0.0.1'";
    QTest::newRow("short ipv4") << "tcp://10.0.1:80"
                                << "'tcp://10.0.1:80' has an invalid IPv4 address '10.0.1'";
    QTest::newRow("bad host") << "tcp://my host:80"
                              << "'tcp://my host:80' has an invalid host "
                                 "'my host'";
    QTest::newRow("unclosed bracket") << "tcp://[::1:80"
                                      << "'tcp://[::1:80' has an unclosed '['";
    QTest::newRow("bad ipv6") << "tcp://[fe80::zz]:80"
                              << "'tcp://[fe80::zz]:80' has an invalid IPv6 address 'fe80::zz'";
    QTest::newRow("two gaps") << "tcp://[1::2::3]:80"
                              << "'tcp://[1::2::3]:80' has an invalid IPv6 address '1::2::3'";
    QTest::newRow("ipv6 no port") << "tcp://[::1]"
                                  << "'tcp://[::1]' has no port: use "
                                     "tcp://host:port";
}

void TestEndpoint::refusesInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const EndpointParseResult r = parseEndpoint(text.toStdString());
    QVERIFY(!r);
    QVERIFY(!r.endpoint.has_value());
    QCOMPARE(QString::fromStdString(r.error), message);
}

void TestEndpoint::ipcPathLimit()
{
    const std::string longest = "/" + std::string(kMaxIpcPathBytes - 1, 'p');
    QVERIFY(parseEndpoint("ipc://" + longest));
    const EndpointParseResult tooLong = parseEndpoint("ipc://" + longest + "q");
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error,
             "the ipc path of 'ipc://" + longest + "q' is 108 bytes; Linux allows at most 107");
}

void TestEndpoint::loopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::addColumn<bool>("wildcard");

    QTest::newRow("127.0.0.1") << "127.0.0.1" << true << false;
    QTest::newRow("127.8.9.10") << "127.8.9.10" << true << false;
    QTest::newRow("::1") << "::1" << true << false;
    QTest::newRow("localhost") << "localhost" << true << false;
    QTest::newRow("lo") << "lo" << true << false;
    QTest::newRow("*") << "*" << false << true;
    QTest::newRow("0.0.0.0") << "0.0.0.0" << false << true;
    QTest::newRow("::") << "::" << false << true;
    QTest::newRow("128.0.0.1") << "128.0.0.1" << false << false;
    QTest::newRow("127.0.0") << "127.0.0" << false << false;
    QTest::newRow("eth0") << "eth0" << false << false;
    QTest::newRow("localhost.example") << "localhost.example" << false << false;
}

void TestEndpoint::loopback()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QFETCH(bool, wildcard);
    QCOMPARE(isLoopback(host.toStdString()), loopback);
    QCOMPARE(isWildcardHost(host.toStdString()), wildcard);
}

void TestEndpoint::collisions_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("collide");

    QTest::newRow("same inproc") << "inproc://x"
                                 << "inproc://x" << true;
    QTest::newRow("other inproc") << "inproc://x"
                                  << "inproc://y" << false;
    QTest::newRow("same ipc") << "ipc:///tmp/a"
                              << "ipc:///tmp/a" << true;
    QTest::newRow("inproc vs ipc") << "inproc://a"
                                   << "ipc://a" << false;
    QTest::newRow("same tcp") << "tcp://127.0.0.1:5555"
                              << "tcp://127.0.0.1:5555" << true;
    QTest::newRow("other port") << "tcp://127.0.0.1:5555"
                                << "tcp://127.0.0.1:5556" << false;
    QTest::newRow("other host") << "tcp://127.0.0.1:5555"
                                << "tcp://127.0.0.2:5555" << false;
    QTest::newRow("wildcard host") << "tcp://*:5555"
                                   << "tcp://127.0.0.1:5555" << true;
    QTest::newRow("any address") << "tcp://10.0.0.1:5555"
                                 << "tcp://0.0.0.0:5555" << true;
    QTest::newRow("wildcard ports") << "tcp://*:*"
                                    << "tcp://*:*" << false;
}

void TestEndpoint::collisions()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, collide);
    const auto ea = parseEndpoint(a.toStdString());
    const auto eb = parseEndpoint(b.toStdString());
    QVERIFY(ea && eb);
    QCOMPARE(endpointsCollide(*ea.endpoint, *eb.endpoint), collide);
    QCOMPARE(endpointsCollide(*eb.endpoint, *ea.endpoint), collide);
}

void TestEndpoint::hostNamesResolve()
{
    const std::map<std::string, std::string> hosts
        = {{"broker", "10.0.0.2"}, {"v6", "fd00::2"}, {"lo", "127.0.0.1"}, {"blank", ""}};
    QCOMPARE(resolveHostName("tcp://broker:7000", hosts), std::string("tcp://10.0.0.2:7000"));
    QCOMPARE(resolveHostName("tcp://v6:*", hosts), std::string("tcp://[fd00::2]:*"));
    QCOMPARE(resolveHostName("tcp://lo:1", hosts), std::string("tcp://127.0.0.1:1"));
    // Not a table name, not tcp, or a name without an address: unchanged.
    for (const char *as : {"tcp://10.0.0.9:7000", "tcp://brokers:7000", "ipc://broker:7000",
                           "inproc://broker", "tcp://blank:7000", "tcp://broker", "tcp://[::1]:5"})
        QCOMPARE(resolveHostName(as, hosts), std::string(as));
}

QTEST_APPLESS_MAIN(TestEndpoint)
#include "TestEndpoint.moc"
