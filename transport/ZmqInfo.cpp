#include "transport/ZmqInfo.h"

#include <zmq.hpp>

namespace evflow::transport {

std::string zmqVersion()
{
    const auto [major, minor, patch] = zmq::version();
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

bool zmqHasCurve()
{
    return zmq_has("curve") != 0;
}

} // namespace evflow::transport
