#include "transport/FrameIo.h"

#include <cerrno>

namespace evflow::transport {

bool isShutdownError(int errnum)
{
    return errnum == ETERM || errnum == ENOTSOCK;
}

RecvResult FrameReader::tryRecv(zmq::socket_ref socket)
{
    try {
        if (!socket.recv(m_frames[0], zmq::recv_flags::dontwait))
            return RecvResult::Nothing;
        m_count = 1;
        m_bytes = m_frames[0].size();
        bool more = m_frames[0].more();
        // Parts of a multipart message arrive together (atomically), so these reads never wait.
        while (more) {
            zmq::message_t &into = m_count < kEventFrames ? m_frames[m_count] : m_extra;
            if (!socket.recv(into, zmq::recv_flags::dontwait))
                break;
            ++m_count;
            m_bytes += into.size();
            more = into.more();
        }
        return m_count == kEventFrames ? RecvResult::Message : RecvResult::Malformed;
    } catch (const zmq::error_t &e) {
        if (isShutdownError(e.num()))
            return RecvResult::Stopped;
        throw;
    }
}

namespace {

/// One frame; true when sent, false when refused (EAGAIN after the socket's send timeout).
bool sendPart(zmq::socket_ref socket, std::span<const std::byte> bytes, zmq::send_flags flags)
{
    return socket.send(zmq::const_buffer(bytes.data(), bytes.size()), flags).has_value();
}

} // namespace

SendResult sendFrames(zmq::socket_ref socket, std::span<const std::byte> type,
                      std::span<const std::byte> header, std::span<const std::byte> data,
                      const std::atomic<bool> &stop)
{
    try {
        while (!sendPart(socket, type, zmq::send_flags::sndmore))
            if (stop.load(std::memory_order_relaxed))
                return SendResult::Stopped;
        while (!sendPart(socket, header, zmq::send_flags::sndmore))
            if (stop.load(std::memory_order_relaxed))
                return SendResult::Stopped;
        while (!sendPart(socket, data, zmq::send_flags::none))
            if (stop.load(std::memory_order_relaxed))
                return SendResult::Stopped;
        return SendResult::Sent;
    } catch (const zmq::error_t &e) {
        if (isShutdownError(e.num()))
            return SendResult::Stopped;
        throw;
    }
}

SendResult sendFrames(zmq::socket_ref socket, const model::EncodedFrames &frames,
                      const std::atomic<bool> &stop)
{
    return sendFrames(socket, frames.type, frames.header, frames.data, stop);
}

} // namespace evflow::transport
