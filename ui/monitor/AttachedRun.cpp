#include "ui/monitor/AttachedRun.h"

#include "model/RunReport.h"
#include "transport/CurveKeys.h"
#include "transport/TelemetryClient.h"

#include <QSet>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>

namespace evflow::ui::monitor {

/// The live part of one runner's link: its client and what was already reported of it.
struct AttachedRun::Link
{
    transport::TelemetryClient client;
    std::size_t reportedErrors = 0;
    bool everConnected = false;
    bool wasConnected = false;
    std::uint64_t failuresSeen = 0; ///< handshake failures when the last snapshot arrived
    bool fresh = false;             ///< a snapshot arrived since the last merge
    /// The last snapshots received, oldest first (kHistory of them), to merge snapshots of
    /// nearly the same instant.
    std::deque<model::RunSnapshot> history;
    /// Details asked for (by the panels) and when, in m_clock milliseconds.
    std::map<model::DetailRequest, qint64> asked;
};

namespace {

/// Makes `client` a CURVE client of `runner`: its server key pinned, its client key pair
/// presented, both from the key store. False with the key store's message.
bool useCurve(transport::TelemetryClient &client, const RunnerAddress &runner, std::string &error)
{
    const std::filesystem::path directory = transport::curveKeysDirectory();
    const auto server = transport::loadCurvePublicKey(directory, runner.serverKey.toStdString());
    if (!server) {
        error = "server key: " + server.error;
        return false;
    }
    if (runner.clientKey.isEmpty()) {
        error = "a CURVE runner needs the studio's key pair too (the studio key)";
        return false;
    }
    const auto own = transport::loadCurveKeyPair(directory, runner.clientKey.toStdString());
    if (!own) {
        error = "studio key: " + own.error;
        return false;
    }
    return client.setCurve(*own.keys, server.keys->publicKey, error);
}

RunnerState::Link linkOf(bool connected, bool everConnected, bool ended, bool refused, qint64 ageMs)
{
    // A runner that ended and closed its socket is "run ended", not a lost connection.
    if (ended)
        return RunnerState::Link::Ended;
    if (refused)
        return RunnerState::Link::Refused;
    if (!connected)
        return everConnected ? RunnerState::Link::Disconnected : RunnerState::Link::Connecting;
    if (ageMs < 0)
        return RunnerState::Link::Connecting;
    return ageMs > AttachedRun::kSilentAfterMs ? RunnerState::Link::Silent
                                               : RunnerState::Link::Connected;
}

} // namespace

QString RunnerState::linkName(Link link)
{
    switch (link) {
    case Link::Connecting: return AttachedRun::tr("connecting…");
    case Link::Connected: return AttachedRun::tr("connected");
    case Link::Silent: return AttachedRun::tr("silent");
    case Link::Disconnected: return AttachedRun::tr("disconnected");
    case Link::Refused: return AttachedRun::tr("refused: check the keys");
    case Link::Ended: return AttachedRun::tr("run ended");
    }
    return {};
}

QString RunnerState::linkText() const
{
    if (link == Link::Silent)
        return AttachedRun::tr("silent for %1 s").arg(std::max<qint64>(lastUpdateAgeMs, 0) / 1000);
    return linkName(link);
}

AttachedRun::AttachedRun(QObject *parent)
    : MetricsSource(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &AttachedRun::poll);
    m_clock.start();
}

AttachedRun::~AttachedRun() = default;

bool AttachedRun::attach(const std::vector<RunnerAddress> &runners, QString &error)
{
    if (isAttached()) {
        error = tr("Already attached: detach first");
        return false;
    }
    if (runners.empty()) {
        error = tr("No runner to attach to");
        return false;
    }
    std::vector<std::unique_ptr<Link>> links;
    QSet<QString> endpoints;
    for (const RunnerAddress &runner : runners) {
        const QString endpoint = runner.endpoint.trimmed();
        if (endpoints.contains(endpoint)) {
            error = tr("%1: the endpoint %2 is listed twice").arg(runner.name, endpoint);
            return false;
        }
        endpoints.insert(endpoint);
        auto link = connectRunner(runner, error);
        if (!link)
            return false;
        links.push_back(std::move(link));
    }
    m_links = std::move(links);
    m_runners.clear();
    for (const RunnerAddress &runner : runners) {
        RunnerState state;
        state.address = runner;
        state.address.endpoint = runner.endpoint.trimmed();
        m_runners.push_back(std::move(state));
    }
    m_answers.assign(m_runners.size(), {});
    m_merged = {};
    m_mergeError.clear();
    setState(State::Starting);
    emit runnersChanged();
    m_timer->start();
    poll();
    return true;
}

