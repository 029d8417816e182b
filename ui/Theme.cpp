#include "ui/Theme.h"

#include <QCoreApplication>

namespace evflow::ui::theme {

QColor roleColor(model::NodeRole role)
{
    switch (role) {
    case model::NodeRole::Producer: return QColor(0x2E, 0x7D, 0x32);
    case model::NodeRole::Channel: return QColor(0x15, 0x65, 0xC0);
    case model::NodeRole::Consumer: return QColor(0xEF, 0x6C, 0x00);
    case model::NodeRole::Processor: return QColor(0x6A, 0x1B, 0x9A);
    }
    return QColor(Qt::gray);
}

QString rolePluralTitle(model::NodeRole role)
{
    switch (role) {
    case model::NodeRole::Producer: return QCoreApplication::translate("theme", "Producers");
    case model::NodeRole::Channel: return QCoreApplication::translate("theme", "Channels");
    case model::NodeRole::Consumer: return QCoreApplication::translate("theme", "Consumers");
    case model::NodeRole::Processor: return QCoreApplication::translate("theme", "Processors");
    }
    return {};
}

QColor processedColor()
{
    return QColor(0x1E, 0x88, 0xE5);
}
QColor duplicateColor()
{
    return QColor(0xFF, 0xB3, 0x00);
}
QColor outOfOrderColor()
{
    return QColor(0x00, 0x89, 0x7B);
}
QColor lateColor()
{
    return QColor(0x8E, 0x24, 0xAA);
}
QColor gapColor()
{
    return QColor(0xE5, 0x39, 0x35);
}
QColor malformedColor()
{
    return QColor(0x75, 0x75, 0x75);
}
QColor filteredColor()
{
    return QColor(0xBD, 0xBD, 0xBD);
}
QColor errorColor()
{
    return gapColor();
}
QColor warningColor()
{
    return duplicateColor();
}

} // namespace evflow::ui::theme
