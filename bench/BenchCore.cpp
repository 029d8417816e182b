// Google Benchmark of the per-event building blocks of evflow's consumer path, on realistic
// events (bench/BenchEvents.h). Each benchmark checks its own results and stops with an error
// when they are wrong, so the CI smoke run (BenchCoreSmoke) fails on a broken path, never on speed.
#include "bench/BenchEvents.h"

#include "model/BinaryCodec.h"
#include "model/CloudEventJson.h"
#include "model/DedupWindow.h"
#include "model/InputAccounting.h"
#include "model/InputPipeline.h"
#include "model/LatencyHistogram.h"
#include "model/SequenceTracker.h"
#include "model/StreamKey.h"
#include "model/Watermark.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace evflow;

constexpr std::size_t kDedupWindow = 100000;
constexpr std::int64_t kDedupAgeMicros = 60'000'000;

void setFrameCounters(benchmark::State &state, const model::EncodedFrames &frames)
{
    state.counters["typeBytes"] = static_cast<double>(frames.type.size());
    state.counters["headerBytes"] = static_cast<double>(frames.header.size());
    state.counters["dataBytes"] = static_cast<double>(frames.data.size());
    const auto total = frames.type.size() + frames.header.size() + frames.data.size();
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(total));
    state.SetItemsProcessed(state.iterations());
}

void BM_EncodeFrames(benchmark::State &state)
{
    const model::Event event = bench::makeOrderEvent(42);
    model::EncodedFrames frames;
    for (auto _ : state) {
        const auto result = model::encodeFrames(event, event.time, frames);
        if (!result.ok()) {
            state.SkipWithError(result.message.c_str());
            break;
        }
        benchmark::DoNotOptimize(frames.header.data());
    }
    setFrameCounters(state, frames);
}
BENCHMARK(BM_EncodeFrames);

void BM_DecodeFrames(benchmark::State &state)
{
    const model::Event event = bench::makeOrderEvent(42);
    model::EncodedFrames frames;
    if (!model::encodeFrames(event, event.time, frames).ok()) {
        state.SkipWithError("encode failed");
        return;
    }
    model::Event decoded; // reused: decoding overwrites it in place
    for (auto _ : state) {
        const auto result
            = model::decodeFrames(frames.type, frames.header, frames.data, decoded, nullptr);
        if (!result.ok()) {
            state.SkipWithError(result.message.c_str());
            break;
        }
        benchmark::DoNotOptimize(decoded.id.data());
    }
    if (decoded != event) {
        state.SkipWithError("decoded event differs from the encoded one");
    }
    setFrameCounters(state, frames);
}
BENCHMARK(BM_DecodeFrames);

void BM_ToCloudEventJson(benchmark::State &state)
{
    const model::Event event = bench::makeOrderEvent(42);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string json = model::toCloudEventJson(event);
        bytes = json.size();
        benchmark::DoNotOptimize(json.data());
    }
    state.counters["jsonBytes"] = static_cast<double>(bytes);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToCloudEventJson);

void BM_FromCloudEventJson(benchmark::State &state)
{
    const model::Event event = bench::makeOrderEvent(42);
    const std::string json = model::toCloudEventJson(event);
    model::Event parsed;
    std::string error;
    for (auto _ : state) {
        if (!model::fromCloudEventJson(json, parsed, error)) {
            state.SkipWithError(error.c_str());
            break;
        }
        benchmark::DoNotOptimize(parsed.id.data());
    }
    if (parsed != event) {
        state.SkipWithError("parsed event differs from the written one");
    }
    state.counters["jsonBytes"] = static_cast<double>(json.size());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FromCloudEventJson);

// Arg = percentage of repeated ids. A repeat reuses the id of the event 999 before (well inside
// the 100k window; 999 so that the reused id was itself inserted, not a repeat), so it must be
// detected: the duplicate count is checked exactly.
void BM_DedupCheckAndInsert(benchmark::State &state)
{
    const auto repeatEvery = state.range(0) > 0 ? std::uint64_t{100} / state.range(0) : 0;
    model::DedupWindow window(kDedupWindow, kDedupAgeMicros);
    model::Event event = bench::makeOrderEvent(0);
    std::uint64_t index = 0;
    std::uint64_t expectedDuplicates = 0;
    for (auto _ : state) {
        const bool repeat = repeatEvery > 0 && index >= 1000 && index % repeatEvery == 0;
        bench::setOrderIndex(event, repeat ? index - 999 : index);
        expectedDuplicates += repeat ? 1 : 0;
        benchmark::DoNotOptimize(
            window.checkAndInsert(event.source, event.id, static_cast<std::int64_t>(index)));
        ++index;
    }
    if (window.counters().duplicates != expectedDuplicates) {
        const std::string message = "dedup window found "
                                    + std::to_string(window.counters().duplicates) + " duplicates; "
                                    + std::to_string(expectedDuplicates) + " were sent";
        state.SkipWithError(message.c_str());
    }
    state.counters["duplicates"] = static_cast<double>(expectedDuplicates);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DedupCheckAndInsert)->Arg(0)->Arg(5);