std::unique_ptr<AttachedRun::Link> AttachedRun::connectRunner(const RunnerAddress &runner,
                                                              QString &error)
{
    auto link = std::make_unique<Link>();
    std::string why;
    const bool ok = (runner.serverKey.isEmpty() || useCurve(link->client, runner, why))
                    && link->client.connect(runner.endpoint.trimmed().toStdString(), why);
    if (!ok) {
        error = tr("%1: %2").arg(runner.name, QString::fromStdString(why));
        return nullptr;
    }
    return link;
}

void AttachedRun::detach()
{
    if (!isAttached())
        return;
    m_timer->stop();
    poll(); // whatever arrived last
    // Closing a SUB socket ends its subscriptions; the runners only stop sending to us.
    m_links.clear();
    setState(State::Idle);
    emit runnersChanged();
}

qint64 AttachedRun::elapsed() const
{
    return static_cast<qint64>(m_merged.run.elapsedSeconds * 1000.0);
}

void AttachedRun::poll()
{
    bool anyFresh = false;
    for (std::size_t i = 0; i < m_links.size(); ++i) {
        Link &link = *m_links[i];
        const std::uint64_t before = m_runners[i].updates;
        const RunnerState::Link state = m_runners[i].link;
        pollRunner(i);
        link.fresh = link.fresh || m_runners[i].updates != before;
        anyFresh = anyFresh || link.fresh;
        if (m_runners[i].link != state)
            emit linkChanged(static_cast<int>(i), m_runners[i].link);
    }
    const qint64 now = m_clock.elapsed();
    forgetOldDetails(now);
    // One merged snapshot per snapshot of a reference runner (the first connected one): see
    // merge(). A merge is never held back longer than kMaxRoundMs.
    const std::optional<std::size_t> reference = referenceRunner();
    const bool due = reference ? m_links[*reference]->fresh : anyFresh;
    if (anyFresh && (due || now - m_lastMergeMs >= kMaxRoundMs || !m_timer->isActive())) {
        for (auto &link : m_links)
            link->fresh = false;
        m_lastMergeMs = now;
        merge(reference);
        updateState();
        emit snapshotTaken(m_merged);
    }
    emit runnersChanged();
}

std::optional<std::size_t> AttachedRun::referenceRunner() const
{
    for (std::size_t i = 0; i < m_runners.size(); ++i)
        if (m_runners[i].link == RunnerState::Link::Connected && m_runners[i].latest)
            return i;
    return std::nullopt;
}

void AttachedRun::pollRunner(std::size_t index)
{
    Link &link = *m_links[index];
    RunnerState &runner = m_runners[index];
    const std::uint64_t updatesBefore = runner.updates;
    std::vector<model::RunSnapshot> arrived;
    if (auto snapshot = link.client.poll(&arrived))
        runner.latest = std::move(snapshot);
    for (model::RunSnapshot &snapshot : arrived)
        link.history.push_back(std::move(snapshot));
    while (link.history.size() > kHistory)
        link.history.pop_front();
    for (const auto &[request, askedAt] : link.asked)
        if (const model::DetailAnswer *answer = link.client.detail(request))
            m_answers[index][request] = *answer;
    const transport::TelemetryStatus status = link.client.status();
    runner.updates = status.updates;
    runner.missed = status.missed;
    runner.malformed = status.malformed;
    runner.lastMalformed = QString::fromStdString(status.lastMalformed);
    runner.lastUpdateAgeMs = status.lastUpdateAge ? status.lastUpdateAge->count() : -1;
    if (status.connected && link.everConnected && !link.wasConnected)
        ++runner.reconnects;
    link.everConnected = link.everConnected || status.connected;
    link.wasConnected = status.connected;

    const bool ended = runner.latest
                       && (runner.latest->run.state == model::RunState::Stopped
                           || runner.latest->run.state == model::RunState::Failed);
    // Refused: handshakes failed since the last snapshot arrived (a key the runner does not
    // allow, a wrong pinned key, CURVE on one side only). ZeroMQ keeps trying, so a fixed runner
    // is seen again with its next snapshot.
    if (runner.updates != updatesBefore)
        link.failuresSeen = status.handshakeFailures;
    const bool refused = status.handshakeFailures > link.failuresSeen;
    runner.link
        = linkOf(status.connected, link.everConnected, ended, refused, runner.lastUpdateAgeMs);
    reportNewErrors(link, runner);
}

