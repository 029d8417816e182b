#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace evflow::transport {

/// Decides when an XPUB writer may start: ZeroMQ's PUB drops everything sent before a
/// subscriber's subscription arrived (the "slow joiner"), so with ZMQ_XPUB_VERBOSE the writer
/// reads the subscribe messages ("\x01" + prefix) and starts once every expected subscriber's
/// prefixes were seen. Pure bookkeeping over bytes; not thread-safe (one owner).
class SubscriptionTracker
{
public:
    /// Expects one more subscriber with these prefixes ("" = everything); duplicates within one
    /// subscriber are ignored (a SUB sends each distinct prefix once when it attaches).
    void expectSubscriber(const std::vector<std::string> &prefixes);

    /// Feeds one message read from the XPUB. Subscribe messages count; unsubscribe messages
    /// ("\x00" + prefix) and anything else are ignored. Returns true when it was a subscription.
    bool onMessage(std::span<const std::byte> message);

    /// Every expected subscriber has been seen.
    bool satisfied() const { return readySubscribers() == m_subscribers.size(); }
    /// Subscribers whose every prefix has been seen, matched greedily in the order expected (a
    /// subscription message does not say which subscriber sent it, only which prefix).
    std::size_t readySubscribers() const;
    std::size_t expectedSubscribers() const { return m_subscribers.size(); }
    /// Subscription messages seen so far.
    std::size_t subscriptionsSeen() const { return m_seenTotal; }

private:
    std::vector<std::vector<std::string>> m_subscribers;
    std::vector<std::pair<std::string, std::size_t>> m_seen; ///< prefix -> times seen
    std::size_t m_seenTotal = 0;
};

} // namespace evflow::transport
