#pragma once

#include "model/RunSnapshot.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// The run report of PRODUCT.md §4 as values (docs/REPORT.md documents the JSON). Derived parts
/// of the JSON (each node's ratePerSecond, the totals) are not stored: they are computed when
/// writing and recomputed, not trusted, when reading.
struct RunReport
{
    std::string flow;
    /// Hosts whose runs the report covers: one for `evflow run --host NAME`, several after a
    /// merge, none for a run of the whole flow. Sorted, unique.
    std::vector<std::string> hosts;
    double durationSeconds = 0.0;
    std::vector<NodeSnapshot> nodes;
    std::vector<RunError> errors;
    AccountingSummary accounting;

    bool operator==(const RunReport &) const = default;
};

/// The report of a run from its (final) snapshot: duration = elapsedSeconds, accounting
/// recomputed from the nodes.
RunReport buildReport(const RunSnapshot &snapshot);

/// The report as pretty-printed JSON (2 spaces) with a trailing newline, keys in the documented
/// order: flow, durationSeconds, nodes, totals, accounting, errors, hosts.
std::string reportToJson(const RunReport &report);

/// A report, or a one-line error: "POINTER: MESSAGE" ("/nodes/1/counters: missing \"gaps\"").
struct ReportResult
{
    std::optional<RunReport> report;
    std::string error;
    explicit operator bool() const { return report.has_value(); }
};

/// Reads reportToJson()'s output back. Requires every documented key (ratePerSecond and totals
/// must be present and numeric/objects but are ignored); node ids must be unique; unknown keys
/// are ignored so that newer reports stay readable. Accounting is read as written. Never throws.
ReportResult parseReport(std::string_view text);

/// One flow-wide report from per-host reports of the same flow (`evflow report merge`).
/// Nodes are unique by id; a node present in several reports (a channel between hosts) must
/// have the same kind and type each time, and its counters are summed, its latency summary
/// takes the largest p50/p99/max (percentiles cannot be merged exactly from summaries), its
/// per-source books are summed by source. Duration is the longest, errors are concatenated,
/// hosts united, accounting recomputed. Fails on an empty list, differing flow names or
/// conflicting nodes, naming the report (by index) and the node.
ReportResult mergeReports(const std::vector<RunReport> &reports);

} // namespace evflow::model