void AttachedRun::reportNewErrors(Link &link, const RunnerState &runner)
{
    if (!runner.latest)
        return;
    // A restarted runner starts a new error list: report its errors from the first.
    const auto &errors = runner.latest->run.errors;
    if (errors.size() < link.reportedErrors)
        link.reportedErrors = 0;
    for (; link.reportedErrors < errors.size(); ++link.reportedErrors) {
        const model::RunError &e = errors[link.reportedErrors];
        emit runError(tr("[%1] %2").arg(runner.address.name, QString::fromStdString(e.message)),
                      model::NodeId{e.node});
    }
}

const model::RunSnapshot *AttachedRun::snapshotNear(std::size_t runner, std::int64_t micros) const
{
    const auto &history = m_links[runner]->history;
    const model::RunSnapshot *nearest = nullptr;
    for (const model::RunSnapshot &s : history)
        if (!nearest
            || std::llabs(s.run.takenAtMicros - micros)
                   < std::llabs(nearest->run.takenAtMicros - micros))
            nearest = &s;
    return nearest ? nearest : &*m_runners[runner].latest;
}

std::vector<const model::RunSnapshot *>
AttachedRun::snapshotsToMerge(std::optional<std::size_t> reference) const
{
    // The monitor derives rates from consecutive merged snapshots, so each should show every
    // runner at (nearly) one instant. Runners' snapshots of one instant arrive in either order,
    // so the instant taken is the reference runner's previous snapshot: by now every runner's
    // snapshot around it has arrived, and the one nearest to it is taken (their clocks agree
    // to well under a period on one machine or with NTP). Taking whatever arrived last made
    // the rates of all but one runner jump by ±100 % whenever their phases crossed.
    const auto &refHistory = reference && *reference < m_links.size()
                                 ? m_links[*reference]->history
                                 : std::deque<model::RunSnapshot>{};
    const bool aligned = refHistory.size() >= 2;
    const std::int64_t instant = aligned ? refHistory[refHistory.size() - 2].run.takenAtMicros : 0;
    std::vector<const model::RunSnapshot *> chosen;
    for (std::size_t i = 0; i < m_runners.size(); ++i) {
        if (!m_runners[i].latest)
            continue;
        chosen.push_back(aligned && i < m_links.size() ? snapshotNear(i, instant)
                                                       : &*m_runners[i].latest);
    }
    return chosen;
}

void AttachedRun::merge(std::optional<std::size_t> reference)
{
    std::vector<model::RunReport> reports;
    model::RunInfo info;
    bool first = true;
    for (const model::RunSnapshot *snapshot : snapshotsToMerge(reference)) {
        const model::RunInfo &run = snapshot->run;
        reports.push_back(model::buildReport(*snapshot));
        info.flow = run.flow;
        info.startedAtMicros
            = first ? run.startedAtMicros : std::min(info.startedAtMicros, run.startedAtMicros);
        info.takenAtMicros = std::max(info.takenAtMicros, run.takenAtMicros);
        info.elapsedSeconds = std::max(info.elapsedSeconds, run.elapsedSeconds);
        first = false;
    }
    const model::ReportResult merged = model::mergeReports(reports);
    if (!merged) {
        const QString message = tr("The runners' numbers cannot be combined: %1")
                                    .arg(QString::fromStdString(merged.error));
        if (message != m_mergeError)
            emit runError(message, {});
        m_mergeError = message;
        return;
    }
    m_mergeError.clear();
    info.errors = merged.report->errors;
    info.state = m_merged.run.state;
    m_merged.run = std::move(info);
    m_merged.nodes = merged.report->nodes;
    m_merged.accounting = merged.report->accounting;
}

