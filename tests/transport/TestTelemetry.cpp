// Telemetry: TelemetryPublisher -> TelemetryClient over real sockets (docs/TELEMETRY.md).
#include "transport/TelemetryClient.h"
#include "transport/TelemetryPublisher.h"

#include <QtTest>

#include <zmq.hpp>

#include <atomic>
#include <mutex>

using namespace evflow;
using namespace std::chrono_literals;

namespace {

/// A snapshot whose counters depend on `step`, so that each publication differs.
model::RunSnapshot snapshotAt(std::uint64_t step)
{
    model::RunSnapshot s;
    s.run.flow = "telemetry test";
    s.run.state = model::RunState::Running;
    s.run.startedAtMicros = 1'000'000;
    s.run.takenAtMicros = 1'000'000 + static_cast<std::int64_t>(step) * 100'000;
    s.run.elapsedSeconds = static_cast<double>(step) / 10.0;
    model::NodeSnapshot producer;
    producer.id = "gen";
    producer.kind = "generator";
    producer.role = model::NodeRole::Producer;
    producer.produced = 10 * step;
    producer.injected = {step, 0, 0, 1};
    s.nodes.push_back(producer);
    model::NodeSnapshot consumer;
    consumer.id = "count";
    consumer.kind = "counter";
    consumer.role = model::NodeRole::Consumer;
    consumer.input.received = 10 * step;
    consumer.input.processed = 10 * step;
    consumer.latencyMicros = {5, 50, 70};
    s.nodes.push_back(consumer);
    if (step % 3 == 0)
        s.run.errors.push_back({"gen", "test", "every third step", 7});
    s.updateAccounting();
    return s;
}

/// The snapshot function of a fake runtime: a counter the test advances.
struct FakeRuntime
{
    std::atomic<std::uint64_t> step{1};
    model::RunSnapshot snapshot() const { return snapshotAt(step.load()); }
};

} // namespace

class TestTelemetry : public QObject
{
    Q_OBJECT
private slots:
    void publisherToClientDeliversSnapshots();
    void finalSnapshotOnStop();
    void clientSurvivesGarbage();
    void invalidEndpointsAreRefused();
    void throwingSourceIsCountedNotFatal();
};

void TestTelemetry::publisherToClientDeliversSnapshots()
{
    FakeRuntime runtime;
    transport::TelemetryPublisher publisher([&] { return runtime.snapshot(); }, 10ms);
    std::string error;
    QVERIFY2(publisher.start("tcp://127.0.0.1:*", error), error.c_str());
    const std::string endpoint = publisher.endpoint();
    QVERIFY2(endpoint.rfind("tcp://127.0.0.1:", 0) == 0 && endpoint.back() != '*',
             endpoint.c_str());

    transport::TelemetryClient client;
    QVERIFY2(client.connect(endpoint, error), error.c_str());
    QVERIFY(!client.latest());
    // (QTRY evaluates its condition once more after the loop: conditions must be idempotent.)
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.latest().has_value()), 10000);
    QVERIFY(client.status().connected);
    QCOMPARE(*client.latest(), snapshotAt(1));
    const std::uint64_t firstSeq = client.status().lastSeq;
    const std::uint64_t firstUpdates = client.status().updates;
    QVERIFY(firstSeq >= 1);

    // Each new state arrives, equal in content, with a larger seq.
    for (std::uint64_t step = 2; step <= 6; ++step) {
        runtime.step = step;
        const model::RunSnapshot expected = snapshotAt(step);
        QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.latest() == expected), 10000);
        QVERIFY(client.status().lastSeq > firstSeq + step - 2);
    }
    const transport::TelemetryStatus status = client.status();
    QCOMPARE(status.malformed, std::uint64_t{0});
    QCOMPARE(status.restarts, std::uint64_t{0});
    // Every seq after the first was either received or counted as missed.
    QCOMPARE(status.updates - firstUpdates + status.missed, status.lastSeq - firstSeq);
    QVERIFY(status.lastUpdateAge.has_value());
    QCOMPARE(publisher.failures(), std::uint64_t{0});
}

void TestTelemetry::finalSnapshotOnStop()
{
    FakeRuntime runtime;
    transport::TelemetryPublisher publisher([&] { return runtime.snapshot(); }, 10ms);
    std::string error;
    QVERIFY2(publisher.start("tcp://127.0.0.1:*", error), error.c_str());
    transport::TelemetryClient client;
    QVERIFY2(client.connect(publisher.endpoint(), error), error.c_str());
    // Once one snapshot has arrived the subscription is in place at the publisher.
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.latest().has_value()), 10000);
    runtime.step = 9;
    publisher.stop();
    const std::uint64_t last = publisher.published();
    // The message stop() sends last has the final state and reaches the client.
    QTRY_COMPARE_WITH_TIMEOUT((client.poll(), client.status().lastSeq), last, 10000);
    QCOMPARE(*client.latest(), snapshotAt(9));
    publisher.stop(); // idempotent
    QCOMPARE(publisher.published(), last);
}

