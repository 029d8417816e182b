#pragma once

#include "model/Flow.h"
#include "model/Ids.h"
#include "model/RateSeries.h"
#include "model/RunSnapshot.h"

#include <QObject>
#include <QString>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace evflow::ui::monitor {

/// What the monitor charts, per scope (the whole flow or one node). Rates are events per second
/// between two consecutive snapshots; Gaps is the cumulative count so far; latency is the run's
/// p50/p99 so far in microseconds (the runtime's latency histograms are cumulative).
///
/// "In" and "out" per scope:
///  - whole flow: in = produced/s summed over producers (events entering the flow); out =
///    processed/s summed over consumers (events the flow's ends acted on). Duplicates, out of
///    order, late and gaps are summed over every consumer and processor input; latency is the
///    worst (largest) p50 and p99 among those inputs.
///  - producer:  out = produced/s (no in, no input metrics);
///  - channel:   in = sent/s (written into it), out = received/s (read out of it, all readers);
///  - consumer:  in = received/s, out = processed/s, plus all input metrics;
///  - processor: in = received/s, out = emitted/s, plus all input metrics.
enum class Metric {
    EventsIn,
    EventsOut,
    Duplicates,
    OutOfOrder,
    Late,
    Gaps,
    LatencyP50,
    LatencyP99
};
inline constexpr int kMetricCount = 8;

/// The bounded history of a run's metrics behind the Monitor charts and the metrics CSV.
///
/// Feed it every snapshot (connect RunController::snapshotTaken to append()). Each accepted
/// snapshot becomes one *row*: one sample per series of every scope, all stamped with the
/// snapshot's takenAtMicros. Memory is fixed: every series is a model::RateSeries of capacity()
/// samples (default kDefaultCapacity: 10 minutes at 10 snapshots a second), so a long run keeps
/// its last capacity() rows, and the number of series is bounded by the flow's nodes
/// (kMetricCount for the flow and for each consumer or processor, fewer for producers and
/// channels). The charts' visible window is a view on this history (samples(…, sinceMicros)).
///
/// Rates need an earlier reading: the first snapshot of a run is measured against the run's
/// start (all counters 0 at startedAtMicros). A snapshot of another run (a different
/// startedAtMicros) starts a new history as clear() would; a snapshot not later than the previous
/// one is ignored. A node missing from a snapshot gets zero rates for that row, so every series
/// of a scope stays aligned with the rows. GUI thread only (plain values, no locking).
class MetricsHistory : public QObject
{
    Q_OBJECT
public:
    static constexpr std::size_t kDefaultCapacity = 6000;

    /// `capacity` < 2 is treated as 2.
    explicit MetricsHistory(std::size_t capacity = kDefaultCapacity, QObject *parent = nullptr);
    ~MetricsHistory() override;

    /// Adds one row derived from `snapshot` (see the class comment); emits appended() when a row
    /// was added.
    void append(const evflow::model::RunSnapshot &snapshot);
    /// Forgets everything (call when a new run starts); emits cleared().
    void clear();

    std::size_t capacity() const { return m_capacity; }
    /// Rows kept: at most capacity().
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    /// takenAtMicros of the newest row; 0 when empty.
    std::int64_t latestMicros() const;
    /// startedAtMicros of the run the rows belong to; 0 before the first snapshot.
    std::int64_t startedAtMicros() const { return m_startedAtMicros; }
    /// The flow's name as the snapshots give it; empty before the first snapshot.
    const std::string &flowName() const { return m_flowName; }

    /// The nodes with series, in the order they first appeared (flow order).
    std::vector<model::NodeId> nodes() const;
    /// The role of a node with series; nullopt for an unknown node.
    std::optional<model::NodeRole> roleOf(const model::NodeId &node) const;
    /// Whether `metric` is measured for a scope of `role` (nullopt = the whole flow: always).
    static bool applies(std::optional<model::NodeRole> role, Metric metric);

    /// The samples of `metric` for `scope` (an empty id = the whole flow) taken at or after
    /// `sinceMicros`, oldest first. Empty for an unknown scope or a metric that does not apply.
    std::vector<model::RateSample> samples(const model::NodeId &scope, Metric metric,
                                           std::int64_t sinceMicros
                                           = std::numeric_limits<std::int64_t>::min()) const;
    /// The newest value of `metric` for `scope`, if any.
    std::optional<double> latest(const model::NodeId &scope, Metric metric) const;

    /// Samples held over all series, and the number of series: for checking the bounds.
    std::size_t storedSamples() const;
    std::size_t seriesCount() const;

    /// Column name part of a metric: "eventsInPerSecond", …, "gapsTotal", "latencyP99Micros".
    static const char *metricKey(Metric metric);

    /// The rows as CSV (RFC 4180, "\n" line ends), one line per row after a header line:
    /// `elapsedSeconds,takenAtMicros`, then for the whole flow `flow.<metricKey>` for every
    /// metric, then for each node `node.<id>.<metricKey>` for the metrics that apply to its
    /// role. Node ids cannot contain dots, so names never clash. elapsedSeconds counts from the
    /// run's start. Numbers are written in their shortest exact form ("1000", "0.25"); a cell
    /// is empty where a node had no series yet.
    std::string toCsv() const;
    /// Writes toCsv() atomically to `path`; on failure returns false and sets `*error` (may be
    /// null) to a message naming the path and the reason.
    bool writeCsv(const QString &path, QString *error = nullptr) const;

signals:
    /// A row was added.
    void appended();
    /// The history was emptied (clear(), or a snapshot of a new run).
    void cleared();

private:
    struct Scope;
    using Row = std::array<double, kMetricCount>;

    /// The index in m_scopes of `node`'s scope, created on first sight.
    std::size_t scopeIndexFor(const model::NodeSnapshot &node);
    /// One row per scope: `now`'s values measured against `before`, `seconds` earlier.
    std::vector<Row> rowsFor(const model::RunSnapshot &before, const model::RunSnapshot &now,
                             double seconds);
    Scope *findScope(const model::NodeId &scope);
    const Scope *findScope(const model::NodeId &scope) const;
    void appendRow(std::int64_t micros, const std::vector<Row> &rows);
    void reset();

    std::size_t m_capacity;
    std::vector<Scope> m_scopes; ///< [0] is the whole flow, then nodes in order of appearance
    model::RunSnapshot m_previous;
    bool m_hasPrevious = false;
    std::int64_t m_startedAtMicros = 0;
    std::string m_flowName;
};

} // namespace evflow::ui::monitor
