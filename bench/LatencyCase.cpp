#include "bench/LatencyCase.h"

#include "bench/LatencyProbe.h"
#include "bench/RuntimeBenchSupport.h"

#include "model/LatencyHistogram.h"
#include "transport/FlowRuntime.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

namespace evflow::bench {
namespace {

const char *const kGenerator = "source";
const char *const kChannel = "pipe";
const char *const kConsumer = "sink";

/// The throughput example at a fixed rate, its queue turned into a pubsub channel that the
/// generator binds, so that a probe can subscribe to the same events as the counter.
model::Flow latencyFlow(double rate)
{
    model::Flow flow = loadExampleFlow("throughput.evflow.json");
    setGeneratorPacing(flow, kGenerator, 0, rate, 1);
    model::Node *channel = flow.findNode(model::NodeId{kChannel});
    channel->kind = model::NodeKind::PubSub;
    channel->properties["bindSide"] = std::string("producer");
    channel->properties["endpoint"] = std::string("tcp://127.0.0.1:*");
    return flow;
}

/// Percentiles of a set of values, exact (nearest rank) or from a histogram.
struct Percentiles
{
    std::uint64_t count = 0;
    std::int64_t p50 = 0;
    std::int64_t p99 = 0;
    std::int64_t p999 = 0;
    std::int64_t max = 0;
};

/// Nearest rank, as LatencyHistogram::percentile defines it: the smallest value such that at
/// least p % of the values are <= it.
std::int64_t exactPercentile(const std::vector<std::int64_t> &sorted, double p)
{
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Percentiles exactPercentiles(std::vector<std::int64_t> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    return {values.size(), exactPercentile(values, 50), exactPercentile(values, 99),
            exactPercentile(values, 99.9), values.back()};
}

Percentiles binnedPercentiles(const std::vector<std::int64_t> &values)
{
    model::LatencyHistogram histogram;
    for (std::int64_t v : values)
        histogram.record(v);
    return {histogram.count(), histogram.percentile(50), histogram.percentile(99),
            histogram.percentile(99.9), histogram.max()};
}

void printRow(const char *name, const Percentiles &p, bool hasCount, bool hasP999)
{
    std::printf("%-44s %9s %8lld %8lld %8s %8lld\n", name,
                hasCount ? std::to_string(p.count).c_str() : "n/a", static_cast<long long>(p.p50),
                static_cast<long long>(p.p99), hasP999 ? std::to_string(p.p999).c_str() : "n/a",
                static_cast<long long>(p.max));
}

void printDifference(const char *what, std::int64_t runtime, std::int64_t probe)
{
    const double percent = probe != 0 ? 100.0 * static_cast<double>(runtime - probe) / probe : 0;
    std::printf("  %s: runtime %lld us, probe %lld us, runtime - probe %+lld us (%+.1f %%)\n", what,
                static_cast<long long>(runtime), static_cast<long long>(probe),
                static_cast<long long>(runtime - probe), percent);
}

/// The probe's own counts: it must have seen events, all whole and none missing.
std::string checkProbe(const LatencyProbe &probe)
{
    if (!probe.error().empty())
        return "probe: " + probe.error();
    if (probe.eventTimeLatencies().empty())
        return "the probe received no event";
    if (probe.gaps() != 0 || probe.malformed() != 0)
        return "the probe saw " + std::to_string(probe.gaps()) + " missing and "
               + std::to_string(probe.malformed()) + " malformed events";
    return {};
}

void printReport(const model::RunSnapshot &snapshot, const LatencyProbe &probe, double seconds)
{
    const model::NodeSnapshot &sink = *snapshot.findNode(kConsumer);
    const Percentiles runtime{sink.input.processed, sink.latencyMicros.p50, sink.latencyMicros.p99,
                              0, sink.latencyMicros.max};
    const Percentiles exact = exactPercentiles(probe.eventTimeLatencies());
    std::printf("processed %llu events in %.1f s (%.0f events/s); the probe received %llu\n\n",
                static_cast<unsigned long long>(sink.input.processed), seconds,
                sink.input.processed / seconds, static_cast<unsigned long long>(exact.count));
    std::printf("%-44s %9s %8s %8s %8s %8s\n", "latency, microseconds", "events", "p50", "p99",
                "p99.9", "max");
    printRow("runtime histogram, counter (now - time)", runtime, true, false);
    printRow("probe, exact (now - time)", exact, true, true);
    printRow("probe, same values in a LatencyHistogram",
             binnedPercentiles(probe.eventTimeLatencies()), true, true);
    printRow("probe, exact (now - send time)", exactPercentiles(probe.sendTimeLatencies()), true,
             true);
    std::printf("(runtime 'events' = the counter's processed: RunSnapshot carries no histogram "
                "count)\n");
    printDifference("p50", runtime.p50, exact.p50);
    printDifference("p99", runtime.p99, exact.p99);
    printDifference("max", runtime.max, exact.max);
}

} // namespace

int runLatencyCase(const LatencyOptions &options)
{
    std::printf("== latency: generator at %.0f events/s (bursts of 1) -> pubsub on tcp loopback "
                "-> counter, %.1f s\n",
                options.rate, options.seconds);
    transport::FlowRuntime runtime;
    if (!runtime.start(latencyFlow(options.rate))) {
        std::printf("FAILED: start: %s\n", runErrorText(runtime.snapshot()).c_str());
        return 1;
    }
    const auto started = std::chrono::steady_clock::now();
    const std::string endpoint = runtime.snapshot().findNode(kChannel)->endpoint;
    std::printf("channel endpoint %s; the probe subscribes after start()\n", endpoint.c_str());
    LatencyProbe probe(static_cast<std::size_t>(options.rate * options.seconds * 1.5) + 1000);
    probe.start(endpoint);
    std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
    probe.stop();
    runtime.stop();
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const model::RunSnapshot snapshot = runtime.snapshot();
    std::string problem = checkLosslessRun(snapshot, kGenerator, kConsumer);
    if (problem.empty())
        problem = checkProbe(probe);
    if (!problem.empty()) {
        std::printf("FAILED: %s\n", problem.c_str());
        return 1;
    }
    printReport(snapshot, probe, seconds);
    return 0;
}

} // namespace evflow::bench
