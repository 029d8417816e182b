#include "model/RunSnapshot.h"

#include "model/RunJson.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

namespace evflow::model {
namespace {

constexpr std::array<std::pair<RunState, const char *>, 6> kStateNames{{
    {RunState::Starting, "starting"},
    {RunState::Running, "running"},
    {RunState::Paused, "paused"},
    {RunState::Stopping, "stopping"},
    {RunState::Stopped, "stopped"},
    {RunState::Failed, "failed"},
}};

std::uint64_t magnitude(std::int64_t v)
{
    // Negating INT64_MIN overflows; go through unsigned, where it is well defined.
    return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

} // namespace

const char *runStateName(RunState state)
{
    for (const auto &[s, name] : kStateNames) {
        if (s == state)
            return name;
    }
    return "?";
}

std::optional<RunState> parseRunState(std::string_view name)
{
    for (const auto &[s, n] : kStateNames) {
        if (name == n)
            return s;
    }
    return std::nullopt;
}

std::optional<NodeRole> parseNodeRole(std::string_view name)
{
    if (name == "producer")
        return NodeRole::Producer;
    if (name == "channel")
        return NodeRole::Channel;
    if (name == "consumer")
        return NodeRole::Consumer;
    if (name == "processor")
        return NodeRole::Processor;
    return std::nullopt;
}

InjectedFaults &InjectedFaults::operator+=(const InjectedFaults &other)
{
    duplicates += other.duplicates;
    reorders += other.reorders;
    late += other.late;
    drops += other.drops;
    return *this;
}

ChannelCounters &ChannelCounters::operator+=(const ChannelCounters &other)
{
    sent += other.sent;
    received += other.received;
    backlog += other.backlog;
    connectedPeers += other.connectedPeers;
    disconnects += other.disconnects;
    fanOut = std::max(fanOut, other.fanOut);
    return *this;
}

LatencySummary LatencySummary::of(const LatencyHistogram &histogram)
{
    return {histogram.percentile(50), histogram.percentile(99), histogram.max()};
}

std::uint64_t NodeSnapshot::mainCounter() const
{
    switch (role) {
    case NodeRole::Producer: return produced;
    case NodeRole::Channel: return channel.sent;
    case NodeRole::Consumer:
    case NodeRole::Processor: return input.processed;
    }
    return 0;
}

bool NodeSnapshot::balanced() const
{
    if (role != NodeRole::Consumer && role != NodeRole::Processor)
        return true;
    return input.balanced()
           && std::all_of(sources.begin(), sources.end(),
                          [](const SourceSequenceBooks &s) { return s.books.balanced(); });
}

double ratePerSecond(const NodeSnapshot &earlier, const NodeSnapshot &later, double seconds)
{
    if (!(seconds > 0))
        return 0.0;
    return static_cast<double>(counterIncrease(earlier.mainCounter(), later.mainCounter()))
           / seconds;
}

double ratePerSecond(const RunSnapshot &earlier, const RunSnapshot &later, std::string_view id)
{
    const NodeSnapshot *a = earlier.findNode(id);
    const NodeSnapshot *b = later.findNode(id);
    if (a == nullptr || b == nullptr)
        return 0.0;
    const auto micros = later.run.takenAtMicros - earlier.run.takenAtMicros;
    return ratePerSecond(*a, *b, static_cast<double>(micros) / 1e6);
}

AccountingSummary summarizeAccounting(const std::vector<NodeSnapshot> &nodes)
{
    AccountingSummary summary;
    for (const auto &n : nodes) {
        if (n.role != NodeRole::Consumer && n.role != NodeRole::Processor)
            continue;
        summary.unaccounted += magnitude(n.input.unaccounted());
        for (const auto &s : n.sources)
            summary.unaccounted += magnitude(s.books.unaccounted());
        summary.balanced = summary.balanced && n.balanced();
    }
    return summary;
}

const NodeSnapshot *RunSnapshot::findNode(std::string_view id) const
{
    for (const auto &n : nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

std::string snapshotToJson(const RunSnapshot &snapshot, std::uint64_t seq)
{
    using detail::RunJson;
    RunJson j = RunJson::object();
    j["seq"] = seq;
    j["flow"] = snapshot.run.flow;
    j["host"] = snapshot.run.host;
    j["state"] = runStateName(snapshot.run.state);
    j["startedAtMicros"] = snapshot.run.startedAtMicros;
    j["takenAtMicros"] = snapshot.run.takenAtMicros;
    j["elapsedSeconds"] = snapshot.run.elapsedSeconds;
    RunJson nodes = RunJson::array();
    for (const auto &n : snapshot.nodes)
        nodes.push_back(detail::nodeToJson(n, snapshot.run.elapsedSeconds));
    j["nodes"] = std::move(nodes);
    j["totals"] = detail::totalsToJson(snapshot.nodes);
    j["accounting"] = detail::accountingToJson(snapshot.accounting);
    j["errors"] = detail::errorsToJson(snapshot.run.errors);
    // Replace invalid UTF-8 (a node id from a foreign peer) rather than throw.
    return j.dump(-1, ' ', false, RunJson::error_handler_t::replace);
}

SnapshotParseResult parseSnapshotJson(std::string_view text)
{
    using namespace detail;
    SnapshotParseResult result;
    try {
        const RunJson j = parseRunJson(text);
        requireObject(j, "");
        RunSnapshot s;
        result.seq = unsignedAt(j, "seq", "");
        s.run.flow = stringAt(j, "flow", "");
        s.run.host = stringAt(j, "host", "");
        const std::string state = stringAt(j, "state", "");
        const auto parsed = parseRunState(state);
        if (!parsed)
            throw RunJsonError("/state", "unknown run state \"" + state + "\"");
        s.run.state = *parsed;
        s.run.startedAtMicros = integerAt(j, "startedAtMicros", "");
        s.run.takenAtMicros = integerAt(j, "takenAtMicros", "");
        s.run.elapsedSeconds = numberAt(j, "elapsedSeconds", "");
        const RunJson &nodes = arrayAt(j, "nodes", "");
        for (std::size_t i = 0; i < nodes.size(); ++i)
            s.nodes.push_back(nodeFromJson(nodes[i], "/nodes/" + std::to_string(i)));
        s.accounting = accountingFromJson(member(j, "accounting", ""), "/accounting");
        s.run.errors = errorsFromJson(member(j, "errors", ""), "/errors");
        result.snapshot = std::move(s);
    } catch (const RunJsonError &e) {
        result.seq = 0;
        result.error = e.what();
    }
    return result;
}

} // namespace evflow::model
