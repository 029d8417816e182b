#include "ui/canvas/NodeText.h"

#include "model/NodeCatalog.h"

#include <QCoreApplication>
#include <QLocale>

namespace evflow::ui::canvas {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NodeText", text);
}

QString str(const model::Node &node, const char *name)
{
    return QString::fromStdString(model::catalog::stringProperty(node, name));
}

QString joined(const model::StringList &items)
{
    QStringList out;
    for (const auto &item : items)
        out << QString::fromStdString(item);
    return out.join(QStringLiteral(", "));
}

QString rateText(double rate)
{
    if (rate <= 0)
        return tr("max rate");
    if (rate >= 10000)
        return tr("%1k ev/s").arg(QLocale().toString(rate / 1000, 'g', 3));
    return tr("%1 ev/s").arg(QLocale().toString(rate, 'g', 6));
}

QString orUnset(const QString &text)
{
    return text.isEmpty() ? tr("(not set)") : text;
}

QStringList producerLines(const model::Node &node)
{
    using namespace model::catalog;
    switch (node.kind) {
    case model::NodeKind::Generator:
        return {rateText(doubleProperty(node, "rate")),
                orUnset(joined(stringListProperty(node, "eventTypes")))};
    case model::NodeKind::Replay:
        return {orUnset(str(node, "path")),
                tr("speed ×%1").arg(QLocale().toString(doubleProperty(node, "speed"), 'g', 4))};
    default: return {orUnset(str(node, "endpoint")), str(node, "socket").toUpper()};
    }
}

QStringList channelLines(const model::Node &node)
{
    const auto hwmValue = model::catalog::intProperty(node, "hwm");
    const QString hwm = tr("hwm %1").arg(hwmValue >= 10000 && hwmValue % 1000 == 0
                                             ? QStringLiteral("%1k").arg(hwmValue / 1000)
                                             : QString::number(hwmValue));
    if (node.kind == model::NodeKind::Broker)
        return {orUnset(str(node, "endpoint")) + QStringLiteral(" →"),
                orUnset(str(node, "backendEndpoint")) + QStringLiteral(" · ") + hwm};
    // The default (the producer binds) goes without saying; the other side is worth a word.
    const bool consumerBinds = str(node, "bindSide") == QLatin1String("consumer");
    return {orUnset(str(node, "endpoint")), consumerBinds ? hwm + tr(" · consumer binds") : hwm};
}

QStringList consumerOrProcessorLines(const model::Node &node)
{
    using namespace model::catalog;
    switch (node.kind) {
    case model::NodeKind::Counter: return {tr("counts per type")};
    case model::NodeKind::Log:
    case model::NodeKind::EventStore: return {orUnset(str(node, "path"))};
    case model::NodeKind::Projection:
        return {tr("%1 by %2").arg(str(node, "aggregate"), orUnset(str(node, "groupBy")))};
    case model::NodeKind::ThresholdAlert:
        return {tr("%1 %2 %3")
                    .arg(orUnset(str(node, "field")),
                         str(node, "direction") == QLatin1String("below") ? "<" : ">",
                         QLocale().toString(doubleProperty(node, "bound"), 'g', 6)),
                QStringLiteral("→ ") + orUnset(str(node, "alertType"))};
    case model::NodeKind::Filter:
        return {str(node, "field").isEmpty()
                    ? tr("types: %1").arg(joined(stringListProperty(node, "eventTypes")))
                    : tr("%1 %2 %3").arg(str(node, "field"), str(node, "op"), str(node, "value"))};
    case model::NodeKind::Map:
        return {tr("set %1 · rename %2 · drop %3")
                    .arg(stringMapProperty(node, "set").size())
                    .arg(stringMapProperty(node, "rename").size())
                    .arg(stringListProperty(node, "drop").size())};
    case model::NodeKind::Router: {
        // Spelled out: without a translation loaded, Qt leaves "%n route(s)" as it is.
        const auto routes = int(stringMapProperty(node, "routes").size());
        const QString by = str(node, "by");
        return {routes == 1 ? tr("by %1 · 1 route").arg(by)
                            : tr("by %1 · %2 routes").arg(by).arg(routes)};
    }
    default: return {};
    }
}

} // namespace

QStringList keyPropertyLines(const model::Node &node)
{
    switch (model::catalog::role(node.kind)) {
    case model::NodeRole::Producer: return producerLines(node);
    case model::NodeRole::Channel: return channelLines(node);
    default: return consumerOrProcessorLines(node);
    }
}

QString nodeCaption(const model::Node &node)
{
    return QString::fromStdString(node.label.empty() ? node.id.value : node.label);
}

} // namespace evflow::ui::canvas
