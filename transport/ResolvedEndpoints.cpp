#include "transport/ResolvedEndpoints.h"

namespace evflow::transport {

std::string ResolvedEndpoints::key(const std::string &channel, bool backend)
{
    return backend ? channel + "#backend" : channel;
}

void ResolvedEndpoints::publish(const std::string &key, const std::string &endpoint)
{
    std::lock_guard lock(m_mutex);
    m_endpoints[key] = endpoint;
}

std::optional<std::string> ResolvedEndpoints::lookup(const std::string &key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_endpoints.find(key);
    if (it == m_endpoints.end())
        return std::nullopt;
    return it->second;
}

std::map<std::string, std::string> ResolvedEndpoints::all() const
{
    std::lock_guard lock(m_mutex);
    return m_endpoints;
}

} // namespace evflow::transport
