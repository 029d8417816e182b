#pragma once

#include "model/Event.h"
#include "model/Flow.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace evflow::model {

/// The settings of a threshold-alert node.
struct ThresholdAlertConfig
{
    std::string field;     ///< numeric field watched (int or double)
    double bound = 0;      ///< the threshold
    bool above = true;     ///< direction: alert when the value goes above (else below) it
    double hysteresis = 0; ///< how far back past the bound the value must go to re-arm
    std::string alertType; ///< event type of the alerts

    /// From the node's properties (field, bound, direction, hysteresis, alertType).
    static ThresholdAlertConfig fromNode(const Node &node);
};

/// Raises an alert event when a field crosses a bound (PRODUCT.md §1), with hysteresis, keeping
/// one state per event source (each sensor has its own).
///
/// Direction above: while armed, a value > bound fires and disarms; a value <= bound -
/// hysteresis re-arms. Below: a value < bound fires; a value >= bound + hysteresis re-arms.
/// A source starts armed, so its first value beyond the bound fires. Events without a numeric
/// `field` change nothing (counted in withoutValue()).
///
/// The alert: type = alertType, time = the input's time (when the crossing happened), subject
/// kept, data = all of the input's fields plus "bound" (double), correlationid = the input's
/// correlationid or its id when it has none, causationid = the input's id. The caller gives it
/// its id, source, epoch and sequence with Emitter::stampNew(alert, "out", input) (which sets
/// the same correlation and causation).
///
/// Memory: one small entry per source seen. Not thread-safe: one worker.
class ThresholdAlert
{
public:
    explicit ThresholdAlert(ThresholdAlertConfig config);

    /// Evaluates `in`; when it fires, fills `alert` (reusing its capacity) and returns true.
    bool evaluate(const Event &in, Event &alert);

    /// Whether `source` is armed (true for a source never seen).
    bool armed(std::string_view source) const;
    std::uint64_t alerts() const { return m_alerts; }
    std::uint64_t withoutValue() const { return m_withoutValue; }
    const ThresholdAlertConfig &config() const { return m_config; }

private:
    struct NameHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const
        {
            return std::hash<std::string_view>{}(s);
        }
    };

    bool &disarmedFlag(std::string_view source);
    void fillAlert(const Event &in, Event &alert) const;

    ThresholdAlertConfig m_config;
    /// Per source: true while fired (disarmed).
    std::unordered_map<std::string, bool, NameHash, std::equal_to<>> m_fired;
    std::uint64_t m_alerts = 0;
    std::uint64_t m_withoutValue = 0;
};

} // namespace evflow::model
