#pragma once

// Internals of the transport: reading structured-mode CloudEvents from a foreign ZeroMQ socket
// (Recorder, zmq-source). Included by transport .cpp files only.

#include "model/Event.h"

#include <zmq.hpp>

#include <string>

namespace evflow::transport {

/// Takes CloudEvents JSON messages off a foreign socket: one frame (the JSON event) or two
/// frames (a topic, ignored, and the JSON event). Decodes with model::fromCloudEventJson into a
/// caller-owned event, reusing its frames and the event's capacity, so steady reading does not
/// allocate. Not thread-safe: it belongs to the thread that owns the socket.
class CloudEventReader
{
public:
    enum class Result {
        None,     ///< no message was waiting
        Event,    ///< one message decoded into the event
        Malformed ///< one message taken but not an event; error() says why
    };

    /// Takes at most one message without waiting. A message of more than two frames, or whose
    /// JSON frame fromCloudEventJson() refuses, is Malformed (its frames are all consumed).
    /// Throws zmq::error_t when the socket fails (other than "nothing waiting").
    Result receive(zmq::socket_t &socket, model::Event &event);
    /// Why the last Malformed message was refused (one sentence).
    const std::string &error() const { return m_error; }

private:
    zmq::message_t m_first;
    zmq::message_t m_second;
    zmq::message_t m_extra;
    std::string m_error;
};

} // namespace evflow::transport
