#pragma once

#include "bench/BenchCell.h"

#include <zmq.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace evflow::bench {

/// One raw ZeroMQ channel of a matrix cell, set up the way evflow sets up its channel of the
/// same pattern, connected and ready before the clock starts:
///  - queue: PUSH -> PULL; the receiver binds (as the throughput example's queue, bindSide
///    consumer); one message is exchanged first so the connection is up;
///  - pubsub: XPUB -> SUB subscribed to everything; the publisher binds (bindSide producer);
///    ready when the subscription has reached the publisher (evflow's slow-joiner wait);
///  - broker: publisher XPUB -> XSUB|proxy|XPUB -> SUB; the proxy (zmq_proxy on its own thread,
///    as evflow runs its proxy on a worker) binds both ends; ready as pubsub.
/// Every socket has SNDHWM and RCVHWM `hwm`; the receiver times out after 10 s, so a lost
/// message ends a case with a wrong count instead of hanging it. The sender socket is meant to
/// be used by one other thread once started (libzmq sockets may move between threads across a
/// full memory barrier, which std::thread's start is). ipc socket files are removed at the end.
class RawLink
{
public:
    RawLink(const Cell &cell, int hwm);
    /// Stops the proxy (context shutdown) and closes everything.
    ~RawLink();
    RawLink(const RawLink &) = delete;
    RawLink &operator=(const RawLink &) = delete;

    zmq::socket_t &sender() { return m_sender; }
    zmq::socket_t &receiver() { return m_receiver; }

    /// Receiver side: the clock starts; the sender may go.
    void go() { m_go.store(true, std::memory_order_release); }
    /// Sender side: waits for go().
    void waitForGo() const;

private:
    /// Removes the ipc socket files it was given when destroyed (after the sockets closed).
    struct IpcFiles
    {
        std::vector<std::string> paths;
        ~IpcFiles();
    };

    std::string bindNew(zmq::socket_t &socket, const char *role);
    void setUpQueue();
    void setUpPubSub();
    void setUpBroker();
    void awaitSubscription();

    IpcFiles m_files; // first member: destroyed last, after every socket is closed
    Cell m_cell;
    int m_linkNumber;
    zmq::context_t m_context{1};
    zmq::socket_t m_sender;
    zmq::socket_t m_receiver;
    zmq::socket_t m_frontend; // broker only
    zmq::socket_t m_backend;  // broker only
    std::thread m_proxy;
    std::atomic<bool> m_go{false};
};

} // namespace evflow::bench
