#pragma once

// Internals of FlowRuntime: the stream ends that writers on other hosts announce to one reader
// node (model/StreamEndMessage.h). Included by transport .cpp files only.

#include "model/StreamEndMessage.h"
#include "transport/RuntimePlan.h"

#include <cstddef>
#include <vector>

namespace evflow::transport {

/// What one reader node has heard from the remote writers of the channels it reads: for each
/// (channel, writer, port) whether it announced its end yet, and every end announced so far
/// (per epoch: a writer restarted on its host announces its new epoch's ends beside the old
/// ones). Owned by the node's worker thread.
class RemoteEnds
{
public:
    /// Expects an announcement from every writer of `channel` that runs on another host.
    void expect(const ChannelPlan &channel);

    /// Takes an announcement that arrived on `channel`. False, and ignored, when it is from no
    /// remote writer of that channel (a local writer's copy, already handed over in-process,
    /// or a stranger's).
    bool take(const ChannelPlan &channel, const model::StreamEndMessage &message);

    /// Remote writers that have announced their ends.
    std::size_t announced() const;
    /// Every remote writer of `channel` has announced its ends.
    bool allAnnounced(const ChannelPlan &channel) const;

    /// Appends every end announced on `channel` so far of the types a reader subscribed to
    /// `prefixes` takes (prefixesWant()).
    void appendEnds(const ChannelPlan &channel, const std::vector<std::string> &prefixes,
                    model::StreamEnds &out) const;

private:
    struct Writer
    {
        const ChannelPlan *channel = nullptr;
        const PlannedWriter *writer = nullptr;
        bool announced = false;
        model::StreamEnds ends;
    };

    std::vector<Writer> m_writers;
};

} // namespace evflow::transport
