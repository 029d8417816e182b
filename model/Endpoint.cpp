#include "model/Endpoint.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace evflow::model {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isHexDigit(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

bool allOf(std::string_view s, bool (*pred)(char))
{
    return std::all_of(s.begin(), s.end(), pred);
}

/// Four decimal octets 0..255; leading zeros are refused because some resolvers read them as
/// octal.
bool isIpv4(std::string_view s)
{
    int octets = 0;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t dot = std::min(s.find('.', start), s.size());
        const std::string_view part = s.substr(start, dot - start);
        int value = 0;
        if (part.empty() || part.size() > 3 || !allOf(part, isDigit)
            || (part.size() > 1 && part[0] == '0'))
            return false;
        std::from_chars(part.data(), part.data() + part.size(), value);
        if (value > 255)
            return false;
        ++octets;
        start = dot + 1;
    }
    return octets == 4;
}

/// Hex groups of at most four digits separated by ':', at most one "::", at most eight groups
/// (a trailing dotted IPv4 part counts as two).
bool isIpv6(std::string_view s)
{
    if (s.find(':') == std::string_view::npos)
        return false;
    const size_t gap = s.find("::");
    if (gap != std::string_view::npos && s.find("::", gap + 1) != std::string_view::npos)
        return false;
    int groups = 0;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t colon = std::min(s.find(':', start), s.size());
        const std::string_view part = s.substr(start, colon - start);
        if (colon == s.size() && part.find('.') != std::string_view::npos) {
            if (!isIpv4(part))
                return false;
            groups += 2;
        } else if (!part.empty()) {
            if (part.size() > 4 || !allOf(part, isHexDigit))
                return false;
            ++groups;
        }
        start = colon + 1;
    }
    return gap != std::string_view::npos ? groups < 8 : groups == 8;
}

bool isHostNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
}

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

EndpointParseResult failure(std::string message)
{
    return {std::nullopt, std::move(message)};
}

/// Checks the host part of a tcp endpoint; returns an error message or "".
std::string hostError(std::string_view text, std::string_view host, bool bracketed)
{
    if (bracketed)
        return isIpv6(host) ? std::string{}
                            : quoted(text) + " has an invalid IPv6 address " + quoted(host);
    if (host.empty())
        return quoted(text) + " has no host: use an address, a host name or *";
    if (host == "*")
        return {};
    if (allOf(host, [](char c) { return isDigit(c) || c == '.'; }))
        return isIpv4(host) ? std::string{}
                            : quoted(text) + " has an invalid IPv4 address " + quoted(host);
    if (host.size() > 253 || !allOf(host, isHostNameChar))
        return quoted(text) + " has an invalid host " + quoted(host);
    return {};
}

EndpointParseResult parseTcp(std::string_view text, std::string_view address)
{
    std::string_view host;
    std::string_view rest;
    const bool bracketed = !address.empty() && address.front() == '[';
    if (bracketed) {
        const size_t close = address.find(']');
        if (close == std::string_view::npos)
            return failure(quoted(text) + " has an unclosed '['");
        host = address.substr(1, close - 1);
        rest = address.substr(close + 1);
    } else {
        const size_t colon = address.rfind(':');
        host = address.substr(0, colon == std::string_view::npos ? address.size() : colon);
        rest = address.substr(host.size());
    }
    if (rest.empty() || rest.front() != ':')
        return failure(quoted(text) + " has no port: use tcp://host:port");
    if (std::string error = hostError(text, host, bracketed); !error.empty())
        return failure(std::move(error));
    const std::string_view portText = rest.substr(1);
    Endpoint e{Transport::Tcp, std::string(host), std::nullopt, std::string(address)};
    if (portText == "*")
        return {std::move(e), {}};
    unsigned port = 0;
    const auto [end, ec]
        = std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (portText.empty() || ec != std::errc{} || end != portText.data() + portText.size()
        || port < 1 || port > 65535)
        return failure(quoted(text) + " has an invalid port " + quoted(portText)
                       + ": use 1..65535 or *");
    e.port = static_cast<std::uint16_t>(port);
    return {std::move(e), {}};
}

} // namespace

const char *transportName(Transport transport)
{
    switch (transport) {
    case Transport::Inproc: return "inproc";
    case Transport::Ipc: return "ipc";
    case Transport::Tcp: return "tcp";
    }
    return "?";
}

std::string Endpoint::toString() const
{
    return std::string(transportName(transport)) + "://" + address;
}

EndpointParseResult parseEndpoint(std::string_view text)
{
    if (text.empty())
        return failure("endpoint is empty");
    const size_t sep = text.find("://");
    if (sep == std::string_view::npos)
        return failure(quoted(text)
                       + " is not an endpoint: use inproc://name, ipc://path or tcp://host:port");
    const std::string_view scheme = text.substr(0, sep);
    const std::string_view address = text.substr(sep + 3);
    if (scheme == "inproc") {
        if (address.empty())
            return failure(quoted(text) + " has no name");
        return {Endpoint{Transport::Inproc, {}, std::nullopt, std::string(address)}, {}};
    }
    if (scheme == "ipc") {
        if (address.empty())
            return failure(quoted(text) + " has no path");
        if (address.size() > kMaxIpcPathBytes)
            return failure("the ipc path of " + quoted(text) + " is "
                           + std::to_string(address.size()) + " bytes; Linux allows at most "
                           + std::to_string(kMaxIpcPathBytes));
        return {Endpoint{Transport::Ipc, {}, std::nullopt, std::string(address)}, {}};
    }
    if (scheme == "tcp")
        return parseTcp(text, address);
    return failure("unknown transport " + quoted(scheme) + " in " + quoted(text)
                   + ": use inproc, ipc or tcp");
}

bool isLoopback(std::string_view host)
{
    if (host == "localhost" || host == "lo" || host == "::1")
        return true;
    return isIpv4(host) && host.substr(0, 4) == "127.";
}

bool isWildcardHost(std::string_view host)
{
    return host == "*" || host == "0.0.0.0" || host == "::";
}

bool endpointsCollide(const Endpoint &a, const Endpoint &b)
{
    if (a.transport != b.transport)
        return false;
    if (a.transport != Transport::Tcp)
        return a.address == b.address;
    if (!a.port || !b.port || *a.port != *b.port)
        return false;
    return a.host == b.host || isWildcardHost(a.host) || isWildcardHost(b.host);
}

std::string resolveHostName(const std::string &endpoint,
                            const std::map<std::string, std::string> &hosts)
{
    constexpr std::string_view scheme = "tcp://";
    const std::size_t colon = endpoint.rfind(':');
    if (endpoint.compare(0, scheme.size(), scheme) != 0 || colon < scheme.size())
        return endpoint;
    const auto entry = hosts.find(endpoint.substr(scheme.size(), colon - scheme.size()));
    if (entry == hosts.end() || entry->second.empty())
        return endpoint;
    const std::string &address = entry->second;
    const bool ipv6 = address.find(':') != std::string::npos && address.front() != '[';
    return std::string(scheme) + (ipv6 ? "[" + address + "]" : address) + endpoint.substr(colon);
}

} // namespace evflow::model
