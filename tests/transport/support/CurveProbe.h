#pragma once

// Raw ZeroMQ peers for the CURVE tests: fresh key pairs, and sockets whose handshake outcomes are
// read from zmq_socket_monitor, so tests wait on events instead of sleeping.

#include "transport/CurveKeys.h"

#include <QTemporaryDir>
#include <QTest>

#include <zmq.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

namespace evflow::test::curve {

namespace tr = evflow::transport;
using namespace std::chrono_literals;

/// A key store of its own for one test function: a fresh temporary folder's "keys", named by
/// EVFLOW_KEYS_DIR so that the runtime and the CLI find it too.
class KeyDirectory
{
public:
    KeyDirectory() { qputenv("EVFLOW_KEYS_DIR", QByteArray::fromStdString(path().string())); }
    bool valid() const { return m_dir.isValid(); }
    std::filesystem::path path() const
    {
        return std::filesystem::path(m_dir.path().toStdString()) / "keys";
    }

private:
    QTemporaryDir m_dir;
};

/// A fresh key pair straight from libzmq, known to no key store.
inline tr::CurveKeyPair randomPair()
{
    char pub[41];
    char sec[41];
    if (zmq_curve_keypair(pub, sec) != 0)
        qFatal("zmq_curve_keypair failed");
    return {pub, sec};
}

/// The handshake outcomes of one socket, read from its zmq_socket_monitor.
class HandshakeWatch
{
public:
    HandshakeWatch(zmq::context_t &context, zmq::socket_t &socket)
        : m_pair(context, zmq::socket_type::pair)
    {
        static int serial = 0;
        const std::string endpoint = "inproc://handshake-watch-" + std::to_string(++serial);
        const int events = ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
                           | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
        if (zmq_socket_monitor(socket.handle(), endpoint.c_str(), events) != 0)
            qFatal("zmq_socket_monitor failed");
        m_pair.set(zmq::sockopt::linger, 0);
        m_pair.connect(endpoint);
    }

    /// Reads events until `done()` holds or `timeout` passes; returns done().
    template<typename Done>
    bool waitUntil(Done &&done, std::chrono::milliseconds timeout = 20s)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!done()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left <= 0ms)
                return false;
            zmq::pollitem_t item{m_pair.handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, left) > 0)
                readOne();
        }
        return true;
    }

    int succeeded = 0;
    int failedAuth = 0;     ///< the server said 400 (the ZAP handler refused our key)
    int failedProtocol = 0; ///< e.g. mechanism mismatch, a key that does not decrypt
    int failedOther = 0;    ///< the connection closed during the handshake
    std::uint32_t lastProtocolError = 0;

private:
    void readOne()
    {
        zmq::message_t head, address;
        if (!m_pair.recv(head) || !m_pair.recv(address))
            return;
        std::uint16_t event = 0;
        std::uint32_t value = 0;
        std::memcpy(&event, head.data(), sizeof event);
        std::memcpy(&value, static_cast<const char *>(head.data()) + 2, sizeof value);
        switch (event) {
        case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: ++succeeded; break;
        case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: ++failedAuth; break;
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
            ++failedProtocol;
            lastProtocolError = value;
            break;
        default: ++failedOther; break;
        }
    }

    zmq::socket_t m_pair;
};

/// A SUB socket subscribed to everything (or a PUB, to talk to a broker's frontend), with
/// optional CURVE client keys.
struct Probe
{
    Probe(zmq::context_t &context, const tr::CurveKey &serverKey, const tr::CurveKeyPair *keys,
          zmq::socket_type type = zmq::socket_type::sub)
        : socket(context, type)
    {
        socket.set(zmq::sockopt::linger, 0);
        if (type == zmq::socket_type::sub)
            socket.set(zmq::sockopt::subscribe, "");
        if (keys != nullptr) {
            socket.set(zmq::sockopt::curve_serverkey, serverKey);
            socket.set(zmq::sockopt::curve_publickey, keys->publicKey);
            socket.set(zmq::sockopt::curve_secretkey, keys->secretKey);
        }
        watch = std::make_unique<HandshakeWatch>(context, socket);
    }

    /// Whether an event (any message) can be read now.
    bool hasMessage()
    {
        zmq::message_t m;
        return socket.recv(m, zmq::recv_flags::dontwait).has_value();
    }

    zmq::socket_t socket;
    std::unique_ptr<HandshakeWatch> watch;
};

} // namespace evflow::test::curve
