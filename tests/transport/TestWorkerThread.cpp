// Worker threads, stop under load, run errors, malformed input and the socket monitor.

#include "support/ChannelHarness.h"

#include <QtTest>

#include <pthread.h>

#include <stdexcept>

using namespace evflow::test;
using evflow::model::NodeKind;
using evflow::transport::RunErrorKind;

class TestWorkerThread : public QObject
{
    Q_OBJECT

private slots:
    void exceptionBecomesRunError();
    void zmqErrorBecomesIoError();
    void threadIsNamed();
    void threadNameIsShortened();
    void stopWhileBlockedAtHwm();
    void stopShutsDownBlockedSend();
    void bindAddressInUse();
    void malformedMessageIsCountedAndSkipped();
    void monitorSeesConnectAndDisconnect();
};

void TestWorkerThread::exceptionBecomesRunError()
{
    tr::RunErrors errors;
    {
        tr::WorkerThread w({"orders"}, "ev:orders", errors,
                           [](const std::atomic<bool> &) { throw std::runtime_error("boom"); });
        QTRY_VERIFY(w.finished());
    }
    const auto all = errors.all();
    QCOMPARE(all.size(), 1u);
    QCOMPARE(all[0].node.value, std::string("orders"));
    QCOMPARE(all[0].kind, RunErrorKind::Internal);
    QCOMPARE(all[0].message, std::string("worker 'ev:orders' stopped by an exception: boom"));
    QVERIFY(all[0].timeMicros > 0);
    QCOMPARE(errors.take().size(), 1u);
    QCOMPARE(errors.take().size(), 0u);
}

void TestWorkerThread::zmqErrorBecomesIoError()
{
    tr::RunErrors errors;
    zmq::context_t context;
    {
        tr::WorkerThread w({"n"}, "ev:n", errors, [&](const std::atomic<bool> &) {
            zmq::socket_t s(context, zmq::socket_type::pair);
            s.connect("nonsense://x"); // EPROTONOSUPPORT
        });
        QTRY_VERIFY(w.finished());
    }
    QCOMPARE(errors.all().size(), 1u);
    QCOMPARE(errors.all()[0].kind, RunErrorKind::Io);
    QVERIFY(errors.all()[0].message.find("failed in ZeroMQ: ") != std::string::npos);
}

void TestWorkerThread::threadIsNamed()
{
    tr::RunErrors errors;
    std::string seen;
    {
        tr::WorkerThread w({"orders"}, "ev:orders", errors, [&](const std::atomic<bool> &) {
            char name[16] = {};
            pthread_getname_np(pthread_self(), name, sizeof name);
            seen = name;
        });
        w.join();
    }
    QCOMPARE(seen, std::string("ev:orders"));
}

void TestWorkerThread::threadNameIsShortened()
{
    QCOMPARE(tr::WorkerThread::threadName("ev:a-very-long-node-id"),
             std::string("ev:a-very-long-"));
    // "é" is two bytes at offsets 14-15: cutting at 15 would split it.
    QCOMPARE(tr::WorkerThread::threadName("ev:abcdefghijk\xc3\xa9z"),
             std::string("ev:abcdefghijk"));
}

