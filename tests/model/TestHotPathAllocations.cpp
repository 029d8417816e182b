// Issue 7, point 7: the per-event path allocates nothing once warm. A stream of generated events
// goes through what the runtime does per event, stage by stage — generate, encode into reused
// frames, decode into a reused Event, InputPipeline::accept + processed, and the consumer's
// monitoring (latency histogram, recent-events ring, trace log) — and every stage's heap
// allocations are counted by this executable's own operator new.
//
// Under AddressSanitizer (scripts/test.sh builds the model tests with it) the replacement is
// fine as long as every form of operator new and delete is replaced, so that an allocation and
// its release always meet in the same malloc/free pair: they are all below.
#include "model/BinaryCodec.h"
#include "model/EventGenerator.h"
#include "model/InputPipeline.h"
#include "model/LatencyHistogram.h"
#include "model/RecentEvents.h"
#include "model/TraceLog.h"
#include "support/LogicFlows.h"

#include <QtTest>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>

namespace {

std::atomic<long> g_allocations{0};

void *countedAllocate(std::size_t size, std::size_t alignment)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (size == 0)
        size = 1;
    if (alignment <= alignof(std::max_align_t))
        return std::malloc(size);
    return std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}

void *countedAllocateOrThrow(std::size_t size, std::size_t alignment)
{
    if (void *p = countedAllocate(size, alignment))
        return p;
    throw std::bad_alloc();
}

constexpr std::size_t kPlain = alignof(std::max_align_t);

} // namespace

// clang-format off
void *operator new(std::size_t n) { return countedAllocateOrThrow(n, kPlain); }
void *operator new[](std::size_t n) { return countedAllocateOrThrow(n, kPlain); }
void *operator new(std::size_t n, const std::nothrow_t &) noexcept { return countedAllocate(n, kPlain); }
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept { return countedAllocate(n, kPlain); }
void *operator new(std::size_t n, std::align_val_t a) { return countedAllocateOrThrow(n, std::size_t(a)); }
void *operator new[](std::size_t n, std::align_val_t a) { return countedAllocateOrThrow(n, std::size_t(a)); }
void *operator new(std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept { return countedAllocate(n, std::size_t(a)); }
void *operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept { return countedAllocate(n, std::size_t(a)); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t, const std::nothrow_t &) noexcept { std::free(p); }
// clang-format on

using namespace evflow::model;

namespace {

constexpr std::int64_t kStart = 1'780'000'000'000'000;
constexpr std::int64_t kTransitMicros = 50;
// Eight hex digits, as a runtime epoch (start milliseconds XOR a hash) has: the ids are longer
// than the short-string buffer from the start.
constexpr std::uint32_t kEpoch = 0x6a1b2c3d;
// Warm means every ring slot has held an event of every type and ids of the length they have
// while counting: five rounds of the trace log's 4096 slots (its strings then have their
// capacity; RecentEvents has 256 slots), ids of 5 digits from event 10000 to 29999 and
// correlation ids (groups of 2 in the shop flow) of 5 digits from 20000 on. A string that grows
// by a digit may reallocate once: amortised, not per event, and kept out of the counted span.
constexpr int kWarmUpEvents = 20000;
constexpr int kCountedEvents = 10000;

enum Stage { Generate, Encode, Decode, Accept, Latency, Recent, Trace, kStageCount };

/// The throughput example's stream: one event type with one int field.
Flow tickFlow()
{
    Flow flow;
    flow.name = "throughput benchmark";
    flow.eventTypes = {evflow::test::eventType(
        "bench.tick", {evflow::test::fieldSpec("n", FieldType::Int, true)})};
    Node generator;
    generator.id = {"source"};
    generator.kind = NodeKind::Generator;
    generator.properties["eventTypes"] = StringList{"bench.tick"};
    generator.properties["fields"] = StringMap{{"n", "sequence"}};
    flow.nodes.push_back(generator);
    return flow;
}

/// One producer and one consumer input of `flow` (its first node is the generator), connected
/// by the binary binding instead of sockets, with the allocations of each stage counted
/// separately.
class HotPath
{
public:
    explicit HotPath(Flow flow)
        : m_flow(std::move(flow))
        , m_generator(m_flow.nodes.front(), m_flow, kEpoch)
        , m_pipeline(DeliverySettings{}, m_flow.eventTypes, true, m_counters)
    {
    }

    /// Runs `events` events through every stage; allocations are added up per stage.
    void run(int events)
    {
        for (int i = 0; i < events; ++i)
            runOne();
    }

    long allocations(Stage stage) const { return m_allocations[stage]; }
    void resetAllocations() { m_allocations.fill(0); }
    /// Events that failed to encode or decode, or decoded into something else.
    int codecFailures() const { return m_codecFailures; }
    InputAccounting books() const { return m_counters.snapshot(); }
    std::uint64_t latencyRecords() const { return m_latency.snapshot().count(); }

private:
    template<typename Work>
    void counted(Stage stage, Work &&work)
    {
        const long before = g_allocations.load(std::memory_order_relaxed);
        work();
        m_allocations[stage] += g_allocations.load(std::memory_order_relaxed) - before;
    }

    void runOne()
    {
        m_now += 100;
        const std::int64_t arrival = m_now + kTransitMicros;
        const Event *sent = nullptr;
        bool ok = true;
        counted(Generate, [&] { sent = &m_generator.next(m_now); });
        counted(Encode, [&] { ok = encodeFrames(*sent, m_now, m_frames).ok(); });
        counted(Decode, [&] {
            ok = ok && decodeFrames(m_frames.type, m_frames.header, m_frames.data, m_received).ok();
        });
        if (!ok || !(m_received == *sent))
            ++m_codecFailures;
        counted(Accept, [&] {
            if (m_pipeline.accept(m_received, arrival).act())
                m_pipeline.processed();
        });
        counted(Latency, [&] { m_latency.record(arrival - m_received.time); });
        counted(Recent, [&] { m_recent.record(m_received, EventClass::Processed, arrival); });
        counted(Trace, [&] { m_trace.record(m_received, "sink", arrival); });
    }

    Flow m_flow;
    EventGenerator m_generator;
    EncodedFrames m_frames;
    Event m_received;
    LiveInputCounters m_counters;
    InputPipeline m_pipeline;
    LiveLatencyHistogram m_latency;
    RecentEvents m_recent{256};
    TraceLog m_trace{4096};
    std::int64_t m_now = kStart;
    int m_codecFailures = 0;
    std::array<long, kStageCount> m_allocations{};
};

/// What one warm run of a HotPath counted: 10 000 events after the warm-up.
struct Measured
{
    std::array<long, kStageCount> allocations{};
    int codecFailures = 0;
    InputAccounting books;
    std::uint64_t latencyRecords = 0;
};

Measured measure(Flow flow)
{
    HotPath path(std::move(flow));
    path.run(kWarmUpEvents);
    path.resetAllocations();
    path.run(kCountedEvents);
    Measured m;
    for (int stage = 0; stage < kStageCount; ++stage)
        m.allocations[stage] = path.allocations(Stage(stage));
    m.codecFailures = path.codecFailures();
    m.books = path.books();
    m.latencyRecords = path.latencyRecords();
    return m;
}

} // namespace

class TestHotPathAllocations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void warmStageAllocatesNothing_data();
    void warmStageAllocatesNothing();
    void countingSeesAllocations();

private:
    // One run per flow serves every stage's row (the runs are slow under AddressSanitizer).
    Measured m_shop;
    Measured m_tick;
};

