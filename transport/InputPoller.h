#pragma once

#include "transport/InputSocket.h"

#include <chrono>
#include <vector>

namespace evflow::transport {

/// Waits on every input of one reader thread at once (and on their monitors), so one thread
/// serves any number of inputs, of one node or of several (the reader pool), and still sees its
/// stop flag every poll timeout.
class InputPoller
{
public:
    /// Adds an input whose messages go to `handler`; both must outlive the poller. Owner thread
    /// only.
    void add(InputSocket &input, FrameHandler &handler);

    /// Waits up to `timeout` for anything to read, then reads up to `batch` messages from each
    /// ready input (draining a burst with one poll call) into its handler. Returns how many
    /// messages were handled (0 on timeout), or -1 when the context is shutting down.
    int pollOnce(std::chrono::milliseconds timeout, int batch);

    std::size_t size() const { return m_inputs.size(); }

private:
    int readReady(int batch);

    std::vector<InputSocket *> m_inputs;
    std::vector<FrameHandler *> m_handlers; ///< parallel to m_inputs
    std::vector<zmq::pollitem_t> m_items;   ///< 2 per input: its socket, then its monitor
};

} // namespace evflow::transport
