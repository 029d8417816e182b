// evflow-bench-studio-scale: the studio with a large flow (issue 7, point 6). For each size
// (1000 nodes, and 100 for the ratio) it generates a valid flow without positions
// (bench/BigFlow.h), writes it to a file and reports, in one run:
//   - validate: model::validateFlow alone (median of a few calls);
//   - open: MainWindow::openFlow (load, validate, scene build, panels) until events settle;
//   - auto-layout: the real Auto Layout action (one undo step, fit to view) until settled;
//   - frames: the canvas viewport rendered offscreen into an image, repeatedly, while panning
//     (scroll bar steps) and zooming (zoom in/out steps), with the whole flow fitted and at
//     100 %: median and worst frame time.
// It checks counts (nodes and wires on the canvas equal the flow's, no validation problem) and
// exits 1 when they are wrong, never because of speed. See docs/PERFORMANCE.md.
#include "bench/BigFlow.h"

#include "model/FlowFile.h"
#include "model/Validation.h"
#include "ui/FlowDocument.h"
#include "ui/MainWindow.h"
#include "ui/canvas/CanvasActions.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/NodeItem.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace evflow;

struct Options
{
    std::vector<std::size_t> sizes{100, 1000};
    int frames = 100;
    bool smoke = false;
};

struct FrameStats
{
    double medianMs = 0;
    double worstMs = 0;
};

/// The figures of one flow size.
struct SizeResult
{
    std::size_t nodes = 0;
    std::size_t links = 0;
    double validateMs = 0;
    double openMs = 0;
    double layoutMs = 0;
    double fitZoom = 0;
    QSize window, viewport;
    FrameStats panFit, zoomFit, panFull, zoomFull;
    std::vector<std::string> wrong; ///< count checks that failed
};

double msSince(const QElapsedTimer &clock)
{
    return clock.nsecsElapsed() / 1e6;
}

/// Lets queued work (deferred updates, posted events) run, so a timing includes it.
void settle()
{
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

double medianOf(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[(values.size() - 1) / 2];
}

double validateTime(const model::Flow &flow, std::size_t &problems)
{
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        problems = model::validateFlow(flow).size();
        times.push_back(msSince(clock));
    }
    return medianOf(times);
}

/// Renders the viewport into an image after each `step`; a frame is the step plus the render.
FrameStats measureFrames(ui::canvas::FlowView &view, int frames,
                         const std::function<void(int)> &step)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) {
        QElapsedTimer clock;
        clock.start();
        step(i);
        view.viewport()->render(&image);
        times.push_back(msSince(clock));
    }
    settle(); // the updates the steps scheduled on the real window
    return {medianOf(times), *std::max_element(times.begin(), times.end())};
}

/// Pans right for ten steps, then left for ten, so the view stays over the flow.
void panStep(ui::canvas::FlowView &view, int i)
{
    QScrollBar *bar = view.horizontalScrollBar();
    bar->setValue(bar->value() + ((i / 10) % 2 == 0 ? 40 : -40));
}

void zoomStep(ui::canvas::FlowView &view, int i)
{
    if (i % 2 == 0)
        view.zoomIn();
    else
        view.zoomOut();
}

void measureAllFrames(ui::canvas::FlowView &view, int frames, SizeResult &r)
{
    const auto pan = [&view](int i) { panStep(view, i); };
    const auto zoom = [&view](int i) { zoomStep(view, i); };
    view.fitToView();
    r.fitZoom = view.zoom();
    r.panFit = measureFrames(view, frames, pan);
    view.fitToView();
    r.zoomFit = measureFrames(view, frames, zoom);
    view.resetZoom();
    view.centerOn(view.flowScene()->nodesBoundingRect().center());
    r.panFull = measureFrames(view, frames, pan);
    r.zoomFull = measureFrames(view, frames, zoom);
}

/// Nodes and wires on the canvas against the flow, and the validation problems.
void checkCounts(const ui::MainWindow &window, const model::Flow &flow, SizeResult &r)
{
    std::size_t nodeItems = 0, linkItems = 0;
    for (QGraphicsItem *item : window.scene()->items()) {
        nodeItems += item->type() == ui::canvas::NodeItem::Type;
        linkItems += item->type() == ui::canvas::LinkItem::Type && item->isVisible();
    }
    const auto expect = [&r](const char *what, std::size_t got, std::size_t want) {
        if (got != want)
            r.wrong.push_back(std::string(what) + " " + std::to_string(got) + ", expected "
                              + std::to_string(want));
    };
    expect("node items", nodeItems, flow.nodes.size());
    expect("visible wires", linkItems, flow.links.size());
    expect("document nodes", window.document()->flow().nodes.size(), flow.nodes.size());
    expect("validation problems", window.document()->problems().size(), 0);
    expect("laid-out nodes", window.document()->flow().layout.size(), flow.nodes.size());
}

