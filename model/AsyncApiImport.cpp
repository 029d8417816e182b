#include "model/AsyncApiImporter.h"

#include "model/Endpoint.h"
#include "model/NodeCatalog.h"
#include "model/YamlReader.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace evflow::model::detail {
namespace {

using Json = nlohmann::ordered_json;

std::string sanitizedId(const std::string &text)
{
    std::string id;
    for (char c : text) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        if (ok || (!id.empty() && id.back() != '-'))
            id += ok ? c : '-';
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    if (id.empty() || !(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_'))
        id = "n-" + id;
    return id == "n-" ? std::string("node") : id;
}

/// An evflow event type name (lowercase words separated by dots) for a message name:
/// "turnOnOff" → "turn-on-off", "user/signed up" → "user.signed.up".
std::string eventTypeName(const std::string &name)
{
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const bool afterWord = i > 0 && std::isalnum(static_cast<unsigned char>(name[i - 1]));
        if (std::isupper(c))
            out += std::string(afterWord && !std::isupper(static_cast<unsigned char>(name[i - 1]))
                                   ? "-"
                                   : "")
                   + static_cast<char>(std::tolower(c));
        else if (std::isalnum(c) || c == '_' || c == '-')
            out += static_cast<char>(c);
        else
            out += '.';
    }
    std::string clean; // no empty segments, and each starts with a letter or digit
    for (char c : out) {
        const bool segmentStart = clean.empty() || clean.back() == '.';
        if ((c == '.' || c == '-' || c == '_') && segmentStart)
            continue;
        clean += c;
    }
    while (!clean.empty() && clean.back() == '.')
        clean.pop_back();
    return clean.empty() ? std::string("message") : clean;
}

std::vector<std::string> stringList(const Json &value)
{
    std::vector<std::string> out;
    if (value.is_array())
        for (const Json &v : value)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

std::string text(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string AsyncApiImporter::uniqueId(const std::string &wanted)
{
    std::string id = sanitizedId(wanted);
    for (int n = 2; m_ids.count(id); ++n)
        id = sanitizedId(wanted) + "-" + std::to_string(n);
    m_ids.insert(id);
    return id;
}

std::string AsyncApiImporter::readHeader()
{
    if (!m_doc.is_object())
        return "/: an AsyncAPI document is an object";
    const std::string version = text(m_doc, "asyncapi");
    if (version.rfind("2.", 0) == 0)
        m_major = 2;
    else if (version.rfind("3.", 0) == 0)
        m_major = 3;
    else
        return "/asyncapi: '" + version
               + "' is not an AsyncAPI version this import reads (2.x, 3.x)";
    const Json info = member(m_doc, "info");
    m_flow.name = text(info, "title");
    m_flow.description = text(info, "description");
    m_reader.warnUnhandled(info, "/info", {"version"});
    m_reader.warnUnhandled(
        m_doc, "",
        {"asyncapi", "info", "channels", "operations", "components", "defaultContentType", "id"});
    if (m_doc.contains("components"))
        m_reader.warnUnhandled(m_doc["components"], "/components",
                               {"messages", "schemas", "channels", "operations"});
    return {};
}

std::string AsyncApiImporter::messageType(const Json &message, const std::string &pointer,
                                          const std::string &key)
{
    std::string at = pointer;
    const Json *resolved = m_reader.resolve(message, at);
    if (resolved == nullptr || !resolved->is_object())
        return {};
    if (const auto known = m_typeByMessagePointer.find(at); known != m_typeByMessagePointer.end())
        return known->second;
    std::string name = text(*resolved, "name");
    if (name.empty())
        name = key;
    if (const std::string typeName = eventTypeName(name); typeName != name) {
        m_reader.warn(at, "message name '" + name
                              + "' is not an evflow event type name: "
                                "imported as '"
                              + typeName + "'");
        name = typeName;
    }
    const Json *payload = resolved->contains("payload") ? &(*resolved)["payload"] : nullptr;
    const bool any = name == kAnyAsyncApiMessage && (payload == nullptr || payload->empty());
    if (!any && m_flow.findEventType(name) == nullptr) {
        EventType type
            = detail::eventTypeFromPayload(m_reader, name, payload, childPointer(at, "payload"));
        const Json &version = member(*resolved, "x-evflow-type-version");
        type.version = version.is_number_integer() ? std::max(1, version.get<int>()) : 1;
        m_flow.eventTypes.push_back(std::move(type));
    }
    const bool cloudEventHeaders
        = resolved->contains("headers")
          && (*resolved)["headers"].dump().find("specversion") != std::string::npos;
    m_reader.warnUnhandled(
        *resolved, at,
        cloudEventHeaders ? std::vector<std::string>{"name", "payload", "contentType", "headers"}
                          : std::vector<std::string>{"name", "payload", "contentType"});
    m_typeByMessagePointer[at] = any ? std::string() : name;
    m_typeByMessagePointer[pointer] = any ? std::string() : name;
    return any ? std::string() : name;
}

NodeId AsyncApiImporter::addChannel(const std::string &key, const Json &channel,
                                    const std::string &pointer, const std::string &address)
{
    Node node;
    node.id = {uniqueId(key)};
    const Json zmq = member(channel, "x-zeromq");
    const std::string pattern = text(zmq, "pattern");
    node.kind = pattern == "push-pull" ? NodeKind::Queue
                : pattern == "broker"  ? NodeKind::Broker
                                       : NodeKind::PubSub;
    if (const std::string title = text(channel, "title"); !title.empty() && title != node.id.value)
        node.label = title;
    std::string endpoint = address;
    if (!parseEndpoint(endpoint)) {
        endpoint = "inproc://" + node.id.value;
        m_reader.warn(pointer, "address '" + address
                                   + "' is not a ZeroMQ endpoint: the channel uses " + endpoint
                                   + " (change it in the studio)");
    }
    node.properties["endpoint"] = endpoint;
    if (node.kind == NodeKind::Broker) {
        const std::string backend = text(zmq, "backendEndpoint");
        node.properties["backendEndpoint"] = parseEndpoint(backend) ? backend : endpoint + "-out";
    } else if (const std::string side = text(zmq, "bindSide"); side == "consumer") {
        node.properties["bindSide"] = side;
    }
    if (zmq.contains("hwm") && zmq["hwm"].is_number_integer())
        node.properties["hwm"] = zmq["hwm"].get<std::int64_t>();
    m_flow.nodes.push_back(node);
    m_channelByPointer[pointer] = node.id;
    return node.id;
}

void AsyncApiImporter::readChannelV3(const std::string &key, const Json &value)
{
    const std::string pointer = childPointer("/channels", key);
    std::string at = pointer;
    const Json *channel = m_reader.resolve(value, at);
    if (channel == nullptr || !channel->is_object())
        return;
    const Json &address = channel->contains("address") ? (*channel)["address"] : Json();
    const NodeId id
        = addChannel(key, *channel, pointer, address.is_string() ? address.get<std::string>() : "");
    m_channelByPointer[at] = id;
    for (const auto &[name, message] : member(*channel, "messages").items())
        messageType(message, childPointer(childPointer(pointer, "messages"), name), name);
    m_reader.warnUnhandled(*channel, at, {"address", "messages"});
}

void AsyncApiImporter::readChannelV2(const std::string &key, const Json &value)
{
    const std::string pointer = childPointer("/channels", key);
    std::string at = pointer;
    const Json *channel = m_reader.resolve(value, at);
    if (channel == nullptr || !channel->is_object())
        return;
    const NodeId id = addChannel(key, *channel, pointer, key);
    // 2.x: `subscribe` is what the application sends, `publish` what it receives.
    for (const auto &[verb, send] : {std::pair{"subscribe", true}, std::pair{"publish", false}}) {
        if (!channel->contains(verb))
            continue;
        std::string opAt = childPointer(pointer, verb);
        const Json *op = m_reader.resolve((*channel)[verb], opAt);
        if (op == nullptr)
            continue;
        Wire wire{0, {}, id, {}, {}, send};
        const Json message = member(*op, "message");
        const std::string messageAt = childPointer(opAt, "message");
        if (message.contains("oneOf"))
            for (std::size_t i = 0; i < message["oneOf"].size(); ++i)
                wire.types.push_back(
                    messageType(message["oneOf"][i],
                                childPointer(childPointer(messageAt, "oneOf"), std::to_string(i)),
                                key + "-" + std::to_string(i + 1)));
        else if (!message.empty())
            wire.types.push_back(messageType(message, messageAt, key));
        std::string name = text(*op, "operationId");
        if (name.empty())
            name = id.value + (send ? "-producer" : "-consumer");
        m_reader.warnUnhandled(*op, opAt, {"message", "operationId"});
        addWire(name, *op, opAt, std::move(wire));
    }
    m_reader.warnUnhandled(*channel, at, {"publish", "subscribe"});
}

void AsyncApiImporter::readChannels()
{
    for (const auto &[key, value] : member(m_doc, "channels").items()) {
        if (m_major == 3)
            readChannelV3(key, value);
        else
            readChannelV2(key, value);
    }
}

void AsyncApiImporter::addWire(const std::string &nodeName, const Json &operation,
                               const std::string &pointer, Wire wire)
{
    auto [it, added] = m_nodeByName.try_emplace(nodeName, m_nodes.size());
    if (added)
        m_nodes.push_back({nodeName, std::nullopt, pointer, {}});
    PendingNode &node = m_nodes[it->second];
    if (const std::string kindName = text(operation, "x-evflow-kind"); !kindName.empty()) {
        if (const NodeKindSpec *spec = catalog::findKind(kindName))
            node.kind = spec->kind;
        else
            m_reader.warn(childPointer(pointer, "x-evflow-kind"),
                          "unknown node kind '" + kindName + "': chosen from the operations");
    }
    // evflow's export titles operations "<label> sends" / "<label> receives"; a foreign title
    // ("Place an order") labels the node as it is.
    if (std::string title = text(operation, "title"); !title.empty() && node.label.empty()) {
        for (const std::string suffix : {" sends", " receives"})
            if (title.size() > suffix.size()
                && title.compare(title.size() - suffix.size(), suffix.size(), suffix) == 0)
                title.resize(title.size() - suffix.size());
        node.label = title;
    }
    wire.node = it->second;
    wire.subscribe = stringList(member(member(operation, "x-zeromq"), "subscribe"));
    m_wires.push_back(std::move(wire));
}

void AsyncApiImporter::readOperationV3(const std::string &key, const Json &value)
{
    std::string at = childPointer("/operations", key);
    const Json *op = m_reader.resolve(value, at);
    if (op == nullptr || !op->is_object())
        return;
    const std::string action = text(*op, "action");
    const std::string channelRef = text(member(*op, "channel"), "$ref");
    const auto channel = channelRef.size() > 1 ? m_channelByPointer.find(channelRef.substr(1))
                                               : m_channelByPointer.end();
    if ((action != "send" && action != "receive") || channel == m_channelByPointer.end()) {
        m_reader.warn(at, "an operation needs action send or receive and a channel of this "
                          "document: not imported");
        return;
    }
    Wire wire{0, {}, channel->second, {}, {}, action == "send"};
    for (const Json &message : member(*op, "messages")) {
        const std::string ref = text(message, "$ref");
        const auto known = ref.size() > 1 ? m_typeByMessagePointer.find(ref.substr(1))
                                          : m_typeByMessagePointer.end();
        if (known != m_typeByMessagePointer.end())
            wire.types.push_back(known->second);
        else
            m_reader.warn(at, "message '" + ref + "' is not one of the channel's messages");
    }
    // evflow's export names operations <node>[.<port>].<action>.<channel>: take them back.
    std::string name = key;
    const std::string suffix = "." + action + "." + channel->second.value;
    if (key.size() > suffix.size()
        && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
        name = key.substr(0, key.size() - suffix.size());
        if (const auto dot = name.find('.'); dot != std::string::npos) {
            wire.port = name.substr(dot + 1);
            name.resize(dot);
        }
    }
    m_reader.warnUnhandled(*op, at, {"action", "channel", "messages"});
    addWire(name, *op, at, std::move(wire));
}

void AsyncApiImporter::readOperationsV3()
{
    for (const auto &[key, value] : member(m_doc, "operations").items())
        readOperationV3(key, value);
}

} // namespace evflow::model::detail
