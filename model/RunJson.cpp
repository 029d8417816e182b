#include "model/RunJson.h"

#include "model/NodeCatalog.h"

#include <cmath>

namespace evflow::model::detail {
namespace {

std::string child(const std::string &pointer, const char *key)
{
    return pointer + "/" + key;
}

void writeInjected(RunJson &counters, const InjectedFaults &injected)
{
    counters["injectedDuplicates"] = injected.duplicates;
    counters["injectedReorders"] = injected.reorders;
    counters["injectedLate"] = injected.late;
    counters["injectedDrops"] = injected.drops;
}

void writeInput(RunJson &counters, const InputAccounting &input)
{
    counters["received"] = input.received;
    counters["processed"] = input.processed;
    counters["duplicates"] = input.duplicates;
    counters["outOfOrder"] = input.outOfOrder;
    counters["gaps"] = input.gaps;
    counters["late"] = input.late;
    counters["lateDropped"] = input.lateDropped;
    counters["lateDiverted"] = input.lateDiverted;
    counters["malformed"] = input.malformed;
    counters["filtered"] = input.filtered;
}

RunJson countersToJson(const NodeSnapshot &node)
{
    RunJson counters = RunJson::object();
    switch (node.role) {
    case NodeRole::Producer:
        counters["produced"] = node.produced;
        writeInjected(counters, node.injected);
        break;
    case NodeRole::Channel:
        counters["sent"] = node.channel.sent;
        counters["received"] = node.channel.received;
        counters["backlog"] = node.channel.backlog;
        counters["connectedPeers"] = node.channel.connectedPeers;
        counters["disconnects"] = node.channel.disconnects;
        counters["fanOut"] = node.channel.fanOut;
        if (node.injectsFaults)
            writeInjected(counters, node.injected);
        break;
    case NodeRole::Consumer:
    case NodeRole::Processor:
        writeInput(counters, node.input);
        if (node.role == NodeRole::Processor)
            counters["emitted"] = node.emitted;
        break;
    }
    return counters;
}

RunJson sourcesToJson(const std::vector<SourceSequenceBooks> &sources)
{
    RunJson list = RunJson::array();
    for (const auto &s : sources) {
        list.push_back({{"source", s.source},
                        {"expected", s.books.expected},
                        {"receivedUnique", s.books.receivedUnique},
                        {"gaps", s.books.gaps},
                        {"pending", s.books.pending},
                        {"filledAfterGap", s.books.filledAfterGap},
                        {"outOfOrder", s.books.outOfOrder},
                        {"repeats", s.books.repeats},
                        {"beyondWindow", s.books.beyondWindow},
                        {"epochs", s.books.epochs}});
    }
    return list;
}

InjectedFaults readInjected(const RunJson &c, const std::string &at)
{
    return {unsignedAt(c, "injectedDuplicates", at), unsignedAt(c, "injectedReorders", at),
            unsignedAt(c, "injectedLate", at), unsignedAt(c, "injectedDrops", at)};
}

InputAccounting readInput(const RunJson &c, const std::string &at)
{
    InputAccounting in;
    in.received = unsignedAt(c, "received", at);
    in.processed = unsignedAt(c, "processed", at);
    in.duplicates = unsignedAt(c, "duplicates", at);
    in.outOfOrder = unsignedAt(c, "outOfOrder", at);
    in.gaps = unsignedAt(c, "gaps", at);
    in.late = unsignedAt(c, "late", at);
    in.lateDropped = unsignedAt(c, "lateDropped", at);
    in.lateDiverted = unsignedAt(c, "lateDiverted", at);
    in.malformed = unsignedAt(c, "malformed", at);
    in.filtered = unsignedAt(c, "filtered", at);
    return in;
}

void readCounters(const RunJson &c, const std::string &at, NodeSnapshot &node)
{
    switch (node.role) {
    case NodeRole::Producer:
        node.produced = unsignedAt(c, "produced", at);
        node.injected = readInjected(c, at);
        break;
    case NodeRole::Channel:
        node.channel = {unsignedAt(c, "sent", at), unsignedAt(c, "received", at),
                        unsignedAt(c, "backlog", at), unsignedAt(c, "connectedPeers", at),
                        unsignedAt(c, "disconnects", at)};
        // Reports written before fanOut existed: 1, as for a queue.
        if (c.contains("fanOut"))
            node.channel.fanOut = std::max<std::uint64_t>(1, unsignedAt(c, "fanOut", at));
        // A channel reports its injected faults only when it injects any (all four or none).
        node.injectsFaults = c.contains("injectedDuplicates");
        if (node.injectsFaults)
            node.injected = readInjected(c, at);
        break;
    case NodeRole::Consumer:
    case NodeRole::Processor:
        node.input = readInput(c, at);
        if (node.role == NodeRole::Processor)
            node.emitted = unsignedAt(c, "emitted", at);
        break;
    }
}

std::vector<SourceSequenceBooks> readSources(const RunJson &list, const std::string &at)
{
    std::vector<SourceSequenceBooks> sources;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = at + "/" + std::to_string(i);
        const RunJson &s = list[i];
        requireObject(s, p);
        SequenceBooks b;
        b.expected = unsignedAt(s, "expected", p);
        b.receivedUnique = unsignedAt(s, "receivedUnique", p);
        b.gaps = unsignedAt(s, "gaps", p);
        b.pending = unsignedAt(s, "pending", p);
        b.filledAfterGap = unsignedAt(s, "filledAfterGap", p);
        b.outOfOrder = unsignedAt(s, "outOfOrder", p);
        b.repeats = unsignedAt(s, "repeats", p);
        b.beyondWindow = unsignedAt(s, "beyondWindow", p);
        b.epochs = unsignedAt(s, "epochs", p);
        sources.push_back({stringAt(s, "source", p), b});
    }
    return sources;
}

} // namespace

