// evflow-bench-studio: what the studio costs while a flow runs at full rate (issue 5, point 9).
// Runs the throughput example for a fixed time, alternately headless (transport::FlowRuntime
// alone) and in a real MainWindow started through its own Run action, and reports events/s of
// both, their ratio, the GUI thread's longest stall, the snapshot and canvas repaint rates and
// how long Stop took. Exits non-zero when a run's books do not balance or it reported errors,
// never because of speed. See docs/PERFORMANCE.md.
#include "bench/StudioProbes.h"

#include "model/FlowFile.h"
#include "transport/FlowRuntime.h"
#include "ui/MainWindow.h"
#include "ui/canvas/FlowView.h"
#include "ui/monitor/RunControls.h"

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace evflow;
using State = ui::monitor::RunController::State;

struct Options
{
    double seconds = 10.0;
    int repeat = 3;
    bool smoke = false;
    std::string flowPath = EVFLOW_SOURCE_DIR "/resources/examples/throughput.evflow.json";
    std::string sink = "sink";
    /// The studio's RunOptions::workerNice (the headless case runs as `evflow run` does, at 0).
    int workerNice = ui::monitor::RunController::kDefaultWorkerNice;
};

/// One timed run. Rates are taken from one snapshot near the end of the measured time: the
/// sink's processed count over the run's elapsedSeconds, the same definition in both cases.
struct Run
{
    std::uint64_t events = 0;
    double seconds = 0.0;
    double longestStallMs = 0.0;     ///< studio only
    double snapshotsPerSecond = 0.0; ///< studio only
    double repaintsPerSecond = 0.0;  ///< studio only: paint events of the canvas viewport
    double stopMs = 0.0;             ///< from stop() until the run is over
    std::vector<bench::TimedApplication::SlowEvent> slowest; ///< studio only
    std::string problem; ///< empty when the final books balance without errors

    double eventsPerSecond() const { return seconds > 0.0 ? events / seconds : 0.0; }
};

std::string checkFinal(const model::RunSnapshot &snapshot, const std::string &sink)
{
    if (!snapshot.run.errors.empty())
        return "run error: " + snapshot.run.errors.front().message;
    if (snapshot.findNode(sink) == nullptr)
        return "no node " + sink + " in the snapshot";
    return snapshot.accounting.balanced ? std::string() : "the books do not balance";
}

void takeCounts(const model::RunSnapshot &snapshot, const std::string &sink, Run &run)
{
    if (const auto *node = snapshot.findNode(sink))
        run.events = node->input.processed;
    run.seconds = snapshot.run.elapsedSeconds;
}

Run runHeadless(const model::Flow &flow, const Options &options)
{
    Run run;
    transport::FlowRuntime runtime;
    if (!runtime.start(flow)) {
        run.problem = checkFinal(runtime.snapshot(), options.sink);
        return run;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
    takeCounts(runtime.snapshot(), options.sink, run);
    const auto stopStart = std::chrono::steady_clock::now();
    runtime.stop();
    run.stopMs
        = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - stopStart)
              .count();
    run.problem = checkFinal(runtime.snapshot(), options.sink);
    return run;
}

/// Spins the event loop until `done` or `timeoutMs` passed; false on timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    return done();
}

void spinFor(double seconds)
{
    QEventLoop loop;
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
}

/// Measures the running studio for options.seconds; the run is Running on entry.
void measureStudio(ui::MainWindow &window, const Options &options, Run &run)
{
    const auto *controller = window.runControls()->controller();
    bench::PaintCounter canvasPaints;
    window.view()->viewport()->installEventFilter(&canvasPaints);
    long snapshots = 0;
    const auto counting = QObject::connect(controller, &ui::monitor::RunController::snapshotTaken,
                                           [&snapshots] { ++snapshots; });
    bench::StallProbe probe;
    QElapsedTimer clock;
    auto *app = static_cast<bench::TimedApplication *>(QCoreApplication::instance());
    probe.start();
    app->startRecording();
    clock.start();
    spinFor(options.seconds);
    app->stopRecording();
    probe.stop();
    run.slowest = app->slowest();
    const double measured = clock.elapsed() / 1000.0;
    QObject::disconnect(counting);
    takeCounts(controller->lastSnapshot(), options.sink, run);
    run.longestStallMs = probe.longestStallMs();
    run.snapshotsPerSecond = snapshots / measured;
    run.repaintsPerSecond = canvasPaints.count() / measured;
}

