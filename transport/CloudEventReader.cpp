#include "transport/CloudEventReader.h"

#include "model/CloudEventJson.h"

namespace evflow::transport {

CloudEventReader::Result CloudEventReader::receive(zmq::socket_t &socket, model::Event &event)
{
    if (!socket.recv(m_first, zmq::recv_flags::dontwait))
        return Result::None;
    // The frames of one message arrive together: once the first is here, the rest are too.
    std::size_t frames = 1;
    zmq::message_t *json = &m_first;
    if (m_first.more()) {
        (void)socket.recv(m_second, zmq::recv_flags::dontwait);
        json = &m_second;
        frames = 2;
        for (bool more = m_second.more(); more;) {
            more = socket.recv(m_extra, zmq::recv_flags::dontwait) && m_extra.more();
            ++frames;
        }
    }
    if (frames > 2) {
        m_error = std::to_string(frames)
                  + " frames (expected the JSON event, or a topic and the JSON event)";
        return Result::Malformed;
    }
    if (!model::fromCloudEventJson(json->to_string_view(), event, m_error))
        return Result::Malformed;
    return Result::Event;
}

} // namespace evflow::transport
