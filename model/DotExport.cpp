#include "model/DotExport.h"

#include "model/CarriedTypes.h"
#include "model/NodeCatalog.h"

#include <sstream>

namespace evflow::model {
namespace {

/// A DOT double-quoted string: quotes and backslashes escaped, newlines as "\n" line breaks.
std::string quoted(const std::string &text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

struct RoleStyle
{
    const char *shape;
    const char *style;
    const char *colour;
};

RoleStyle roleStyle(NodeRole role)
{
    switch (role) {
    case NodeRole::Producer: return {"box", "rounded,filled", "#2E7D32"};
    case NodeRole::Channel: return {"cylinder", "filled", "#1565C0"};
    case NodeRole::Consumer: return {"box", "filled", "#EF6C00"};
    case NodeRole::Processor: return {"hexagon", "filled", "#6A1B9A"};
    }
    return {"box", "", "#757575"};
}

/// "pub/sub" and its endpoint(s): what a reader of the diagram needs to know about a channel.
std::string channelDetail(const Node &node)
{
    const std::string pattern = node.kind == NodeKind::PubSub  ? "PUB/SUB"
                                : node.kind == NodeKind::Queue ? "PUSH/PULL"
                                                               : "XSUB/XPUB broker";
    std::string detail = pattern + "\n" + catalog::stringProperty(node, "endpoint");
    if (node.kind == NodeKind::Broker)
        detail += " → " + catalog::stringProperty(node, "backendEndpoint");
    return detail;
}

std::string nodeLabel(const Node &node)
{
    const std::string caption = node.label.empty() ? node.id.value : node.label;
    std::string label = caption + "\n" + catalog::kindName(node.kind);
    if (catalog::role(node.kind) == NodeRole::Channel)
        label += "\n" + channelDetail(node);
    return label;
}

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

} // namespace

std::string toDot(const Flow &flow)
{
    std::ostringstream dot;
    dot << "digraph " << quoted(flow.name.empty() ? "flow" : flow.name) << " {\n"
        << "  rankdir=LR;\n"
        << "  node [fontname=\"Helvetica\", fontsize=11, fontcolor=white, penwidth=0];\n"
        << "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#757575\"];\n";
    for (const Node &node : flow.nodes) {
        const RoleStyle style = roleStyle(catalog::role(node.kind));
        dot << "  " << quoted(node.id.value) << " [label=" << quoted(nodeLabel(node))
            << ", shape=" << style.shape << ", style=" << quoted(style.style)
            << ", fillcolor=" << quoted(style.colour) << "];\n";
    }
    for (const Link &link : flow.links) {
        dot << "  " << quoted(link.from.node.value) << " -> " << quoted(link.to.node.value);
        std::vector<std::string> attributes;
        const std::string types = joined(typesCarried(flow, link));
        if (!types.empty())
            attributes.push_back("label=" + quoted(types));
        if (link.from.port != "out")
            attributes.push_back("taillabel=" + quoted(link.from.port));
        if (link.to.port != "in")
            attributes.push_back("headlabel=" + quoted(link.to.port));
        if (!link.types.empty())
            attributes.push_back("style=dashed");
        if (!attributes.empty())
            dot << " [" << joined(attributes) << "]";
        dot << ";\n";
    }
    dot << "}\n";
    return dot.str();
}

} // namespace evflow::model
