#include "bench/BenchCell.h"

#include <unistd.h>

#include <algorithm>

namespace evflow::bench {
namespace {

constexpr int kQueueHwm = 100000;       // as the queue of resources/examples/throughput.evflow.json
constexpr int kMaxFlowHwm = 10'000'000; // the catalog's upper bound for a channel's hwm

} // namespace

const char *patternName(Pattern pattern)
{
    switch (pattern) {
    case Pattern::Queue: return "queue";
    case Pattern::PubSub: return "pubsub";
    case Pattern::Broker: return "broker";
    }
    return "?";
}

std::optional<Pattern> parsePattern(std::string_view name)
{
    for (Pattern p : {Pattern::Queue, Pattern::PubSub, Pattern::Broker})
        if (name == patternName(p))
            return p;
    return std::nullopt;
}

std::optional<model::Transport> parseTransport(std::string_view name)
{
    using model::Transport;
    for (Transport t : {Transport::Tcp, Transport::Ipc, Transport::Inproc})
        if (name == model::transportName(t))
            return t;
    return std::nullopt;
}

int cellHwm(Pattern pattern, std::uint64_t events)
{
    if (pattern == Pattern::Queue)
        return kQueueHwm;
    return static_cast<int>(
        std::clamp<std::uint64_t>(events, kQueueHwm, static_cast<std::uint64_t>(kMaxFlowHwm)));
}

std::string benchEndpoint(model::Transport transport, const std::string &name)
{
    switch (transport) {
    case model::Transport::Tcp: return "tcp://127.0.0.1:*";
    case model::Transport::Ipc:
        return "ipc:///tmp/evflow-bench-" + std::to_string(::getpid()) + "-" + name + ".ipc";
    case model::Transport::Inproc: return "inproc://evflow-bench-" + name;
    }
    return {};
}

std::string ipcPath(const std::string &endpoint)
{
    constexpr std::string_view kScheme = "ipc://";
    return endpoint.rfind(kScheme, 0) == 0 ? endpoint.substr(kScheme.size()) : std::string{};
}

} // namespace evflow::bench
