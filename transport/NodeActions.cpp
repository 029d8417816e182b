#include "transport/NodeActions.h"

#include "model/CloudEventJson.h"
#include "model/EventProcessors.h"
#include "model/NodeCatalog.h"
#include "model/Projection.h"
#include "model/ThresholdAlert.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace evflow::transport {
namespace {

using model::NodeKind;

/// counter: counts only (the input's counters are the output). `workMicros` makes it a slow
/// consumer for load tests: it sleeps that long per event (at least; the scheduler may add some),
/// so that its queue fills and a PUB upstream drops for it — loss the books must show as gaps.
class CounterAction : public NodeAction
{
public:
    explicit CounterAction(std::int64_t workMicros)
        : m_work(workMicros)
    {
    }
    bool act(const model::Event &) override
    {
        if (m_work.count() > 0)
            std::this_thread::sleep_for(m_work);
        return true;
    }

private:
    std::chrono::microseconds m_work;
};

/// Cuts the file at `path` back to the end of its last complete line, searching from `from` (a
/// line end) on. Returns how many lines past `from` it keeps.
std::uint64_t cutToWholeLines(const std::string &path, std::uint64_t from)
{
    std::uint64_t lines = 0;
    std::uint64_t end = from;
    if (std::FILE *file = std::fopen(path.c_str(), "rb")) {
        if (::fseeko(file, off_t(from), SEEK_SET) == 0) {
            char buffer[16384];
            std::uint64_t at = from;
            for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0; at += n)
                for (std::size_t i = 0; i < n; ++i)
                    if (buffer[i] == '\n') {
                        ++lines;
                        end = at + i + 1;
                    }
        }
        std::fclose(file);
    }
    std::error_code ec;
    if (end < std::filesystem::file_size(path, ec) && !ec) // never grows it
        std::filesystem::resize_file(path, end, ec);
    return lines;
}

/// log and event-store: one CloudEvents JSON line per processed event. The input's dedup makes
/// the file hold each unique event once. JSON is built per event here: writing text is the
/// job of these nodes, and the file write costs more than the formatting.
///
/// A failed write (a full disk, a file-size limit) is a run error naming the file, never a
/// crash: the file is cut back to its last complete line (a later run appending to it must not
/// glue its first event onto half a line), nothing more is written to it, and the end of the
/// run reports how many events it is missing.
class JsonLinesAction : public NodeAction
{
public:
    JsonLinesAction(std::FILE *file, std::string path, const ActionContext &ctx, bool fsyncEach,
                    std::int64_t fsyncEvery)
        : m_file(file)
        , m_path(std::move(path))
        , m_errors(ctx.errors)
        , m_node(ctx.node.id)
        , m_fsyncEach(fsyncEach)
        , m_fsyncEvery(fsyncEvery)
        , m_complete(sizeOf(file))
    {
    }
    ~JsonLinesAction() override
    {
        if (m_file != nullptr)
            std::fclose(m_file);
    }

    bool act(const model::Event &event) override
    {
        if (m_file == nullptr) {
            ++m_lost;
            return true;
        }
        const std::string line = model::toCloudEventJson(event);
        ++m_pendingLines;
        m_pendingBytes += line.size() + 1;
        ++m_sinceSync;
        if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size()
            || std::fputc('\n', m_file) == EOF)
            fail();
        else if (m_fsyncEach || (m_fsyncEvery > 0 && m_sinceSync >= m_fsyncEvery))
            sync();
        return true;
    }
    void periodic() override { flush(); }
    void finish() override
    {
        if (m_fsyncEvery > 0 || m_fsyncEach)
            sync();
        else
            flush();
        if (m_lost > 0)
            m_errors.report(m_node, RunErrorKind::Io,
                            std::to_string(m_lost) + " events not written to '" + m_path
                                + "' after the write failure (" + m_reason + ")");
    }

