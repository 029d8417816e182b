#include "ui/monitor/ClassChipDelegate.h"

#include "model/RecentEvents.h"
#include "ui/Theme.h"
#include "ui/monitor/RecentEventsModel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace evflow::ui::monitor {

using model::EventClass;

void ClassChipDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    const QString text = base.text;
    base.text.clear(); // the background and selection only; the chip carries the text
    const QStyle *style = base.widget ? base.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, base.widget);

    const auto c
        = static_cast<EventClass>(index.data(RecentEventsModel::ClassificationRole).toInt());
    const QColor fill = classificationColor(c);
    const QFontMetrics metrics(option.font);
    const int h = metrics.height() + 2;
    QRect chip(0, 0, metrics.horizontalAdvance(text) + 14, h);
    chip.moveCenter(option.rect.center());
    chip.moveLeft(option.rect.left() + 4);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(chip, h / 2.0, h / 2.0);
    painter->setPen(chipTextColor(fill));
    painter->drawText(chip, Qt::AlignCenter, text);
    painter->restore();
}

QIcon chipIcon(const QColor &color)
{
    QPixmap pixmap(QSize(24, 24));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawEllipse(QRectF(4, 4, 16, 16));
    return QIcon(pixmap);
}

} // namespace evflow::ui::monitor
