#include "model/AsyncApiExport.h"

#include "model/AsyncApiSchema.h" // childPointer: the import reads what the export writes
#include "model/CarriedTypes.h"
#include "model/Endpoint.h"
#include "model/NodeCatalog.h"
#include "model/YamlWriter.h"

#include <set>

namespace evflow::model {
namespace {

using Json = nlohmann::ordered_json;

/// The message every channel of unknown content carries: any CloudEvent.
constexpr const char *kAnyMessage = "cloudevent";

Json refTo(const std::string &pointer)
{
    return Json{{"$ref", pointer}};
}

Json fieldSchema(const FieldSpec &field)
{
    Json schema = Json::object();
    switch (field.type) {
    case FieldType::String: schema["type"] = "string"; break;
    case FieldType::Int: schema["type"] = "integer"; break;
    case FieldType::Double: schema["type"] = "number"; break;
    case FieldType::Bool: schema["type"] = "boolean"; break;
    case FieldType::Timestamp:
        schema["type"] = "string";
        schema["format"] = "date-time";
        break;
    case FieldType::Enum:
        schema["type"] = "string";
        schema["enum"] = field.values;
        break;
    }
    if (!field.description.empty())
        schema["description"] = field.description;
    return schema;
}

Json payloadSchema(const EventType &type)
{
    Json schema{{"type", "object"}};
    if (!type.description.empty())
        schema["description"] = type.description;
    Json properties = Json::object();
    Json required = Json::array();
    for (const FieldSpec &field : type.fields) {
        properties[field.name] = fieldSchema(field);
        if (field.required)
            required.push_back(field.name);
    }
    schema["properties"] = properties;
    if (!required.empty())
        schema["required"] = required;
    return schema;
}

/// The CloudEvents context attributes an evflow event carries (docs/ZMQ-BINDING.md), as the
/// message's headers. `type` is fixed for a declared event type.
Json cloudEventHeaders(const std::string &type)
{
    const auto text = [](const char *description) {
        return Json{{"type", "string"}, {"description", description}};
    };
    Json properties = Json::object();
    properties["specversion"] = Json{{"type", "string"}, {"const", "1.0"}};
    properties["id"] = text("Unique per source; the key of duplicate suppression");
    properties["source"] = Json{{"type", "string"}, {"format", "uri-reference"}};
    properties["type"]
        = type.empty() ? text("Event type") : Json{{"type", "string"}, {"const", type}};
    properties["time"] = Json{{"type", "string"}, {"format", "date-time"}};
    properties["subject"] = text("Optional subject");
    properties["datacontenttype"] = text("Content type of the data");
    properties["sequence"] = text("evflow extension: sequence number per source and epoch");
    properties["epoch"] = text("evflow extension: a producer restart starts a new epoch");
    properties["correlationid"] = text("evflow extension: the business transaction");
    properties["causationid"] = text("evflow extension: id of the event that caused this one");
    return Json{{"type", "object"},
                {"required", {"specversion", "id", "source", "type"}},
                {"properties", properties}};
}

Json message(const std::string &name, const EventType *declared)
{
    Json m{{"name", name},
           {"title", name},
           {"contentType", "application/json"},
           {"headers", cloudEventHeaders(declared ? name : std::string())}};
    if (declared != nullptr) {
        if (!declared->description.empty())
            m["summary"] = declared->description;
        m["payload"] = refTo(detail::childPointer("#/components/schemas", name));
        m["x-evflow-type-version"] = declared->version;
    } else {
        m["summary"] = "Any CloudEvent: the flow does not say which types travel here";
        m["payload"] = Json::object();
    }
    return m;
}

/// Types carried by the links that touch `channel` on the given side, or kAnyMessage when any
/// of them is unknown to the flow.
std::vector<std::string> wireTypes(const Flow &flow, const Link &link)
{
    std::vector<std::string> types = typesCarried(flow, link);
    if (types.empty())
        types.push_back(kAnyMessage);
    return types;
}

std::set<std::string> channelTypes(const Flow &flow, const Node &channel)
{
    std::set<std::string> types;
    for (const Link &link : flow.links)
        if (link.from.node == channel.id || link.to.node == channel.id)
            for (const std::string &type : wireTypes(flow, link))
                types.insert(type);
    return types;
}

const char *patternName(NodeKind kind)
{
    return kind == NodeKind::PubSub ? "pub-sub" : kind == NodeKind::Queue ? "push-pull" : "broker";
}

Json zeromqDetails(const Node &channel)
{
    Json details{{"pattern", patternName(channel.kind)}};
    if (channel.kind == NodeKind::PubSub)
        details["socketTypes"] = {{"send", "PUB"}, {"receive", "SUB"}};
    else if (channel.kind == NodeKind::Queue)
        details["socketTypes"] = {{"send", "PUSH"}, {"receive", "PULL"}};
    else
        details["socketTypes"]
            = {{"send", "PUB"}, {"frontend", "XSUB"}, {"backend", "XPUB"}, {"receive", "SUB"}};
    const std::string endpoint = catalog::stringProperty(channel, "endpoint");
    if (const EndpointParseResult parsed = parseEndpoint(endpoint))
        details["transport"] = transportName(parsed.endpoint->transport);
    if (channel.kind == NodeKind::Broker)
        details["backendEndpoint"] = catalog::stringProperty(channel, "backendEndpoint");
    else
        details["bindSide"] = catalog::stringProperty(channel, "bindSide", "producer");
    details["hwm"] = catalog::intProperty(channel, "hwm", 1000);
    return details;
}

Json channelEntry(const Flow &flow, const Node &channel)
{
    Json entry{{"address", catalog::stringProperty(channel, "endpoint")}};
    entry["title"] = channel.label.empty() ? channel.id.value : channel.label;
    Json messages = Json::object();
    for (const std::string &type : channelTypes(flow, channel))
        messages[type] = refTo(detail::childPointer("#/components/messages", type));
    entry["messages"] = messages;
    entry["x-zeromq"] = zeromqDetails(channel);
    return entry;
}

Json operationEntry(const Flow &flow, const Link &link, const Node &node, const Node &channel,
                    bool send)
{
    const std::string channelPointer = detail::childPointer("#/channels", channel.id.value);
    Json op{{"action", send ? "send" : "receive"}, {"channel", refTo(channelPointer)}};
    op["title"]
        = (node.label.empty() ? node.id.value : node.label) + (send ? " sends" : " receives");
    op["summary"]
        = std::string(catalog::kindName(node.kind)) + (send ? " → " : " ← ") + channel.id.value;
    Json messages = Json::array();
    for (const std::string &type : wireTypes(flow, link))
        messages.push_back(refTo(detail::childPointer(channelPointer + "/messages", type)));
    op["messages"] = messages;
    op["x-evflow-kind"] = catalog::kindName(node.kind); // lets an import restore the node
    if (!send && !link.types.empty())
        op["x-zeromq"] = {{"subscribe", link.types}};
    return op;
}

/// "shipping.late.send.latebus": the node, its port unless it is the default one, the action
/// and the channel — unique per wire, since a node has at most one wire per port and channel.
std::string operationId(const PortRef &port, const char *action, const NodeId &channel)
{
    const bool defaultPort = port.port == "out" || port.port == "in";
    return port.node.value + (defaultPort ? "" : "." + port.port) + "." + action + "."
           + channel.value;
}

Json operations(const Flow &flow)
{
    Json ops = Json::object();
    for (const Link &link : flow.links) {
        const Node *from = flow.findNode(link.from.node);
        const Node *to = flow.findNode(link.to.node);
        if (from == nullptr || to == nullptr)
            continue;
        const bool intoChannel = catalog::role(to->kind) == NodeRole::Channel;
        const bool outOfChannel = catalog::role(from->kind) == NodeRole::Channel;
        if (intoChannel && !outOfChannel)
            ops[operationId(link.from, "send", to->id)]
                = operationEntry(flow, link, *from, *to, true);
        else if (outOfChannel && !intoChannel)
            ops[operationId(link.to, "receive", from->id)]
                = operationEntry(flow, link, *to, *from, false);
    }
    return ops;
}

Json components(const Flow &flow, const Json &channels)
{
    std::set<std::string> used;
    for (const auto &[id, channel] : channels.items())
        for (const auto &[type, reference] : channel["messages"].items())
            used.insert(type);
    Json messages = Json::object();
    Json schemas = Json::object();
    for (const std::string &type : used) {
        const EventType *declared = type == kAnyMessage ? nullptr : flow.findEventType(type);
        messages[type] = message(type, declared);
    }
    for (const EventType &type : flow.eventTypes)
        schemas[type.name] = payloadSchema(type);
    return Json{{"messages", messages}, {"schemas", schemas}};
}

} // namespace

nlohmann::ordered_json toAsyncApi(const Flow &flow)
{
    Json doc{{"asyncapi", kAsyncApiVersion}};
    Json info{{"title", flow.name.empty() ? std::string("flow") : flow.name}, {"version", "1.0.0"}};
    if (!flow.description.empty())
        info["description"] = flow.description;
    doc["info"] = info;
    doc["defaultContentType"] = "application/json";
    Json channels = Json::object();
    for (const Node &node : flow.nodes)
        if (catalog::role(node.kind) == NodeRole::Channel)
            channels[node.id.value] = channelEntry(flow, node);
    doc["channels"] = channels;
    doc["operations"] = operations(flow);
    doc["components"] = components(flow, channels);
    return doc;
}

std::string toAsyncApiJson(const Flow &flow)
{
    return toAsyncApi(flow).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string toAsyncApiYaml(const Flow &flow)
{
    return toYaml(toAsyncApi(flow));
}

} // namespace evflow::model
