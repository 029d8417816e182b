#include "model/CarriedTypes.h"

#include "model/NodeCatalog.h"

#include <algorithm>
#include <set>

namespace evflow::model {
namespace {

using TypeSet = std::set<std::string>;

bool matchesAnyPrefix(const std::string &type, const std::vector<std::string> &prefixes)
{
    return prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(), [&](const auto &p) {
               return type.compare(0, p.size(), p) == 0;
           });
}

class Tracer
{
public:
    explicit Tracer(const Flow &flow)
        : m_flow(flow)
    {
    }

    TypeSet emitted(const NodeId &id)
    {
        const Node *node = m_flow.findNode(id);
        if (!node || !m_visiting.insert(id.value).second)
            return {};
        TypeSet out = emittedBy(*node);
        m_visiting.erase(id.value);
        return out;
    }

private:
    TypeSet emittedBy(const Node &node)
    {
        switch (node.kind) {
        case NodeKind::Generator: {
            const auto types = catalog::stringListProperty(node, "eventTypes");
            return {types.begin(), types.end()};
        }
        case NodeKind::ThresholdAlert: {
            const auto type = catalog::stringProperty(node, "alertType");
            return type.empty() ? TypeSet{} : TypeSet{type};
        }
        case NodeKind::Filter: {
            const auto types = catalog::stringListProperty(node, "eventTypes");
            return narrowed(upstream(node.id), {types.begin(), types.end()});
        }
        default: return upstream(node.id);
        }
    }

    /// The union of what every link into `id` carries.
    TypeSet upstream(const NodeId &id)
    {
        TypeSet out;
        for (const Link &link : m_flow.links) {
            if (link.to.node != id)
                continue;
            const TypeSet carried = narrowed(emitted(link.from.node), link.types);
            out.insert(carried.begin(), carried.end());
        }
        return out;
    }

    static TypeSet narrowed(const TypeSet &types, const std::vector<std::string> &prefixes)
    {
        TypeSet out;
        for (const auto &type : types)
            if (matchesAnyPrefix(type, prefixes))
                out.insert(type);
        return out;
    }

    const Flow &m_flow;
    std::set<std::string> m_visiting;
};

} // namespace

std::vector<std::string> typesEmitted(const Flow &flow, const NodeId &node)
{
    const TypeSet types = Tracer(flow).emitted(node);
    return {types.begin(), types.end()};
}

std::vector<std::string> typesCarried(const Flow &flow, const Link &link)
{
    std::vector<std::string> out;
    for (const auto &type : typesEmitted(flow, link.from.node))
        if (matchesAnyPrefix(type, link.types))
            out.push_back(type);
    return out;
}

} // namespace evflow::model
