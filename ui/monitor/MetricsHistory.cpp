#include "ui/monitor/MetricsHistory.h"
#include "ui/DocumentFile.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace evflow::ui::monitor {

using model::NodeRole;
using model::NodeSnapshot;
using Row = std::array<double, kMetricCount>;

struct MetricsHistory::Scope
{
    model::NodeId id;
    std::optional<NodeRole> role; ///< nullopt: the whole flow
    /// One per Metric, engaged where the metric applies to the role.
    std::vector<std::optional<model::RateSeries>> series;
};

namespace {

constexpr std::size_t index(Metric m)
{
    return static_cast<std::size_t>(m);
}

/// Events counted between two readings of a cumulative counter (model::counterIncrease()).
double delta(std::uint64_t before, std::uint64_t after)
{
    return static_cast<double>(model::counterIncrease(before, after));
}

bool isInput(NodeRole role)
{
    return role == NodeRole::Consumer || role == NodeRole::Processor;
}

/// One node's row between its readings `before` and `now`, `seconds` apart.
Row nodeRow(const NodeSnapshot &before, const NodeSnapshot &now, double seconds)
{
    Row row{};
    const auto rate = [seconds](std::uint64_t a, std::uint64_t b) { return delta(a, b) / seconds; };
    switch (now.role) {
    case NodeRole::Producer:
        row[index(Metric::EventsOut)] = rate(before.produced, now.produced);
        return row;
    case NodeRole::Channel:
        row[index(Metric::EventsIn)] = rate(before.channel.sent, now.channel.sent);
        row[index(Metric::EventsOut)] = rate(before.channel.received, now.channel.received);
        return row;
    case NodeRole::Consumer:
    case NodeRole::Processor: break;
    }
    const model::InputAccounting &a = before.input;
    const model::InputAccounting &b = now.input;
    row[index(Metric::EventsIn)] = rate(a.received, b.received);
    row[index(Metric::EventsOut)] = now.role == NodeRole::Consumer
                                        ? rate(a.processed, b.processed)
                                        : rate(before.emitted, now.emitted);
    row[index(Metric::Duplicates)] = rate(a.duplicates, b.duplicates);
    row[index(Metric::OutOfOrder)] = rate(a.outOfOrder, b.outOfOrder);
    row[index(Metric::Late)] = rate(a.late, b.late);
    row[index(Metric::Gaps)] = static_cast<double>(b.gaps);
    row[index(Metric::LatencyP50)] = static_cast<double>(now.latencyMicros.p50);
    row[index(Metric::LatencyP99)] = static_cast<double>(now.latencyMicros.p99);
    return row;
}

/// Adds one node's row into the whole flow's (see Metric for what the flow's in and out are).
void addToFlowRow(Row &flow, NodeRole role, const Row &node)
{
    if (role == NodeRole::Producer)
        flow[index(Metric::EventsIn)] += node[index(Metric::EventsOut)];
    if (role == NodeRole::Consumer)
        flow[index(Metric::EventsOut)] += node[index(Metric::EventsOut)];
    if (!isInput(role))
        return;
    for (Metric m : {Metric::Duplicates, Metric::OutOfOrder, Metric::Late, Metric::Gaps})
        flow[index(m)] += node[index(m)];
    for (Metric m : {Metric::LatencyP50, Metric::LatencyP99})
        flow[index(m)] = std::max(flow[index(m)], node[index(m)]);
}

/// The shortest text that reads back as `value` ("1000", "0.25").
void appendNumber(std::string &out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

} // namespace

MetricsHistory::MetricsHistory(std::size_t capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max<std::size_t>(capacity, 2))
{
    reset();
}

MetricsHistory::~MetricsHistory() = default;

void MetricsHistory::reset()
{
    m_scopes.clear();
    Scope flow;
    for (int m = 0; m < kMetricCount; ++m)
        flow.series.emplace_back(model::RateSeries(m_capacity));
    m_scopes.push_back(std::move(flow));
    m_previous = {};
    m_hasPrevious = false;
    m_startedAtMicros = 0;
    m_flowName.clear();
}

void MetricsHistory::clear()
{
    reset();
    emit cleared();
}

void MetricsHistory::append(const model::RunSnapshot &snapshot)
{
    if (m_hasPrevious && snapshot.run.startedAtMicros != m_startedAtMicros)
        clear();
    model::RunSnapshot runStart; // every counter 0 at the start: the first snapshot's baseline
    if (!m_hasPrevious) {
        m_startedAtMicros = snapshot.run.startedAtMicros;
        m_flowName = snapshot.run.flow;
        runStart.run.takenAtMicros = snapshot.run.startedAtMicros;
    }
    const model::RunSnapshot &before = m_hasPrevious ? m_previous : runStart;
    const std::int64_t micros = snapshot.run.takenAtMicros;
    if (before.run.takenAtMicros <= 0 || micros <= before.run.takenAtMicros) {
        // No interval to measure over: at most this becomes the baseline of the next one.
        if (!m_hasPrevious) {
            m_previous = snapshot;
            m_hasPrevious = true;
        }
        return;
    }
    const double seconds = static_cast<double>(micros - before.run.takenAtMicros) / 1e6;
    appendRow(micros, rowsFor(before, snapshot, seconds));
    m_previous = snapshot;
    m_hasPrevious = true;
    emit appended();
}

std::vector<MetricsHistory::Row> MetricsHistory::rowsFor(const model::RunSnapshot &before,
                                                         const model::RunSnapshot &now,
                                                         double seconds)
{
    std::vector<Row> rows(m_scopes.size());
    std::vector<bool> seen(m_scopes.size(), false);
    for (const NodeSnapshot &node : now.nodes) {
        const std::size_t at = scopeIndexFor(node);
        rows.resize(m_scopes.size());
        seen.resize(m_scopes.size(), false);
        const NodeSnapshot *earlier = before.findNode(node.id);
        NodeSnapshot zero; // a node new in this snapshot counts from 0
        zero.role = node.role;
        rows[at] = nodeRow(earlier != nullptr ? *earlier : zero, node, seconds);
        seen[at] = true;
        addToFlowRow(rows[0], node.role, rows[at]);
    }
    for (std::size_t s = 1; s < m_scopes.size(); ++s) {
        if (seen[s])
            continue;
        // Missing from this snapshot: no events counted, the cumulative values stay.
        for (Metric m : {Metric::Gaps, Metric::LatencyP50, Metric::LatencyP99}) {
            const auto &series = m_scopes[s].series[index(m)];
            if (series && !series->empty())
                rows[s][index(m)] = series->latest().value;
        }
    }
    return rows;
}

void MetricsHistory::appendRow(std::int64_t micros, const std::vector<Row> &rows)
{
    for (std::size_t s = 0; s < m_scopes.size(); ++s) {
        for (int m = 0; m < kMetricCount; ++m) {
            if (auto &series = m_scopes[s].series[static_cast<std::size_t>(m)])
                series->append(micros, rows[s][static_cast<std::size_t>(m)]);
        }
    }
}

std::size_t MetricsHistory::scopeIndexFor(const NodeSnapshot &node)
{
    if (const Scope *known = findScope(model::NodeId{node.id}))
        return static_cast<std::size_t>(known - m_scopes.data());
    Scope scope;
    scope.id = model::NodeId{node.id};
    scope.role = node.role;
    for (int m = 0; m < kMetricCount; ++m) {
        if (applies(node.role, static_cast<Metric>(m)))
            scope.series.emplace_back(model::RateSeries(m_capacity));
        else
            scope.series.emplace_back(std::nullopt);
    }
    m_scopes.push_back(std::move(scope));
    return m_scopes.size() - 1;
}

MetricsHistory::Scope *MetricsHistory::findScope(const model::NodeId &scope)
{
    const auto it = std::find_if(m_scopes.begin(), m_scopes.end(),
                                 [&](const Scope &s) { return s.id == scope; });
    return it == m_scopes.end() ? nullptr : &*it;
}

const MetricsHistory::Scope *MetricsHistory::findScope(const model::NodeId &scope) const
{
    return const_cast<MetricsHistory *>(this)->findScope(scope);
}

std::size_t MetricsHistory::size() const
{
    return m_scopes.front().series.front()->size();
}

std::int64_t MetricsHistory::latestMicros() const
{
    const auto &series = *m_scopes.front().series.front();
    return series.empty() ? 0 : series.latest().timeMicros;
}

std::vector<model::NodeId> MetricsHistory::nodes() const
{
    std::vector<model::NodeId> result;
    for (std::size_t s = 1; s < m_scopes.size(); ++s)
        result.push_back(m_scopes[s].id);
    return result;
}

std::optional<NodeRole> MetricsHistory::roleOf(const model::NodeId &node) const
{
    const Scope *scope = node.empty() ? nullptr : findScope(node);
    return scope != nullptr ? scope->role : std::nullopt;
}

bool MetricsHistory::applies(std::optional<NodeRole> role, Metric metric)
{
    if (!role || isInput(*role))
        return true;
    if (*role == NodeRole::Producer)
        return metric == Metric::EventsOut;
    return metric == Metric::EventsIn || metric == Metric::EventsOut; // a channel
}

std::vector<model::RateSample> MetricsHistory::samples(const model::NodeId &scope, Metric metric,
                                                       std::int64_t sinceMicros) const
{
    std::vector<model::RateSample> result;
    const Scope *s = findScope(scope);
    if (s == nullptr || !s->series[index(metric)])
        return result;
    const model::RateSeries &series = *s->series[index(metric)];
    // Rows are in time order: find the first one inside the window, then copy the rest.
    std::size_t first = series.size();
    while (first > 0 && series.at(first - 1).timeMicros >= sinceMicros)
        --first;
    result.reserve(series.size() - first);
    for (std::size_t i = first; i < series.size(); ++i)
        result.push_back(series.at(i));
    return result;
}

std::optional<double> MetricsHistory::latest(const model::NodeId &scope, Metric metric) const
{
    const Scope *s = findScope(scope);
    if (s == nullptr || !s->series[index(metric)] || s->series[index(metric)]->empty())
        return std::nullopt;
    return s->series[index(metric)]->latest().value;
}

std::size_t MetricsHistory::storedSamples() const
{
    std::size_t total = 0;
    for (const Scope &scope : m_scopes) {
        for (const auto &series : scope.series)
            total += series ? series->size() : 0;
    }
    return total;
}

std::size_t MetricsHistory::seriesCount() const
{
    std::size_t total = 0;
    for (const Scope &scope : m_scopes)
        total += static_cast<std::size_t>(
            std::count_if(scope.series.begin(), scope.series.end(),
                          [](const auto &series) { return series.has_value(); }));
    return total;
}

const char *MetricsHistory::metricKey(Metric metric)
{
    switch (metric) {
    case Metric::EventsIn: return "eventsInPerSecond";
    case Metric::EventsOut: return "eventsOutPerSecond";
    case Metric::Duplicates: return "duplicatesPerSecond";
    case Metric::OutOfOrder: return "outOfOrderPerSecond";
    case Metric::Late: return "latePerSecond";
    case Metric::Gaps: return "gapsTotal";
    case Metric::LatencyP50: return "latencyP50Micros";
    case Metric::LatencyP99: return "latencyP99Micros";
    }
    return "?";
}

std::string MetricsHistory::toCsv() const
{
    std::string out = "elapsedSeconds,takenAtMicros";
    for (const Scope &scope : m_scopes) {
        const std::string prefix = scope.role ? "node." + scope.id.value + "." : "flow.";
        for (int m = 0; m < kMetricCount; ++m) {
            if (scope.series[static_cast<std::size_t>(m)])
                out += "," + prefix + metricKey(static_cast<Metric>(m));
        }
    }
    out += '\n';
    const model::RateSeries &times = *m_scopes.front().series.front();
    for (std::size_t row = 0; row < times.size(); ++row) {
        const std::int64_t micros = times.at(row).timeMicros;
        appendNumber(out, static_cast<double>(micros - m_startedAtMicros) / 1e6);
        out += ',' + std::to_string(micros);
        for (const Scope &scope : m_scopes) {
            for (const auto &series : scope.series) {
                if (!series)
                    continue;
                out += ',';
                // A scope that appeared later holds fewer rows: its first ones are missing.
                const std::size_t missing = times.size() - series->size();
                if (row >= missing)
                    appendNumber(out, series->at(row - missing).value);
            }
        }
        out += '\n';
    }
    return out;
}

bool MetricsHistory::writeCsv(const QString &path, QString *error) const
{
    const std::string text = toCsv();
    const FileResult written = DocumentFile::writeAtomically(
        path, QByteArray(text.data(), static_cast<qsizetype>(text.size())));
    if (!written && error != nullptr)
        *error = written.message;
    return bool(written);
}

} // namespace evflow::ui::monitor
