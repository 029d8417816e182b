#include "model/ThresholdAlert.h"

#include "model/NodeCatalog.h"

namespace evflow::model {

ThresholdAlertConfig ThresholdAlertConfig::fromNode(const Node &node)
{
    ThresholdAlertConfig c;
    c.field = catalog::stringProperty(node, "field");
    c.bound = catalog::doubleProperty(node, "bound");
    c.above = catalog::stringProperty(node, "direction", "above") != "below";
    c.hysteresis = catalog::doubleProperty(node, "hysteresis");
    c.alertType = catalog::stringProperty(node, "alertType");
    return c;
}

ThresholdAlert::ThresholdAlert(ThresholdAlertConfig config)
    : m_config(std::move(config))
{
    if (m_config.hysteresis < 0)
        m_config.hysteresis = 0;
}

bool ThresholdAlert::evaluate(const Event &in, Event &alert)
{
    double value = 0;
    if (!in.numberField(m_config.field, value)) {
        ++m_withoutValue;
        return false;
    }
    bool &fired = disarmedFlag(in.source);
    const double bound = m_config.bound;
    if (fired) {
        const bool rearm = m_config.above ? value <= bound - m_config.hysteresis
                                          : value >= bound + m_config.hysteresis;
        if (rearm)
            fired = false;
        return false;
    }
    const bool crossed = m_config.above ? value > bound : value < bound;
    if (!crossed)
        return false;
    fired = true;
    ++m_alerts;
    fillAlert(in, alert);
    return true;
}

bool ThresholdAlert::armed(std::string_view source) const
{
    const auto found = m_fired.find(source);
    return found == m_fired.end() || !found->second;
}

bool &ThresholdAlert::disarmedFlag(std::string_view source)
{
    auto found = m_fired.find(source);
    if (found == m_fired.end())
        found = m_fired.emplace(std::string(source), false).first;
    return found->second;
}

void ThresholdAlert::fillAlert(const Event &in, Event &alert) const
{
    alert.type.assign(m_config.alertType);
    alert.specversion.assign("1.0");
    alert.time = in.time;
    alert.subject.assign(in.subject);
    alert.datacontenttype.assign("application/json");
    alert.dataschema.clear();
    alert.data = in.data;
    alert.setField("bound", m_config.bound);
    alert.correlationid.assign(in.correlationid.empty() ? in.id : in.correlationid);
    alert.causationid.assign(in.id);
}

} // namespace evflow::model
