#include "ui/AutoLayout.h"

#include "model/NodeCatalog.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

namespace evflow::ui {
namespace {

using model::NodeId;
using Adjacency = std::map<NodeId, std::set<NodeId>>;
using Edge = std::pair<NodeId, NodeId>;

int roleColumn(model::NodeKind kind)
{
    switch (model::catalog::role(kind)) {
    case model::NodeRole::Producer: return 0;
    case model::NodeRole::Channel: return 1;
    case model::NodeRole::Consumer:
    case model::NodeRole::Processor: return 2;
    }
    return 0;
}

/// Downstream neighbours of every node (sorted, so everything below runs in id order).
Adjacency downstreamOf(const model::Flow &flow)
{
    Adjacency down;
    for (const model::Node &node : flow.nodes)
        down[node.id];
    for (const model::Link &link : flow.links)
        if (down.count(link.from.node) && down.count(link.to.node))
            down[link.from.node].insert(link.to.node);
    return down;
}

/// Links that close a cycle, found by an iterative depth-first search (iterative: a long chain
/// must not exhaust the stack). It starts from the nodes nothing links into, so the link that
/// is dropped is the one leading back upstream, then from any node left (cycles without entry).
std::set<Edge> backEdges(const Adjacency &down)
{
    std::set<NodeId> linkedInto;
    for (const auto &[from, targets] : down)
        linkedInto.insert(targets.begin(), targets.end());
    std::vector<NodeId> roots;
    for (const auto &[node, targets] : down)
        if (!linkedInto.count(node))
            roots.push_back(node);
    for (const auto &[node, targets] : down)
        if (linkedInto.count(node))
            roots.push_back(node);

    enum State { New, Open, Done };
    std::map<NodeId, State> state;
    std::set<Edge> back;
    for (const NodeId &root : roots) {
        if (state[root] != New)
            continue;
        std::vector<std::pair<NodeId, std::set<NodeId>::const_iterator>> stack;
        state[root] = Open;
        stack.emplace_back(root, down.at(root).begin());
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            if (next == down.at(node).end()) {
                state[node] = Done;
                stack.pop_back();
                continue;
            }
            const NodeId target = *next++;
            State &seen = state[target];
            if (seen == Open)
                back.emplace(node, target);
            else if (seen == New) {
                seen = Open;
                stack.emplace_back(target, down.at(target).begin()); // invalidates node, next
            }
        }
    }
    return back;
}

/// Longest-path columns over the acyclic links, never left of the node's role column.
std::map<NodeId, int> columnsOf(const model::Flow &flow, const Adjacency &down, Adjacency &up)
{
    std::map<NodeId, int> waiting; // upstream nodes not yet placed
    for (const auto &[from, targets] : down)
        for (const NodeId &to : targets)
            ++waiting[to];
    std::map<NodeId, int> column;
    std::set<NodeId> ready;
    for (const model::Node &node : flow.nodes) {
        column[node.id] = roleColumn(node.kind);
        if (!waiting[node.id])
            ready.insert(node.id);
    }
    while (!ready.empty()) {
        const NodeId node = *ready.begin();
        ready.erase(ready.begin());
        for (const NodeId &to : down.at(node)) {
            up[to].insert(node);
            column[to] = std::max(column[to], column[node] + 1);
            if (--waiting[to] == 0)
                ready.insert(to);
        }
    }
    return column;
}

/// Rows of one column's nodes, given the rows of every column to the left.
void placeColumn(const std::vector<NodeId> &nodes, const Adjacency &up, std::map<NodeId, int> &row)
{
    // (has no upstream, barycentre, id): nodes with upstream first, by barycentre, then id.
    std::vector<std::tuple<bool, double, NodeId>> order;
    for (const NodeId &node : nodes) {
        const auto it = up.find(node);
        if (it == up.end() || it->second.empty()) {
            order.emplace_back(true, 0.0, node);
            continue;
        }
        double sum = 0;
        for (const NodeId &upstream : it->second)
            sum += row.at(upstream);
        order.emplace_back(false, sum / static_cast<double>(it->second.size()), node);
    }
    std::sort(order.begin(), order.end());
    int previous = -1;
    for (const auto &[unlinked, barycentre, node] : order) {
        const int wanted = unlinked ? 0 : static_cast<int>(std::lround(barycentre));
        previous = std::max(wanted, previous + 1);
        row[node] = previous;
    }
}

} // namespace

std::map<model::NodeId, model::Position> AutoLayout::compute(const model::Flow &flow)
{
    Adjacency down = downstreamOf(flow);
    for (const Edge &edge : backEdges(down))
        down[edge.first].erase(edge.second);
    Adjacency up;
    const std::map<NodeId, int> column = columnsOf(flow, down, up);

    std::map<int, std::vector<NodeId>> byColumn;
    for (const auto &[node, c] : column)
        byColumn[c].push_back(node);
    std::map<NodeId, int> row;
    for (const auto &[c, nodes] : byColumn)
        placeColumn(nodes, up, row);

    std::map<model::NodeId, model::Position> out;
    for (const auto &[node, c] : column)
        out[node] = {c * kColumnWidth, row.at(node) * kRowHeight};
    return out;
}

} // namespace evflow::ui
