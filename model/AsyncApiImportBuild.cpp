#include "model/AsyncApiImporter.h"

#include "model/NodeCatalog.h"
#include "model/YamlReader.h"

#include <algorithm>

namespace evflow::model {
namespace detail {

using Json = nlohmann::ordered_json;

void AsyncApiImporter::buildNode(std::size_t index)
{
    const PendingNode pending = m_nodes[index]; // a copy: m_nodes[index] is updated below
    bool sends = false;
    bool receives = false;
    std::vector<std::string> sent;
    for (const Wire &w : m_wires)
        if (w.node == index) {
            (w.send ? sends : receives) = true;
            for (const std::string &type : w.send ? w.types : std::vector<std::string>{})
                if (!type.empty() && std::find(sent.begin(), sent.end(), type) == sent.end())
                    sent.push_back(type);
        }
    Node node;
    node.id = {uniqueId(pending.id)};
    node.kind = pending.kind        ? *pending.kind
                : sends && receives ? NodeKind::Map
                : sends             ? NodeKind::Generator
                                    : NodeKind::Counter;
    const NodeKindSpec &spec = catalog::spec(node.kind);
    if (spec.findProperty("eventTypes") && sends)
        node.properties["eventTypes"] = StringList(sent);
    if (spec.findProperty("alertType") && !sent.empty())
        node.properties["alertType"] = sent.front();
    for (const PropertySpec &property : spec.properties)
        if (property.required && !node.properties.count(property.name))
            m_reader.warn(pending.pointer, "node '" + node.id.value + "' (" + spec.name
                                               + "): required property '" + property.name
                                               + "' is not in the document; set it before running");
    if (pending.label != node.id.value)
        node.label = pending.label;
    m_nodes[index].id = node.id.value;
    m_flow.nodes.push_back(std::move(node));
}

void AsyncApiImporter::buildNodes()
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        buildNode(i);
}

void AsyncApiImporter::buildLinks()
{
    for (const Wire &w : m_wires) {
        const NodeId node{m_nodes[w.node].id};
        const Node *built = m_flow.findNode(node);
        std::string port = w.port.empty() ? (w.send ? "out" : "in") : w.port;
        const auto spec = catalog::findPort(*built, port);
        if (!spec || (spec->direction == PortDirection::In) == w.send) {
            m_reader.warn(m_nodes[w.node].pointer,
                          "node '" + node.value + "' (" + catalog::kindName(built->kind)
                              + ") has no " + (w.send ? "output" : "input") + " port '" + port
                              + "': wired to its default port");
            port = w.send ? "out" : "in";
        }
        Link link;
        link.from = w.send ? PortRef{node, port} : PortRef{w.channel, "out"};
        link.to = w.send ? PortRef{w.channel, "in"} : PortRef{node, port};
        link.types = w.send ? std::vector<std::string>{} : w.subscribe;
        if (m_flow.linkIndex(link.id()) < 0)
            m_flow.links.push_back(std::move(link));
    }
}

/// Event types in the order of their payload schemas under components.schemas (evflow's export
/// writes them in the flow's order), the others after them in the order met.
void AsyncApiImporter::orderEventTypes()
{
    const Json &schemas = member(member(m_doc, "components"), "schemas");
    std::vector<std::string> order;
    for (const auto &[name, schema] : schemas.items())
        order.push_back(name);
    const auto rank = [&](const EventType &t) {
        return std::find(order.begin(), order.end(), t.name) - order.begin();
    };
    std::stable_sort(m_flow.eventTypes.begin(), m_flow.eventTypes.end(),
                     [&](const EventType &a, const EventType &b) { return rank(a) < rank(b); });
}

/// Layers left to right: a node sits one column right of the furthest node wired into it.
void AsyncApiImporter::layOut()
{
    std::map<NodeId, int> column;
    for (const Node &node : m_flow.nodes)
        column[node.id] = 0;
    for (std::size_t pass = 0; pass < m_flow.nodes.size(); ++pass)
        for (const Link &link : m_flow.links)
            column[link.to.node] = std::max(column[link.to.node], column[link.from.node] + 1);
    std::map<int, int> rows;
    for (const Node &node : m_flow.nodes) {
        const int c = std::min(column[node.id], int(m_flow.nodes.size()));
        m_flow.layout[node.id] = {c * 260.0, rows[c]++ * 140.0};
    }
}

std::string AsyncApiImporter::run()
{
    if (std::string error = readHeader(); !error.empty())
        return error;
    readChannels();
    if (m_major == 3)
        readOperationsV3();
    buildNodes();
    buildLinks();
    orderEventTypes();
    layOut();
    return {};
}

} // namespace detail

AsyncApiImport importAsyncApi(const nlohmann::ordered_json &document)
{
    AsyncApiImport result;
    try {
        detail::AsyncApiImporter importer(document, result.warnings);
        result.error = importer.run();
        if (result.error.empty())
            result.flow = std::move(importer.flow());
    } catch (const std::exception &e) {
        result.error = std::string("/: the document could not be read: ") + e.what();
    }
    return result;
}

AsyncApiImport importAsyncApiText(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    nlohmann::ordered_json document;
    if (first != std::string_view::npos && text[first] == '{') {
        // The import copies and dumps parts of the document recursively: deeper containers are
        // left unbuilt and the text refused, as parseYaml() does, so no stack overflows.
        bool tooDeep = false;
        const auto limitDepth = [&tooDeep](int depth, nlohmann::ordered_json::parse_event_t event,
                                           nlohmann::ordered_json &) {
            using Event = nlohmann::ordered_json::parse_event_t;
            const bool opens = event == Event::object_start || event == Event::array_start;
            tooDeep = tooDeep || (opens && depth >= kMaxYamlDepth);
            return !tooDeep;
        };
        try {
            document = nlohmann::ordered_json::parse(text, limitDepth);
        } catch (const nlohmann::json::exception &e) { // also out_of_range: "1e400" overflows
            return {std::nullopt, {}, std::string("not valid JSON: ") + e.what()};
        }
        if (tooDeep)
            return {std::nullopt, {}, "the document is nested deeper than "
                                          + std::to_string(kMaxYamlDepth) + " levels"};
    } else if (std::string error; !parseYaml(text, document, error)) {
        return {std::nullopt, {}, error};
    }
    return importAsyncApi(document);
}

} // namespace evflow::model