SizeResult measureSize(std::size_t nodes, const Options &options)
{
    SizeResult r;
    const model::Flow flow = bench::makeBigFlow(nodes);
    r.nodes = flow.nodes.size();
    r.links = flow.links.size();
    std::size_t problems = 0;
    r.validateMs = validateTime(flow, problems);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.evflow.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QByteArray::fromStdString(model::serializeFlow(flow))) < 0) {
        r.wrong.push_back("cannot write " + path.toStdString());
        return r;
    }
    file.close();
    QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
    ui::MainWindow window(nullptr, &settings);
    window.resize(1440, 900);
    window.show();
    settle();

    QElapsedTimer clock;
    clock.start();
    const bool opened = window.openFlow(path);
    settle();
    r.openMs = msSince(clock);
    if (!opened) {
        r.wrong.push_back("the studio did not open the flow");
        return r;
    }
    clock.restart();
    window.canvasActions()->autoLayoutAction()->trigger();
    settle();
    r.layoutMs = msSince(clock);
    checkCounts(window, flow, r);
    r.window = window.size();
    r.viewport = window.view()->viewport()->size();
    measureAllFrames(*window.view(), options.frames, r);
    return r;
}

void printFrames(const char *name, const SizeResult &r, const FrameStats &f)
{
    std::printf("%6zu  %-26s %9.2f %9.2f\n", r.nodes, name, f.medianMs, f.worstMs);
}

void printTable(const std::vector<SizeResult> &results, int frames)
{
    std::printf("\n%6s %6s %12s %10s %14s %9s  %s\n", "nodes", "links", "validate ms", "open ms",
                "auto-layout ms", "fit zoom", "window / canvas viewport");
    for (const SizeResult &r : results)
        std::printf("%6zu %6zu %12.2f %10.1f %14.1f %8.1f%%  %dx%d / %dx%d\n", r.nodes, r.links,
                    r.validateMs, r.openMs, r.layoutMs, r.fitZoom * 100, r.window.width(),
                    r.window.height(), r.viewport.width(), r.viewport.height());
    std::printf("\nframes (viewport rendered offscreen, %d per row)\n%6s  %-26s %9s %9s\n", frames,
                "nodes", "view", "median ms", "worst ms");
    for (const SizeResult &r : results) {
        printFrames("pan, whole flow (fit)", r, r.panFit);
        printFrames("zoom in/out, from fit", r, r.zoomFit);
        printFrames("pan, 100 %", r, r.panFull);
        printFrames("zoom in/out, from 100 %", r, r.zoomFull);
    }
    if (results.size() >= 2) {
        const SizeResult &small = results.front(), &large = results.back();
        const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
        std::printf("\n%zu vs %zu nodes: validate %.1fx, open %.1fx, auto-layout %.1fx, "
                    "pan frame at fit %.1fx\n",
                    large.nodes, small.nodes, ratio(large.validateMs, small.validateMs),
                    ratio(large.openMs, small.openMs), ratio(large.layoutMs, small.layoutMs),
                    ratio(large.panFit.medianMs, small.panFit.medianMs));
    }
}

int runBenchmark(const Options &options)
{
    std::printf("evflow-bench-studio-scale: QPA %s, window 1440x900, %d frames per view\n",
                qPrintable(QGuiApplication::platformName()), options.frames);
    std::vector<SizeResult> results;
    bool ok = true;
    for (std::size_t nodes : options.sizes) {
        results.push_back(measureSize(nodes, options));
        for (const std::string &wrong : results.back().wrong) {
            std::printf("%zu nodes: WRONG: %s\n", nodes, wrong.c_str());
            ok = false;
        }
        std::fflush(stdout);
    }
    printTable(results, options.frames);
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Options options;
    CLI::App cli{"evflow-bench-studio-scale: the studio with a large flow (docs/PERFORMANCE.md)"};
    cli.add_option("--nodes", options.sizes, "Flow sizes, in nodes (each at least 3)")
        ->check(CLI::Range(std::size_t{3}, std::size_t{100000}));
    cli.add_option("--frames", options.frames, "Frames rendered per view and motion")
        ->check(CLI::Range(1, 100000));
    cli.add_flag("--smoke", options.smoke, "CI check: 1000 nodes, 5 frames per view");
    CLI11_PARSE(cli, argc, argv);
    if (options.smoke) {
        options.sizes = {1000};
        options.frames = 5;
    }
    return runBenchmark(options);
}
