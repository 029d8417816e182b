#pragma once

#include "model/TelemetryDetails.h"
#include "ui/monitor/MetricsSource.h"

#include <QElapsedTimer>

#include <map>
#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace evflow::transport {
class TelemetryClient;
}

namespace evflow::ui::monitor {

/// One runner to attach to: a name for people (the flow's host name, or what the user typed)
/// and the telemetry endpoint of its `evflow run --telemetry`. For CURVE telemetry
/// (`--telemetry-key`), the names of the runner's public key (pinned) and of the key pair the
/// studio presents, both in the key store (docs/SECURITY.md); empty for plain text.
struct RunnerAddress
{
    QString name;
    QString endpoint;
    QString serverKey;
    QString clientKey;

    bool operator==(const RunnerAddress &) const = default;
};

/// How the link to one runner stands, for the Runners panel.
struct RunnerState
{
    enum class Link {
        Connecting,   ///< never reached yet
        Connected,    ///< connected and its snapshots arrive
        Silent,       ///< connected but no snapshot for kSilentAfterMs (paused? overloaded?)
        Disconnected, ///< was reached, the connection is down now (ZeroMQ keeps retrying)
        Refused,      ///< handshakes fail: a key refused either way, or CURVE on one side only
        Ended,        ///< its last snapshot says the run stopped or failed
    };

    RunnerAddress address;
    Link link = Link::Connecting;
    std::optional<model::RunSnapshot> latest; ///< the newest snapshot it sent
    std::uint64_t updates = 0;                ///< snapshots received
    std::uint64_t missed = 0;                 ///< snapshots it sent that never arrived
    std::uint64_t malformed = 0;              ///< messages dropped as unreadable
    QString lastMalformed;                    ///< why the newest of them was dropped
    std::uint64_t reconnects = 0;             ///< times the link came back after a loss
    qint64 lastUpdateAgeMs = -1;              ///< since the newest snapshot; -1 before one

    /// "connecting…", "connected", "silent", "disconnected", "refused: check the keys",
    /// "run ended".
    static QString linkName(Link link);
    /// linkName(), with how long for a silent runner: "silent for 3 s".
    QString linkText() const;
};

/// The monitor's MetricsSource for runs on other machines (or other processes): it attaches to
/// the telemetry of one or more `evflow run --telemetry` runners, polls them on a timer (never
/// blocking: TelemetryClient::poll()), and merges their snapshots into one flow-wide snapshot
/// with model::mergeReports(), the same merge as `evflow report merge`, so that the charts,
/// badges and accounting see the whole flow. Recent events, traces and projection rows are
/// telemetry details (docs/TELEMETRY.md): asking for one subscribes to it at the runner that
/// holds the node (all runners for a trace) and returns the newest answer at hand; details not
/// asked for during kForgetDetailsAfterMs are unsubscribed.
///
/// Detaching closes the connections only: the runners keep running. The last merged snapshot
/// and details stay readable until the next attach. GUI thread only.
class AttachedRun : public MetricsSource
{
    Q_OBJECT
public:
    static constexpr int kPollIntervalMs = 100;
    /// A connected runner whose snapshots stop for this long is shown as silent.
    static constexpr qint64 kSilentAfterMs = 2000;
    static constexpr qint64 kForgetDetailsAfterMs = 3000;
    /// A merged snapshot waits for the reference runner's next one at most this long.
    static constexpr qint64 kMaxRoundMs = 300;
    /// Snapshots kept per runner to find those of one instant.
    static constexpr std::size_t kHistory = 8;

    explicit AttachedRun(QObject *parent = nullptr);
    ~AttachedRun() override;

    /// Connects to every runner (ZeroMQ connects in the background: an unreachable runner shows
    /// as connecting until it answers), with CURVE where a runner names a server key, the keys
    /// read from the key store (transport::curveKeysDirectory()). Refused with a message, and
    /// nothing attached, when the list is empty, an endpoint is invalid or appears twice, a key
    /// does not load, or a run is attached already.
    bool attach(const std::vector<RunnerAddress> &runners, QString &error);
    /// Closes the connections; the runners go on. State becomes Idle. Nothing when not attached.
    void detach();
    bool isAttached() const { return !m_links.empty(); }
    /// Each runner's link, in the order attached (the last attach's after a detach).
    const std::vector<RunnerState> &runners() const { return m_runners; }

    State state() const override { return m_state; }
    qint64 elapsed() const override;
    const model::RunSnapshot &lastSnapshot() const override { return m_merged; }
    bool hasRun() const override { return !m_runners.empty(); }
    std::vector<model::RecentEvent> recentEvents(const model::NodeId &node) const override;
    std::vector<model::TraceHop> trace(const std::string &correlationId) const override;
    std::vector<model::ProjectionRow> projection(const model::NodeId &node) const override;

signals:
    /// A runner's link or counters changed (after each poll that received something, and on
    /// every change of link).
    void runnersChanged();
    /// A runner's link changed: `runner` is its index in runners().
    void linkChanged(int runner, evflow::ui::monitor::RunnerState::Link link);

private:
    struct Link;

    /// A link to `runner`, connecting (with its CURVE keys), or null with the reason in `error`.
    std::unique_ptr<Link> connectRunner(const RunnerAddress &runner, QString &error);
    void poll();
    void pollRunner(std::size_t index);
    void reportNewErrors(Link &link, const RunnerState &runner);
    void merge(std::optional<std::size_t> reference);
    std::optional<std::size_t> referenceRunner() const;
    /// Per runner with a snapshot, the one to merge now (see the .cpp).
    std::vector<const model::RunSnapshot *>
    snapshotsToMerge(std::optional<std::size_t> reference) const;
    /// `runner`'s received snapshot nearest to `micros` (its clock); its latest without history.
    const model::RunSnapshot *snapshotNear(std::size_t runner, std::int64_t micros) const;
    void updateState();
    void setState(State state);
    void forgetOldDetails(qint64 now);
    /// The runners that hold `node` (where its recent events and rows live).
    std::vector<std::size_t> holdersOf(const std::string &node) const;
    /// Subscribes to `request` at `runner` and returns its newest answer, or nullptr.
    const model::DetailAnswer *ask(std::size_t runner, const model::DetailRequest &request) const;

    std::vector<std::unique_ptr<Link>> m_links; ///< empty when detached
    std::vector<RunnerState> m_runners;
    /// Per runner, the newest answer to each detail asked for; kept after a detach.
    std::vector<std::map<model::DetailRequest, model::DetailAnswer>> m_answers;
    model::RunSnapshot m_merged;
    State m_state = State::Idle;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock; ///< for link ages and the details' last use
    QString m_mergeError;  ///< the last merge failure reported, so each is said once
    qint64 m_lastMergeMs = 0;
};

} // namespace evflow::ui::monitor
