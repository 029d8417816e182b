#pragma once

// Internals of FlowRuntime: the live, lock-free state of every node that workers write and
// snapshot() reads. Included by transport .cpp files only.

#include "model/FaultInjector.h"
#include "model/InputAccounting.h"
#include "model/LatencyHistogram.h"
#include "model/Projection.h"
#include "model/RecentEvents.h"
#include "model/RunSnapshot.h"
#include "model/StreamEnd.h"
#include "model/TraceLog.h"
#include "transport/ChannelCounters.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace evflow::transport {

/// A writer's StreamEnds, published once when it has sent its last event; its readers wait for
/// them at the end of a run (InputWorker) to see loss after the last event they received.
class PublishedEnds
{
public:
    /// Publishes `ends` (the first call wins: a node finishes once).
    void publish(model::StreamEnds ends);
    bool final() const { return m_final.load(std::memory_order_acquire); }
    /// The published ends; empty before publish().
    model::StreamEnds get() const;

private:
    mutable std::mutex m_mutex;
    model::StreamEnds m_ends;
    std::atomic<bool> m_final{false};
};

/// Live state of one node. Workers write the atomics and rings; snapshot() and the inspection
/// calls read them. The mutex guards only the copies a worker publishes at most every ~100 ms
/// (per-source books, projection rows), never anything per event.
struct NodeMetrics
{
    std::atomic<std::uint64_t> produced{0};
    std::atomic<std::uint64_t> emitted{0};
    /// Producers: the generator reached its count / the replay its end (and flushed).
    std::atomic<bool> finished{false};
    /// Producers: system-clock micros when `finished` became true (stream ends announced).
    std::atomic<std::int64_t> finishedAtMicros{0};
    /// Inputs: how many writers on other hosts (per channel read and port) have announced their
    /// stream ends; finished() waits for all of them (remoteWriterCount()).
    std::atomic<std::size_t> remoteWritersEnded{0};
    /// Inputs: system-clock micros of the last message read (for finished()).
    std::atomic<std::int64_t> lastActivityMicros{0};
    model::LiveInputCounters input;
    model::LiveLatencyHistogram latency;
    model::RecentEvents recent{256};
    model::TraceLog trace{4096};
    /// Injectors whose counts belong to this node: a producer's own, or (on a channel node) one
    /// per local writer when the channel injects faults. Created before the workers start;
    /// snapshot() is thread-safe on them.
    std::vector<std::unique_ptr<model::FaultInjector>> injectors;
    /// Writers (producers, processors, consumers with a "late" port): their final stream ends.
    PublishedEnds streamEnds;

    mutable std::mutex publishedMutex;
    std::vector<model::SourceSequenceBooks> publishedSources;
    std::vector<model::ProjectionRow> publishedRows;
};

/// The sum of every injector's counts; trailing drops count as drops, since readers see them as
/// gaps once they compare with the writers' stream ends.
model::InjectedFaults injectedOf(const NodeMetrics &metrics);

/// Converts the transport's counters to the snapshot's channel counters.
model::ChannelCounters channelCountersOf(const ChannelCounters &counters, std::uint64_t fanOut);

} // namespace evflow::transport
