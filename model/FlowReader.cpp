// The sections of a flow document: top level, hosts, event types, nodes, links, layout.
#include "model/FlowReader.h"
#include "model/FlowJson.h"
#include "model/JsonPositions.h"

namespace evflow::model::detail {

std::string Where::pointerTo(std::string_view key) const
{
    return pointer + "/" + JsonPositions::escapeToken(key);
}

namespace {

Where element(const std::string &list, std::size_t index)
{
    return {"/" + list + "/" + std::to_string(index), list + "[" + std::to_string(index) + "]", {}};
}

std::string knownKinds()
{
    std::string out;
    for (const auto &spec : catalog::kinds())
        out += (out.empty() ? "" : ", ") + spec.name;
    return out;
}

} // namespace

std::optional<Flow> FlowReader::read(const json &doc)
{
    const Where top{"", "the flow", {}};
    if (!doc.is_object()) {
        report(top, "", "a flow file must hold a JSON object (found " + jsonTypeName(doc) + ")",
               true);
        return std::nullopt;
    }
    Flow flow;
    get(doc, "name", top, flow.name);
    get(doc, "description", top, flow.description);
    readHosts(doc, flow);
    readEventTypes(doc, flow);
    readNodes(doc, flow);
    readLinks(doc, flow);
    readLayout(doc, flow);
    keepUnknown(
        doc,
        {"formatVersion", "name", "description", "hosts", "eventTypes", "nodes", "links", "layout"},
        top, flow.extra);
    if (m_fatal)
        return std::nullopt;
    return flow;
}

void FlowReader::readHosts(const json &doc, Flow &flow)
{
    const json *hosts = objectMember(doc, "hosts", {"", "the flow", {}});
    if (!hosts)
        return;
    const Where w{"/hosts", "hosts", {}};
    for (const auto &[name, address] : hosts->items()) {
        std::string value;
        if (get(*hosts, name, w, value))
            flow.hosts[name] = value;
    }
}

void FlowReader::readEventTypes(const json &doc, Flow &flow)
{
    const json *types = arrayMember(doc, "eventTypes", {"", "the flow", {}});
    for (std::size_t i = 0; types && i < types->size(); ++i) {
        const json &j = (*types)[i];
        Where w = element("eventTypes", i);
        if (!elementIsObject(j, w))
            continue;
        EventType type;
        if (get(j, "name", w, type.name, Need::Required))
            w.what = "event type '" + type.name + "'";
        get(j, "version", w, type.version);
        get(j, "description", w, type.description);
        if (const json *fields = arrayMember(j, "fields", w)) {
            for (std::size_t f = 0; f < fields->size(); ++f) {
                const Where fw{w.pointer + "/fields/" + std::to_string(f),
                               "fields[" + std::to_string(f) + "] of " + w.what,
                               {}};
                if (auto field = readField((*fields)[f], fw))
                    type.fields.push_back(std::move(*field));
            }
        }
        keepUnknown(j, {"name", "version", "description", "fields"}, w, type.extra);
        flow.eventTypes.push_back(std::move(type));
    }
}

std::optional<FieldSpec> FlowReader::readField(const json &j, const Where &listed)
{
    if (!elementIsObject(j, listed))
        return std::nullopt;
    Where w = listed;
    FieldSpec field;
    if (get(j, "name", w, field.name, Need::Required))
        w.what
            = "field '" + field.name + "' of " + listed.what.substr(listed.what.find(" of ") + 4);
    std::string type;
    if (get(j, "type", w, type, Need::Required)) {
        if (const auto parsed = parseFieldType(type))
            field.type = *parsed;
        else
            report(w, w.pointerTo("type"),
                   "unknown field type '" + type + "' in " + w.what
                       + "; expected string, int, double, bool, timestamp or enum",
                   true);
    }
    get(j, "required", w, field.required);
    get(j, "values", w, field.values);
    get(j, "description", w, field.description);
    keepUnknown(j, {"name", "type", "required", "values", "description"}, w, field.extra);
    return field;
}

void FlowReader::readNodes(const json &doc, Flow &flow)
{
    const json *nodes = arrayMember(doc, "nodes", {"", "the flow", {}});
    for (std::size_t i = 0; nodes && i < nodes->size(); ++i)
        if (auto node = readNode((*nodes)[i], element("nodes", i)))
            flow.nodes.push_back(std::move(*node));
}

std::optional<Node> FlowReader::readNode(const json &j, const Where &listed)
{
    if (!elementIsObject(j, listed))
        return std::nullopt;
    Where w = listed;
    Node node;
    if (get(j, "id", w, node.id.value, Need::Required)) {
        w.what = "node '" + node.id.value + "'";
        w.node = node.id;
    }
    const bool kindKnown = readKind(j, w, node);
    get(j, "label", w, node.label);
    get(j, "host", w, node.host);
    if (const json *properties = objectMember(j, "properties", w)) {
        // Without a known kind, properties are still checked for JSON shape (one pass, all
        // problems); the counter spec, which declares none, stands in for the kind.
        readProperties(*properties, {w.pointerTo("properties"), w.what, w.node},
                       catalog::spec(kindKnown ? node.kind : NodeKind::Counter), node);
    }
    if (const json *faults = objectMember(j, "faults", w))
        node.faults = readFaults(*faults, {w.pointerTo("faults"), "faults of " + w.what, w.node});
    if (const json *delivery = objectMember(j, "delivery", w))
        node.delivery
            = readDelivery(*delivery, {w.pointerTo("delivery"), "delivery of " + w.what, w.node});
    keepUnknown(j, {"id", "kind", "label", "host", "properties", "faults", "delivery"}, w,
                node.extra);
    return node;
}

bool FlowReader::readKind(const json &j, const Where &w, Node &node)
{
    std::string kind;
    if (!get(j, "kind", w, kind, Need::Required))
        return false;
    if (const NodeKindSpec *spec = catalog::findKind(kind)) {
        node.kind = spec->kind;
        return true;
    }
    report(w, w.pointerTo("kind"), "unknown node kind '" + kind + "'; known kinds: " + knownKinds(),
           true);
    return false;
}

void FlowReader::readLinks(const json &doc, Flow &flow)
{
    const json *links = arrayMember(doc, "links", {"", "the flow", {}});
    for (std::size_t i = 0; links && i < links->size(); ++i) {
        const json &j = (*links)[i];
        Where w = element("links", i);
        if (!elementIsObject(j, w))
            continue;
        Link link;
        const bool fromOk = readPort(j, "from", w, link.from);
        const bool toOk = readPort(j, "to", w, link.to);
        if (fromOk && toOk)
            w.what = "link '" + link.id().toString() + "'";
        get(j, "types", w, link.types);
        keepUnknown(j, {"from", "to", "types"}, w, link.extra);
        flow.links.push_back(std::move(link));
    }
}

bool FlowReader::readPort(const json &j, const char *key, const Where &w, PortRef &out)
{
    std::string text;
    if (!get(j, key, w, text, Need::Required))
        return false;
    if (PortRef::parse(text, out))
        return true;
    report(w, w.pointerTo(key),
           "invalid port reference '" + text + "' in '" + key + "' of " + w.what
               + "; expected \"node.port\"",
           true);
    return false;
}

void FlowReader::readLayout(const json &doc, Flow &flow)
{
    const json *layout = objectMember(doc, "layout", {"", "the flow", {}});
    if (!layout)
        return;
    for (const auto &[id, entry] : layout->items()) {
        const Where w{"/layout/" + JsonPositions::escapeToken(id), "layout of node '" + id + "'",
                      NodeId{id}};
        if (!entry.is_object()) {
            report(w, w.pointer,
                   "'" + id + "' in layout must be an object (found " + jsonTypeName(entry) + ")",
                   true);
            continue;
        }
        Position position;
        get(entry, "x", w, position.x, Need::Required);
        get(entry, "y", w, position.y, Need::Required);
        flow.layout[NodeId{id}] = position;
        json extra = json::object();
        keepUnknown(entry, {"x", "y"}, w, extra);
        if (!extra.empty())
            flow.layoutExtra[NodeId{id}] = std::move(extra);
    }
}

} // namespace evflow::model::detail
