#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace evflow::model {

/// The id of a node, unique within a flow, chosen by the user (e.g. "orders", "bus").
/// A strong type so that a node id is never confused with a port name or an event type.
struct NodeId
{
    std::string value;

    bool operator==(const NodeId &) const = default;
    auto operator<=>(const NodeId &) const = default;
    bool empty() const { return value.empty(); }
};

/// One port of one node: "orders.out", "bus.in", "router.eu".
struct PortRef
{
    NodeId node;
    std::string port;

    bool operator==(const PortRef &) const = default;
    auto operator<=>(const PortRef &) const = default;

    /// "node.port", the form used in flow files and messages.
    std::string toString() const { return node.value + "." + port; }
    /// Parses "node.port" (the last dot separates); returns false when either part is empty.
    static bool parse(std::string_view text, PortRef &out);
};

/// A link is identified by its two ends: there is at most one link between two ports.
struct LinkId
{
    PortRef from;
    PortRef to;

    bool operator==(const LinkId &) const = default;
    auto operator<=>(const LinkId &) const = default;
    std::string toString() const { return from.toString() + " -> " + to.toString(); }
};

} // namespace evflow::model

template<>
struct std::hash<evflow::model::NodeId>
{
    size_t operator()(const evflow::model::NodeId &id) const noexcept
    {
        return std::hash<std::string>{}(id.value);
    }
};

template<>
struct std::hash<evflow::model::PortRef>
{
    size_t operator()(const evflow::model::PortRef &p) const noexcept
    {
        size_t h = std::hash<std::string>{}(p.node.value);
        return h ^ (std::hash<std::string>{}(p.port) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
    }
};

template<>
struct std::hash<evflow::model::LinkId>
{
    size_t operator()(const evflow::model::LinkId &l) const noexcept
    {
        size_t h = std::hash<evflow::model::PortRef>{}(l.from);
        return h
               ^ (std::hash<evflow::model::PortRef>{}(l.to) + 0x9e3779b97f4a7c15ULL + (h << 6)
                  + (h >> 2));
    }
};
