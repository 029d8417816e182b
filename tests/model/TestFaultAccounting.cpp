// End to end in memory: generator -> fault injector -> consumer input pipelines. With seeded
// faults, every fault the injector reports must show up exactly once in its own counter at the
// consumers, and every input's books must balance.

#include "model/EventGenerator.h"
#include "model/FaultInjector.h"
#include "model/InputPipeline.h"
#include "model/Projection.h"
#include "support/LogicFlows.h"

#include <QtTest>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

using namespace evflow::model;
using evflow::test::shopFlow;

namespace {

constexpr std::int64_t kStart = 1'700'000'000'000'000; // 2023-11-14T22:13:20Z
constexpr std::int64_t kStep = 100;                    // microseconds between generated events
constexpr std::uint64_t kEvents = 100'000;

FaultInjection faults()
{
    FaultInjection f;
    f.duplicate = 0.05;
    f.reorder = 0.05;
    f.late = 0.03;
    f.drop = 0.04;
    f.seed = 42;
    return f;
}

DeliverySettings delivery(LatePolicy policy)
{
    DeliverySettings d;
    d.reorderWaitMillis = 200;
    d.outOfOrdernessMillis = 1000;
    d.latePolicy = policy;
    return d;
}

/// One subscriber: its pipeline and what it acted on.
struct Consumer
{
    std::string prefix;
    LiveInputCounters counters;
    std::unique_ptr<InputPipeline> pipeline;
    std::vector<std::string> actedIds; // a log-like action: one line per acted-on event
    std::vector<Event> store;          // the events it processed, in order (an event store)
    Projection projection{"region", ProjectionAggregate::Sum, "qty"};
};

/// What the injector sent, as seen on the wire.
struct Sent
{
    std::string type;
    std::string id;
    std::uint64_t sequence = 0;
    bool timeChanged = false;
};

/// Fault counts derived from the sent stream alone, for the types starting with `prefix`.
struct Observed
{
    std::uint64_t sent = 0, unique = 0, duplicates = 0, late = 0, reorders = 0, gaps = 0;
};

Observed observe(const std::vector<Sent> &sent, const std::string &prefix)
{
    Observed o;
    std::set<std::string> ids, lateIds;
    std::map<std::string, std::set<std::uint64_t>> seqs;
    std::map<std::string, std::uint64_t> highest;
    for (const Sent &s : sent) {
        if (!s.type.starts_with(prefix))
            continue;
        ++o.sent;
        const bool first = ids.insert(s.id).second;
        if (s.timeChanged)
            lateIds.insert(s.id);
        auto &h = highest.try_emplace(s.type, 0).first->second;
        if (first && !seqs[s.type].empty() && s.sequence < h)
            ++o.reorders;
        h = std::max(h, s.sequence);
        seqs[s.type].insert(s.sequence);
    }
    o.unique = ids.size();
    o.duplicates = o.sent - o.unique;
    o.late = lateIds.size();
    for (const auto &[type, numbers] : seqs)
        o.gaps += highest[type] + 1 - numbers.size();
    return o;
}

struct Run
{
    FaultCounts injected;
    std::vector<std::unique_ptr<Consumer>> consumers;
    std::vector<Sent> sent;
    std::vector<Event> generated;
    std::uint64_t lateDuplicated = 0; // late events also sent twice
};

std::uint64_t generatedIndex(const std::string &id)
{
    return std::stoull(id.substr(id.rfind('-') + 1));
}

void deliver(Run &run, const Event &e, std::int64_t now)
{
    const bool changed = e.time != kStart + static_cast<std::int64_t>(generatedIndex(e.id)) * kStep;
    run.sent.push_back({e.type, e.id, e.sequence, changed});
    for (auto &c : run.consumers) {
        if (!e.type.starts_with(c->prefix))
            continue;
        const InputVerdict v = c->pipeline->accept(e, now);
        if (!v.act())
            continue;
        c->actedIds.push_back(e.id);
        if (c->projection.apply(e) == ProjectionResult::Applied) {
            c->store.push_back(e);
            c->pipeline->processed();
        } else {
            c->pipeline->filtered();
        }
        QVERIFY(c->pipeline->counters().snapshot().balanced());
    }
}

std::unique_ptr<Run> runFlow(LatePolicy policy, const std::vector<std::string> &prefixes,
                             bool keepGenerated = false)
{
    auto run = std::make_unique<Run>();
    const Flow flow = shopFlow();
    for (const std::string &prefix : prefixes) {
        auto c = std::make_unique<Consumer>();
        c->prefix = prefix;
        c->pipeline
            = std::make_unique<InputPipeline>(delivery(policy), flow.eventTypes, true, c->counters);
        run->consumers.push_back(std::move(c));
    }
    EventGenerator generator(flow.nodes.front(), flow, 1);
    FaultInjector injector(faults());
    std::int64_t now = kStart;
    const auto sink = [&](const Event &e) { deliver(*run, e, now); };
    for (std::uint64_t i = 0; i < kEvents; ++i) {
        const Event &e = generator.next(now);
        if (keepGenerated)
            run->generated.push_back(e);
        injector.apply(e, sink);
        now += kStep;
        if (i % 5000 == 0) {
            for (auto &c : run->consumers)
                c->pipeline->tick(now);
        }
    }
    injector.flush(sink);
    for (auto &c : run->consumers)
        c->pipeline->finish();
    run->injected = injector.snapshot();
    return run;
}

} // namespace

class TestFaultAccounting : public QObject
{
    Q_OBJECT

private slots:
    void countsMatchExactly_data();
    void countsMatchExactly();
    void twoSubscribersSeeOnlyTheirStreams();
    void actionsAreIdempotentAndProjectionRebuilds();
};

