#pragma once

#include "transport/InputSocket.h"

#include <chrono>
#include <vector>

namespace evflow::transport {

/// Waits on every input of one reader worker at once (and on their monitors), so one thread
/// serves any number of inputs and still sees its stop flag every poll timeout.
class InputPoller
{
public:
    /// Adds an input; the socket must outlive the poller. Owner thread only.
    void add(InputSocket &input);

    /// Waits up to `timeout` for anything to read, then reads up to `batch` messages from each
    /// ready input (draining a burst with one poll call). Returns how many messages were handed
    /// to `handler` (0 on timeout), or -1 when the context is shutting down.
    int pollOnce(FrameHandler &handler, std::chrono::milliseconds timeout, int batch);

    std::size_t size() const { return m_inputs.size(); }

private:
    int readReady(FrameHandler &handler, int batch);

    std::vector<InputSocket *> m_inputs;
    std::vector<zmq::pollitem_t> m_items; ///< 2 per input: its socket, then its monitor
};

} // namespace evflow::transport
