// The recorder behind `evflow record`: foreign CloudEvents JSON in, canonical JSON lines out.
#include "transport/Recorder.h"

#include "model/CloudEventJson.h"
#include "model/Event.h"

#include <QTemporaryDir>
#include <QtTest>

#include <zmq.hpp>

using namespace evflow;
using namespace std::chrono_literals;

namespace {

model::Event makeEvent(const std::string &type, std::uint64_t sequence)
{
    model::Event e;
    e.id = type + "-" + std::to_string(sequence);
    e.source = "urn:test:recorder";
    e.type = type;
    e.time = 1'700'000'000'000'000 + static_cast<std::int64_t>(sequence);
    e.sequence = sequence;
    e.data.push_back({"n", static_cast<std::int64_t>(sequence)});
    e.data.push_back({"label", std::string("item ") + std::to_string(sequence)});
    return e;
}

void sendFrames(zmq::socket_t &socket, const std::vector<std::string> &frames)
{
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const bool last = i + 1 == frames.size();
        socket.send(zmq::buffer(frames[i]),
                    last ? zmq::send_flags::none : zmq::send_flags::sndmore);
    }
}

/// Collects what the recorder writes.
struct Lines
{
    std::vector<std::string> all;
    transport::Recorder::Sink sink()
    {
        return [this](std::string_view line) { all.emplace_back(line); };
    }
    /// The lines that are not probe events.
    std::vector<std::string> withoutProbes() const
    {
        std::vector<std::string> kept;
        for (const auto &l : all) {
            if (l.find("\"type\":\"probe\"") == std::string::npos)
                kept.push_back(l);
        }
        return kept;
    }
};

} // namespace

class TestRecorder : public QObject
{
    Q_OBJECT
private slots:
    void recordsFromPubOverTcp();
    void bindsAndPullsOverIpc();
    void malformedMessagesAreCountedWithReasons();
    void badEndpointsAreRefused();
};

void TestRecorder::recordsFromPubOverTcp()
{
    zmq::context_t context;
    zmq::socket_t pub(context, zmq::socket_type::pub);
    pub.bind("tcp://127.0.0.1:*");
    transport::Recorder recorder({pub.get(zmq::sockopt::last_endpoint)});
    std::string error;
    QVERIFY2(recorder.open(error), error.c_str());
    Lines lines;
    // Slow joiner: a PUB drops everything until the subscription arrives, so repeat a probe
    // event until the recorder has one. (Conditions are idempotent: QTRY re-checks at the end.)
    std::uint64_t probe = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        recorder.stats().events > 0
            || (sendFrames(pub, {model::toCloudEventJson(makeEvent("probe", ++probe))}),
                recorder.pollOnce(10ms, lines.sink()), recorder.stats().events > 0),
        10000);
    // Probes sent once the subscription took effect all arrive, in order: wait for the last one
    // sent, so that no probe is still in flight when the real events are counted.
    const std::string lastProbe = model::toCloudEventJson(makeEvent("probe", probe));
    QTRY_COMPARE_WITH_TIMEOUT((recorder.pollOnce(10ms, lines.sink()), lines.all.back()), lastProbe,
                              10000);
    const std::uint64_t probes = recorder.stats().events;

    constexpr int kEvents = 50;
    std::vector<std::string> expected;
    for (int i = 0; i < kEvents; ++i) {
        const model::Event e = makeEvent("order.placed", static_cast<std::uint64_t>(i));
        expected.push_back(model::toCloudEventJson(e));
        // Even messages as one frame, odd ones as topic + JSON (both forms are accepted).
        if (i % 2 == 0)
            sendFrames(pub, {expected.back()});
        else
            sendFrames(pub, {e.type, expected.back()});
    }
    QTRY_COMPARE_WITH_TIMEOUT((recorder.pollOnce(10ms, lines.sink()), recorder.stats().events),
                              probes + kEvents, 10000);
    QCOMPARE(lines.withoutProbes(), expected);
    QCOMPARE(lines.all.size(), static_cast<std::size_t>(probes + kEvents));
    QCOMPARE(recorder.stats().malformed, std::uint64_t{0});
    QCOMPARE(recorder.stats().messages, probes + kEvents);
    QCOMPARE(recorder.stats().connects, std::uint64_t{1});
}

