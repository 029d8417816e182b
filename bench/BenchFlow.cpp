// evflow-bench-flow: end-to-end events/s of evflow against raw ZeroMQ on one machine, in one
// process and one run (issues 3 and 7): the pattern × transport matrix, fan-out, a 100-node flow
// and the cost of monitoring. Exits non-zero when a case's counts are wrong, never because of
// speed. See docs/PERFORMANCE.md.
#include "bench/BenchFlows.h"
#include "bench/MatrixCases.h"
#include "bench/MultiNodeCases.h"
#include "bench/RawZmqCases.h"

#include "model/BinaryCodec.h"
#include "model/EventGenerator.h"
#include "model/FlowFile.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
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
    std::vector<std::string> cases{"matrix", "fanout", "scale", "overhead"};
    std::vector<std::string> patterns{"queue", "pubsub", "broker"};
    std::vector<std::string> transports{"tcp", "ipc", "inproc"};
    std::vector<std::string> sides{"raw", "hand", "evflow"};

    bool wants(const std::string &name) const
    {
        return std::find(cases.begin(), cases.end(), name) != cases.end();
    }
};

/// The frames of the event the flow's generator emits halfway through the run (ids and
/// sequence numbers then have a typical number of digits): raw ZeroMQ moves copies of them.
model::EncodedFrames typicalFrames(const model::Flow &flow, const model::Node &generator,
                                   std::uint64_t events)
{
    model::EventGenerator source(generator, flow, bench::kBenchEpoch);
    for (std::uint64_t i = 0; i < events / 2; ++i)
        source.next(0);
    model::EncodedFrames frames;
    const auto result
        = model::encodeFrames(source.next(1'780'000'000'000'000), 1'780'000'000'000'000, frames);
    if (!result.ok())
        throw std::runtime_error("cannot encode the generator's event: " + result.message);
    return frames;
}

/// The selected cells, in the order pattern-major (queue tcp, queue ipc, ...).
std::vector<bench::Cell> selectedCells(const Options &options)
{
    std::vector<bench::Cell> cells;
    for (const auto &p : {"queue", "pubsub", "broker"})
        for (const auto &t : {"tcp", "ipc", "inproc"})
            if (std::count(options.patterns.begin(), options.patterns.end(), p) > 0
                && std::count(options.transports.begin(), options.transports.end(), t) > 0)
                cells.push_back({*bench::parsePattern(p), *bench::parseTransport(t)});
    return cells;
}

int runBenchmark(const Options &options)
{
    const model::LoadResult loaded = model::loadFlowFile(options.flowPath);
    if (!loaded.flow) {
        for (const auto &p : loaded.problems)
            std::fprintf(stderr, "%s\n", model::formatProblem(options.flowPath, p).c_str());
        return 2;
    }
    const model::Flow &example = *loaded.flow;
    const bench::ExampleNodes nodes = bench::ExampleNodes::of(example);
    const model::EncodedFrames frames = typicalFrames(example, *nodes.generator, options.events);
    std::printf("libzmq %s; flow %s, %llu events per run, %d run(s) per case\n",
                bench::zmqVersion().c_str(), options.flowPath.c_str(),
                static_cast<unsigned long long>(options.events), options.repeat);
    std::printf("event frames: type %zu + header %zu + data %zu bytes; hwm: queue %d, pubsub "
                "and broker %d (nothing can be dropped)\n\n",
                frames.type.size(), frames.header.size(), frames.data.size(),
                bench::cellHwm(bench::Pattern::Queue, options.events),
                bench::cellHwm(bench::Pattern::PubSub, options.events));
    std::fflush(stdout);

    bool ok = true;
    const auto hasSide = [&](const char *side) {
        return std::count(options.sides.begin(), options.sides.end(), side) > 0;
    };
    if (options.wants("matrix"))
        ok = bench::runMatrix(selectedCells(options), example, frames, options.events,
                              options.repeat, {hasSide("raw"), hasSide("hand"), hasSide("evflow")})
             && ok;
    if (options.wants("fanout"))
        ok = bench::runFanout(example, options.events, options.repeat) && ok;
    if (options.wants("scale"))
        ok = bench::runScale(example, options.events, options.repeat) && ok;
    if (options.wants("overhead"))
        ok = bench::runOverhead(example, options.events, options.repeat) && ok;
    if (!ok)
        std::fprintf(stderr, "\nevflow-bench-flow: some runs delivered wrong counts (see above)\n");
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    CLI::App app{"evflow-bench-flow: events/s of evflow against raw ZeroMQ (docs/PERFORMANCE.md)"};
    app.add_option("--events", options.events,
                   "Events per run (per consumer in fan-out; all generators' total in scale)")
        ->check(CLI::Range(1, 1'000'000'000));
    app.add_option("--repeat", options.repeat, "Runs per case; the median is reported")
        ->check(CLI::Range(1, 100));
    app.add_option("--flow", options.flowPath,
                   "Flow with a generator, a channel and a counter node (their settings are used)");
    app.add_option("--cases", options.cases, "Which cases to run")
        ->delimiter(',')
        ->check(CLI::IsMember({"matrix", "fanout", "scale", "overhead"}));
    app.add_option("--pattern", options.patterns, "Matrix patterns")
        ->delimiter(',')
        ->check(CLI::IsMember({"queue", "pubsub", "broker"}));
    app.add_option("--transport", options.transports, "Matrix transports")
        ->delimiter(',')
        ->check(CLI::IsMember({"tcp", "ipc", "inproc"}));
    app.add_option("--matrix-cases", options.sides,
                   "Which cases of each matrix cell run (fewer: to profile one of them)")
        ->delimiter(',')
        ->check(CLI::IsMember({"raw", "hand", "evflow"}));
    app.add_flag("--smoke", options.smoke,
                 "CI check: 20000 events, one run (overrides --events and --repeat)");
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
