// evflow-bench-runtime: latency, memory and allocations of a running flow (issue 7, points 4, 5
// and 7). One subcommand per measurement; each exits non-zero when its counts are wrong, never
// because of a figure. This executable replaces the global operator new (CountingAllocator.cpp).
#include "bench/AllocCase.h"
#include "bench/LatencyCase.h"
#include "bench/MemoryCase.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

namespace {

using namespace evflow::bench;

void addLatency(CLI::App &app, LatencyOptions &options, bool &smoke)
{
    CLI::App *sub = app.add_subcommand("latency", "end-to-end p50/p99 at a fixed rate (tcp)");
    sub->add_option("--seconds", options.seconds, "run time")->capture_default_str();
    sub->add_option("--rate", options.rate, "events/s of the generator")->capture_default_str();
    sub->add_flag("--smoke", smoke, "2 s (CI: counts only)");
}

void addMemory(CLI::App &app, MemoryOptions &options, bool &smoke)
{
    CLI::App *sub = app.add_subcommand("memory", "RSS over a long run at full rate");
    sub->add_option("--seconds", options.seconds, "run time")->capture_default_str();
    sub->add_option("--settle", options.settleSeconds, "growth is measured from here")
        ->capture_default_str();
    sub->add_flag("!--no-studio-load", options.studioLoad, "no snapshot()+recentEvents() at 10 Hz");
    sub->add_flag("--smoke", smoke, "3 s, settle at 1 s (CI: counts only)");
}

void addDedup(CLI::App &app, std::vector<std::size_t> &sizes, bool &smoke)
{
    CLI::App *sub = app.add_subcommand("dedup", "DedupWindow memory per remembered id");
    sub->add_option("--ids", sizes, "window sizes")->delimiter(',')->capture_default_str();
    sub->add_flag("--smoke", smoke, "windows of 1000 and 100000 ids");
}

void addAlloc(CLI::App &app, AllocOptions &options, bool &smoke)
{
    CLI::App *sub = app.add_subcommand("alloc", "heap allocations per event of a full run");
    sub->add_option("--seconds", options.seconds, "run time")->capture_default_str();
    sub->add_option("--rate", options.rate, "events/s; 0 = full")->capture_default_str();
    sub->add_flag("--smoke", smoke, "2 s (CI: counts only)");
}

int run(const CLI::App &app, LatencyOptions latency, MemoryOptions memory,
        std::vector<std::size_t> sizes, AllocOptions alloc, bool smoke)
{
    if (app.got_subcommand("latency")) {
        if (smoke)
            latency.seconds = 2;
        return runLatencyCase(latency);
    }
    if (app.got_subcommand("memory")) {
        if (smoke) {
            memory.seconds = 3;
            memory.settleSeconds = 1;
        }
        return runMemoryCase(memory);
    }
    if (app.got_subcommand("dedup"))
        return runDedupMemoryCase(smoke ? std::vector<std::size_t>{1000, 100000} : sizes);
    if (smoke)
        alloc.seconds = 2;
    return runAllocCase(alloc);
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app{"evflow-bench-runtime: latency, memory and allocations of a running flow"};
    app.require_subcommand(1);
    LatencyOptions latency;
    MemoryOptions memory;
    std::vector<std::size_t> sizes{100'000, 1'000'000, 10'000'000};
    AllocOptions alloc;
    bool smoke = false;
    addLatency(app, latency, smoke);
    addMemory(app, memory, smoke);
    addDedup(app, sizes, smoke);
    addAlloc(app, alloc, smoke);
    CLI11_PARSE(app, argc, argv);
    try {
        return run(app, latency, memory, sizes, alloc, smoke);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "evflow-bench-runtime: %s\n", e.what());
        return 1;
    }
}