void TestTelemetry::clientSurvivesGarbage()
{
    zmq::context_t context;
    zmq::socket_t pub(context, zmq::socket_type::pub);
    pub.bind("tcp://127.0.0.1:*");
    transport::TelemetryClient client;
    std::string error;
    QVERIFY2(client.connect(pub.get(zmq::sockopt::last_endpoint), error), error.c_str());

    const auto send = [&](std::initializer_list<std::string> frames) {
        std::size_t i = 0;
        for (const auto &f : frames) {
            const bool last = ++i == frames.size();
            pub.send(zmq::buffer(f), last ? zmq::send_flags::none : zmq::send_flags::sndmore);
        }
    };
    const std::string topic = transport::kTelemetryTopic;
    // Slow joiner: repeat a valid snapshot (seq 1, 2, ...) until the subscription has reached
    // the publisher. (QTRY evaluates its condition once more at the end: keep it idempotent.)
    std::uint64_t probeSeq = 0;
    QTRY_VERIFY_WITH_TIMEOUT((client.latest().has_value()
                              || (send({topic, model::snapshotToJson(snapshotAt(1), ++probeSeq)}),
                                  client.poll(), client.latest().has_value())),
                             10000);
    // Probes sent after the subscription took effect are all delivered, in order: let the ones
    // still in flight arrive, so that the counts below are exact.
    QTRY_COMPARE_WITH_TIMEOUT((client.poll(), client.status().lastSeq), probeSeq, 10000);
    QCOMPARE(client.status().restarts, std::uint64_t{0});
    QCOMPARE(client.status().missed, std::uint64_t{0});
    const std::uint64_t updates = client.status().updates;
    const std::uint64_t seqBefore = client.status().lastSeq;
    const std::uint64_t malformedBefore = client.status().malformed;
    QCOMPARE(malformedBefore, std::uint64_t{0});

    send({topic, "not json"});
    send({topic});                               // one frame
    send({topic, "{}", "extra"});                // three frames
    send({topic, R"({"seq": 5, "flow": "x"})"}); // wrong shape
    send({topic + ".v2-ish", "{}"});             // prefix match, other topic
    send({topic, model::snapshotToJson(snapshotAt(4), 1000)});
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.status().lastSeq == 1000), 10000);
    const transport::TelemetryStatus status = client.status();
    QCOMPARE(status.malformed, std::uint64_t{5});
    QCOMPARE(status.updates, updates + 1);
    QCOMPARE(*client.latest(), snapshotAt(4));
    QCOMPARE(QString::fromStdString(status.lastMalformed),
             QStringLiteral("unexpected topic \"evflow.telemetry.v1.v2-ish\""));
    // A seq jump counts the messages in between as missed; going back counts a restart.
    QCOMPARE(status.missed, 1000 - 1 - seqBefore);
    send({topic, model::snapshotToJson(snapshotAt(5), 1)});
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.status().restarts == 1), 10000);
    QCOMPARE(client.status().lastSeq, std::uint64_t{1});
}

void TestTelemetry::invalidEndpointsAreRefused()
{
    transport::TelemetryPublisher publisher([] { return snapshotAt(1); });
    std::string error;
    QVERIFY(!publisher.start("tcp://127.0.0.1", error));
    QVERIFY2(error.rfind("invalid telemetry endpoint tcp://127.0.0.1: ", 0) == 0, error.c_str());

    // A port already bound: the message names the endpoint and the reason.
    zmq::context_t context;
    zmq::socket_t taken(context, zmq::socket_type::pub);
    taken.bind("tcp://127.0.0.1:*");
    const std::string busy = taken.get(zmq::sockopt::last_endpoint);
    QVERIFY(!publisher.start(busy, error));
    QCOMPARE(
        QString::fromStdString(error),
        QString::fromStdString("cannot publish telemetry on " + busy + ": Address already in use"));
    QCOMPARE(publisher.endpoint(), std::string());

    transport::TelemetryClient client;
    QVERIFY(!client.connect("udp://x:1", error));
    QVERIFY2(error.rfind("invalid telemetry endpoint udp://x:1: ", 0) == 0, error.c_str());
    QVERIFY(!client.isOpen());
    QVERIFY(!client.poll());
}

void TestTelemetry::throwingSourceIsCountedNotFatal()
{
    std::atomic<int> calls{0};
    transport::TelemetryPublisher publisher(
        [&]() -> model::RunSnapshot {
            if (calls.fetch_add(1) % 2 == 0)
                throw std::runtime_error("snapshot failed");
            return snapshotAt(2);
        },
        1ms);
    std::string error;
    QVERIFY2(publisher.start("tcp://127.0.0.1:*", error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(publisher.failures() >= 2 && publisher.published() >= 2, 10000);
    publisher.stop();
    QCOMPARE(publisher.failures() + publisher.published(),
             static_cast<std::uint64_t>(calls.load()));
}

QTEST_GUILESS_MAIN(TestTelemetry)
#include "TestTelemetry.moc"
