#include "bench/MatrixCases.h"

#include "bench/BenchFlows.h"
#include "bench/EvflowCase.h"
#include "bench/RawZmqCases.h"

#include <sys/resource.h>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>

namespace evflow::bench {
namespace {

/// One timed case and its runs.
struct Case
{
    std::string name;
    std::function<CaseResult()> run;
    std::vector<CaseResult> runs;
};

/// The three cases of one cell, in table order.
struct MatrixRow
{
    Cell cell;
    Case raw;
    Case hand;
    Case evflow;
};

std::string cellName(const Cell &cell)
{
    return std::string(patternName(cell.pattern)) + "/" + model::transportName(cell.transport);
}

void printRun(int r, const std::string &name, const CaseResult &result)
{
    std::printf("run %d  %-28s %10llu events %8.3f s %10.0f events/s %6.2f us CPU/event  header "
                "%zu B%s%s\n",
                r, name.c_str(), static_cast<unsigned long long>(result.events), result.seconds,
                result.eventsPerSecond(), result.cpuMicrosPerEvent(), result.headerBytes,
                result.problem.empty() ? "" : "  WRONG COUNTS: ", result.problem.c_str());
    std::fflush(stdout);
}

/// User + system CPU seconds of the whole process so far.
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return t.tv_sec + t.tv_usec * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// Runs `c` once (unless it is switched off: no run function), prints and keeps the run;
/// false when its counts were wrong.
bool runOnce(Case &c, int r)
{
    if (!c.run)
        return true;
    const double cpuBefore = processCpuSeconds();
    c.runs.push_back(c.run());
    c.runs.back().cpuSeconds = processCpuSeconds() - cpuBefore;
    printRun(r, c.name, c.runs.back());
    return c.runs.back().problem.empty();
}

/// The row of `cell`, or nullopt (printed) when its evflow flow does not validate.
std::optional<MatrixRow> makeRow(const Cell &cell, const model::Flow &example,
                                 const model::EncodedFrames &frames, std::uint64_t events,
                                 const MatrixSides &sides)
{
    const ExampleNodes nodes = ExampleNodes::of(example);
    BenchFlow flow = cellFlow(example, cell, events);
    if (const std::string errors = validationErrors(flow.flow); !errors.empty()) {
        std::printf("%s: the modified flow does not validate:\n%s\n", cellName(cell).c_str(),
                    errors.c_str());
        return std::nullopt;
    }
    const model::DeliverySettings delivery
        = nodes.consumer->delivery.value_or(model::DeliverySettings{});
    const std::string name = cellName(cell);
    const model::Node generator = *nodes.generator;
    RunWatch watch;
    watch.sampledNode = nodes.consumer->id.value;
    MatrixRow row{
        cell,
        {name + " raw ZeroMQ", [=, &frames] { return runRawCell(cell, events, frames); }, {}},
        {name + " hand-written",
         [=, &example] { return runHandWrittenCell(cell, events, example, generator, delivery); },
         {}},
        {name + " evflow", [=] { return runEvflowCase(flow, watch); }, {}}};
    for (auto [wanted, c] : {std::pair{sides.raw, &row.raw}, std::pair{sides.hand, &row.hand},
                             std::pair{sides.evflow, &row.evflow}})
        if (!wanted)
            c->run = nullptr;
    return row;
}

void printMatrixTable(const std::vector<MatrixRow> &rows)
{
    std::printf("\nmedian events/s per cell\n%-8s %-9s %11s %11s %11s %9s %10s %11s\n", "pattern",
                "transport", "raw", "hand", "evflow", "hand/raw", "evflow/raw", "evflow/hand");
    for (const auto &row : rows) {
        const double raw = medianEventsPerSecond(row.raw.runs);
        const double hand = medianEventsPerSecond(row.hand.runs);
        const double evflow = medianEventsPerSecond(row.evflow.runs);
        std::printf("%-8s %-9s %11.0f %11.0f %11.0f %9.3f %10.3f %11.3f\n",
                    patternName(row.cell.pattern), model::transportName(row.cell.transport), raw,
                    hand, evflow, ratio(hand, raw), ratio(evflow, raw), ratio(evflow, hand));
    }
    std::printf("\nmedian process CPU per event (us; whole case, set-up included)\n%-8s %-9s "
                "%8s %8s %8s %11s\n",
                "pattern", "transport", "raw", "hand", "evflow", "evflow/hand");
    for (const auto &row : rows) {
        const double hand = medianCpuMicrosPerEvent(row.hand.runs);
        const double evflow = medianCpuMicrosPerEvent(row.evflow.runs);
        std::printf("%-8s %-9s %8.2f %8.2f %8.2f %11.3f\n", patternName(row.cell.pattern),
                    model::transportName(row.cell.transport), medianCpuMicrosPerEvent(row.raw.runs),
                    hand, evflow, ratio(evflow, hand));
    }
}

} // namespace

bool runMatrix(const std::vector<Cell> &cells, const model::Flow &example,
               const model::EncodedFrames &frames, std::uint64_t events, int repeat,
               const MatrixSides &sides)
{
    bool ok = true;
    std::vector<MatrixRow> rows;
    for (const Cell &cell : cells) {
        if (auto row = makeRow(cell, example, frames, events, sides))
            rows.push_back(std::move(*row));
        else
            ok = false;
    }
    std::printf("== matrix: %zu cell(s) x (raw ZeroMQ, hand-written, evflow), %llu events per "
                "run, %d run(s) each, interleaved\n",
                rows.size(), static_cast<unsigned long long>(events), repeat);
    for (int r = 1; r <= repeat; ++r) {
        for (auto &row : rows) {
            ok = runOnce(row.raw, r) && ok;
            ok = runOnce(row.hand, r) && ok;
            ok = runOnce(row.evflow, r) && ok;
        }
    }
    printMatrixTable(rows);
    return ok;
}

bool runOverhead(const model::Flow &example, std::uint64_t events, int repeat)
{
    const ExampleNodes nodes = ExampleNodes::of(example);
    const BenchFlow flow = cellFlow(example, {Pattern::Queue, model::Transport::Tcp}, events);
    if (const std::string errors = validationErrors(flow.flow); !errors.empty()) {
        std::printf("overhead: the flow does not validate:\n%s\n", errors.c_str());
        return false;
    }
    RunWatch on;
    on.sampleLikeStudio = true;
    on.sampledNode = nodes.consumer->id.value;
    RunWatch off = on;
    off.sampleLikeStudio = false;
    off.options.monitoring = false;
    Case monitored{"monitoring on, sampled 10/s", [=] { return runEvflowCase(flow, on); }, {}};
    Case bare{"monitoring off, not sampled", [=] { return runEvflowCase(flow, off); }, {}};
    // The CPU column of these runs includes the sampling thread's work (it is part of the cost).
    std::printf("\n== overhead: evflow queue/tcp, %llu events per run, %d run(s) each, "
                "interleaved (order alternates)\n",
                static_cast<unsigned long long>(events), repeat);
    bool ok = true;
    for (int r = 1; r <= repeat; ++r) {
        Case &first = r % 2 == 1 ? monitored : bare;
        Case &second = r % 2 == 1 ? bare : monitored;
        ok = runOnce(first, r) && ok;
        ok = runOnce(second, r) && ok;
    }
    const double withMonitoring = medianEventsPerSecond(monitored.runs);
    const double without = medianEventsPerSecond(bare.runs);
    std::printf("\nmonitoring overhead (medians): on %.0f events/s, off %.0f events/s, on/off "
                "%.3f, cost %.1f %% of events/s\n",
                withMonitoring, without, ratio(withMonitoring, without),
                100.0 * (1.0 - ratio(withMonitoring, without)));
    const double cpuOn = medianCpuMicrosPerEvent(monitored.runs);
    const double cpuOff = medianCpuMicrosPerEvent(bare.runs);
    std::printf("process CPU per event (medians): on %.2f us, off %.2f us, cost %.1f %% of CPU\n",
                cpuOn, cpuOff, 100.0 * (ratio(cpuOn, cpuOff) - 1.0));
    return ok;
}

} // namespace evflow::bench
