#pragma once

#include "bench/BenchCell.h"

#include "model/Flow.h"

#include <cstdint>
#include <string>
#include <vector>

namespace evflow::bench {

/// Consumers whose processed counts a finished run must show: each of them `events` (a pubsub
/// or broker delivers every event to every reader), or all of them together `events` (a queue
/// load-balances).
struct ConsumerGroup
{
    std::vector<std::string> consumers;
    std::uint64_t events = 0;
    bool eachGetsAll = true;
};

/// A flow for evflow-bench-flow and the exact counts its run must end with.
struct BenchFlow
{
    model::Flow flow;
    std::vector<std::string> producers; ///< generator ids; each produces `countPerProducer`
    std::uint64_t countPerProducer = 0;
    std::vector<ConsumerGroup> groups;

    /// Every consumer of every group, in flow order.
    std::vector<std::string> consumers() const;
};

/// The throughput example's nodes the benchmark builds on: a generator, a channel and a counter
/// (the first of each kind in the file).
struct ExampleNodes
{
    const model::Node *generator = nullptr;
    const model::Node *channel = nullptr;
    const model::Node *consumer = nullptr;

    /// Finds them in `example`; throws std::runtime_error naming what is missing.
    static ExampleNodes of(const model::Flow &example);
};

/// The example's generator → channel → counter with the channel turned into `cell`'s pattern
/// over its transport (properties rewritten: endpoint(s) from benchEndpoint, hwm cellHwm, bind
/// side as RawLink binds) and the generator set to `events` at rate 0.
BenchFlow cellFlow(const model::Flow &example, const Cell &cell, std::uint64_t events);

/// `producers` copies of the example's generator, each emitting `countPerProducer` events at
/// rate 0, into one channel of `cell`, read by `consumers` copies of its counter. With pubsub
/// (one producer, which binds) or broker every consumer gets every producer's events.
BenchFlow fanFlow(const model::Flow &example, const Cell &cell, int producers, int consumers,
                  std::uint64_t countPerProducer);

/// A flow of `lanes` × (1 + 1 + readersPerLane) nodes: in each lane a copy of the example's
/// generator emits `countPerProducer` events at rate 0 into its own tcp channel, read by
/// `readersPerLane` counters; even lanes are pubsub (every reader gets every event), odd lanes
/// queues (the readers share the events). 25 lanes of 2 readers make 100 nodes.
BenchFlow scaleFlow(const model::Flow &example, int lanes, int readersPerLane,
                    std::uint64_t countPerProducer);

/// Removes the socket files of `flow`'s ipc channels. ZeroMQ removes an ipc file at close only
/// when it chose the path itself (`ipc://*`), so the named paths of benchEndpoint stay behind.
void removeIpcFiles(const model::Flow &flow);

/// The errors model::validateFlow finds in `flow`, one per line; empty when it has none.
std::string validationErrors(const model::Flow &flow);

} // namespace evflow::bench