RunJson nodeToJson(const NodeSnapshot &node, double durationSeconds)
{
    RunJson j = RunJson::object();
    j["id"] = node.id;
    j["kind"] = node.kind;
    j["type"] = catalog::roleName(node.role);
    j["host"] = node.host;
    if (!node.endpoint.empty())
        j["endpoint"] = node.endpoint;
    if (!node.backendEndpoint.empty())
        j["backendEndpoint"] = node.backendEndpoint;
    j["counters"] = countersToJson(node);
    const double rate
        = durationSeconds > 0 ? static_cast<double>(node.mainCounter()) / durationSeconds : 0.0;
    j["ratePerSecond"] = rate;
    j["latencyMicros"] = {{"p50", node.latencyMicros.p50},
                          {"p99", node.latencyMicros.p99},
                          {"max", node.latencyMicros.max}};
    if (!node.sources.empty())
        j["sources"] = sourcesToJson(node.sources);
    return j;
}

NodeSnapshot nodeFromJson(const RunJson &j, const std::string &pointer)
{
    requireObject(j, pointer);
    NodeSnapshot node;
    node.id = stringAt(j, "id", pointer);
    if (node.id.empty())
        throw RunJsonError(child(pointer, "id"), "a node id must not be empty");
    node.kind = stringAt(j, "kind", pointer);
    if (node.kind.empty())
        throw RunJsonError(child(pointer, "kind"), "a node kind must not be empty");
    const std::string type = stringAt(j, "type", pointer);
    const auto role = parseNodeRole(type);
    if (!role) {
        throw RunJsonError(child(pointer, "type"), "unknown node type \"" + type
                                                       + "\" (expected producer, channel, "
                                                         "consumer or processor)");
    }
    node.role = *role;
    node.host = j.contains("host") ? stringAt(j, "host", pointer) : std::string();
    node.endpoint = j.contains("endpoint") ? stringAt(j, "endpoint", pointer) : std::string();
    node.backendEndpoint
        = j.contains("backendEndpoint") ? stringAt(j, "backendEndpoint", pointer) : std::string();
    readCounters(objectAt(j, "counters", pointer), child(pointer, "counters"), node);
    numberAt(j, "ratePerSecond", pointer);
    const std::string latencyAt = child(pointer, "latencyMicros");
    const RunJson &latency = objectAt(j, "latencyMicros", pointer);
    node.latencyMicros
        = {integerAt(latency, "p50", latencyAt), integerAt(latency, "p99", latencyAt),
           integerAt(latency, "max", latencyAt)};
    if (j.contains("sources"))
        node.sources = readSources(arrayAt(j, "sources", pointer), child(pointer, "sources"));
    return node;
}

