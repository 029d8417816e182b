#include "model/TelemetryDetails.h"

#include "model/CloudEventJson.h"
#include "model/RunJson.h"

#include <array>

namespace evflow::model {
namespace {

using detail::RunJson;
using detail::RunJsonError;

constexpr std::array kKinds{DetailKind::RecentEvents, DetailKind::Trace, DetailKind::Projection};

std::optional<DetailKind> parseDetailKind(std::string_view name)
{
    for (const DetailKind kind : kKinds)
        if (name == detailKindName(kind))
            return kind;
    return std::nullopt;
}

const char *listKey(DetailKind kind)
{
    switch (kind) {
    case DetailKind::RecentEvents: return "events";
    case DetailKind::Trace: return "hops";
    case DetailKind::Projection: return "rows";
    }
    return "events";
}

RunJson recentEventToJson(const RecentEvent &recent)
{
    RunJson j = RunJson::object();
    j["class"] = eventClassName(recent.classification);
    j["arrivalMicros"] = recent.arrivalMicros;
    // The envelope exactly as a recording writes it, so one reader (fromCloudEventJson) serves
    // both.
    j["event"] = RunJson::parse(toCloudEventJson(recent.event));
    return j;
}

RecentEvent recentEventFromJson(const RunJson &j, const std::string &pointer)
{
    using namespace detail;
    requireObject(j, pointer);
    RecentEvent recent;
    const std::string name = stringAt(j, "class", pointer);
    const auto classification = parseEventClass(name);
    if (!classification)
        throw RunJsonError(pointer + "/class", "unknown event class \"" + name + "\"");
    recent.classification = *classification;
    recent.arrivalMicros = integerAt(j, "arrivalMicros", pointer);
    std::string error;
    if (!fromCloudEventJson(objectAt(j, "event", pointer).dump(), recent.event, error))
        throw RunJsonError(pointer + "/event", error);
    return recent;
}

RunJson hopToJson(const TraceHop &hop)
{
    RunJson j = RunJson::object();
    j["correlationId"] = hop.correlationId;
    j["causationId"] = hop.causationId;
    j["eventId"] = hop.eventId;
    j["type"] = hop.type;
    j["node"] = hop.node;
    j["timeMicros"] = hop.timeMicros;
    return j;
}

TraceHop hopFromJson(const RunJson &j, const std::string &pointer)
{
    using namespace detail;
    requireObject(j, pointer);
    TraceHop hop;
    hop.correlationId = stringAt(j, "correlationId", pointer);
    hop.causationId = stringAt(j, "causationId", pointer);
    hop.eventId = stringAt(j, "eventId", pointer);
    hop.type = stringAt(j, "type", pointer);
    hop.node = stringAt(j, "node", pointer);
    hop.timeMicros = integerAt(j, "timeMicros", pointer);
    return hop;
}

RunJson rowToJson(const ProjectionRow &row)
{
    RunJson j = RunJson::object();
    j["key"] = row.key;
    j["value"] = fieldValueToJson(row.value);
    j["count"] = row.count;
    return j;
}

ProjectionRow rowFromJson(const RunJson &j, const std::string &pointer)
{
    using namespace detail;
    requireObject(j, pointer);
    ProjectionRow row;
    row.key = stringAt(j, "key", pointer);
    const RunJson &value = member(j, "value", pointer);
    if (value.is_structured())
        throw RunJsonError(pointer + "/value", "not a scalar");
    row.value = fieldValueFromJson(value);
    row.count = unsignedAt(j, "count", pointer);
    return row;
}

template<typename Item, typename Write>
RunJson listToJson(const std::vector<Item> &items, Write write)
{
    RunJson list = RunJson::array();
    for (const Item &item : items)
        list.push_back(write(item));
    return list;
}

template<typename Item, typename Read>
std::vector<Item> listFromJson(const RunJson &list, const std::string &pointer, Read read)
{
    std::vector<Item> items;
    items.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i)
        items.push_back(read(list[i], pointer + "/" + std::to_string(i)));
    return items;
}

} // namespace

const char *detailKindName(DetailKind kind)
{
    switch (kind) {
    case DetailKind::RecentEvents: return "recent";
    case DetailKind::Trace: return "trace";
    case DetailKind::Projection: return "projection";
    }
    return "?";
}

std::string detailTopic(const DetailRequest &request)
{
    std::string topic(kDetailTopicPrefix);
    topic += '\0';
    topic += detailKindName(request.kind);
    topic += '\0';
    topic += request.subject;
    topic += '\0';
    return topic;
}

std::optional<DetailRequest> parseDetailTopic(std::string_view topic)
{
    if (topic.size() < kDetailTopicPrefix.size() + 1 || !topic.starts_with(kDetailTopicPrefix)
        || topic[kDetailTopicPrefix.size()] != '\0' || topic.back() != '\0')
        return std::nullopt;
    topic.remove_prefix(kDetailTopicPrefix.size() + 1);
    topic.remove_suffix(1);
    const auto separator = topic.find('\0');
    if (separator == std::string_view::npos)
        return std::nullopt;
    const auto kind = parseDetailKind(topic.substr(0, separator));
    const std::string_view subject = topic.substr(separator + 1);
    if (!kind || subject.find('\0') != std::string_view::npos)
        return std::nullopt;
    return DetailRequest{*kind, std::string(subject)};
}

std::string detailToJson(const DetailAnswer &answer)
{
    RunJson j = RunJson::object();
    j["kind"] = detailKindName(answer.request.kind);
    j["subject"] = answer.request.subject;
    RunJson &list = j[listKey(answer.request.kind)];
    switch (answer.request.kind) {
    case DetailKind::RecentEvents: list = listToJson(answer.recentEvents, recentEventToJson); break;
    case DetailKind::Trace: list = listToJson(answer.hops, hopToJson); break;
    case DetailKind::Projection: list = listToJson(answer.rows, rowToJson); break;
    }
    return j.dump(-1, ' ', false, RunJson::error_handler_t::replace);
}

DetailParseResult parseDetailJson(std::string_view text)
{
    using namespace detail;
    DetailParseResult result;
    try {
        const RunJson j = parseRunJson(text);
        requireObject(j, "");
        DetailAnswer answer;
        const std::string kind = stringAt(j, "kind", "");
        const auto parsed = parseDetailKind(kind);
        if (!parsed)
            throw RunJsonError("/kind", "unknown detail kind \"" + kind + "\"");
        answer.request = {*parsed, stringAt(j, "subject", "")};
        const char *key = listKey(*parsed);
        const RunJson &list = arrayAt(j, key, "");
        const std::string pointer = std::string("/") + key;
        switch (*parsed) {
        case DetailKind::RecentEvents:
            answer.recentEvents = listFromJson<RecentEvent>(list, pointer, recentEventFromJson);
            break;
        case DetailKind::Trace:
            answer.hops = listFromJson<TraceHop>(list, pointer, hopFromJson);
            break;
        case DetailKind::Projection:
            answer.rows = listFromJson<ProjectionRow>(list, pointer, rowFromJson);
            break;
        }
        result.answer = std::move(answer);
    } catch (const RunJsonError &e) {
        result.error = e.what();
    }
    return result;
}

} // namespace evflow::model
