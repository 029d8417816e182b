// Telemetry: TelemetryPublisher -> TelemetryClient over real sockets (docs/TELEMETRY.md).
#include "transport/TelemetryClient.h"
#include "transport/TelemetryPublisher.h"

#include <QtTest>

#include <zmq.hpp>

#include <atomic>
#include <filesystem>
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

/// A detail source that answers every request with a row naming its subject, and counts calls.
struct FakeDetails
{
    std::atomic<std::uint64_t> calls{0};
    model::DetailAnswer operator()(const model::DetailRequest &request)
    {
        ++calls;
        model::DetailAnswer answer;
        answer.request = request;
        if (request.kind == model::DetailKind::Projection)
            answer.rows.push_back({"row of " + request.subject, std::int64_t{7}, 7});
        if (request.kind == model::DetailKind::Trace)
            answer.hops.push_back({request.subject, "", "e1", "t", "node-a", 5});
        return answer;
    }
};

/// The snapshot function of a fake runtime: a counter the test advances.
struct FakeRuntime
{
    std::atomic<std::uint64_t> step{1};
    model::RunSnapshot snapshot() const { return snapshotAt(step.load()); }
};

/// A publisher of a FakeRuntime's snapshots and FakeDetails' details, started on loopback.
struct DetailPublisher
{
    FakeRuntime runtime;
    FakeDetails details;
    transport::TelemetryPublisher publisher{[this] { return runtime.snapshot(); }, 10ms};
    std::string error;
    bool started = false;

    DetailPublisher()
    {
        publisher.setDetailSource([this](const model::DetailRequest &r) { return details(r); });
        started = publisher.start("tcp://127.0.0.1:*", error);
    }
};

/// A bare PUB socket on loopback, to send a TelemetryClient whatever frames a test needs, and
/// the client connected to it.
struct RawPublisher
{
    zmq::context_t context;
    zmq::socket_t pub{context, zmq::socket_type::pub};
    transport::TelemetryClient client;
    std::string error;
    bool connected = false;

    RawPublisher()
    {
        pub.bind("tcp://127.0.0.1:*");
        connected = client.connect(pub.get(zmq::sockopt::last_endpoint), error);
    }
    /// One message made of `frames`, in order.
    void send(std::initializer_list<std::string> frames)
    {
        std::size_t i = 0;
        for (const auto &f : frames) {
            const bool last = ++i == frames.size();
            pub.send(zmq::buffer(f), last ? zmq::send_flags::none : zmq::send_flags::sndmore);
        }
    }
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
    void watchedDetailsArriveAndStop();
    void detailsAreCappedPerPublisher();
    void aBacklogOfDetailsIsParsedOncePerPoll();
    void curveLetsInOnlyAllowedKeys();
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
    RawPublisher raw;
    QVERIFY2(raw.connected, raw.error.c_str());
    transport::TelemetryClient &client = raw.client;
    const auto send = [&](std::initializer_list<std::string> frames) { raw.send(frames); };
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

void TestTelemetry::watchedDetailsArriveAndStop()
{
    DetailPublisher served;
    QVERIFY2(served.started, served.error.c_str());
    FakeDetails &details = served.details;
    transport::TelemetryPublisher &publisher = served.publisher;
    std::string error;
    transport::TelemetryClient client;
    transport::TelemetryClient other;
    QVERIFY2(client.connect(publisher.endpoint(), error), error.c_str());
    QVERIFY2(other.connect(publisher.endpoint(), error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.latest().has_value()), 10000);
    QCOMPARE(details.calls.load(), std::uint64_t{0}); // nothing watched, nothing computed

    const model::DetailRequest rows{model::DetailKind::Projection, "totals"};
    const model::DetailRequest hops{model::DetailKind::Trace, "order-1"};
    // A subject that is a prefix of another must not receive the other's answers.
    const model::DetailRequest prefix{model::DetailKind::Trace, "order-"};
    client.watch(rows);
    client.watch(hops);
    other.watch(prefix);
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.detail(rows) && client.detail(hops)), 10000);
    QCOMPARE(client.detail(rows)->rows.at(0).key, std::string("row of totals"));
    QCOMPARE(client.detail(hops)->hops.at(0).correlationId, std::string("order-1"));
    QTRY_VERIFY_WITH_TIMEOUT((other.poll(), other.detail(prefix) != nullptr), 10000);
    QCOMPARE(other.detail(prefix)->hops.at(0).correlationId, std::string("order-"));
    QVERIFY(other.detail(hops) == nullptr); // not watched by this client
    QCOMPARE(client.status().malformed, std::uint64_t{0});

    QCOMPARE(publisher.watchedDetails(), std::size_t{3});
    // Once nobody watches, the publisher stops computing them.
    client.unwatch(rows);
    client.unwatch(hops);
    other.unwatch(prefix);
    QVERIFY(client.detail(rows) == nullptr);
    QVERIFY(client.watched().empty());
    QTRY_COMPARE_WITH_TIMEOUT(publisher.watchedDetails(), std::size_t{0}, 10000);
    const std::uint64_t calls = details.calls.load();
    const std::uint64_t published = publisher.published();
    QTRY_VERIFY_WITH_TIMEOUT(publisher.published() >= published + 3, 10000);
    QCOMPARE(details.calls.load(), calls);
    QCOMPARE(publisher.failures(), std::uint64_t{0});
}

