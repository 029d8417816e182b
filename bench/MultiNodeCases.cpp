#include "bench/MultiNodeCases.h"

#include "bench/BenchFlows.h"
#include "bench/CaseResult.h"
#include "bench/EvflowCase.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace evflow::bench {
namespace {

constexpr int kFanConsumers = 4;
constexpr int kBrokerProducers = 4;
constexpr int kScaleLanes = 25;
constexpr int kScaleReadersPerLane = 2;

/// What one run of a multi-node flow delivered.
struct MultiRun
{
    double seconds = 0.0;
    std::vector<double> consumerRates; ///< processed / seconds, one per consumer, sorted
    double total = 0.0;                ///< all consumers' processed / seconds
    std::uint64_t delivered = 0;       ///< all consumers' processed
    std::size_t peakThreads = 0;
    /// The smallest share of its queue's events one reader of a multi-reader queue processed
    /// (0.5 = a fair split between two readers); negative when the flow has no such queue.
    double smallestQueueShare = -1.0;
    std::string problem;
};

/// A named multi-node case, how it runs, and its runs.
struct MultiCase
{
    std::string name;
    BenchFlow flow;
    RunWatch watch;
    std::vector<MultiRun> runs;
};

/// See MultiRun::smallestQueueShare.
double smallestQueueShare(const FlowRun &run, const BenchFlow &bench)
{
    double smallest = -1.0;
    for (const ConsumerGroup &group : bench.groups) {
        if (group.eachGetsAll || group.consumers.size() < 2 || group.events == 0)
            continue;
        for (const auto &id : group.consumers) {
            const double share = static_cast<double>(processedBy(run, id)) / group.events;
            smallest = smallest < 0.0 ? share : std::min(smallest, share);
        }
    }
    return smallest;
}

MultiRun runMulti(const BenchFlow &bench, RunWatch watch)
{
    watch.countThreads = true;
    const FlowRun run = runFlowToEnd(bench.flow, watch);
    MultiRun result;
    result.seconds = run.seconds;
    result.peakThreads = run.peakThreads;
    result.problem = checkRun(run, bench);
    for (const auto &id : bench.consumers()) {
        const std::uint64_t processed = processedBy(run, id);
        result.delivered += processed;
        result.consumerRates.push_back(ratio(static_cast<double>(processed), run.seconds));
    }
    std::sort(result.consumerRates.begin(), result.consumerRates.end());
    result.total = ratio(static_cast<double>(result.delivered), run.seconds);
    result.smallestQueueShare = smallestQueueShare(run, bench);
    return result;
}

double medianOf(const std::vector<double> &sorted)
{
    return sorted.empty() ? 0.0 : sorted[(sorted.size() - 1) / 2];
}

void printMultiRun(int r, const std::string &name, const MultiRun &run)
{
    const auto &rates = run.consumerRates;
    char share[64] = "";
    if (run.smallestQueueShare >= 0.0)
        std::snprintf(share, sizeof share, "; smallest queue-reader share %.3f",
                      run.smallestQueueShare);
    std::printf("run %d  %-22s %10llu delivered %8.3f s %10.0f events/s total; per consumer "
                "min %.0f median %.0f max %.0f; peak threads %zu%s%s%s\n",
                r, name.c_str(), static_cast<unsigned long long>(run.delivered), run.seconds,
                run.total, rates.empty() ? 0.0 : rates.front(), medianOf(rates),
                rates.empty() ? 0.0 : rates.back(), run.peakThreads, share,
                run.problem.empty() ? "" : "  WRONG COUNTS: ", run.problem.c_str());
    std::fflush(stdout);
}

/// The run with the median total (the lower middle one for an even count).
const MultiRun &medianRun(const std::vector<MultiRun> &runs)
{
    std::vector<const MultiRun *> sorted;
    for (const auto &r : runs)
        sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto *a, const auto *b) { return a->total < b->total; });
    return *sorted[(sorted.size() - 1) / 2];
}