void AttachedRun::updateState()
{
    bool all = true;
    bool live = false;
    bool running = false;
    for (const RunnerState &runner : m_runners) {
        if (!runner.latest) {
            all = false;
            continue;
        }
        const model::RunState s = runner.latest->run.state;
        live = live || (s != model::RunState::Stopped && s != model::RunState::Failed);
        running = running || s == model::RunState::Running || s == model::RunState::Starting
                  || s == model::RunState::Stopping;
    }
    // The merged run state, as RunInfo says it: what most of the flow is doing.
    const State state = !live && all ? State::Finished
                        : running    ? State::Running
                        : live       ? State::Paused
                                     : State::Running; // the rest still to be heard from
    m_merged.run.state = state == State::Finished ? model::RunState::Stopped
                         : state == State::Paused ? model::RunState::Paused
                                                  : model::RunState::Running;
    setState(state);
}

void AttachedRun::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void AttachedRun::forgetOldDetails(qint64 now)
{
    for (std::size_t runner = 0; runner < m_links.size(); ++runner) {
        Link &link = *m_links[runner];
        for (auto it = link.asked.begin(); it != link.asked.end();) {
            if (now - it->second <= kForgetDetailsAfterMs) {
                ++it;
                continue;
            }
            link.client.unwatch(it->first);
            m_answers[runner].erase(it->first);
            it = link.asked.erase(it);
        }
    }
}

std::vector<std::size_t> AttachedRun::holdersOf(const std::string &node) const
{
    std::vector<std::size_t> placed;
    std::vector<std::size_t> present;
    for (std::size_t i = 0; i < m_runners.size(); ++i) {
        const auto &latest = m_runners[i].latest;
        const model::NodeSnapshot *found = latest ? latest->findNode(node) : nullptr;
        if (!found)
            continue;
        present.push_back(i);
        if (found->host == latest->run.host)
            placed.push_back(i);
    }
    return placed.empty() ? present : placed;
}

const model::DetailAnswer *AttachedRun::ask(std::size_t runner,
                                            const model::DetailRequest &request) const
{
    if (runner < m_links.size()) { // attached: keep (or start) the subscription
        Link &link = *m_links[runner];
        link.client.watch(request);
        link.asked[request] = m_clock.elapsed();
    }
    if (runner >= m_answers.size())
        return nullptr;
    const auto found = m_answers[runner].find(request);
    return found == m_answers[runner].end() ? nullptr : &found->second;
}

std::vector<model::RecentEvent> AttachedRun::recentEvents(const model::NodeId &node) const
{
    const model::DetailRequest request{model::DetailKind::RecentEvents, node.value};
    for (const std::size_t runner : holdersOf(node.value))
        if (const model::DetailAnswer *answer = ask(runner, request))
            return answer->recentEvents;
    return {};
}

std::vector<model::TraceHop> AttachedRun::trace(const std::string &correlationId) const
{
    // A correlation crosses hosts: every runner holds some of its hops. Their clocks are the
    // runners' own, so hops of different hosts are ordered only as well as those clocks agree.
    const model::DetailRequest request{model::DetailKind::Trace, correlationId};
    std::vector<model::TraceHop> hops;
    for (std::size_t runner = 0; runner < m_runners.size(); ++runner)
        if (const model::DetailAnswer *answer = ask(runner, request))
            hops.insert(hops.end(), answer->hops.begin(), answer->hops.end());
    std::stable_sort(hops.begin(), hops.end(),
                     [](const auto &a, const auto &b) { return a.timeMicros < b.timeMicros; });
    return hops;
}

std::vector<model::ProjectionRow> AttachedRun::projection(const model::NodeId &node) const
{
    const model::DetailRequest request{model::DetailKind::Projection, node.value};
    for (const std::size_t runner : holdersOf(node.value))
        if (const model::DetailAnswer *answer = ask(runner, request))
            return answer->rows;
    return {};
}

} // namespace evflow::ui::monitor
