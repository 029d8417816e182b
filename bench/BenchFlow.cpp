// evflow-bench-flow: end-to-end events/s of evflow against raw ZeroMQ on one machine, in one
// process and one run (issue 3; the baseline of issue 7). Exits non-zero when a case's counts are
// wrong, never because of speed. See docs/PERFORMANCE.md.
#include "bench/EvflowCase.h"
#include "bench/RawZmqCases.h"

#include "model/BinaryCodec.h"
#include "model/EventGenerator.h"
#include "model/FlowFile.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace evflow;

struct Options
{
    std::uint64_t events = 1'000'000;
    int repeat = 3;
    bool smoke = false;
    std::string flowPath = EVFLOW_SOURCE_DIR "/resources/examples/throughput.evflow.json";
};

/// One case: its name and how to run it once.
struct Case
{
    std::string name;
    std::function<bench::CaseResult()> run;
    std::vector<bench::CaseResult> runs;
};

const model::Node *firstOfKind(const model::Flow &flow, model::NodeKind kind)
{
    const auto it = std::find_if(flow.nodes.begin(), flow.nodes.end(),
                                 [kind](const model::Node &n) { return n.kind == kind; });
    return it == flow.nodes.end() ? nullptr : &*it;
}

/// The frames of the event the flow's generator emits halfway through the run (ids and
/// sequence numbers then have a typical number of digits): raw ZeroMQ moves copies of them.
model::EncodedFrames typicalFrames(const model::Flow &flow, const model::Node &generator,
                                   std::uint64_t events)
{
    model::EventGenerator source(generator, flow, bench::kBenchEpoch);
    for (std::uint64_t i = 0; i < events / 2; ++i) {
        source.next(0);
    }
    model::EncodedFrames frames;
    const auto result
        = model::encodeFrames(source.next(1'780'000'000'000'000), 1'780'000'000'000'000, frames);
    if (!result.ok()) {
        throw std::runtime_error("cannot encode the generator's event: " + result.message);
    }
    return frames;
}

/// The run whose events/s is the median (the lower middle one for an even count).
const bench::CaseResult &median(const std::vector<bench::CaseResult> &runs)
{
    std::vector<const bench::CaseResult *> sorted;
    for (const auto &r : runs) {
        sorted.push_back(&r);
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) {
        return a->eventsPerSecond() < b->eventsPerSecond();
    });
    return *sorted[(sorted.size() - 1) / 2];
}

void printTable(const std::vector<Case> &cases)
{
    std::printf("\n%-34s %10s %9s %12s %9s\n", "case (median run)", "events", "seconds", "events/s",
                "vs raw");
    const double raw = median(cases.front().runs).eventsPerSecond();
    for (const auto &c : cases) {
        const auto &m = median(c.runs);
        std::printf("%-34s %10llu %9.3f %12.0f %8.3fx\n", c.name.c_str(),
                    static_cast<unsigned long long>(m.events), m.seconds, m.eventsPerSecond(),
                    raw > 0.0 ? m.eventsPerSecond() / raw : 0.0);
    }
}

/// Runs every case `repeat` times, interleaved (so a change in machine load hits all cases
/// alike), printing each run. Returns false when any run's counts were wrong.
bool runCases(std::vector<Case> &cases, int repeat)
{
    bool ok = true;
    for (int r = 1; r <= repeat; ++r) {
        for (auto &c : cases) {
            const bench::CaseResult result = c.run();
            std::printf("run %d  %-34s %10llu events %9.3f s %12.0f events/s  header %zu B%s%s\n",
                        r, c.name.c_str(), static_cast<unsigned long long>(result.events),
                        result.seconds, result.eventsPerSecond(), result.headerBytes,
                        result.problem.empty() ? "" : "  WRONG COUNTS: ", result.problem.c_str());
            std::fflush(stdout);
            ok = ok && result.problem.empty();
            c.runs.push_back(result);
        }
    }
    return ok;
}

/// The three cases, in the order of the table (raw ZeroMQ first: the ratios' reference).
std::vector<Case> makeCases(std::uint64_t n, const model::Flow &flow, const model::Node &generator,
                            const model::Node &consumer, const model::EncodedFrames &frames)
{
    const model::DeliverySettings delivery = consumer.delivery.value_or(model::DeliverySettings{});
    std::vector<Case> cases;
    cases.push_back({"raw ZeroMQ PUSH/PULL (tcp)",
                     [n, &frames] { return bench::runRawPushPull(n, frames); },
                     {}});
    cases.push_back({"hand-written consumer (raw ZeroMQ)",
                     [n, &flow, &generator, delivery] {
                         return bench::runHandWrittenConsumer(n, flow, generator, delivery);
                     },
                     {}});
    cases.push_back({"evflow FlowRuntime",
                     [n, &flow, &generator, &consumer] {
                         return bench::runEvflow(n, flow, generator.id.value, consumer.id.value);
                     },
                     {}});
    return cases;
}

int runBenchmark(const Options &options)
{
    const model::LoadResult loaded = model::loadFlowFile(options.flowPath);
    if (!loaded.flow) {
        for (const auto &p : loaded.problems) {
            std::fprintf(stderr, "%s\n", model::formatProblem(options.flowPath, p).c_str());
        }
        return 2;
    }
    const model::Flow &flow = *loaded.flow;
    const model::Node *generator = firstOfKind(flow, model::NodeKind::Generator);
    const model::Node *consumer = firstOfKind(flow, model::NodeKind::Counter);
    if (generator == nullptr || consumer == nullptr) {
        std::fprintf(stderr, "%s: needs a generator and a counter node\n",
                     options.flowPath.c_str());
        return 2;
    }
    const model::EncodedFrames frames = typicalFrames(flow, *generator, options.events);
    std::printf("libzmq %s; flow %s, %llu events per run, %d run(s) per case\n",
                bench::zmqVersion().c_str(), options.flowPath.c_str(),
                static_cast<unsigned long long>(options.events), options.repeat);
    std::printf("event frames: type %zu + header %zu + data %zu bytes\n\n", frames.type.size(),
                frames.header.size(), frames.data.size());

    std::vector<Case> cases = makeCases(options.events, flow, *generator, *consumer, frames);
    const bool ok = runCases(cases, options.repeat);
    printTable(cases);
    if (!ok) {
        std::fprintf(stderr, "\nevflow-bench-flow: some runs delivered wrong counts (see above)\n");
    }
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    CLI::App app{"evflow-bench-flow: events/s of evflow against raw ZeroMQ (docs/PERFORMANCE.md)"};
    app.add_option("--events", options.events, "Events per run")
        ->check(CLI::Range(1, 1'000'000'000));
    app.add_option("--repeat", options.repeat, "Runs per case; the median is reported")
        ->check(CLI::Range(1, 100));
    app.add_option("--flow", options.flowPath, "Flow with a generator and a counter node");
    app.add_flag("--smoke", options.smoke, "CI check: 20000 events, one run (overrides both)");
    CLI11_PARSE(app, argc, argv);
    if (options.smoke) {
        options.events = 20000;
        options.repeat = 1;
    }
    try {
        return runBenchmark(options);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "evflow-bench-flow: %s\n", e.what());
        return 3;
    }
}