void printMultiTable(const std::vector<MultiCase> &cases)
{
    std::printf("\n%-22s %6s %6s %9s %11s %11s %11s %11s %8s\n", "case (median run)", "nodes",
                "cons.", "seconds", "total ev/s", "min/cons.", "median/cons", "max/cons.",
                "threads");
    for (const auto &c : cases) {
        if (c.runs.empty())
            continue;
        const MultiRun &m = medianRun(c.runs);
        const auto &rates = m.consumerRates;
        std::printf("%-22s %6zu %6zu %9.3f %11.0f %11.0f %11.0f %11.0f %8zu\n", c.name.c_str(),
                    c.flow.flow.nodes.size(), rates.size(), m.seconds, m.total,
                    rates.empty() ? 0.0 : rates.front(), medianOf(rates),
                    rates.empty() ? 0.0 : rates.back(), m.peakThreads);
    }
}

/// Validates every case's flow, runs them `repeat` times interleaved, prints the table.
bool runMultiCases(std::vector<MultiCase> &cases, int repeat)
{
    bool ok = true;
    for (const auto &c : cases) {
        if (const std::string errors = validationErrors(c.flow.flow); !errors.empty()) {
            std::printf("%s: the flow does not validate:\n%s\n", c.name.c_str(), errors.c_str());
            return false;
        }
    }
    for (int r = 1; r <= repeat; ++r) {
        for (auto &c : cases) {
            c.runs.push_back(runMulti(c.flow, c.watch));
            printMultiRun(r, c.name, c.runs.back());
            ok = ok && c.runs.back().problem.empty();
        }
    }
    printMultiTable(cases);
    return ok;
}

} // namespace

bool runFanout(const model::Flow &example, std::uint64_t events, int repeat)
{
    const Cell pubsub{Pattern::PubSub, model::Transport::Tcp};
    const Cell broker{Pattern::Broker, model::Transport::Tcp};
    const std::uint64_t perBrokerProducer = std::max<std::uint64_t>(1, events / kBrokerProducers);
    std::vector<MultiCase> cases;
    cases.push_back(
        {"pubsub/tcp 1 x 4", fanFlow(example, pubsub, 1, kFanConsumers, events), {}, {}});
    cases.push_back({"broker/tcp 4 x 4",
                     fanFlow(example, broker, kBrokerProducers, kFanConsumers, perBrokerProducer),
                     {},
                     {}});
    std::printf("\n== fan-out: pubsub 1 generator x %d counters (%llu events), broker %d "
                "generators (%llu events each) x %d counters; %d run(s) each, interleaved\n",
                kFanConsumers, static_cast<unsigned long long>(events), kBrokerProducers,
                static_cast<unsigned long long>(perBrokerProducer), kFanConsumers, repeat);
    return runMultiCases(cases, repeat);
}

bool runScale(const model::Flow &example, std::uint64_t events, int repeat)
{
    const std::uint64_t perProducer = std::max<std::uint64_t>(1, events / kScaleLanes);
    const BenchFlow flow = scaleFlow(example, kScaleLanes, kScaleReadersPerLane, perProducer);
    RunWatch threadPerNode;
    threadPerNode.options.readerThreads = 0;
    std::vector<MultiCase> cases;
    cases.push_back({"scale: default threads", flow, {}, {}});
    cases.push_back({"scale: thread per node", flow, threadPerNode, {}});
    std::printf("\n== scale: %zu nodes (%d lanes: generator -> tcp pubsub (even lanes) or queue "
                "(odd) -> %d counters), %llu events per generator; the runtime's default reader "
                "threads against one thread per node (RunOptions::readerThreads 0); %d run(s) "
                "each, interleaved\n",
                flow.flow.nodes.size(), kScaleLanes, kScaleReadersPerLane,
                static_cast<unsigned long long>(perProducer), repeat);
    return runMultiCases(cases, repeat);
}

} // namespace evflow::bench