void TestFaultAccounting::countsMatchExactly_data()
{
    QTest::addColumn<int>("policy");
    QTest::newRow("drop") << int(LatePolicy::Drop);
    QTest::newRow("accept") << int(LatePolicy::Accept);
    QTest::newRow("divert") << int(LatePolicy::Divert);
}

void TestFaultAccounting::countsMatchExactly()
{
    QFETCH(int, policy);
    const auto latePolicy = static_cast<LatePolicy>(policy);
    const auto run = runFlow(latePolicy, {""});
    const FaultCounts &f = run->injected;
    // The seed must actually exercise every fault, or the equalities below prove little.
    QVERIFY(f.duplicates > 4000 && f.reorders > 4000 && f.late > 2000 && f.drops > 3000);

    // The injector's own counts agree with what went over the wire.
    const Observed wire = observe(run->sent, "");
    QCOMPARE(wire.duplicates, f.duplicates);
    QCOMPARE(wire.reorders, f.reorders);
    QCOMPARE(wire.late, f.late);
    QCOMPARE(wire.gaps, f.drops);
    QCOMPARE(wire.unique, kEvents - f.drops - f.trailingDrops);

    const Consumer &c = *run->consumers.front();
    const InputAccounting books = c.counters.snapshot();
    QCOMPARE(books.received, wire.sent);
    QCOMPARE(books.duplicates, f.duplicates);
    QCOMPARE(books.gaps, f.drops);
    QCOMPARE(books.outOfOrder, f.reorders);
    QCOMPARE(books.late, f.late);
    QCOMPARE(books.malformed, std::uint64_t(0));
    const std::uint64_t acted
        = kEvents - f.drops - f.trailingDrops - (latePolicy == LatePolicy::Accept ? 0 : f.late);
    QCOMPARE(books.processed + books.filtered, acted);
    QCOMPARE(books.lateDropped, latePolicy == LatePolicy::Drop ? f.late : 0);
    QCOMPARE(books.lateDiverted, latePolicy == LatePolicy::Divert ? f.late : 0);
    QVERIFY(books.balanced());
    const InputReport report = c.pipeline->report();
    QCOMPARE(report.sources.size(), std::size_t(1));
    QCOMPARE(report.sources.front().source, std::string("evflow:/shop-demo/shop"));
    QCOMPARE(report.sources.front().books.gaps, f.drops);
    QCOMPARE(report.sources.front().books.pending, std::uint64_t(0));
    QVERIFY(report.balanced());
}

void TestFaultAccounting::twoSubscribersSeeOnlyTheirStreams()
{
    const auto run = runFlow(LatePolicy::Drop, {"order.", "payment."});
    const FaultCounts &f = run->injected;
    InputAccounting total;
    for (const auto &c : run->consumers) {
        const Observed wire = observe(run->sent, c->prefix);
        const InputAccounting books = c->counters.snapshot();
        QVERIFY(wire.gaps > 0 && wire.duplicates > 0 && wire.reorders > 0 && wire.late > 0);
        QCOMPARE(books.received, wire.sent);
        QCOMPARE(books.duplicates, wire.duplicates);
        QCOMPARE(books.gaps, wire.gaps); // no false gaps from the other subscriber's types
        QCOMPARE(books.outOfOrder, wire.reorders);
        QCOMPARE(books.late, wire.late);
        QCOMPARE(books.lateDropped, wire.late);
        QCOMPARE(books.processed + books.filtered, wire.unique - wire.late);
        QVERIFY(books.balanced());
        total += books;
    }
    QCOMPARE(total.duplicates, f.duplicates);
    QCOMPARE(total.gaps, f.drops);
    QCOMPARE(total.outOfOrder, f.reorders);
    QCOMPARE(total.late, f.late);
}

void TestFaultAccounting::actionsAreIdempotentAndProjectionRebuilds()
{
    const auto run = runFlow(LatePolicy::Accept, {""}, true);
    const Consumer &c = *run->consumers.front();
    // The log-like action ran once per unique event, despite the duplicates on the wire.
    std::set<std::string> sentIds;
    std::map<std::string, int> sendCount;
    for (const Sent &s : run->sent) {
        sentIds.insert(s.id);
        ++sendCount[s.id];
    }
    const std::set<std::string> logged(c.actedIds.begin(), c.actedIds.end());
    QCOMPARE(logged.size(), c.actedIds.size());
    QVERIFY(logged == sentIds);
    // Some late events were duplicated, and the copies still counted as duplicates only.
    std::uint64_t lateTwice = 0;
    for (const Sent &s : run->sent)
        lateTwice += s.timeChanged && sendCount[s.id] == 2 ? 1 : 0;
    QVERIFY(lateTwice > 0);

    // Rebuilt from the store (the processed events) it equals the live read model.
    Projection rebuilt("region", ProjectionAggregate::Sum, "qty");
    for (const Event &e : c.store)
        QCOMPARE(rebuilt.apply(e), ProjectionResult::Applied);
    QVERIFY(rebuilt == c.projection);
    // And equals the projection of the generated events that were not dropped, in generation
    // order (integer sums do not depend on order): nothing double-counted, nothing lost.
    Projection clean("region", ProjectionAggregate::Sum, "qty");
    for (const Event &e : run->generated)
        if (sentIds.count(e.id))
            clean.apply(e);
    QVERIFY(clean == c.projection);
    std::uint64_t rowCounts = 0;
    for (const ProjectionRow &row : c.projection.rows())
        rowCounts += row.count;
    QCOMPARE(rowCounts, c.counters.snapshot().processed);
    QCOMPARE(c.projection.rows().size(), std::size_t(2)); // EU and US
}

QTEST_APPLESS_MAIN(TestFaultAccounting)
#include "TestFaultAccounting.moc"