RunJson totalsToJson(const std::vector<NodeSnapshot> &nodes)
{
    std::uint64_t produced = 0;
    std::uint64_t emitted = 0;
    InputAccounting inputs;
    InjectedFaults injected;
    for (const auto &n : nodes) {
        if (n.role == NodeRole::Producer)
            produced += n.produced;
        if (n.role == NodeRole::Processor)
            emitted += n.emitted;
        if (n.role == NodeRole::Consumer || n.role == NodeRole::Processor)
            inputs += n.input;
        if (n.role == NodeRole::Producer || (n.role == NodeRole::Channel && n.injectsFaults))
            injected += n.injected;
    }
    RunJson totals = RunJson::object();
    totals["produced"] = produced;
    totals["emitted"] = emitted;
    writeInput(totals, inputs);
    writeInjected(totals, injected);
    return totals;
}

RunJson accountingToJson(const AccountingSummary &accounting)
{
    return {{"balanced", accounting.balanced}, {"unaccounted", accounting.unaccounted}};
}

AccountingSummary accountingFromJson(const RunJson &j, const std::string &pointer)
{
    requireObject(j, pointer);
    return {boolAt(j, "balanced", pointer), unsignedAt(j, "unaccounted", pointer)};
}

RunJson errorsToJson(const std::vector<RunError> &errors)
{
    RunJson list = RunJson::array();
    for (const auto &e : errors) {
        list.push_back(
            {{"node", e.node}, {"kind", e.kind}, {"message", e.message}, {"atMicros", e.atMicros}});
    }
    return list;
}

std::vector<RunError> errorsFromJson(const RunJson &j, const std::string &pointer)
{
    if (!j.is_array())
        throw RunJsonError(pointer, "expected an array");
    std::vector<RunError> errors;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = pointer + "/" + std::to_string(i);
        requireObject(j[i], p);
        errors.push_back({stringAt(j[i], "node", p), stringAt(j[i], "kind", p),
                          stringAt(j[i], "message", p), integerAt(j[i], "atMicros", p)});
    }
    return errors;
}

RunJson parseRunJson(std::string_view text)
{
    const auto limitDepth = [](int depth, RunJson::parse_event_t, RunJson &) {
        if (depth > kMaxRunJsonDepth) {
            throw RunJsonError("", "nested deeper than " + std::to_string(kMaxRunJsonDepth)
                                       + " levels");
        }
        return true;
    };
    try {
        return RunJson::parse(text.begin(), text.end(), limitDepth);
    } catch (const RunJson::exception &e) {
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix: users need the reason.
        std::string reason = e.what();
        if (const auto close = reason.find("] "); close != std::string::npos)
            reason.erase(0, close + 2);
        throw RunJsonError("", "not JSON: " + reason);
    }
}

void requireObject(const RunJson &j, const std::string &pointer)
{
    if (!j.is_object())
        throw RunJsonError(pointer, "expected an object");
}

const RunJson &member(const RunJson &object, const char *key, const std::string &pointer)
{
    const auto it = object.find(key);
    if (it == object.end())
        throw RunJsonError(pointer, std::string("missing \"") + key + "\"");
    return *it;
}

const RunJson &objectAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    requireObject(v, child(pointer, key));
    return v;
}

const RunJson &arrayAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    if (!v.is_array())
        throw RunJsonError(child(pointer, key), "expected an array");
    return v;
}

std::string stringAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    if (!v.is_string())
        throw RunJsonError(child(pointer, key), "expected a string");
    return v.get<std::string>();
}

std::uint64_t unsignedAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    // nlohmann stores non-negative integers as unsigned; a negative one is number_integer.
    if (!v.is_number_unsigned())
        throw RunJsonError(child(pointer, key), "expected a non-negative integer");
    return v.get<std::uint64_t>();
}

std::int64_t integerAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX)
        throw RunJsonError(child(pointer, key), "integer out of range");
    if (!v.is_number_integer())
        throw RunJsonError(child(pointer, key), "expected an integer");
    return v.get<std::int64_t>();
}

double numberAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    if (!v.is_number())
        throw RunJsonError(child(pointer, key), "expected a number");
    const double d = v.get<double>();
    if (!std::isfinite(d))
        throw RunJsonError(child(pointer, key), "expected a finite number");
    return d;
}

bool boolAt(const RunJson &object, const char *key, const std::string &pointer)
{
    const RunJson &v = member(object, key, pointer);
    if (!v.is_boolean())
        throw RunJsonError(child(pointer, key), "expected true or false");
    return v.get<bool>();
}

} // namespace evflow::model::detail
