#pragma once

#include "model/Event.h"
#include "model/FieldGenerator.h"
#include "model/Flow.h"
#include "model/StreamEnd.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// Produces the events of one generator node (PRODUCT.md §1, "Producer"): pure and
/// deterministic, the caller passes the time in and sends the events.
///
/// Every event gets
/// - id "<node>-<epoch hex>-<n>" (n counts from 0 over all types): unique across restarts
///   because each restart has a new epoch;
/// - source: the node's `source` property, or "evflow:/<flow name>/<node>" (nodeSource());
/// - type: the node's `eventTypes` in turn (round robin);
/// - time = now, the given epoch, and a sequence number per event type from 0: sequence streams
///   are per (source, type, epoch), so a consumer subscribed to some types sees no false gaps;
/// - correlationid "<node>-<epoch hex>-c<k>", shared by `correlationGroup` consecutive events;
/// - data: every field declared by the type, in declaration order, filled by its generator from
///   the `fields` property, or else by a default (string "", int 0, double 0.0, bool false,
///   timestamp = now in RFC 3339, enum = its first value). `sequence` gives 1, 2, 3, ... per
///   event type (the type's sequence number + 1); uniform(a,b) gives integers in
///   [ceil(a), floor(b)] to int fields and doubles in [a, b) to double fields; normal(mean,sd) is
///   rounded to the nearest integer for int fields; string(n) gives n letters a-z; choice and
///   const values are converted to the field's type.
///
/// Randomness: one std::mt19937_64 seeded with the node's `seed` (or the run's seed override,
/// which replaces it), drawn field by field in a fixed order with evflow's own distribution
/// arithmetic (not <random>'s distributions, whose algorithms differ between standard
/// libraries): equal seeds give identical events on every platform.
///
/// Pacing: burst k (0-based) is due at start + floor(k * burstSize * 10^6 / rate) microseconds,
/// computed from the start time and the count each time, so no drift accumulates. rate 0 means
/// as fast as possible (always due).
///
/// Allocation: next(nowMicros) fills a per-type Event kept inside the generator and reuses its
/// strings, so once each type has been emitted once (and strings reached their longest) it does
/// not allocate. Not thread-safe: one worker thread owns a generator.
class EventGenerator
{
public:
    /// Builds the generator of `node` (a generator node of `flow`). `epoch` distinguishes this
    /// run of the producer from earlier ones. `seedOverride`, when set, replaces the node's seed.
    /// Configuration errors (no or undeclared event types, bad field generators) are reported by
    /// error(); the offending part is skipped (a bad field generator falls back to the default).
    EventGenerator(const Node &node, const Flow &flow, std::uint32_t epoch,
                   std::optional<std::uint64_t> seedOverride = std::nullopt);

    /// "" when the node is fully usable, else the first configuration problem found.
    const std::string &error() const { return m_error; }

    /// The next event, stamped at `nowMicros`. The reference stays valid until the next call.
    /// Precondition: at least one declared event type (else an empty Event is returned).
    const Event &next(std::int64_t nowMicros);
    /// Same, copied into `out` (reusing its capacity when it held an event of the same shape).
    void next(Event &out, std::int64_t nowMicros);

    /// Events produced so far.
    std::uint64_t emitted() const { return m_emitted; }
    /// True once `count` events have been produced (never when count is 0 = unlimited).
    bool finished() const { return m_count > 0 && m_emitted >= m_count; }

    /// (Re)starts the pacing clock at `startMicros`: the next burst is due then. Call at start
    /// and on resume after a pause (the events emitted so far are not paced again).
    void startPacing(std::int64_t startMicros);
    /// When the next burst is due (microseconds, same clock as startPacing()).
    std::int64_t nextDueMicros() const;

    double rate() const { return m_rate; }
    std::uint64_t burstSize() const { return m_burstSize; }
    std::uint64_t count() const { return m_count; }
    std::uint64_t seed() const { return m_seed; }
    const std::string &source() const { return m_source; }
    std::uint32_t epoch() const { return m_epoch; }
    /// How far each event type's sequence stream has been numbered so far (port "out").
    StreamEnds streamEnds() const;

private:
    struct FieldPlan
    {
        std::string name;
        FieldType type = FieldType::String;
        std::optional<FieldGenerator> generator;
        FieldValue fixed;                ///< const value, or the default by type
        std::vector<FieldValue> choices; ///< choice values converted to the field type
    };
    struct TypePlan
    {
        std::vector<FieldPlan> fields;
        std::uint64_t sequence = 0; ///< next sequence number of this type
        Event event;                ///< reused for every event of this type
    };

    void planTypes(const Node &node, const Flow &flow);
    FieldPlan planField(const FieldSpec &spec, const StringMap &expressions);
    void fillField(const FieldPlan &plan, FieldValue &value, std::uint64_t sequence,
                   std::int64_t nowMicros);
    void fillRandom(const FieldPlan &plan, FieldValue &value);
    void fillNumber(const FieldPlan &plan, FieldValue &value, double x);
    void setError(std::string message);

    std::string m_source;
    std::string m_idPrefix; ///< "<node>-<epoch hex>-"
    std::uint32_t m_epoch;
    std::uint64_t m_seed = 1;
    std::uint64_t m_correlationGroup = 1;
    std::vector<TypePlan> m_types;
    std::mt19937_64 m_rng;
    std::uint64_t m_emitted = 0;
    std::string m_error;
    double m_rate = 0;
    std::uint64_t m_burstSize = 1;
    std::uint64_t m_count = 0;
    std::int64_t m_paceStart = 0;
    std::uint64_t m_paceBase = 0;
};

namespace detail {

/// Length of an RFC 3339 time as formatRfc3339() writes it: "2024-02-29T13:45:07.000250Z".
inline constexpr std::size_t kRfc3339Length = 27;

/// formatRfc3339() into a caller buffer, without allocating; same clamping, same text.
void formatRfc3339Into(char (&out)[kRfc3339Length], std::int64_t micros);

/// A double uniformly distributed in [0, 1) from the top 53 bits of one draw.
double uniform01(std::mt19937_64 &rng);
/// An integer uniformly distributed in [lo, hi] (lo <= hi), by rejection (no modulo bias).
std::int64_t uniformInt(std::mt19937_64 &rng, std::int64_t lo, std::int64_t hi);
/// A standard normal deviate (Box-Muller, one per two draws).
double standardNormal(std::mt19937_64 &rng);

} // namespace detail

} // namespace evflow::model