void TestHotPathAllocations::initTestCase()
{
    m_shop = measure(evflow::test::shopFlow());
    m_tick = measure(tickFlow());
}

void TestHotPathAllocations::warmStageAllocatesNothing_data()
{
    QTest::addColumn<bool>("shop");
    QTest::addColumn<int>("stage");
    // The shop flow: three event types in turn (strings, enums, doubles, bools, timestamps,
    // correlation ids). The tick flow: the throughput example's single type.
    const std::pair<const char *, Stage> stages[]
        = {{"generate", Generate},   {"encodeFrames", Encode},
           {"decodeFrames", Decode}, {"accept+processed", Accept},
           {"latency", Latency},     {"recent", Recent},
           {"trace", Trace}};
    for (const bool shop : {true, false}) {
        for (const auto &[name, stage] : stages)
            QTest::addRow("%s: %s", shop ? "shop" : "tick", name) << shop << int(stage);
    }
}

void TestHotPathAllocations::warmStageAllocatesNothing()
{
    QFETCH(bool, shop);
    QFETCH(int, stage);
    const Measured &run = shop ? m_shop : m_tick;

    // The path really ran: every event went through whole and was acted on once.
    QCOMPARE(run.codecFailures, 0);
    QCOMPARE(run.books.processed, std::uint64_t(kWarmUpEvents + kCountedEvents));
    QVERIFY(run.books.balanced());
    QCOMPARE(run.latencyRecords, std::uint64_t(kWarmUpEvents + kCountedEvents));

    qInfo("%ld allocations in %d warm events", run.allocations[stage], kCountedEvents);
    // Known today; Qt Test fails an expected failure that passes (XPASS), so each line must go
    // with its fix:
    //  - a field whose value changes from a number to a long string between two events of
    //    different types reallocates the string (the variant destroyed it): 1 in 3 shop events
    //    in decodeFrames (assignString), and in the RecentEvents ring, whose slots see all
    //    three types.
    QEXPECT_FAIL("shop: decodeFrames", "string field storage lost across types", Abort);
    QEXPECT_FAIL("shop: recent", "string field storage lost across types", Abort);
    QCOMPARE(run.allocations[stage], 0L);
}

void TestHotPathAllocations::countingSeesAllocations()
{
    // The counter works: the string object and its 100-byte buffer are two allocations.
    const long before = g_allocations.load();
    auto *probe = new std::string(100, 'x');
    QCOMPARE(probe->size(), std::size_t(100));
    delete probe;
    QCOMPARE(g_allocations.load() - before, 2L);
}

QTEST_APPLESS_MAIN(TestHotPathAllocations)
#include "TestHotPathAllocations.moc"
