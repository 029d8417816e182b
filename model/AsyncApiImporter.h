#pragma once

#include "model/AsyncApiImport.h"
#include "model/AsyncApiSchema.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace evflow::model::detail {

/// The generic message of evflow's export: any CloudEvent, no declared type.
inline constexpr const char *kAnyAsyncApiMessage = "cloudevent";

/// One wire of a node to or from a channel, as an operation states it.
struct Wire
{
    std::size_t node = 0; ///< index into AsyncApiImporter::m_nodes
    std::string port;     ///< empty = the node's default port
    NodeId channel;
    std::vector<std::string> types; ///< event types; "" = any
    std::vector<std::string> subscribe;
    bool send = true;
};

/// A producer, consumer or processor met in operations, before its kind is settled.
struct PendingNode
{
    std::string id;
    std::optional<NodeKind> kind;
    std::string pointer;
    std::string label; ///< from an operation's title
};

/// One import of one document (model::importAsyncApi): reads channels and operations
/// (AsyncApiImport.cpp), then builds nodes, links and the layout (AsyncApiImportBuild.cpp).
class AsyncApiImporter
{
public:
    AsyncApiImporter(const nlohmann::ordered_json &document, std::vector<ImportWarning> &warnings)
        : m_reader(document, warnings)
        , m_doc(document)
    {
    }

    /// Empty on success (the flow is in flow()), else the error. Call once.
    std::string run();
    Flow &flow() { return m_flow; }

private:
    std::string readHeader();
    void readChannels();
    void readChannelV3(const std::string &key, const nlohmann::ordered_json &value);
    void readChannelV2(const std::string &key, const nlohmann::ordered_json &value);
    NodeId addChannel(const std::string &key, const nlohmann::ordered_json &channel,
                      const std::string &pointer, const std::string &address);
    std::string messageType(const nlohmann::ordered_json &message, const std::string &pointer,
                            const std::string &key);
    void readOperationsV3();
    void readOperationV3(const std::string &key, const nlohmann::ordered_json &value);
    void addWire(const std::string &nodeName, const nlohmann::ordered_json &operation,
                 const std::string &pointer, Wire wire);
    void buildNodes();
    void buildNode(std::size_t index);
    void buildLinks();
    void orderEventTypes();
    void layOut();
    std::string uniqueId(const std::string &wanted);

    AsyncApiReader m_reader;
    const nlohmann::ordered_json &m_doc;
    int m_major = 0;
    Flow m_flow;
    std::set<std::string> m_ids;
    std::map<std::string, NodeId> m_channelByPointer;
    std::map<std::string, std::string> m_typeByMessagePointer;
    std::vector<PendingNode> m_nodes;
    std::map<std::string, std::size_t> m_nodeByName;
    std::vector<Wire> m_wires;
};

} // namespace evflow::model::detail
