#pragma once

#include "model/Flow.h"
#include "model/Property.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// The declaration of one property of a node kind: its type, default, range and help text.
struct PropertySpec
{
    std::string name; ///< camelCase JSON key
    PropertyType type = PropertyType::String;
    PropertyValue defaultValue;
    std::optional<double> min;        ///< inclusive, for Int and Double
    std::optional<double> max;        ///< inclusive, for Int and Double
    std::vector<std::string> choices; ///< for Enum
    bool required = false;            ///< must be stated in the file (no useful default exists)
    std::string help;
};

enum class PortDirection { In, Out };

/// One port of a concrete node (ports can depend on properties: a router has one output per
/// route, an input with latePolicy "divert" gains a "late" output).
struct PortSpec
{
    std::string name;
    PortDirection direction = PortDirection::In;
    bool required = false; ///< a node with this port unconnected is reported
    std::string help;
};

/// Everything evflow knows about one node kind.
struct NodeKindSpec
{
    NodeKind kind;
    std::string name; ///< kebab-case, as in flow files: "generator", "event-store"
    NodeRole role;
    std::string title; ///< for the palette: "Generator"
    std::string help;
    std::vector<PropertySpec> properties;
    /// Where this kind also belongs in the palette (threshold-alert is a processor that is also
    /// used as a terminal consumer); empty for most kinds.
    std::optional<NodeRole> alsoListedAs;

    const PropertySpec *findProperty(std::string_view property) const;
};

/// The catalogue of node kinds: a static table, thread-safe to read.
namespace catalog {

/// All kinds in palette order (producers, channels, consumers, processors).
std::span<const NodeKindSpec> kinds();
const NodeKindSpec &spec(NodeKind kind);
const NodeKindSpec *findKind(std::string_view name);
const char *kindName(NodeKind kind);
const char *roleName(NodeRole role);
NodeRole role(NodeKind kind);

/// The node's property value, or the declared default when the file does not state it.
/// Returns nullptr for a property the kind does not declare.
const PropertyValue *property(const Node &node, std::string_view name);
/// Typed shortcuts over property(); they return the fallback when absent or of another type.
std::string stringProperty(const Node &node, std::string_view name, std::string fallback = {});
std::int64_t intProperty(const Node &node, std::string_view name, std::int64_t fallback = 0);
double doubleProperty(const Node &node, std::string_view name, double fallback = 0);
bool boolProperty(const Node &node, std::string_view name, bool fallback = false);
StringList stringListProperty(const Node &node, std::string_view name);
StringMap stringMapProperty(const Node &node, std::string_view name);

/// Ports of this node, inputs first. Depends on the node's properties (router routes, divert).
std::vector<PortSpec> ports(const Node &node);
const std::optional<PortSpec> findPort(const Node &node, std::string_view port);

/// Whether the kind takes fault-injection settings (producers and channels) or delivery
/// settings (consumers and processors).
bool acceptsFaults(NodeKind kind);
bool acceptsDelivery(NodeKind kind);

/// Delivery settings in force for a node: its own, or the defaults.
DeliverySettings delivery(const Node &node);

} // namespace catalog
} // namespace evflow::model
