#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace evflow::transport {

/// Where each binder actually bound: a flow may say `tcp://127.0.0.1:*` or `ipc://*`, and only
/// ZMQ_LAST_ENDPOINT tells the port or path ZeroMQ chose. Binders publish in start-up phase 1,
/// connectors look up in phase 2. Thread-safe (a mutex: start-up only, never per event).
class ResolvedEndpoints
{
public:
    /// The key of a channel's endpoint: "bus" (pubsub, queue, broker frontend) or "bus#backend".
    static std::string key(const std::string &channel, bool backend = false);

    /// Records the endpoint bound for `key` (replacing an earlier one).
    void publish(const std::string &key, const std::string &endpoint);
    /// The endpoint published for `key`, if any.
    std::optional<std::string> lookup(const std::string &key) const;
    /// Every published endpoint, by key (for reports: "bus = tcp://127.0.0.1:40123").
    std::map<std::string, std::string> all() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_endpoints;
};

} // namespace evflow::transport