void TestWorkerThread::stopWhileBlockedAtHwm()
{
    // A reader that never reads: the PUSH fills its HWM and blocks; stop must still return.
    evflow::model::Flow flow;
    flow.nodes.push_back(channelNode("jobs", NodeKind::Queue, "inproc://hwm-jobs", 10));
    flow.nodes.push_back(plainNode("w", NodeKind::Generator));
    flow.nodes.push_back(plainNode("r", NodeKind::Counter));
    flow.links = {makeLink("w", "jobs"), makeLink("jobs", "r")};
    Harness h(flow);
    h.eventsPerWriter = 1'000'000;
    zmq::context_t &ctx = h.context;
    h.gate = std::make_unique<tr::StartGate>(1);
    const tr::ChannelPlan &c = h.plan.channels.front();
    zmq::socket_t reader(ctx, zmq::socket_type::pull); // connected, never read
    h.group.start({"w"}, "ev:w", [&](const std::atomic<bool> &stop) {
        tr::OutputSocket out(h.run, c, {"w"}, h.channel("jobs"), stop);
        if (!out.bind())
            return;
        evflow::model::EncodedFrames f{{std::byte{'t'}}, {std::byte{1}}, {std::byte{2}}};
        while (!stop && out.send(f) == tr::SendResult::Sent) {
        }
    });
    QTRY_VERIFY(h.endpoints.lookup("jobs").has_value());
    reader.set(zmq::sockopt::rcvhwm, 10);
    reader.connect(*h.endpoints.lookup("jobs"));
    QTRY_VERIFY(h.channel("jobs").sent.load() >= 10);
    QVERIFY(h.group.stop(std::chrono::milliseconds(5000)));
    QVERIFY(h.group.allFinished());
    // Blocked, not dropping: far fewer than a million went out (HWM 10 on each side).
    QVERIFY(h.channel("jobs").sent.load() <= 40);
    QCOMPARE(h.errors.all().size(), 0u);
}

void TestWorkerThread::stopShutsDownBlockedSend()
{
    // A body stuck in a send without timeout only wakes up through context.shutdown().
    zmq::context_t context;
    tr::RunErrors errors;
    tr::WorkerGroup group(context, errors);
    std::atomic<bool> entered{false};
    group.start({"stuck"}, "ev:stuck", [&](const std::atomic<bool> &) {
        zmq::socket_t push(context, zmq::socket_type::push);
        push.set(zmq::sockopt::linger, 0);
        push.bind("inproc://nobody-reads");
        entered = true;
        push.send(zmq::str_buffer("x")); // no peer: blocks forever
    });
    QTRY_VERIFY(entered.load());
    QCOMPARE(group.stop(std::chrono::milliseconds(50)), false); // needed the shutdown
    QVERIFY(group.allFinished());
    QCOMPARE(errors.all().size(), 0u); // ETERM is a normal end
}

void TestWorkerThread::bindAddressInUse()
{
    zmq::context_t context;
    zmq::socket_t squatter(context, zmq::socket_type::pull);
    squatter.bind("tcp://127.0.0.1:*");
    const std::string taken = squatter.get(zmq::sockopt::last_endpoint);
    evflow::model::Flow flow;
    flow.nodes.push_back(channelNode("bus", NodeKind::PubSub, taken, 1000));
    flow.nodes.push_back(plainNode("w", NodeKind::Generator));
    flow.nodes.push_back(plainNode("r", NodeKind::Counter));
    flow.links = {makeLink("w", "bus"), makeLink("bus", "r")};
    Harness h(flow);
    h.start();
    QTRY_VERIFY(h.group.allFinished()); // the aborted gate ends every worker
    QVERIFY(h.gate->aborted());
    QCOMPARE(h.gate->abortReason(), std::string("w could not bind"));
    const auto errors = h.errors.all();
    QCOMPARE(errors.size(), 1u);
    QCOMPARE(errors[0].kind, RunErrorKind::Bind);
    QCOMPARE(errors[0].node.value, std::string("w"));
    QCOMPARE(QString::fromStdString(errors[0].message),
             QString::fromStdString("pubsub 'bus': node 'w' cannot bind " + taken
                                    + ": Address already in use"));
    QCOMPARE(h.tally("r").events.load(), 0u);
}

namespace {

class Recorder : public tr::FrameHandler
{
public:
    void onFrames(tr::InputSocket &, const tr::FrameReader &f) override
    {
        types.emplace_back(reinterpret_cast<const char *>(f.type().data()), f.type().size());
    }
    void onMalformed(tr::InputSocket &, std::size_t frameCount) override
    {
        malformedFrames.push_back(frameCount);
    }
    void onStreamEnd(tr::InputSocket &, const tr::FrameReader &) override {} // none: one process
    std::vector<std::string> types;
    std::vector<std::size_t> malformedFrames;
};

} // namespace

