#include "transport/SubscriptionTracker.h"

#include <algorithm>
#include <map>

namespace evflow::transport {

void SubscriptionTracker::expectSubscriber(const std::vector<std::string> &prefixes)
{
    std::vector<std::string> distinct;
    for (const auto &p : prefixes)
        if (std::find(distinct.begin(), distinct.end(), p) == distinct.end())
            distinct.push_back(p);
    m_subscribers.push_back(std::move(distinct));
}

bool SubscriptionTracker::onMessage(std::span<const std::byte> message)
{
    if (message.empty() || message[0] != std::byte{1})
        return false;
    const std::string prefix(reinterpret_cast<const char *>(message.data()) + 1,
                             message.size() - 1);
    ++m_seenTotal;
    for (auto &[p, count] : m_seen)
        if (p == prefix) {
            ++count;
            return true;
        }
    m_seen.emplace_back(prefix, 1);
    return true;
}

std::size_t SubscriptionTracker::readySubscribers() const
{
    std::map<std::string, std::size_t> left(m_seen.begin(), m_seen.end());
    std::size_t ready = 0;
    for (const auto &prefixes : m_subscribers) {
        const bool all = std::all_of(prefixes.begin(), prefixes.end(),
                                     [&](const std::string &p) { return left[p] > 0; });
        if (!all)
            continue;
        for (const auto &p : prefixes)
            --left[p];
        ++ready;
    }
    return ready;
}

} // namespace evflow::transport