void TestTelemetry::detailsAreCappedPerPublisher()
{
    DetailPublisher served;
    QVERIFY2(served.started, served.error.c_str());
    transport::TelemetryPublisher &publisher = served.publisher;
    std::string error;
    transport::TelemetryClient client;
    QVERIFY2(client.connect(publisher.endpoint(), error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.latest().has_value()), 10000);
    const std::size_t extra = 5;
    for (std::size_t i = 0; i < transport::TelemetryPublisher::kMaxWatchedDetails + extra; ++i)
        client.watch({model::DetailKind::Trace, "c" + std::to_string(i)});
    QTRY_COMPARE_WITH_TIMEOUT(publisher.refusedDetails(), std::uint64_t{extra}, 10000);
    // The first ones are served.
    const model::DetailRequest first{model::DetailKind::Trace, "c0"};
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), client.detail(first) != nullptr), 10000);
}

void TestTelemetry::aBacklogOfDetailsIsParsedOncePerPoll()
{
    // A publisher resends a watched detail with every snapshot; a client that fell behind must
    // not parse every stale copy (in a sanitizer build that stalled the studio for a minute).
    RawPublisher raw;
    QVERIFY2(raw.connected, raw.error.c_str());
    transport::TelemetryClient &client = raw.client;
    const model::DetailRequest rows{model::DetailKind::Projection, "totals"};
    client.watch(rows);
    const std::string topic = model::detailTopic(rows);
    const auto answer = [&](const std::string &key) {
        model::DetailAnswer a;
        a.request = rows;
        a.rows.push_back({key, std::int64_t{1}, 1});
        return model::detailToJson(a);
    };
    const auto send = [&](const std::string &t, const std::string &body) { raw.send({t, body}); };
    // Slow joiner: repeat an answer until the subscription has reached the publisher.
    QTRY_VERIFY_WITH_TIMEOUT(
        (client.detail(rows) != nullptr
         || (send(topic, answer("probe")), client.poll(), client.detail(rows) != nullptr)),
        10000);
    QCOMPARE(client.status().malformed, std::uint64_t{0});

    // A backlog: 200 malformed copies, then the newest answer, then a snapshot that arrives
    // after all of them (one connection keeps their order).
    const int stale = 200;
    static_assert(stale + 2 <= transport::TelemetryClient::kMaxMessagesPerPoll);
    for (int i = 0; i < stale; ++i)
        send(topic, "{\"kind\": \"projection\"");
    send(topic, answer("newest"));
    send(transport::kTelemetryTopic, model::snapshotToJson(snapshotAt(1), 77));
    std::uint64_t polls = 0;
    QTRY_VERIFY_WITH_TIMEOUT((++polls, client.poll(), client.status().lastSeq == 77), 10000);
    QCOMPARE(client.detail(rows)->rows.at(0).key, std::string("newest"));
    // Each poll parsed at most one answer: the newest it had. Parsing every copy would have
    // counted all 200 malformed ones.
    QVERIFY2(
        client.status().malformed <= polls,
        qPrintable(
            QStringLiteral("%1 malformed in %2 polls").arg(client.status().malformed).arg(polls)));
}

void TestTelemetry::curveLetsInOnlyAllowedKeys()
{
    QTemporaryDir dir;
    const std::filesystem::path keys = dir.path().toStdString();
    const auto server = transport::generateCurveKeyPair(keys, "runner");
    const auto allowed = transport::generateCurveKeyPair(keys, "studio");
    const auto stranger = transport::generateCurveKeyPair(keys, "stranger");
    QVERIFY(server && allowed && stranger);
    FakeRuntime runtime;
    transport::TelemetryPublisher publisher([&] { return runtime.snapshot(); }, 10ms);
    std::string error;
    QVERIFY2(publisher.setCurve(*server.keys, {allowed.keys->publicKey}, error), error.c_str());
    QVERIFY2(publisher.start("tcp://127.0.0.1:*", error), error.c_str());

    // The allowed key, pinning the runner's key, reads snapshots.
    transport::TelemetryClient studio;
    QVERIFY2(studio.setCurve(*allowed.keys, server.keys->publicKey, error), error.c_str());
    QVERIFY2(studio.connect(publisher.endpoint(), error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT((studio.poll(), studio.latest().has_value()), 10000);
    QCOMPARE(studio.status().handshakeFailures, std::uint64_t{0});

    // An unknown key is refused by the runner's ZAP handler; a plaintext client fails the
    // handshake (mechanism mismatch), and so does a client pinning another server key (the
    // runner cannot read its hello). None of them gets a snapshot.
    transport::TelemetryClient unknown;
    QVERIFY(unknown.setCurve(*stranger.keys, server.keys->publicKey, error));
    transport::TelemetryClient plaintext;
    transport::TelemetryClient wrongServer;
    QVERIFY(wrongServer.setCurve(*allowed.keys, stranger.keys->publicKey, error));
    for (transport::TelemetryClient *c : {&unknown, &plaintext, &wrongServer})
        QVERIFY2(c->connect(publisher.endpoint(), error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(publisher.refusedClients() >= 1, 10000);
    for (transport::TelemetryClient *c : {&unknown, &plaintext, &wrongServer})
        QTRY_VERIFY_WITH_TIMEOUT((c->poll(), c->status().handshakeFailures > 0), 10000);
    // Many snapshots later, still nothing reached them.
    const std::uint64_t seen = studio.status().lastSeq;
    QTRY_VERIFY_WITH_TIMEOUT((studio.poll(), studio.status().lastSeq >= seen + 20), 10000);
    for (transport::TelemetryClient *c : {&unknown, &plaintext, &wrongServer}) {
        c->poll();
        QVERIFY(!c->latest().has_value());
    }
    QVERIFY(!studio.setCurve(*allowed.keys, "short", error)); // and no keys change when open
}

QTEST_GUILESS_MAIN(TestTelemetry)
#include "TestTelemetry.moc"
