#include "transport/InputPoller.h"

namespace evflow::transport {

void InputPoller::add(InputSocket &input, FrameHandler &handler)
{
    m_inputs.push_back(&input);
    m_handlers.push_back(&handler);
    m_items.push_back({input.socket().handle(), 0, ZMQ_POLLIN, 0});
    m_items.push_back({input.monitor().socket().handle(), 0, ZMQ_POLLIN, 0});
}

int InputPoller::pollOnce(std::chrono::milliseconds timeout, int batch)
{
    try {
        if (zmq::poll(m_items, timeout) == 0)
            return 0;
        return readReady(batch);
    } catch (const zmq::error_t &e) {
        if (isShutdownError(e.num()))
            return -1;
        throw;
    }
}

int InputPoller::readReady(int batch)
{
    int handled = 0;
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        if (m_items[2 * i + 1].revents & ZMQ_POLLIN)
            m_inputs[i]->monitor().drain();
        if (!(m_items[2 * i].revents & ZMQ_POLLIN))
            continue;
        const int read = m_inputs[i]->readAvailable(*m_handlers[i], batch);
        if (read < 0)
            return -1;
        handled += read;
    }
    return handled;
}

} // namespace evflow::transport
