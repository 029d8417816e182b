#pragma once

// Internals of validateFlow() and of the editing API (FlowEdit). Each rule that both validation
// and an edit apply lives here once, so that the studio refuses an edit with exactly the message
// validation would print for the same flow.

#include "model/Flow.h"
#include "model/NodeCatalog.h"
#include "model/Problem.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model::detail {

// ---- message and pointer helpers -----------------------------------------------------------

/// RFC 6901 escaping of one reference token: "~" -> "~0", "/" -> "~1".
std::string escapePointerToken(std::string_view token);
/// "/nodes/3"
std::string nodePointer(int index);
/// "pubsub 'bus'": the kind and the id, as every node message starts.
std::string describeNode(const Node &node);
/// 100, 0.5, 10000000 (no exponent for whole numbers).
std::string formatNumber(double value);
std::string joinStrings(const std::vector<std::string> &items, std::string_view separator = ", ");
/// "the default host" for "", else "host 'NAME'".
std::string describeHost(const std::string &host);

// ---- rules shared with FlowEdit ------------------------------------------------------------

/// "" when the id is well formed ([A-Za-z_][A-Za-z0-9_-]*), else why not.
std::string nodeIdSyntaxError(const NodeId &id);
/// "node id 'bus' is already in use"
std::string nodeIdInUseMessage(const NodeId &id);
/// "counter 'c' has no property 'rate' (it has: ...)"
std::string unknownPropertyMessage(const Node &node, std::string_view property);
/// Checks one stated value against its spec: type, range, enum choice, endpoint syntax, non-empty
/// path. Returns "" when fine. Flow-wide facts (declared event types) are not checked here.
std::string propertyValueError(const Node &node, const PropertySpec &spec,
                               const PropertyValue &value);

/// "" when the node's host is empty, or the flow declares no hosts, or declares this one; else
/// "generator 'g' is placed on host 'h', which is not declared (hosts: a, b)".
std::string undeclaredHostError(const Flow &flow, const Node &node);

/// A problem with one member of a node's or a link's JSON object.
struct Issue
{
    Severity severity = Severity::Error;
    std::string message;
    std::string member; ///< pointer suffix below the object: "from", "types/0", "drop"; "" = it
    NodeId node;
};

/// Fault-injection settings of a node (members: "" when the kind takes none, else the field).
std::vector<Issue> faultIssues(const Node &node, const FaultInjection &faults);
/// Delivery settings of a node (members as for faultIssues).
std::vector<Issue> deliveryIssues(const Node &node, const DeliverySettings &delivery);
/// Problems of an event type list as a whole (names, duplicates, fields); pointers from
/// /eventTypes.
Problems eventTypeProblems(const std::vector<EventType> &eventTypes);

/// Checks `link` as if it were added to a flow holding only the first `existing` of
/// flow.links: ends exist, no self-loop, ports exist with the right direction, wiring by role,
/// no duplicate, socket-pattern writer/reader limits, `types` allowed and matching declared types.
/// Structural errors stop at the first one (later checks depend on it); members are relative to
/// the link object.
std::vector<Issue> linkIssues(const Flow &flow, const Link &link, std::size_t existing);

// ---- validation passes, in the order validateFlow() runs them ------------------------------

void checkEventTypes(const Flow &flow, Problems &out);
void checkNodeIds(const Flow &flow, Problems &out);
void checkProperties(const Flow &flow, Problems &out);
void checkFaultsAndDelivery(const Flow &flow, Problems &out);
void checkGeneratorFields(const Flow &flow, Problems &out);
void checkHosts(const Flow &flow, Problems &out);
void checkLinks(const Flow &flow, Problems &out);
void checkUnconnectedPorts(const Flow &flow, Problems &out);
void checkReachability(const Flow &flow, Problems &out);
void checkEndpointCollisions(const Flow &flow, Problems &out);
void checkSecurity(const Flow &flow, Problems &out);
void checkCrossHostChannels(const Flow &flow, Problems &out);
void checkLayout(const Flow &flow, Problems &out);

} // namespace evflow::model::detail
