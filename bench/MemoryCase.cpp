#include "bench/MemoryCase.h"

#include "bench/CountingAllocator.h"
#include "bench/RuntimeBenchSupport.h"

#include "transport/FlowRuntime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

namespace evflow::bench {
namespace {

using Clock = std::chrono::steady_clock;

const char *const kGenerator = "source";
const char *const kChannel = "pipe";
const char *const kConsumer = "sink";
constexpr int kTicksPerSecond = 10;
constexpr int kPrintEverySeconds = 10;

struct Sample
{
    double seconds = 0;
    std::uint64_t rss = 0;
    std::int64_t heapLive = 0; ///< bytes from operator new still allocated
    std::uint64_t processed = 0;
    std::uint64_t backlog = 0;
};

Sample takeSample(const transport::FlowRuntime &runtime, Clock::time_point started)
{
    const model::RunSnapshot snapshot = runtime.snapshot();
    Sample s;
    s.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    s.rss = residentBytes();
    s.heapLive = allocationCounts().liveBytes;
    s.processed = snapshot.findNode(kConsumer)->input.processed;
    s.backlog = snapshot.findNode(kChannel)->channel.backlog;
    return s;
}

void printSample(const Sample &s)
{
    std::printf("t %6.1f s  RSS %8.2f MiB  operator-new live %8.2f MiB  processed %11llu  "
                "backlog %6llu\n",
                s.seconds, mebibytes(s.rss), mebibytes(s.heapLive),
                static_cast<unsigned long long>(s.processed),
                static_cast<unsigned long long>(s.backlog));
    std::fflush(stdout);
}

/// Runs the flow, sampling once a second; returns the samples (the first is taken at start()).
std::vector<Sample> sampleRun(transport::FlowRuntime &runtime, const MemoryOptions &options)
{
    const auto started = Clock::now();
    std::vector<Sample> samples{takeSample(runtime, started)};
    const int ticks = static_cast<int>(options.seconds * kTicksPerSecond);
    for (int tick = 1; tick <= ticks; ++tick) {
        std::this_thread::sleep_until(started + tick * std::chrono::milliseconds(100));
        if (options.studioLoad) {
            const model::RunSnapshot studioView = runtime.snapshot();
            const auto recent = runtime.recentEvents(model::NodeId{kConsumer});
            (void)studioView;
            (void)recent;
        }
        if (tick % kTicksPerSecond == 0) {
            samples.push_back(takeSample(runtime, started));
            if (tick % (kPrintEverySeconds * kTicksPerSecond) == 0)
                printSample(samples.back());
        }
    }
    return samples;
}

void printMemorySummary(const std::vector<Sample> &samples, double settleSeconds)
{
    const auto settle = std::find_if(samples.begin(), samples.end(),
                                     [&](const Sample &s) { return s.seconds >= settleSeconds; });
    const Sample &end = samples.back();
    const Sample &from = settle != samples.end() ? *settle : end;
    std::uint64_t maxAll = 0;
    std::uint64_t maxAfter = 0;
    for (auto it = samples.begin(); it != samples.end(); ++it) {
        maxAll = std::max(maxAll, it->rss);
        if (it >= settle)
            maxAfter = std::max(maxAfter, it->rss);
    }
    const double growth = static_cast<double>(end.rss) - static_cast<double>(from.rss);
    std::printf("\nRSS at start()          %8.2f MiB\n", mebibytes(samples.front().rss));
    std::printf("RSS at %6.1f s         %8.2f MiB (settle point)\n", from.seconds,
                mebibytes(from.rss));
    std::printf("RSS at the end %6.1f s %8.2f MiB\n", end.seconds, mebibytes(end.rss));
    std::printf("growth after settle     %+8.2f MiB (end - settle); max after settle %+.2f MiB\n",
                mebibytes(growth), mebibytes(static_cast<double>(maxAfter) - from.rss));
    std::printf("max RSS                 %8.2f MiB\n", mebibytes(maxAll));
    std::printf("operator-new live bytes %+8.2f MiB after settle (%.2f MiB at the end)\n",
                mebibytes(static_cast<double>(end.heapLive - from.heapLive)),
                mebibytes(end.heapLive));
    std::printf("processed               %llu events (%.0f events/s)\n",
                static_cast<unsigned long long>(end.processed), end.processed / end.seconds);
    std::printf("target (growth < 5 MiB after the first minute): %s\n",
                growth < 5.0 * 1024 * 1024 ? "met" : "NOT met");
}

} // namespace

int runMemoryCase(const MemoryOptions &options)
{
    std::printf("== memory: throughput example at full rate (count 0, rate 0), %.0f s, RSS every "
                "second, studio-like snapshot()+recentEvents() at 10 Hz: %s\n",
                options.seconds, options.studioLoad ? "on" : "off");
    model::Flow flow = loadExampleFlow("throughput.evflow.json");
    setGeneratorPacing(flow, kGenerator, 0, 0.0, 64);
    transport::FlowRuntime runtime;
    if (!runtime.start(std::move(flow))) {
        std::printf("FAILED: start: %s\n", runErrorText(runtime.snapshot()).c_str());
        return 1;
    }
    const std::vector<Sample> samples = sampleRun(runtime, options);
    runtime.stop();
    const std::string problem = checkLosslessRun(runtime.snapshot(), kGenerator, kConsumer);
    printMemorySummary(samples, options.settleSeconds);
    if (!problem.empty()) {
        std::printf("FAILED: %s\n", problem.c_str());
        return 1;
    }
    return 0;
}

} // namespace evflow::bench
