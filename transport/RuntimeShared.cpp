#include "transport/RuntimeShared.h"

namespace evflow::transport {

std::uint32_t nodeEpoch(std::int64_t startMicros, const model::NodeId &node)
{
    std::uint32_t hash = 2166136261u; // FNV-1a: stable across runs and platforms
    for (const char c : node.value) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    // Milliseconds, not seconds: a producer restarted within the same second (a crash loop, a
    // supervisor's quick restart) must still get a new epoch, or its consumers take the new
    // run's events for duplicates of the old run's (same ids, same sequence numbers). Wraps
    // after ~49.7 days, which matters only to a stream that old that is still live.
    const auto millis = static_cast<std::uint32_t>(startMicros / 1000);
    return millis ^ hash;
}

void openPort(RuntimeShared &shared, const NodePlan &node, const std::string &port,
              const std::atomic<bool> &stop, std::vector<std::unique_ptr<OutputSocket>> &sockets,
              PortSender &sender)
{
    const auto it = node.outputs.find(port);
    if (it == node.outputs.end())
        return;
    for (const model::NodeId &channelId : it->second) {
        const ChannelPlan *channel = shared.plan.findChannel(channelId);
        if (channel == nullptr)
            continue;
        sockets.push_back(std::make_unique<OutputSocket>(shared.run, *channel, node.id,
                                                         shared.channel(channelId), stop));
        const auto faults = shared.channelFaults.find({channelId.value, node.id.value});
        sender.add(*sockets.back(),
                   faults == shared.channelFaults.end() ? nullptr : faults->second);
    }
}

} // namespace evflow::transport
