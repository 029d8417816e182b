#pragma once

// The ZAP handler (ZeroMQ RFC 27) of one context: without one, a CURVE server accepts any client
// key. Included by transport .cpp files and transport tests only.

#include "transport/CurveKeys.h"

#include <zmq.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace evflow::transport {

/// Answers the ZAP requests of every socket of one context on its own thread: a request passes
/// (200) only when its mechanism is CURVE and the client's public key is in the allow-list of
/// the request's ZAP domain (evflow sets ZMQ_ZAP_DOMAIN to the channel id on every CURVE
/// server); everything else is refused (400). Unknown domains are refused too: fail closed.
///
/// Debian's libzmq 4.3 lacks ZMQ_ZAP_ENFORCE_DOMAIN (draft), so nothing but this handler stops
/// a CURVE server from accepting any key: it must be bound before the first CURVE server binds.
class ZapHandler
{
public:
    /// ZAP domain -> the client public keys (Z85) allowed in it.
    using AllowLists = std::map<std::string, std::set<CurveKey>>;

    /// One refused request, as reported to the refusal callback.
    struct Refusal
    {
        std::string domain;
        std::string mechanism;       ///< "CURVE", or what the peer used instead
        CurveKey clientKey;          ///< Z85; empty for other mechanisms
        std::string address;         ///< the peer's IP address as ZeroMQ gives it
        bool firstForKey = false;    ///< the first refusal of this key in this domain
        std::size_t keysRefused = 0; ///< distinct keys refused in this domain, this one included
    };
    using RefusalCallback = std::function<void(const Refusal &)>;

    /// Binds inproc://zeromq.zap.01 in `context` now (so the handler is in place when this
    /// returns) and starts the handler thread. `onRefusal` runs on that thread for each refusal.
    /// Throws zmq::error_t when the context already has a handler (EADDRINUSE).
    ZapHandler(zmq::context_t &context, AllowLists allowLists, RefusalCallback onRefusal = {});
    /// stop().
    ~ZapHandler();
    ZapHandler(const ZapHandler &) = delete;
    ZapHandler &operator=(const ZapHandler &) = delete;

    /// Ends the handler thread (within one poll timeout) and closes its socket; idempotent.
    /// Also ends by itself when the context shuts down. Owner thread.
    void stop();

    /// Requests passed / refused in `domain` so far. Any thread.
    std::uint64_t accepted(const std::string &domain) const;
    std::uint64_t refused(const std::string &domain) const;
    /// Distinct client keys refused in `domain` so far. Any thread.
    std::size_t refusedKeys(const std::string &domain) const;
    /// Requests refused in every domain, including unknown ones. Any thread.
    std::uint64_t refusedTotal() const;

private:
    struct Counts
    {
        std::uint64_t accepted = 0;
        std::uint64_t refused = 0;
        std::set<CurveKey> refusedKeys;
    };

    void run(std::unique_ptr<zmq::socket_t> socket);
    /// Judges one request read into `frames` and counts it; true when it passes. Fills
    /// `request` with what the request says (the refusal report when it does not pass).
    bool decide(const std::vector<zmq::message_t> &frames, Refusal &request);

    AllowLists m_allow;
    RefusalCallback m_onRefusal;
    mutable std::mutex m_mutex; ///< guards m_counts (touched once per handshake, never per event)
    std::map<std::string, Counts> m_counts;
    std::uint64_t m_refusedTotal = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace evflow::transport
