#include "bench/AllocCase.h"

#include "bench/CountingAllocator.h"
#include "bench/RuntimeBenchSupport.h"

#include "transport/FlowRuntime.h"

#include <chrono>
#include <cstdio>
#include <thread>

namespace evflow::bench {
namespace {

const char *const kGenerator = "source";
const char *const kConsumer = "sink";

/// The allocation counts and the events produced and processed at one instant.
struct Reading
{
    AllocationCounts heap;
    std::uint64_t produced = 0;
    std::uint64_t processed = 0;
};

Reading read(const transport::FlowRuntime &runtime)
{
    const UncountedScope benchmarkOwn; // the snapshot's own allocations are not the runtime's
    Reading r;
    r.heap = allocationCounts();
    const model::RunSnapshot snapshot = runtime.snapshot();
    r.produced = snapshot.findNode(kGenerator)->produced;
    r.processed = snapshot.findNode(kConsumer)->input.processed;
    return r;
}

void printWindow(const Reading &from, const Reading &to, double seconds)
{
    const AllocationCounts heap = to.heap - from.heap;
    const std::uint64_t processed = to.processed - from.processed;
    const std::uint64_t produced = to.produced - from.produced;
    std::printf("steady window (middle third, %.1f s): produced %llu, processed %llu events\n",
                seconds, static_cast<unsigned long long>(produced),
                static_cast<unsigned long long>(processed));
    // Both: the producer's allocations follow what it produced, the consumer's what it read.
    const auto per = [](std::uint64_t calls, std::uint64_t events) {
        return events > 0 ? static_cast<double>(calls) / events : 0.0;
    };
    std::printf("operator new calls    %10llu  = %.5f per event produced, %.5f per processed\n",
                static_cast<unsigned long long>(heap.allocations), per(heap.allocations, produced),
                per(heap.allocations, processed));
    std::printf("operator delete calls %10llu  = %.5f per event produced, %.5f per processed\n",
                static_cast<unsigned long long>(heap.deallocations),
                per(heap.deallocations, produced), per(heap.deallocations, processed));
    std::printf("live bytes change     %+10lld\n", static_cast<long long>(heap.liveBytes));
    std::printf("(all threads but the benchmark's main one: producer, consumer, ZeroMQ I/O; "
                "ZeroMQ's malloc() of message bodies is not seen here: use heaptrack)\n");
}

} // namespace

int runAllocCase(const AllocOptions &options)
{
    std::printf("== allocations: throughput example (generator -> tcp queue -> counter), rate "
                "%s, %.1f s\n",
                options.rate > 0 ? std::to_string(options.rate).c_str() : "0 (full)",
                options.seconds);
    model::Flow flow = loadExampleFlow("throughput.evflow.json");
    setGeneratorPacing(flow, kGenerator, 0, options.rate, options.rate > 0 ? 1 : 64);
    const AllocationCounts beforeStart = allocationCounts();
    transport::FlowRuntime runtime;
    if (!runtime.start(std::move(flow))) {
        std::printf("FAILED: start: %s\n", runErrorText(runtime.snapshot()).c_str());
        return 1;
    }
    const auto third = std::chrono::duration<double>(options.seconds / 3);
    std::this_thread::sleep_for(third);
    const Reading from = read(runtime);
    std::this_thread::sleep_for(third);
    const Reading to = read(runtime);
    std::this_thread::sleep_for(third);
    runtime.stop();
    const AllocationCounts whole = allocationCounts() - beforeStart;
    const model::RunSnapshot snapshot = runtime.snapshot();
    const std::string problem = checkLosslessRun(snapshot, kGenerator, kConsumer);
    printWindow(from, to, third.count());
    std::printf("whole run incl. start and stop: %llu operator new calls\n",
                static_cast<unsigned long long>(whole.allocations));
    if (!problem.empty()) {
        std::printf("FAILED: %s\n", problem.c_str());
        return 1;
    }
    if (to.processed <= from.processed) {
        std::printf("FAILED: no event was processed in the steady window\n");
        return 1;
    }
    return 0;
}

} // namespace evflow::bench
