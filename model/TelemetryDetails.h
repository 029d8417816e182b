#pragma once

#include "model/Projection.h"
#include "model/RecentEvents.h"
#include "model/TraceLog.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// What a telemetry client can ask a runner for beyond snapshots (docs/TELEMETRY.md, "Details"):
/// the recent events at a node (the inspector's live tail), the hops of one correlation (the
/// trace) and the rows of a projection (its read model).
enum class DetailKind { RecentEvents, Trace, Projection };

/// "recent", "trace", "projection".
const char *detailKindName(DetailKind kind);

/// One detail a client subscribes to: a kind and its subject (a node id, or a correlation id).
struct DetailRequest
{
    DetailKind kind = DetailKind::RecentEvents;
    std::string subject;

    bool operator==(const DetailRequest &) const = default;
    auto operator<=>(const DetailRequest &) const = default;
};

/// Prefix of every detail topic. It does not start with kTelemetryTopic, so a client subscribed
/// to snapshots only never receives details.
inline constexpr std::string_view kDetailTopicPrefix = "evflow.detail.v1";

/// The topic of a detail: the prefix, kind and subject, each followed by a NUL byte, so that a
/// subscription to one subject never prefix-matches another ("a" and "ab").
std::string detailTopic(const DetailRequest &request);
/// The request a topic names, or nullopt for any other topic (snapshots, foreign text, an
/// unknown kind, a missing terminator).
std::optional<DetailRequest> parseDetailTopic(std::string_view topic);

/// The body of a detail message: exactly one of the three lists is filled, as `kind` says.
struct DetailAnswer
{
    DetailRequest request;
    std::vector<RecentEvent> recentEvents;
    std::vector<TraceHop> hops;
    std::vector<ProjectionRow> rows;

    bool operator==(const DetailAnswer &) const = default;
};

/// One-line JSON of an answer: {"kind", "subject", and "events" (each {"class",
/// "arrivalMicros", "event": a structured CloudEvent}), "hops" or "rows" (each {"key", "value",
/// "count"})}.
std::string detailToJson(const DetailAnswer &answer);

/// A parsed detail, or a one-line error naming the JSON pointer at fault.
struct DetailParseResult
{
    std::optional<DetailAnswer> answer;
    std::string error;
    explicit operator bool() const { return answer.has_value(); }
};

/// Parses detailToJson()'s output. Refuses text that is not JSON, nested deeper than
/// kMaxRunJsonDepth, of the wrong shape or with an event CloudEvents cannot read. Never throws.
DetailParseResult parseDetailJson(std::string_view text);

} // namespace evflow::model
