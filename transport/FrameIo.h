#pragma once

#include "model/BinaryCodec.h"

#include <zmq.hpp>

#include <atomic>
#include <cstddef>
#include <span>

namespace evflow::transport {

/// The evflow binding sends every event as exactly this many frames (docs/ZMQ-BINDING.md).
inline constexpr std::size_t kEventFrames = 3;

enum class RecvResult {
    Message,   ///< a 3-frame message is in the reader (type(), header(), data())
    Malformed, ///< a message with another frame count arrived; all its parts were consumed
    Nothing,   ///< nothing to read right now (EAGAIN)
    Stopped,   ///< the context is shutting down (ETERM): the worker should end normally
};

/// Receives whole multipart messages into reused zmq::message_t objects (libzmq's own buffers;
/// no allocation by evflow per event). Owned by one thread, like its socket.
class FrameReader
{
public:
    /// Reads one whole message without blocking. Every part of a multipart message is consumed
    /// even when the count is wrong, so the next call starts at a message boundary.
    RecvResult tryRecv(zmq::socket_ref socket);

    /// Frames of the last Message (valid until the next tryRecv()).
    std::span<const std::byte> type() const { return view(m_frames[0]); }
    std::span<const std::byte> header() const { return view(m_frames[1]); }
    std::span<const std::byte> data() const { return view(m_frames[2]); }
    /// Number of frames of the last message read (any count for Malformed).
    std::size_t frameCount() const { return m_count; }
    /// Total bytes of the last message read (all frames).
    std::size_t byteCount() const { return m_bytes; }

private:
    static std::span<const std::byte> view(const zmq::message_t &m)
    {
        return {static_cast<const std::byte *>(m.data()), m.size()};
    }

    zmq::message_t m_frames[kEventFrames];
    zmq::message_t m_extra; ///< sink for the parts of an over-long message
    std::size_t m_count = 0;
    std::size_t m_bytes = 0;
};

enum class SendResult {
    Sent,    ///< every frame was handed to ZeroMQ
    Stopped, ///< the stop flag was set while ZeroMQ refused the message (HWM), or ETERM
};

/// Sends the three frames as one multipart message. When the socket has a send timeout (PUSH
/// at its high-water mark blocks, which is how queues avoid loss), each timeout re-checks
/// `stop`, so a stop request ends the wait within one timeout. Once the first frame is in, the
/// others always fit (ZeroMQ counts the HWM in whole messages).
SendResult sendFrames(zmq::socket_ref socket, std::span<const std::byte> type,
                      std::span<const std::byte> header, std::span<const std::byte> data,
                      const std::atomic<bool> &stop);
SendResult sendFrames(zmq::socket_ref socket, const model::EncodedFrames &frames,
                      const std::atomic<bool> &stop);

/// True for the errno values that mean "the run is ending" rather than a failure: ETERM (the
/// context was shut down) and ENOTSOCK after a socket was closed by shutdown.
bool isShutdownError(int errnum);

} // namespace evflow::transport