void TestRecorder::bindsAndPullsOverIpc()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string endpoint = "ipc://" + dir.filePath(QStringLiteral("rec.sock")).toStdString();
    transport::Recorder recorder({endpoint, transport::RecorderSocket::Pull, true});
    std::string error;
    QVERIFY2(recorder.open(error), error.c_str());
    QCOMPARE(recorder.endpoint(), endpoint);

    zmq::context_t context;
    zmq::socket_t push(context, zmq::socket_type::push);
    push.connect(endpoint);
    // A foreign producer's own spelling: integer sequence, attributes in another order. The
    // recorder writes the canonical form.
    sendFrames(push, {R"({"type":"t.x","data":{"a":1},"sequence":7,"id":"1","source":"s",)"
                      R"("specversion":"1.0","time":"2024-01-02T03:04:05Z"})"});
    for (int i = 0; i < 3; ++i)
        sendFrames(push,
                   {model::toCloudEventJson(makeEvent("t.y", static_cast<std::uint64_t>(i)))});
    Lines lines;
    QTRY_COMPARE_WITH_TIMEOUT((recorder.pollOnce(10ms, lines.sink()), recorder.stats().events),
                              std::uint64_t{4}, 10000);
    QCOMPARE(lines.all.size(), std::size_t{4});
    QCOMPARE(QString::fromStdString(lines.all[0]),
             QString::fromStdString(R"({"specversion":"1.0","id":"1","source":"s","type":"t.x",)"
                                    R"("time":"2024-01-02T03:04:05.000000Z",)"
                                    R"("sequence":"7",)"
                                    R"("epoch":"0","data":{"a":1}})"));
    QCOMPARE(lines.all[3], model::toCloudEventJson(makeEvent("t.y", 2)));
    QCOMPARE(recorder.stats().connectedPeers, std::int64_t{1});
}

void TestRecorder::malformedMessagesAreCountedWithReasons()
{
    zmq::context_t context;
    zmq::socket_t push(context, zmq::socket_type::push);
    push.bind("tcp://127.0.0.1:*");
    transport::Recorder recorder(
        {push.get(zmq::sockopt::last_endpoint), transport::RecorderSocket::Pull});
    std::string error;
    QVERIFY2(recorder.open(error), error.c_str());

    const std::string good = model::toCloudEventJson(makeEvent("ok", 1));
    sendFrames(push, {good});
    sendFrames(push, {"not json"});
    sendFrames(push, {R"({"specversion":"1.0","source":"s","type":"t"})"});
    sendFrames(push, {"topic", good, "third"});
    sendFrames(push, {"[1]"});
    sendFrames(push, {"topic", good});
    Lines lines;
    QTRY_COMPARE_WITH_TIMEOUT((recorder.pollOnce(10ms, lines.sink()), recorder.stats().messages),
                              std::uint64_t{6}, 10000);
    const transport::RecorderStats &stats = recorder.stats();
    QCOMPARE(stats.events, std::uint64_t{2});
    QCOMPARE(stats.malformed, std::uint64_t{4});
    QCOMPARE(lines.all, (std::vector<std::string>{good, good}));
    // The first three reasons are kept (RecorderOptions::keptReasons), numbered by message.
    QCOMPARE(stats.malformedReasons.size(), std::size_t{3});
    QCOMPARE(stats.malformedReasons[0].substr(0, 24), std::string("message 2: not JSON: syn"));
    QCOMPARE(stats.malformedReasons[1],
             std::string("message 3: missing required attribute \"id\""));
    QCOMPARE(stats.malformedReasons[2],
             std::string("message 4: 3 frames (expected the JSON event, or a topic and the JSON "
                         "event)"));
}

void TestRecorder::badEndpointsAreRefused()
{
    std::string error;
    transport::Recorder invalid({"tcp://127.0.0.1:99999"});
    QVERIFY(!invalid.open(error));
    QVERIFY2(error.rfind("invalid endpoint tcp://127.0.0.1:99999: ", 0) == 0, error.c_str());

    zmq::context_t context;
    zmq::socket_t taken(context, zmq::socket_type::pub);
    taken.bind("tcp://127.0.0.1:*");
    const std::string busy = taken.get(zmq::sockopt::last_endpoint);
    transport::Recorder clash({busy, transport::RecorderSocket::Sub, true});
    QVERIFY(!clash.open(error));
    QCOMPARE(QString::fromStdString(error),
             QString::fromStdString("cannot bind " + busy + ": Address already in use"));
    // Nothing opened: polling is a harmless no-op.
    Lines lines;
    QCOMPARE(clash.pollOnce(1ms, lines.sink()), std::size_t{0});
}

QTEST_GUILESS_MAIN(TestRecorder)
#include "TestRecorder.moc"
