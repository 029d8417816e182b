#include "transport/CurveRuntime.h"

#include "model/NodeCatalog.h"
#include "transport/SocketSetup.h"
#include "transport/ZapHandler.h"

namespace evflow::transport {
namespace {

namespace catalog = model::catalog;

/// Refused keys reported one by one per channel; beyond this they are only counted.
constexpr std::size_t kReportedKeys = 100;

/// "a, b" (or "none").
std::string joined(const model::StringList &names)
{
    std::string out;
    for (const auto &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

bool usesTcp(const ChannelPlan &plan)
{
    return isTcpEndpoint(plan.endpoint)
           || (plan.pattern == ChannelPattern::Broker && isTcpEndpoint(plan.backendEndpoint));
}

/// Whether a node of this process connects to the channel (every peer that does not bind it).
bool connectsHere(const ChannelPlan &plan)
{
    for (const PlannedWriter &w : plan.writers)
        if (w.local && !plan.binds(w.node))
            return true;
    for (const PlannedReader &r : plan.readers)
        if (r.local && !plan.binds(r.node))
            return true;
    return false;
}

/// The keys `plan` needs here, loaded into `out`; each problem is reported (false then).
bool loadChannelKeys(const model::Node &node, const ChannelPlan &plan,
                     const std::filesystem::path &dir, RunErrors &errors, ChannelCurve &out,
                     std::set<CurveKey> &allowed)
{
    const std::string head = detail::describeChannel(plan) + ": ";
    const std::string serverKey = catalog::stringProperty(node, "serverKey");
    const model::StringList clientKeys = catalog::stringListProperty(node, "clientKeys");
    bool ok = true;
    const auto fail = [&](const std::string &message) {
        errors.report(plan.id, RunErrorKind::Auth, head + message);
        ok = false;
    };
    out.server = detail::binderIsLocal(plan);
    out.client = connectsHere(plan);
    if (out.server) {
        if (auto pair = loadCurveKeyPair(dir, serverKey))
            out.serverKeys = *pair.keys;
        else
            fail("server key '" + serverKey + "': " + pair.error);
        for (const std::string &name : clientKeys) {
            if (auto pub = loadCurvePublicKey(dir, name))
                allowed.insert(pub.keys->publicKey);
            else
                fail("client key '" + name + "': " + pub.error);
        }
    }
    if (out.client) {
        // Where the server runs here too, its public key came with its pair above.
        if (!out.server) {
            if (auto pub = loadCurvePublicKey(dir, serverKey))
                out.serverKeys.publicKey = pub.keys->publicKey;
            else
                fail("server key '" + serverKey + "': " + pub.error);
        }
        // Each machine uses the first listed client key whose secret half it holds: one flow
        // file then serves every host, and each host's secret stays on that host.
        for (const std::string &name : clientKeys) {
            if (!hasCurveSecretKey(dir, name))
                continue;
            if (auto pair = loadCurveKeyPair(dir, name)) {
                out.clientKeys = *pair.keys;
                out.clientKeyName = name;
            } else {
                fail("client key '" + name + "': " + pair.error);
            }
            break;
        }
        if (ok && out.clientKeyName.empty())
            fail("no client key on this machine: none of clientKeys (" + joined(clientKeys)
                 + ") has a secret key in " + dir.string()
                 + " (make one with: evflow keys generate NAME, and list it in clientKeys)");
    }
    return ok;
}

} // namespace

bool isTcpEndpoint(const std::string &endpoint)
{
    return endpoint.rfind("tcp://", 0) == 0;
}

CurveRuntime::CurveRuntime(RunErrors &errors)
    : m_errors(errors)
{
}

CurveRuntime::~CurveRuntime()
{
    stop();
}

std::unique_ptr<CurveRuntime>
CurveRuntime::prepare(const model::Flow &flow, const RuntimePlan &plan, zmq::context_t &context,
                      RunErrors &errors, const std::filesystem::path &keysDirectory, bool &ok)
{
    ok = true;
    std::unique_ptr<CurveRuntime> curve(new CurveRuntime(errors));
    ZapHandler::AllowLists allowLists;
    for (const ChannelPlan &c : plan.channels) {
        const model::Node *node = flow.findNode(c.id);
        if (node == nullptr || !catalog::boolProperty(*node, "curve") || !usesTcp(c))
            continue;
        ChannelCurve keys;
        std::set<CurveKey> allowed;
        ok = loadChannelKeys(*node, c, keysDirectory, errors, keys, allowed) && ok;
        if (keys.server)
            allowLists[c.id.value] = std::move(allowed);
        curve->m_describe[c.id.value] = detail::describeChannel(c);
        curve->m_channels[c.id.value] = std::move(keys);
    }
    if (curve->m_channels.empty())
        return nullptr;
    if (!ok || allowLists.empty())
        return curve;
    CurveRuntime *self = curve.get();
    const auto onRefusal = [self](const ZapHandler::Refusal &r) {
        // One error per refused key, up to a bound: a peer trying key after key must not crowd
        // every other error out of the run's bounded error list. stop() reports the totals.
        if (!r.firstForKey || r.keysRefused > kReportedKeys)
            return;
        const std::string more
            = r.keysRefused == kReportedKeys ? "; further unknown keys are only counted" : "";
        const auto d = self->m_describe.find(r.domain);
        const std::string who = d != self->m_describe.end() ? d->second : "'" + r.domain + "'";
        const std::string from = r.address.empty() ? "" : " from " + r.address;
        self->m_errors.report(
            model::NodeId{r.domain}, RunErrorKind::Auth,
            r.mechanism != "CURVE"
                ? who + ": refused a client" + from + " using " + r.mechanism + " instead of CURVE"
                : who + ": refused a client with an unknown key " + r.clientKey + from
                      + " (not in clientKeys; further attempts with this key are only counted"
                      + more + ")");
    };
    try {
        curve->m_zap = std::make_unique<ZapHandler>(context, std::move(allowLists), onRefusal);
    } catch (const zmq::error_t &e) {
        errors.report({}, RunErrorKind::Auth,
                      std::string("cannot start the ZAP handler that checks client keys: ")
                          + e.what());
        ok = false;
    }
    return curve;
}

const ChannelCurve *CurveRuntime::find(const std::string &channel) const
{
    const auto it = m_channels.find(channel);
    return it == m_channels.end() ? nullptr : &it->second;
}

bool CurveRuntime::applyServer(zmq::socket_t &socket, const ChannelPlan &plan,
                               const std::string &endpoint, const model::NodeId &node) const
{
    const ChannelCurve *keys = isTcpEndpoint(endpoint) ? find(plan.id.value) : nullptr;
    if (keys == nullptr)
        return true;
    if (!keys->server || keys->serverKeys.secretKey.empty() || !m_zap) {
        // Never bind a CURVE channel without its key or without the handler: fail closed.
        m_errors.report(node, RunErrorKind::Auth,
                        detail::describeChannel(plan) + ": node '" + node.value + "' cannot bind "
                            + endpoint + ": its CURVE keys are not loaded");
        return false;
    }
    socket.set(zmq::sockopt::curve_server, true);
    socket.set(zmq::sockopt::curve_secretkey, keys->serverKeys.secretKey);
    // The ZAP handler picks the channel's allow-list by this domain.
    socket.set(zmq::sockopt::zap_domain, plan.id.value);
    return true;
}

bool CurveRuntime::applyClient(zmq::socket_t &socket, const ChannelPlan &plan,
                               const std::string &endpoint, const model::NodeId &node) const
{
    const ChannelCurve *keys = isTcpEndpoint(endpoint) ? find(plan.id.value) : nullptr;
    if (keys == nullptr)
        return true;
    if (!keys->client || keys->clientKeys.secretKey.empty() || keys->serverKeys.publicKey.empty()) {
        m_errors.report(node, RunErrorKind::Auth,
                        detail::describeChannel(plan) + ": node '" + node.value
                            + "' cannot connect to " + endpoint
                            + ": its CURVE keys are not loaded");
        return false;
    }
    socket.set(zmq::sockopt::curve_serverkey, keys->serverKeys.publicKey);
    socket.set(zmq::sockopt::curve_publickey, keys->clientKeys.publicKey);
    socket.set(zmq::sockopt::curve_secretkey, keys->clientKeys.secretKey);
    return true;
}

void CurveRuntime::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (!m_zap)
        return;
    m_zap->stop();
    for (const auto &[id, describe] : m_describe)
        if (const std::uint64_t n = m_zap->refused(id); n > 0)
            m_errors.report(model::NodeId{id}, RunErrorKind::Auth,
                            describe + ": refused " + std::to_string(n) + " connection attempt"
                                + (n == 1 ? "" : "s") + " by "
                                + std::to_string(m_zap->refusedKeys(id)) + " unknown client key"
                                + (m_zap->refusedKeys(id) == 1 ? "" : "s") + " in all");
}

std::uint64_t CurveRuntime::refused(const std::string &channel) const
{
    return m_zap ? m_zap->refused(channel) : 0;
}

} // namespace evflow::transport
