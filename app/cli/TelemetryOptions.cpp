#include "app/cli/TelemetryOptions.h"

#include "model/Endpoint.h"
#include "transport/CurveKeys.h"
#include "transport/TelemetryPublisher.h"

namespace evflow::cli {

bool configureTelemetry(transport::TelemetryPublisher &publisher, const RunArgs &args,
                        std::string &error)
{
    const auto endpoint = model::parseEndpoint(args.telemetry);
    if (!endpoint) {
        error = "invalid telemetry endpoint " + args.telemetry + ": " + endpoint.error;
        return false;
    }
    if (args.telemetryKey.empty()) {
        if (endpoint.endpoint->transport == model::Transport::Tcp
            && !model::isLoopback(endpoint.endpoint->host)) {
            error = "telemetry on " + args.telemetry
                    + " would be readable from other machines without encryption: bind it to "
                      "127.0.0.1 (and reach it through an ssh tunnel) or add --telemetry-key NAME "
                      "--telemetry-clients NAME,... (docs/SECURITY.md)";
            return false;
        }
        return true;
    }
    if (args.telemetryClients.empty()) {
        error = "--telemetry-key needs --telemetry-clients: the public keys that may attach";
        return false;
    }
    const std::filesystem::path directory = transport::curveKeysDirectory();
    const auto server = transport::loadCurveKeyPair(directory, args.telemetryKey);
    if (!server) {
        error = "telemetry key: " + server.error;
        return false;
    }
    std::vector<transport::CurveKey> allowed;
    for (const std::string &name : args.telemetryClients) {
        const auto client = transport::loadCurvePublicKey(directory, name);
        if (!client) {
            error = "telemetry client key: " + client.error;
            return false;
        }
        allowed.push_back(client.keys->publicKey);
    }
    return publisher.setCurve(*server.keys, allowed, error);
}

} // namespace evflow::cli
