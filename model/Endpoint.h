#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace evflow::model {

/// ZeroMQ transports evflow channels use.
enum class Transport { Inproc, Ipc, Tcp };

/// "inproc", "ipc" or "tcp".
const char *transportName(Transport transport);

/// Linux's sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
inline constexpr std::size_t kMaxIpcPathBytes = 107;

/// A parsed ZeroMQ endpoint. `address` is the text after "transport://" exactly as written
/// (the inproc name, the ipc path, or "host:port" for tcp). For tcp, `host` is the host without
/// IPv6 brackets ("*", "127.0.0.1", "::1", "eth0", "example.org") and `port` is nullopt for the
/// wildcard port "*" (ZeroMQ picks a free one); both are empty for inproc and ipc.
struct Endpoint
{
    Transport transport = Transport::Inproc;
    std::string host;
    std::optional<std::uint16_t> port;
    std::string address;

    bool operator==(const Endpoint &) const = default;
    /// The endpoint as ZeroMQ takes it: "tcp://127.0.0.1:5555".
    std::string toString() const;
};

/// The outcome of parseEndpoint(): an endpoint, or a one-line message saying what is wrong.
struct EndpointParseResult
{
    std::optional<Endpoint> endpoint;
    std::string error;
    explicit operator bool() const { return endpoint.has_value(); }
};

/// Parses `inproc://name`, `ipc://path` or `tcp://host:port`. The host is an IPv4 literal, an
/// IPv6 literal in brackets, `*`, or a host/interface name; the port is 1..65535 or `*`.
/// An ipc path longer than kMaxIpcPathBytes is refused (it would not fit in sun_path).
EndpointParseResult parseEndpoint(std::string_view text);

/// True for hosts that only this machine can reach: 127.0.0.0/8, ::1, "localhost" and the Linux
/// loopback interface "lo". Wildcards (`*`, 0.0.0.0, ::) are not loopback: they bind every
/// interface.
bool isLoopback(std::string_view host);

/// True for hosts that bind every interface: `*`, 0.0.0.0 and ::.
bool isWildcardHost(std::string_view host);

/// Whether binding both endpoints on one machine would clash: same inproc name, same ipc path,
/// or the same tcp port on the same or a wildcard host. A wildcard port (`*`) never clashes.
bool endpointsCollide(const Endpoint &a, const Endpoint &b);

/// A tcp endpoint whose host part is the name of a host in the flow's host table (name ->
/// address), with that address put in its place: `tcp://broker:7000` with broker = 10.0.0.2
/// gives `tcp://10.0.0.2:7000` (an IPv6 address in brackets). The binder binds it and the other
/// hosts connect to it, so a flow names its machines once. Any other endpoint comes back as is.
std::string resolveHostName(const std::string &endpoint,
                            const std::map<std::string, std::string> &hosts);

} // namespace evflow::model
