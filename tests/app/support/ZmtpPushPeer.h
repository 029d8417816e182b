#pragma once

// A minimal ZMTP 3.0 PUSH server for app tests, which link no ZeroMQ: it speaks the wire protocol
// (https://rfc.zeromq.org/spec/23/) on a POSIX socket: a greeting with the NULL mechanism, a
// READY command with Socket-Type PUSH, then short frames. Enough to feed `evflow record`.

#include <QString>

#include <arpa/inet.h>
#include <cstdint>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace evflow::test {

/// A one-connection ZMTP 3.0 PUSH server on 127.0.0.1 (blocking, with timeouts).
class ZmtpPushPeer
{
public:
    ~ZmtpPushPeer()
    {
        closeFd(m_conn);
        closeFd(m_listen);
    }
    bool listen()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        auto *sa = reinterpret_cast<sockaddr *>(&addr);
        if (m_listen < 0 || ::bind(m_listen, sa, len) != 0 || ::listen(m_listen, 4) != 0
            || ::getsockname(m_listen, sa, &len) != 0)
            return false;
        m_port = ntohs(addr.sin_port);
        return true;
    }
    QString endpoint() const { return QStringLiteral("tcp://127.0.0.1:%1").arg(m_port); }
    /// Accepts the recorder's connection and does the handshake; false on timeout or when the
    /// peer is not a ZMTP 3 PULL socket.
    bool accept(int timeoutMs)
    {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) != 1)
            return false;
        m_conn = ::accept(m_listen, nullptr, nullptr);
        if (m_conn < 0)
            return false;
        std::string greeting(64, '\0');
        greeting[0] = '\xff';
        greeting[9] = '\x7f';
        greeting[10] = 3; // version 3.0
        greeting.replace(12, 4, "NULL");
        const std::string ready = command("READY", "Socket-Type", "PUSH");
        if (!writeAll(greeting + ready))
            return false;
        std::string theirs;
        if (!readExactly(64, theirs, timeoutMs) || theirs[0] != '\xff' || theirs[10] != 3)
            return false;
        std::string header;
        std::string body;
        return readExactly(2, header, timeoutMs) && header[0] == 0x04
               && readExactly(static_cast<unsigned char>(header[1]), body, timeoutMs)
               && body.find("Socket-Type") != std::string::npos
               && body.find("PULL") != std::string::npos;
    }
    /// Sends one message of one or more frames (each under 256 bytes: short frames).
    bool send(const std::vector<std::string> &frames)
    {
        std::string wire;
        for (std::size_t i = 0; i < frames.size(); ++i) {
            if (frames[i].size() > 255)
                return false;
            wire += static_cast<char>(i + 1 < frames.size() ? 0x01 : 0x00); // MORE flag
            wire += static_cast<char>(frames[i].size());
            wire += frames[i];
        }
        return writeAll(wire);
    }
    /// A port nothing listens on any more (connections to it are refused).
    quint16 closeAndKeepPort()
    {
        closeFd(m_listen);
        return m_port;
    }

private:
    static std::string command(const std::string &name, const std::string &property,
                               const std::string &value)
    {
        std::string body(1, static_cast<char>(name.size()));
        body += name;
        body += static_cast<char>(property.size());
        body += property;
        const auto n = static_cast<std::uint32_t>(value.size());
        body += std::string{'\0', '\0', static_cast<char>(n >> 8), static_cast<char>(n & 0xff)};
        body += value;
        return std::string{'\x04', static_cast<char>(body.size())} + body;
    }
    bool writeAll(const std::string &data)
    {
        std::size_t done = 0;
        while (done < data.size()) {
            // MSG_NOSIGNAL: a recorder that went away must fail the test, not kill it (SIGPIPE).
            const ssize_t n = ::send(m_conn, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }
    bool readExactly(std::size_t size, std::string &out, int timeoutMs)
    {
        out.assign(size, '\0');
        std::size_t done = 0;
        while (done < size) {
            pollfd p{m_conn, POLLIN, 0};
            if (::poll(&p, 1, timeoutMs) != 1)
                return false;
            const ssize_t n = ::read(m_conn, out.data() + done, size - done);
            if (n <= 0)
                return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }
    static void closeFd(int &fd)
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }

    int m_listen = -1;
    int m_conn = -1;
    quint16 m_port = 0;
};

} // namespace evflow::test
