#include "ui/AutoLayout.h"

#include "model/NodeCatalog.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

/// Connected groups of nodes (links either way): groups of several nodes first, by their
/// smallest id, then single nodes by id, so that unlinked nodes sit below linked ones as they
/// did when a column was one list.
std::vector<std::vector<NodeId>> componentsOf(const Adjacency &down)
{
    std::map<NodeId, NodeId> parent;
    const auto root = [&parent](NodeId node) {
        while (parent.at(node) != node)
            node = parent.at(node);
        return node;
    };
    for (const auto &[node, targets] : down)
        parent.emplace(node, node);
    for (const auto &[from, targets] : down)
        for (const NodeId &to : targets) {
            const NodeId a = root(from), b = root(to);
            if (a != b)
                parent[std::max(a, b)] = std::min(a, b); // the smallest id is the root
        }
    std::map<NodeId, std::vector<NodeId>> groups; // by root: the smallest id, nodes in id order
    for (const auto &[node, p] : parent)
        groups[root(node)].push_back(node);
    std::vector<std::vector<NodeId>> out;
    for (const bool single : {false, true})
        for (auto &[first, nodes] : groups)
            if ((nodes.size() == 1) == single)
                out.push_back(std::move(nodes));
    return out;
}

/// Rows of one group's nodes, from 0, column by column (barycentres stay inside a group).
std::map<NodeId, int> groupRows(const std::vector<NodeId> &group,
                                const std::map<NodeId, int> &column, const Adjacency &up)
{
    std::map<int, std::vector<NodeId>> byColumn;
    for (const NodeId &node : group)
        byColumn[column.at(node)].push_back(node);
    std::map<NodeId, int> row;
    for (const auto &[c, nodes] : byColumn)
        placeColumn(nodes, up, row);
    return row;
}

struct Stacked
{
    std::map<NodeId, int> row;
    std::map<NodeId, int> shelf;
    int height = 0; ///< rows of the tallest shelf
};

/// Stacks the groups (rows from groupRows) column by column, each as high as its columns allow
/// (a skyline per column), into shelves of at most `shelfRows` rows laid side by side.
Stacked stackGroups(const std::vector<std::map<NodeId, int>> &groups,
                    const std::map<NodeId, int> &column, int shelfRows)
{
    Stacked out;
    std::map<int, int> skyline; // column -> first free row on the current shelf
    int shelf = 0;
    for (const auto &rows : groups) {
        std::map<int, std::pair<int, int>> span; // column -> lowest and highest row
        for (const auto &[node, r] : rows) {
            const auto [it, fresh] = span.try_emplace(column.at(node), r, r);
            it->second = {std::min(it->second.first, r), std::max(it->second.second, r)};
        }
        const auto offsetOn = [&] {
            int offset = 0;
            for (const auto &[c, range] : span)
                if (const auto it = skyline.find(c); it != skyline.end())
                    offset = std::max(offset, it->second - range.first);
            return offset;
        };
        int offset = offsetOn();
        int top = 0;
        for (const auto &[c, range] : span)
            top = std::max(top, offset + range.second + 1);
        if (top > shelfRows && !skyline.empty()) {
            ++shelf;
            skyline.clear();
            offset = offsetOn();
        }
        for (const auto &[node, r] : rows) {
            out.row[node] = r + offset;
            out.shelf[node] = shelf;
            int &free = skyline[column.at(node)];
            free = std::max(free, r + offset + 1);
            out.height = std::max(out.height, free);
        }
    }
    return out;
}

} // namespace

std::map<model::NodeId, model::Position> AutoLayout::compute(const model::Flow &flow)
{
    Adjacency down = downstreamOf(flow);
    const std::vector<std::vector<NodeId>> groups = componentsOf(down);
    for (const Edge &edge : backEdges(down))
        down[edge.first].erase(edge.second);
    Adjacency up;
    const std::map<NodeId, int> column = columnsOf(flow, down, up);

    std::vector<std::map<NodeId, int>> rows;
    for (const auto &group : groups)
        rows.push_back(groupRows(group, column, up));
    Stacked stacked = stackGroups(rows, column, std::numeric_limits<int>::max());
    int columns = 0;
    for (const auto &[node, c] : column)
        columns = std::max(columns, c + 1);
    if (stacked.height > kWrapRows) {
        // Shelves side by side (one empty column between them), about kWrapAspect wide for 1
        // tall, instead of a strip too tall to fit any window.
        const double pitch = (columns + 1) * kColumnWidth;
        const double shelves = std::sqrt(kWrapAspect * stacked.height * kRowHeight / pitch);
        const int count = std::max(1, static_cast<int>(std::lround(shelves)));
        stacked = stackGroups(rows, column, (stacked.height + count - 1) / count);
    }

    std::map<model::NodeId, model::Position> out;
    for (const auto &[node, c] : column) {
        const int x = c + stacked.shelf.at(node) * (columns + 1);
        out[node] = {x * kColumnWidth, stacked.row.at(node) * kRowHeight};
    }
    return out;
}

} // namespace evflow::ui
