#include "transport/RuntimeShared.h"

namespace evflow::transport {

std::uint32_t nodeEpoch(std::int64_t startMicros, const model::NodeId &node)
{
    std::uint32_t hash = 2166136261u; // FNV-1a: stable across runs and platforms
    for (const char c : node.value) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    const auto seconds = static_cast<std::uint32_t>(startMicros / 1000000);
    return seconds ^ hash;
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
