#include "transport/NodeActions.h"

#include "model/CloudEventJson.h"
#include "model/EventProcessors.h"
#include "model/NodeCatalog.h"
#include "model/Projection.h"
#include "model/ThresholdAlert.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace evflow::transport {
namespace {

using model::NodeKind;

class CounterAction : public NodeAction
{
public:
    bool act(const model::Event &) override { return true; }
};

/// log and event-store: one CloudEvents JSON line per processed event. The input's dedup makes
/// the file hold each unique event once. JSON is built per event here: writing text is the
/// job of these nodes, and the file write costs more than the formatting.
class JsonLinesAction : public NodeAction
{
public:
    JsonLinesAction(std::FILE *file, bool fsyncEach, std::int64_t fsyncEvery)
        : m_file(file)
        , m_fsyncEach(fsyncEach)
        , m_fsyncEvery(fsyncEvery)
    {
    }
    ~JsonLinesAction() override { std::fclose(m_file); }

    bool act(const model::Event &event) override
    {
        const std::string line = model::toCloudEventJson(event);
        std::fwrite(line.data(), 1, line.size(), m_file);
        std::fputc('\n', m_file);
        ++m_sinceSync;
        if (m_fsyncEach || (m_fsyncEvery > 0 && m_sinceSync >= m_fsyncEvery))
            sync();
        return true;
    }
    void periodic() override { std::fflush(m_file); }
    void finish() override
    {
        if (m_fsyncEvery > 0 || m_fsyncEach)
            sync();
        std::fflush(m_file);
    }

private:
    void sync()
    {
        std::fflush(m_file);
        ::fsync(::fileno(m_file));
        m_sinceSync = 0;
    }

    std::FILE *m_file;
    bool m_fsyncEach;
    std::int64_t m_fsyncEvery; ///< 0: never fsync
    std::int64_t m_sinceSync = 0;
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
        return std::make_unique<JsonLinesAction>(file, false, 0);
    const std::string fsync = cat::stringProperty(ctx.node, "fsync", "batch");
    const std::int64_t every = fsync == "never" ? 0 : cat::intProperty(ctx.node, "flushEvery", 100);
    return std::make_unique<JsonLinesAction>(file, fsync == "always", every);
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
    default: return std::make_unique<CounterAction>();
    }
}

} // namespace evflow::transport
