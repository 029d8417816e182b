#include "ui/FlowClipboard.h"

#include "model/FlowEdit.h"
#include "model/FlowFile.h"
#include "model/NodeCatalog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

#include <algorithm>
#include <set>

namespace evflow::ui {
namespace {

/// Names of the event types the nodes' properties refer to (generator types, alert type, ...).
std::set<std::string> typesNamedBy(const std::vector<model::Node> &nodes)
{
    std::set<std::string> names;
    for (const model::Node &node : nodes) {
        for (const model::PropertySpec &spec : model::catalog::spec(node.kind).properties) {
            if (spec.type == model::PropertyType::EventType)
                names.insert(model::catalog::stringProperty(node, spec.name));
            else if (spec.type == model::PropertyType::EventTypeList)
                for (const std::string &name : model::catalog::stringListProperty(node, spec.name))
                    names.insert(name);
        }
    }
    return names;
}

} // namespace

QString FlowClipboard::mimeType()
{
    return QStringLiteral("application/vnd.evflow.fragment+json");
}

model::Flow FlowClipboard::copy(const model::Flow &flow, const std::vector<model::NodeId> &ids)
{
    const std::set<model::NodeId> selected(ids.begin(), ids.end());
    model::Flow fragment;
    fragment.name = flow.name;
    fragment.hosts = flow.hosts;
    for (const model::Node &node : flow.nodes) {
        if (!selected.count(node.id))
            continue;
        fragment.nodes.push_back(node);
        if (const auto it = flow.layout.find(node.id); it != flow.layout.end())
            fragment.layout.insert(*it);
    }
    for (const model::Link &link : flow.links)
        if (fragment.findNode(link.from.node) && fragment.findNode(link.to.node))
            fragment.links.push_back(link);
    const std::set<std::string> named = typesNamedBy(fragment.nodes);
    for (const model::EventType &type : flow.eventTypes)
        if (named.count(type.name))
            fragment.eventTypes.push_back(type);
    return fragment;
}

model::Flow FlowClipboard::prepareForPaste(const model::Flow &target, const model::Flow &fragment,
                                           model::Position offset)
{
    // Ids must be free in the target and among the nodes pasted so far: draw them from a flow
    // that holds both.
    model::Flow taken;
    taken.nodes = target.nodes;
    std::map<model::NodeId, model::NodeId> renamed;
    model::Flow out;
    out.eventTypes = fragment.eventTypes;
    for (model::Node node : fragment.nodes) {
        const model::NodeId id = model::uniqueNodeId(taken, node.id.value);
        renamed[node.id] = id;
        if (const auto it = fragment.layout.find(node.id); it != fragment.layout.end())
            out.layout[id] = {it->second.x + offset.x, it->second.y + offset.y};
        node.id = id;
        if (!node.host.empty() && !target.hosts.count(node.host))
            node.host.clear();
        taken.nodes.emplace_back().id = id;
        out.nodes.push_back(std::move(node));
    }
    for (model::Link link : fragment.links) {
        const auto from = renamed.find(link.from.node);
        const auto to = renamed.find(link.to.node);
        if (from == renamed.end() || to == renamed.end())
            continue; // a hand-written fragment may name nodes it does not hold
        link.from.node = from->second;
        link.to.node = to->second;
        out.links.push_back(std::move(link));
    }
    return out;
}

std::string FlowClipboard::toText(const model::Flow &fragment)
{
    return model::serializeFlow(fragment);
}

std::optional<model::Flow> FlowClipboard::fromText(const std::string &text, QString *error)
{
    model::LoadResult loaded = model::parseFlow(text);
    if (!loaded.flow && error)
        *error = loaded.problems.empty()
                     ? tr("The clipboard does not hold an evflow flow")
                     : tr("The clipboard does not hold an evflow flow: %1")
                           .arg(QString::fromStdString(loaded.problems.front().message));
    return std::move(loaded.flow);
}

QMimeData *FlowClipboard::toMimeData(const model::Flow &fragment)
{
    const QByteArray text = QByteArray::fromStdString(toText(fragment));
    auto *data = new QMimeData;
    data->setData(mimeType(), text);
    data->setText(QString::fromUtf8(text));
    return data;
}

std::optional<model::Flow> FlowClipboard::fromMimeData(const QMimeData *data, QString *error)
{
    if (!data) {
        if (error)
            *error = tr("The clipboard is empty");
        return std::nullopt;
    }
    if (data->hasFormat(mimeType()))
        return fromText(data->data(mimeType()).toStdString(), error);
    return fromText(data->text().toStdString(), error);
}

void FlowClipboard::copyToClipboard(const model::Flow &flow, const std::vector<model::NodeId> &ids)
{
    QGuiApplication::clipboard()->setMimeData(toMimeData(copy(flow, ids)));
}

std::optional<model::Flow> FlowClipboard::fromClipboard(QString *error)
{
    return fromMimeData(QGuiApplication::clipboard()->mimeData(), error);
}

} // namespace evflow::ui