void TestWorkerThread::malformedMessageIsCountedAndSkipped()
{
    evflow::model::Flow flow;
    flow.nodes.push_back(channelNode("q", NodeKind::Queue, "inproc://mal-q", 1000, "consumer"));
    flow.nodes.push_back(plainNode("w", NodeKind::Generator));
    flow.nodes.push_back(plainNode("r", NodeKind::Counter));
    flow.links = {makeLink("w", "q"), makeLink("q", "r")};
    Harness h(flow);
    tr::InputSocket in(h.run, h.plan.channels.front(), {"r"}, h.channel("q"));
    QVERIFY(in.bind());
    zmq::socket_t push(h.context, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 0);
    push.connect(*h.endpoints.lookup("q"));
    push.send(zmq::str_buffer("garbage"), zmq::send_flags::sndmore);
    push.send(zmq::str_buffer("more garbage"));
    for (int i = 0; i < 5; ++i)
        push.send(zmq::str_buffer("x"), zmq::send_flags::sndmore);
    push.send(zmq::str_buffer("end"));
    evflow::model::Event e;
    e.id = "1";
    e.source = "test:/w";
    e.type = "order.placed";
    evflow::model::EncodedFrames f;
    QVERIFY(evflow::model::encodeFrames(e, 0, f).ok());
    const std::atomic<bool> noStop{false};
    QCOMPARE(tr::sendFrames(push, f, noStop), tr::SendResult::Sent);
    Recorder rec;
    tr::InputPoller poller;
    poller.add(in, rec);
    QTRY_COMPARE(rec.types.size() + (poller.pollOnce(std::chrono::milliseconds(10), 64), 0), 1u);
    QCOMPARE(rec.malformedFrames, (std::vector<std::size_t>{2, 6}));
    QCOMPARE(rec.types, std::vector<std::string>{"order.placed"});
    QCOMPARE(h.channel("q").malformed.load(), 2u);
    QCOMPARE(h.channel("q").received.load(), 1u);
    const auto errors = h.errors.all();
    QCOMPARE(errors.size(), 1u); // reported once, then only counted
    QCOMPARE(errors[0].kind, RunErrorKind::Malformed);
    QCOMPARE(errors[0].message, std::string("queue 'q': node 'r' received a message of 2 frames, "
                                            "expected 3 (counted as malformed; further ones are "
                                            "only counted)"));
}

void TestWorkerThread::monitorSeesConnectAndDisconnect()
{
    zmq::context_t context;
    zmq::socket_t pull(context, zmq::socket_type::pull);
    pull.set(zmq::sockopt::linger, 0);
    tr::MonitorCounters channel;
    tr::SocketMonitor monitor(context, pull, &channel);
    pull.bind("tcp://127.0.0.1:*");
    const auto peers = [&] {
        monitor.drain();
        return monitor.counters().connectedPeers.load();
    };
    auto push = std::make_unique<zmq::socket_t>(context, zmq::socket_type::push);
    push->set(zmq::sockopt::linger, 0);
    push->connect(pull.get(zmq::sockopt::last_endpoint));
    QTRY_COMPARE(peers(), std::int64_t{1});
    QCOMPARE(monitor.counters().connects.load(), 1u);
    QCOMPARE(monitor.counters().disconnects.load(), 0u);
    push.reset();
    QTRY_COMPARE(peers(), std::int64_t{0});
    QCOMPARE(monitor.counters().disconnects.load(), 1u);
    QCOMPARE(channel.connects.load(), 1u); // the channel-level sink got the same events
    QCOMPARE(channel.disconnects.load(), 1u);
    QCOMPARE(channel.bindFailures.load(), 0u);
}

QTEST_GUILESS_MAIN(TestWorkerThread)
#include "TestWorkerThread.moc"
