#pragma once

#include "model/Flow.h"
#include "model/NodeCatalog.h"
#include "model/Problem.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace evflow::model::detail {

/// Where a value sits, for pointers and messages: "/nodes/2" and "node 'orders'".
struct Where
{
    std::string pointer;
    std::string what;
    NodeId node; ///< the node concerned, if any (lets the studio select it)

    std::string pointerTo(std::string_view key) const;
};

/// Turns a parsed current-version (v2) flow document into a Flow. It reads everything it can
/// and reports every problem it meets, so that one load lists them all. Problems that leave the
/// text unrepresentable (wrong JSON types, missing required keys, unknown kinds or enum names)
/// are fatal: read() then returns nullopt, never a partial flow. Unknown keys are reported as
/// errors too, but kept in the owner's `extra` and the flow is returned.
class FlowReader
{
public:
    explicit FlowReader(Problems &problems)
        : m_problems(problems)
    {
    }

    std::optional<Flow> read(const nlohmann::json &doc);

private:
    using json = nlohmann::json;
    enum class Need { Optional, Required };

    // FlowReader.cpp: the sections of a flow.
    void readHosts(const json &doc, Flow &flow);
    void readEventTypes(const json &doc, Flow &flow);
    std::optional<FieldSpec> readField(const json &j, const Where &w);
    void readNodes(const json &doc, Flow &flow);
    std::optional<Node> readNode(const json &j, const Where &listed);
    bool readKind(const json &j, const Where &w, Node &node);
    void readLinks(const json &doc, Flow &flow);
    bool readPort(const json &j, const char *key, const Where &w, PortRef &out);
    void readLayout(const json &doc, Flow &flow);

    // FlowReaderValues.cpp: node parts and typed access with messages.
    void readProperties(const json &j, const Where &w, const NodeKindSpec &spec, Node &node);
    std::optional<PropertyValue> readProperty(const json &v, const Where &w,
                                              const PropertySpec *spec);
    std::optional<FaultInjection> readFaults(const json &j, const Where &w);
    std::optional<DeliverySettings> readDelivery(const json &j, const Where &w);

    template<typename T>
    bool get(const json &obj, const std::string &key, const Where &w, T &out,
             Need need = Need::Optional);
    /// The member `key` when it is an array (or object); a fatal problem when of another type.
    const json *arrayMember(const json &obj, const std::string &key, const Where &w);
    const json *objectMember(const json &obj, const std::string &key, const Where &w);
    /// True when `j` (an element of a list) is an object; else a fatal problem.
    bool elementIsObject(const json &j, const Where &w);
    void keepUnknown(const json &obj, std::initializer_list<std::string_view> known, const Where &w,
                     json &extra);
    void report(const Where &w, std::string pointer, std::string message, bool fatal);

    Problems &m_problems;
    bool m_fatal = false;
};

/// The JSON type of a value as messages name it: "integer", "number", "string", "object", ...
std::string jsonTypeName(const nlohmann::json &j);

} // namespace evflow::model::detail