private:
    static std::uint64_t sizeOf(std::FILE *file)
    {
        struct stat info
        {
        };
        return ::fstat(::fileno(file), &info) == 0 ? std::uint64_t(info.st_size) : 0;
    }

    /// Hands the buffered lines to the file; on success it ends at a complete line.
    bool flush()
    {
        if (m_file == nullptr)
            return false;
        if (std::fflush(m_file) != 0) {
            fail();
            return false;
        }
        m_complete += m_pendingBytes;
        m_pendingBytes = 0;
        m_pendingLines = 0;
        return true;
    }

    void sync()
    {
        if (flush() && ::fsync(::fileno(m_file)) != 0)
            fail();
        m_sinceSync = 0;
    }

    /// The first failed write (errno says why): reported, the file closed and cut back to the
    /// end of its last complete line; the lines that did not reach it whole are lost, and so
    /// is every event from now on.
    void fail()
    {
        m_reason = std::strerror(errno);
        std::fclose(m_file); // its own flush may write part of a line: cut off below
        m_file = nullptr;
        const std::uint64_t kept = cutToWholeLines(m_path, m_complete);
        m_lost += m_pendingLines - std::min(kept, m_pendingLines);
        m_errors.report(m_node, RunErrorKind::Io,
                        "cannot write to '" + m_path + "': " + m_reason
                            + " (the file ends at its last complete event; nothing more is "
                              "written to it)");
    }

    std::FILE *m_file; ///< null after a failed write
    std::string m_path;
    RunErrors &m_errors;
    model::NodeId m_node;
    bool m_fsyncEach;
    std::int64_t m_fsyncEvery; ///< 0: never fsync
    std::int64_t m_sinceSync = 0;
    std::uint64_t m_complete;         ///< file size at the last successful flush
    std::uint64_t m_pendingBytes = 0; ///< written since the last successful flush
    std::uint64_t m_pendingLines = 0;
    std::uint64_t m_lost = 0; ///< events that did not reach the file
    std::string m_reason;     ///< strerror of the failed write
};

std::FILE *openLines(const std::string &path, bool append, std::string &error)
{
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec); // fopen reports what still fails
    std::FILE *file = std::fopen(path.c_str(), append ? "a" : "w");
    if (file == nullptr)
        error = "cannot open '" + path + "' for writing: " + std::strerror(errno);
    return file;
}

/// Projection: rows published (copied under the metrics mutex) at most every periodic() call.
class ProjectionAction : public NodeAction
{
public:
    ProjectionAction(model::Projection projection, NodeMetrics &metrics)
        : m_projection(std::move(projection))
        , m_metrics(metrics)
    {
    }
    bool act(const model::Event &event) override
    {
        const bool applied = m_projection.apply(event) == model::ProjectionResult::Applied;
        m_changed = m_changed || applied;
        return applied;
    }
    void periodic() override
    {
        if (!m_changed)
            return;
        m_changed = false;
        std::vector<model::ProjectionRow> rows = m_projection.rows();
        const std::lock_guard lock(m_metrics.publishedMutex);
        m_metrics.publishedRows.swap(rows);
    }

private:
    model::Projection m_projection;
    NodeMetrics &m_metrics;
    bool m_changed = false;
};

/// Base of the processors: stamps outputs with the node's Emitter and sends them on a port.
class EmittingAction : public NodeAction
{
public:
    explicit EmittingAction(const ActionContext &ctx)
        : m_emitter(ctx.emitter)
        , m_ports(ctx.ports)
        , m_metrics(ctx.metrics)
    {
    }

protected:
    /// Sends m_out (already filled) on `port`, stamped as caused by `cause`; false when no
    /// channel is linked to the port (the event has nowhere to go).
    bool emit(const std::string &port, const model::Event &cause, bool newId)
    {
        const auto it = m_ports.find(port);
        if (it == m_ports.end() || it->second->empty())
            return false;
        if (newId)
            m_emitter.stampNew(m_out, port, cause);
        else
            m_emitter.stamp(m_out, port, cause);
        it->second->send(m_out);
        m_metrics.emitted.fetch_add(1, std::memory_order_relaxed);
        return true;
    }

