#include "model/RunReport.h"

#include "model/RunJson.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace evflow::model {
namespace {

using detail::RunJson;
using detail::RunJsonError;

std::vector<std::string> sortedUnique(std::vector<std::string> hosts)
{
    std::sort(hosts.begin(), hosts.end());
    hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
    return hosts;
}

std::vector<std::string> readHosts(const RunJson &j)
{
    std::vector<std::string> hosts;
    if (!j.contains("hosts"))
        return hosts;
    const RunJson &list = detail::arrayAt(j, "hosts", "");
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string())
            throw RunJsonError("/hosts/" + std::to_string(i), "expected a string");
        hosts.push_back(list[i].get<std::string>());
    }
    return sortedUnique(std::move(hosts));
}

RunReport reportFromJson(const RunJson &j)
{
    using namespace detail;
    requireObject(j, "");
    RunReport r;
    r.flow = stringAt(j, "flow", "");
    r.durationSeconds = numberAt(j, "durationSeconds", "");
    if (r.durationSeconds < 0)
        throw RunJsonError("/durationSeconds", "must not be negative");
    const RunJson &nodes = arrayAt(j, "nodes", "");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string at = "/nodes/" + std::to_string(i);
        r.nodes.push_back(nodeFromJson(nodes[i], at));
        if (!ids.insert(r.nodes.back().id).second)
            throw RunJsonError(at + "/id", "duplicate node id \"" + r.nodes.back().id + "\"");
    }
    objectAt(j, "totals", "");
    r.accounting = accountingFromJson(member(j, "accounting", ""), "/accounting");
    r.errors
        = j.contains("errors") ? errorsFromJson(j["errors"], "/errors") : std::vector<RunError>{};
    r.hosts = readHosts(j);
    return r;
}

void mergeSources(std::vector<SourceSequenceBooks> &into,
                  const std::vector<SourceSequenceBooks> &from)
{
    for (const auto &s : from) {
        const auto it = std::find_if(into.begin(), into.end(),
                                     [&](const auto &mine) { return mine.source == s.source; });
        if (it == into.end())
            into.push_back(s);
        else
            it->books += s.books;
    }
    std::sort(into.begin(), into.end(),
              [](const auto &a, const auto &b) { return a.source < b.source; });
}

/// Adds `from` (the same node seen by another host's run) into `into`.
void mergeNode(NodeSnapshot &into, const NodeSnapshot &from)
{
    into.produced += from.produced;
    into.injected += from.injected;
    into.injectsFaults = into.injectsFaults || from.injectsFaults;
    into.channel += from.channel;
    into.input += from.input;
    mergeSources(into.sources, from.sources);
    into.emitted += from.emitted;
    into.latencyMicros.p50 = std::max(into.latencyMicros.p50, from.latencyMicros.p50);
    into.latencyMicros.p99 = std::max(into.latencyMicros.p99, from.latencyMicros.p99);
    into.latencyMicros.max = std::max(into.latencyMicros.max, from.latencyMicros.max);
}

/// A channel split across hosts has its writers' `sent` in one report and its readers'
/// `received` in another, so only the merged counts tell what is still queued.
void recomputeBacklogs(std::vector<NodeSnapshot> &nodes)
{
    for (NodeSnapshot &n : nodes) {
        if (n.role != NodeRole::Channel)
            continue;
        const std::uint64_t due = n.channel.sent * n.channel.fanOut;
        n.channel.backlog = due > n.channel.received ? due - n.channel.received : 0;
    }
}

/// Empty when `a` and `b` can be the same node; otherwise why not.
std::string conflict(const NodeSnapshot &a, const NodeSnapshot &b)
{
    if (a.kind != b.kind)
        return "kind \"" + a.kind + "\" here, \"" + b.kind + "\" there";
    if (a.role != b.role)
        return "different types";
    if (a.host != b.host)
        return "placed on host \"" + a.host + "\" here, \"" + b.host + "\" there";
    return {};
}

} // namespace

RunReport buildReport(const RunSnapshot &snapshot)
{
    RunReport r;
    r.flow = snapshot.run.flow;
    if (!snapshot.run.host.empty())
        r.hosts.push_back(snapshot.run.host);
    r.durationSeconds = snapshot.run.elapsedSeconds;
    r.nodes = snapshot.nodes;
    r.errors = snapshot.run.errors;
    r.accounting = summarizeAccounting(r.nodes);
    return r;
}

std::string reportToJson(const RunReport &report)
{
    RunJson j = RunJson::object();
    j["flow"] = report.flow;
    j["durationSeconds"] = report.durationSeconds;
    RunJson nodes = RunJson::array();
    for (const auto &n : report.nodes)
        nodes.push_back(detail::nodeToJson(n, report.durationSeconds));
    j["nodes"] = std::move(nodes);
    j["totals"] = detail::totalsToJson(report.nodes);
    j["accounting"] = detail::accountingToJson(report.accounting);
    j["errors"] = detail::errorsToJson(report.errors);
    j["hosts"] = report.hosts;
    return j.dump(2, ' ', false, RunJson::error_handler_t::replace) + "\n";
}

ReportResult parseReport(std::string_view text)
{
    ReportResult result;
    try {
        result.report = reportFromJson(detail::parseRunJson(text));
    } catch (const RunJsonError &e) {
        result.error = e.what();
    }
    return result;
}

ReportResult mergeReports(const std::vector<RunReport> &reports)
{
    ReportResult result;
    if (reports.empty()) {
        result.error = "no reports to merge";
        return result;
    }
    RunReport merged;
    merged.flow = reports.front().flow;
    std::unordered_map<std::string, std::size_t> indexById;
    for (std::size_t r = 0; r < reports.size(); ++r) {
        const RunReport &report = reports[r];
        const std::string which = "report " + std::to_string(r + 1);
        if (report.flow != merged.flow) {
            result.error = which + " is of flow \"" + report.flow + "\", report 1 of \""
                           + merged.flow + "\"";
            return result;
        }
        for (const auto &node : report.nodes) {
            const auto [it, added] = indexById.try_emplace(node.id, merged.nodes.size());
            if (added) {
                merged.nodes.push_back(node);
                continue;
            }
            NodeSnapshot &mine = merged.nodes[it->second];
            if (const std::string why = conflict(node, mine); !why.empty()) {
                result.error = which + ": node \"" + node.id + "\" differs from an earlier "
                               + "report's (" + why + ")";
                return result;
            }
            mergeNode(mine, node);
        }
        merged.durationSeconds = std::max(merged.durationSeconds, report.durationSeconds);
        merged.errors.insert(merged.errors.end(), report.errors.begin(), report.errors.end());
        merged.hosts.insert(merged.hosts.end(), report.hosts.begin(), report.hosts.end());
    }
    merged.hosts = sortedUnique(std::move(merged.hosts));
    recomputeBacklogs(merged.nodes);
    merged.accounting = summarizeAccounting(merged.nodes);
    result.report = std::move(merged);
    return result;
}

} // namespace evflow::model
