#pragma once

#include "model/RunSnapshot.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

/// JSON pieces shared by the run report (RunReport.h) and the telemetry message (RunSnapshot
/// JSON): one node, the totals, the accounting summary, the error list. Internal to model/.
namespace evflow::model::detail {

using RunJson = nlohmann::ordered_json;

/// A JSON value of the wrong shape; `what()` is "POINTER: MESSAGE". Thrown by the readers below
/// and caught by the public parse functions, which turn it into an error string.
class RunJsonError : public std::runtime_error
{
public:
    RunJsonError(const std::string &pointer, const std::string &message)
        : std::runtime_error((pointer.empty() ? std::string("/") : pointer) + ": " + message)
    {
    }
};

/// The report shape of one node: id, kind, type, host, counters (by role), ratePerSecond (main
/// counter / durationSeconds; 0 when durationSeconds <= 0), latencyMicros, and "sources" (the
/// per-source sequence books) when the input tracks any.
RunJson nodeToJson(const NodeSnapshot &node, double durationSeconds);
/// Reads one node written by nodeToJson(); `pointer` locates it in messages. ratePerSecond is
/// derived, so it is checked to be a number and otherwise ignored.
NodeSnapshot nodeFromJson(const RunJson &j, const std::string &pointer);

/// Sums of the event counters over the nodes (see docs/REPORT.md, "totals").
RunJson totalsToJson(const std::vector<NodeSnapshot> &nodes);
RunJson accountingToJson(const AccountingSummary &accounting);
AccountingSummary accountingFromJson(const RunJson &j, const std::string &pointer);
RunJson errorsToJson(const std::vector<RunError> &errors);
std::vector<RunError> errorsFromJson(const RunJson &j, const std::string &pointer);

/// Parses `text` as JSON no deeper than kMaxRunJsonDepth; throws RunJsonError("/", reason).
RunJson parseRunJson(std::string_view text);

/// Typed member access with messages that name the pointer; all throw RunJsonError.
const RunJson &member(const RunJson &object, const char *key, const std::string &pointer);
const RunJson &objectAt(const RunJson &object, const char *key, const std::string &pointer);
const RunJson &arrayAt(const RunJson &object, const char *key, const std::string &pointer);
std::string stringAt(const RunJson &object, const char *key, const std::string &pointer);
std::uint64_t unsignedAt(const RunJson &object, const char *key, const std::string &pointer);
std::int64_t integerAt(const RunJson &object, const char *key, const std::string &pointer);
double numberAt(const RunJson &object, const char *key, const std::string &pointer);
bool boolAt(const RunJson &object, const char *key, const std::string &pointer);
void requireObject(const RunJson &j, const std::string &pointer);

} // namespace evflow::model::detail