    model::Event m_out; ///< reused output event
    model::Emitter &m_emitter;
    PortSenders &m_ports;
    NodeMetrics &m_metrics;
};

class FilterAction : public EmittingAction
{
public:
    FilterAction(const ActionContext &ctx)
        : EmittingAction(ctx)
        , m_filter(model::EventFilter::fromNode(ctx.node))
    {
    }
    bool act(const model::Event &event) override
    {
        if (!m_filter.passes(event))
            return false;
        m_out = event;
        return emit("out", event, false);
    }

private:
    model::EventFilter m_filter;
};

class MapAction : public EmittingAction
{
public:
    MapAction(const ActionContext &ctx)
        : EmittingAction(ctx)
        , m_map(model::EventMap::fromNode(ctx.node))
    {
    }
    bool act(const model::Event &event) override
    {
        m_out = event;
        m_map.apply(m_out);
        return emit("out", event, false);
    }

private:
    model::EventMap m_map;
};

class RouterAction : public EmittingAction
{
public:
    RouterAction(const ActionContext &ctx)
        : EmittingAction(ctx)
        , m_router(model::EventRouter::fromNode(ctx.node))
    {
    }
    bool act(const model::Event &event) override
    {
        m_out = event;
        return emit(m_router.route(event), event, false);
    }

private:
    model::EventRouter m_router;
};

/// Threshold alert: every reading is processed; a crossing also emits an alert on "out".
class AlertAction : public EmittingAction
{
public:
    AlertAction(const ActionContext &ctx)
        : EmittingAction(ctx)
        , m_alert(model::ThresholdAlertConfig::fromNode(ctx.node))
    {
    }
    bool act(const model::Event &event) override
    {
        if (m_alert.evaluate(event, m_out))
            emit("out", event, true);
        return true;
    }

private:
    model::ThresholdAlert m_alert;
};

std::unique_ptr<NodeAction> makeFileAction(const ActionContext &ctx, std::string &error)
{
    namespace cat = model::catalog;
    const std::string path = cat::stringProperty(ctx.node, "path");
    const bool store = ctx.node.kind == NodeKind::EventStore;
    // An event store is an append-only log; a log truncates unless told to append.
    std::FILE *file = openLines(path, store || cat::boolProperty(ctx.node, "append"), error);
    if (file == nullptr)
        return nullptr;
    if (!store)
        return std::make_unique<JsonLinesAction>(file, path, ctx, false, 0);
    const std::string fsync = cat::stringProperty(ctx.node, "fsync", "batch");
    const std::int64_t every = fsync == "never" ? 0 : cat::intProperty(ctx.node, "flushEvery", 100);
    return std::make_unique<JsonLinesAction>(file, path, ctx, fsync == "always", every);
}

} // namespace

std::unique_ptr<NodeAction> makeAction(const ActionContext &ctx, std::string &error)
{
    switch (ctx.node.kind) {
    case NodeKind::Log:
    case NodeKind::EventStore: return makeFileAction(ctx, error);
    case NodeKind::Projection:
        return std::make_unique<ProjectionAction>(model::Projection::fromNode(ctx.node),
                                                  ctx.metrics);
    case NodeKind::ThresholdAlert: return std::make_unique<AlertAction>(ctx);
    case NodeKind::Filter: return std::make_unique<FilterAction>(ctx);
    case NodeKind::Map: return std::make_unique<MapAction>(ctx);
    case NodeKind::Router: return std::make_unique<RouterAction>(ctx);
    default:
        return std::make_unique<CounterAction>(model::catalog::intProperty(ctx.node, "workMicros"));
    }
}

} // namespace evflow::transport
