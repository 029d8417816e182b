#include "transport/RemoteEnds.h"

#include <algorithm>
#include <iterator>

namespace evflow::transport {
namespace {

bool sameStream(const model::StreamEnd &a, const model::StreamEnd &b)
{
    return a.port == b.port && a.source == b.source && a.type == b.type && a.epoch == b.epoch;
}

} // namespace

void RemoteEnds::expect(const ChannelPlan &channel)
{
    for (const PlannedWriter &w : channel.writers)
        if (!w.local)
            m_writers.push_back({&channel, &w, false, {}});
}

bool RemoteEnds::take(const ChannelPlan &channel, const model::StreamEndMessage &message)
{
    const auto it = std::find_if(m_writers.begin(), m_writers.end(), [&](const Writer &w) {
        return w.channel == &channel && w.writer->node.value == message.writer
               && w.writer->port == message.port;
    });
    if (it == m_writers.end())
        return false;
    it->announced = true;
    // Producers repeat their announcement: an end already known is replaced by the new one.
    for (const model::StreamEnd &end : message.ends) {
        const auto known
            = std::find_if(it->ends.begin(), it->ends.end(),
                           [&](const model::StreamEnd &e) { return sameStream(e, end); });
        if (known == it->ends.end())
            it->ends.push_back(end);
        else
            known->end = std::max(known->end, end.end);
    }
    return true;
}

std::size_t RemoteEnds::announced() const
{
    return static_cast<std::size_t>(std::count_if(m_writers.begin(), m_writers.end(),
                                                  [](const Writer &w) { return w.announced; }));
}

bool RemoteEnds::allAnnounced(const ChannelPlan &channel) const
{
    return std::all_of(m_writers.begin(), m_writers.end(),
                       [&](const Writer &w) { return w.channel != &channel || w.announced; });
}

void RemoteEnds::appendEnds(const ChannelPlan &channel, const std::vector<std::string> &prefixes,
                            model::StreamEnds &out) const
{
    for (const Writer &w : m_writers)
        if (w.channel == &channel)
            std::copy_if(
                w.ends.begin(), w.ends.end(), std::back_inserter(out),
                [&](const model::StreamEnd &end) { return prefixesWant(prefixes, end.type); });
}

} // namespace evflow::transport
