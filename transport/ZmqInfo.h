#pragma once

#include <string>

namespace evflow::transport {

/// Version of the libzmq library evflow runs on, e.g. "4.3.4" (for --version and reports).
std::string zmqVersion();

/// Whether this libzmq was built with CURVE security (Debian's is).
bool zmqHasCurve();

} // namespace evflow::transport
