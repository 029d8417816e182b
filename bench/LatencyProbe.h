#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace evflow::bench {

/// An independent latency measurement of a running flow: its own ZeroMQ context and SUB socket
/// on a pubsub channel's endpoint, on its own thread. For every event it receives it records,
/// exactly (one int64 per event, no binning), `now - event.time` (what the runtime's consumers
/// record: generator stamp to arrival) and `now - send time` (encode and send to arrival, from
/// the binding header). It also checks the events' sequence numbers for gaps.
class LatencyProbe
{
public:
    /// Values are reserved for `expectedEvents` so that recording does not reallocate.
    explicit LatencyProbe(std::size_t expectedEvents);
    ~LatencyProbe();
    LatencyProbe(const LatencyProbe &) = delete;
    LatencyProbe &operator=(const LatencyProbe &) = delete;

    /// Subscribes to everything on `endpoint` and starts receiving.
    void start(const std::string &endpoint);
    /// Stops receiving and joins the thread; the results below are final afterwards.
    void stop();

    /// now - event.time per received event, in arrival order (microseconds).
    const std::vector<std::int64_t> &eventTimeLatencies() const { return m_sinceEventTime; }
    /// now - send time per received event (microseconds).
    const std::vector<std::int64_t> &sendTimeLatencies() const { return m_sinceSendTime; }
    /// Sequence numbers missing between the first and the last event received.
    std::uint64_t gaps() const { return m_gaps; }
    /// Messages that were not a decodable three-frame event.
    std::uint64_t malformed() const { return m_malformed; }
    /// Why the thread ended early, or empty.
    const std::string &error() const { return m_error; }

private:
    void run(std::string endpoint);
    void observeSequence(std::uint64_t sequence);

    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::vector<std::int64_t> m_sinceEventTime;
    std::vector<std::int64_t> m_sinceSendTime;
    bool m_seenAny = false;
    std::uint64_t m_lastSequence = 0;
    std::uint64_t m_gaps = 0;
    std::uint64_t m_malformed = 0;
    std::string m_error;
};

} // namespace evflow::bench