Run runInStudio(const Options &options)
{
    Run run;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
    ui::MainWindow window(nullptr, &settings);
    window.resize(1440, 900);
    window.show();
    auto *controller = window.runControls()->controller();
    controller->setWorkerNice(options.workerNice);
    if (!window.openFlow(QString::fromStdString(options.flowPath)) || !window.startRun()
        || !waitUntil([&] { return controller->state() != State::Starting; }, 30'000)
        || controller->state() != State::Running) {
        run.problem = "the studio did not start the run";
        return run;
    }
    measureStudio(window, options, run);
    QElapsedTimer stopClock;
    stopClock.start();
    window.runControls()->stopAction()->trigger();
    if (!waitUntil([&] { return !controller->isActive(); }, 60'000))
        run.problem = "the run did not stop within a minute";
    run.stopMs = stopClock.nsecsElapsed() / 1e6;
    if (run.problem.empty())
        run.problem = checkFinal(controller->lastSnapshot(), options.sink);
    return run;
}

template<typename Value>
double medianOf(const std::vector<Run> &runs, Value value)
{
    std::vector<double> values;
    for (const Run &r : runs)
        values.push_back(value(r));
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[(values.size() - 1) / 2];
}

void printRun(int index, const char *name, const Run &r)
{
    std::printf("run %d  %-8s %11llu events %7.2f s %11.0f events/s  stop %7.1f ms", index, name,
                static_cast<unsigned long long>(r.events), r.seconds, r.eventsPerSecond(),
                r.stopMs);
    if (std::string(name) == "studio")
        std::printf("  GUI stall max %6.1f ms  %5.1f snapshots/s  %5.1f canvas repaints/s",
                    r.longestStallMs, r.snapshotsPerSecond, r.repaintsPerSecond);
    std::printf("%s%s\n", r.problem.empty() ? "" : "  WRONG: ", r.problem.c_str());
    for (const auto &slow : r.slowest)
        std::printf("         slowest GUI event %6.1f ms (%5.1f ms on CPU): %s\n", slow.ms,
                    slow.cpuMs, qPrintable(slow.what));
    std::fflush(stdout);
}

void printSummary(const std::vector<Run> &headless, const std::vector<Run> &studio)
{
    const auto eps = [](const Run &r) { return r.eventsPerSecond(); };
    const double base = medianOf(headless, eps);
    const double withStudio = medianOf(studio, eps);
    double worstStall = 0.0;
    for (const Run &r : studio)
        worstStall = std::max(worstStall, r.longestStallMs);
    std::printf("\nmedian events/s: headless %.0f, studio open %.0f, ratio studio/headless %.3f\n",
                base, withStudio, base > 0.0 ? withStudio / base : 0.0);
    std::printf("GUI thread: longest stall %.1f ms (median run), %.1f ms (worst run); "
                "%.1f snapshots/s, %.1f canvas repaints/s (medians)\n",
                medianOf(studio, [](const Run &r) { return r.longestStallMs; }), worstStall,
                medianOf(studio, [](const Run &r) { return r.snapshotsPerSecond; }),
                medianOf(studio, [](const Run &r) { return r.repaintsPerSecond; }));
    std::printf("stop: %.1f ms headless, %.1f ms studio (medians)\n",
                medianOf(headless, [](const Run &r) { return r.stopMs; }),
                medianOf(studio, [](const Run &r) { return r.stopMs; }));
}

int runBenchmark(const Options &options)
{
    const model::LoadResult loaded = model::loadFlowFile(options.flowPath);
    if (!loaded.flow) {
        for (const auto &p : loaded.problems)
            std::fprintf(stderr, "%s\n", model::formatProblem(options.flowPath, p).c_str());
        return 2;
    }
    std::printf("flow %s, %.1f s per run, %d run(s) per case, QPA %s\n\n", options.flowPath.c_str(),
                options.seconds, options.repeat, qPrintable(QGuiApplication::platformName()));
    std::vector<Run> headless;
    std::vector<Run> studio;
    bool ok = true;
    for (int r = 1; r <= options.repeat; ++r) {
        headless.push_back(runHeadless(*loaded.flow, options));
        printRun(r, "headless", headless.back());
        studio.push_back(runInStudio(options));
        printRun(r, "studio", studio.back());
        ok = ok && headless.back().problem.empty() && studio.back().problem.empty();
    }
    printSummary(headless, studio);
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    bench::TimedApplication app(argc, argv);
    Options options;
    CLI::App cli{"evflow-bench-studio: the studio's cost at full event rate (docs/PERFORMANCE.md)"};
    cli.add_option("--seconds", options.seconds, "Measured time per run")
        ->check(CLI::Range(0.5, 600.0));
    cli.add_option("--repeat", options.repeat, "Runs per case; medians are reported")
        ->check(CLI::Range(1, 100));
    cli.add_option("--flow", options.flowPath, "Flow to run (full rate: a generator at rate 0)");
    cli.add_option("--sink", options.sink, "Id of the consumer whose processed count is measured");
    cli.add_option("--worker-nice", options.workerNice,
                   "Nice value of the runtime's worker threads in the studio case")
        ->check(CLI::Range(0, 19));
    cli.add_flag("--smoke", options.smoke, "CI check: one run of 1 s per case");
    CLI11_PARSE(cli, argc, argv);
    if (options.smoke) {
        options.seconds = 1.0;
        options.repeat = 1;
    }
    return runBenchmark(options);
}