void BM_SequenceTrackerClassify(benchmark::State &state)
{
    const model::Event event = bench::makeOrderEvent(0);
    model::SequenceTracker tracker;
    std::string key;
    model::makeStreamKey(key, event.source, event.type);
    std::uint64_t sequence = 0;
    std::uint64_t unexpected = 0;
    for (auto _ : state) {
        const auto c
            = tracker.classify(key, event.epoch, sequence, static_cast<std::int64_t>(sequence));
        unexpected += (c == model::SequenceClass::InOrder
                       || (sequence == 0 && c == model::SequenceClass::FirstOfEpoch))
                          ? 0
                          : 1;
        ++sequence;
    }
    if (unexpected != 0 || tracker.totals().gaps != 0) {
        state.SkipWithError("an in-order stream was not classified in order");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SequenceTrackerClassify);

void BM_WatermarkObserve(benchmark::State &state)
{
    model::Watermark watermark(1'000'000);
    std::int64_t time = 0;
    std::uint64_t late = 0;
    for (auto _ : state) {
        // Slightly shuffled times (a step back of up to 7 us) that stay within the bound.
        late += watermark.observe(time - (time & 7)) ? 1 : 0;
        time += 3;
    }
    if (late != 0) {
        state.SkipWithError("an event inside the out-of-orderness bound was late");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WatermarkObserve);

// Latencies spread over the buckets like a loaded run: 5 us .. ~80 ms.
std::array<std::int64_t, 4096> latencySamples()
{
    std::array<std::int64_t, 4096> samples{};
    std::uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (auto &s : samples) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s = 5 + static_cast<std::int64_t>(x % (std::uint64_t{1} << (4 + x % 13)));
    }
    return samples;
}

void BM_LatencyHistogramRecord(benchmark::State &state)
{
    const auto samples = latencySamples();
    model::LatencyHistogram histogram;
    std::size_t i = 0;
    for (auto _ : state) {
        histogram.record(samples[i++ & (samples.size() - 1)]);
    }
    if (histogram.count() != static_cast<std::uint64_t>(state.iterations())) {
        state.SkipWithError("histogram lost records");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LatencyHistogramRecord);

// The one-writer atomic histogram the runtime's workers record into.
void BM_LiveLatencyHistogramRecord(benchmark::State &state)
{
    const auto samples = latencySamples();
    model::LiveLatencyHistogram histogram;
    std::size_t i = 0;
    for (auto _ : state) {
        histogram.record(samples[i++ & (samples.size() - 1)]);
    }
    if (histogram.snapshot().count() != static_cast<std::uint64_t>(state.iterations())) {
        state.SkipWithError("histogram lost records");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LiveLatencyHistogramRecord);

// The full per-event consumer path: schema check, dedup, sequence, watermark, accounting.
void BM_InputPipelineAccept(benchmark::State &state)
{
    model::DeliverySettings settings; // the defaults: dedup 100k / 60 s, watermark 1 s, schema on
    model::LiveInputCounters counters;
    model::InputPipeline pipeline(settings, {bench::orderEventType()}, true, counters);
    model::Event event = bench::makeOrderEvent(0);
    std::uint64_t index = 0;
    for (auto _ : state) {
        bench::setOrderIndex(event, index++);
        if (pipeline.accept(event, event.time).act()) {
            pipeline.processed();
        }
    }
    const auto books = counters.snapshot();
    if (books.processed != index || !books.balanced()) {
        state.SkipWithError(("not every event was processed: " + pipeline.lastReason()).c_str());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InputPipelineAccept);

/// Shows the runs through the default display reporter and counts the ones that stopped with an
/// error (SkipWithError: a wrong result), so that main() can fail on them: Google Benchmark's
/// own main returns 0 even then.
class ErrorCountingReporter : public benchmark::BenchmarkReporter
{
public:
    explicit ErrorCountingReporter(benchmark::BenchmarkReporter *display)
        : m_display(display)
    {
    }

    bool ReportContext(const Context &context) override
    {
        return m_display->ReportContext(context);
    }
    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const auto &run : runs) {
            m_errors += run.error_occurred ? 1 : 0;
        }
        m_display->ReportRuns(runs);
    }
    void Finalize() override { m_display->Finalize(); }

    int errors() const { return m_errors; }

private:
    std::unique_ptr<benchmark::BenchmarkReporter> m_display;
    int m_errors = 0;
};

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 2;
    }
    ErrorCountingReporter reporter(benchmark::CreateDefaultDisplayReporter());
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    if (reporter.errors() > 0) {
        std::fprintf(stderr, "evflow-bench-core: %d benchmark(s) found wrong results\n",
                     reporter.errors());
        return 1;
    }
    return 0;
}
