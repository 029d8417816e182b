#!/usr/bin/python3
"""A foreign ZeroMQ publisher for evflow's tests, written with pyzmq (Debian python3-zmq).

Usage: zmq-send-lines.py FILE
Binds a PUSH socket to tcp://127.0.0.1 on a port ZeroMQ picks, prints that port on a line of
its own, then sends every non-empty line of FILE as one message. A PUSH socket with no peer
blocks, so nothing is sent before evflow's zmq-source (a PULL) has connected; on close the socket
lingers until every message is delivered. Exits 0 when all were sent.
"""
import sys

import zmq


def main():
    with open(sys.argv[1], "rb") as f:
        lines = [line.rstrip(b"\n") for line in f if line.strip()]
    context = zmq.Context()
    push = context.socket(zmq.PUSH)
    push.setsockopt(zmq.LINGER, 30000)
    port = push.bind_to_random_port("tcp://127.0.0.1")
    print(port, flush=True)
    for line in lines:
        push.send(line)
    push.close()
    context.term()
    print(f"sent {len(lines)}", flush=True)


if __name__ == "__main__":
    main()
