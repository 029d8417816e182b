#pragma once

#include "app/cli/RunCommand.h"

#include <string>

namespace evflow::transport {
class TelemetryPublisher;
}

namespace evflow::cli {

/// Prepares `publisher` for `--telemetry ENDPOINT` as `args` asks: with `--telemetry-key NAME`
/// it becomes a CURVE server with key pair NAME from the key store that lets in only the
/// public keys named by `--telemetry-clients`. Fail closed, as for channels: a tcp endpoint
/// other machines can reach (not loopback) needs CURVE. False with a one-line message naming
/// the endpoint or key file otherwise.
bool configureTelemetry(transport::TelemetryPublisher &publisher, const RunArgs &args,
                        std::string &error);

} // namespace evflow::cli
