#include "ui/properties/FieldStyle.h"

#include "ui/Theme.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QWidget>

namespace evflow::ui::properties {
namespace {

/// Lets wheel events through to a widget only while it has focus; otherwise the event goes to
/// the parent (the scroll area) so the form scrolls instead of the value changing.
class WheelGuard : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel) {
            auto *widget = qobject_cast<QWidget *>(watched);
            if (widget && !widget->hasFocus()) {
                event->ignore();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

QString humanizedName(const std::string &camelCase)
{
    if (camelCase == "hwm")
        return QStringLiteral("HWM"); // an acronym ZeroMQ users know, not a word
    QString out;
    for (const char c : camelCase) {
        const QChar ch = QLatin1Char(c);
        if (out.isEmpty())
            out += ch.toUpper();
        else if (ch.isUpper())
            out += QLatin1Char(' ') + ch.toLower();
        else
            out += ch;
    }
    return out;
}

void setMuted(QWidget *widget, bool muted)
{
    QFont font = widget->font();
    if (font.italic() != muted) {
        font.setItalic(muted);
        widget->setFont(font);
    }
    // Labels take the muted colour; editors keep theirs (their text stays readable) and show
    // the default in italics only.
    if (qobject_cast<QLabel *>(widget))
        widget->setForegroundRole(muted ? QPalette::PlaceholderText : QPalette::WindowText);
}

void setInvalidFrame(QWidget *widget, bool invalid)
{
    // A style sheet only while invalid, so the platform look stays for valid input.
    const QString sheet = invalid ? QStringLiteral("%1 { border: 1px solid %2; border-radius: 3px;"
                                                   " padding: 2px; }")
                                        .arg(QLatin1String(widget->metaObject()->className()),
                                             theme::errorColor().name())
                                  : QString();
    if (widget->styleSheet() != sheet)
        widget->setStyleSheet(sheet);
}

QLabel *createMessageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, theme::errorColor());
    label->setPalette(palette);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    label->hide();
    return label;
}

void showMessage(QLabel *label, const QString &message)
{
    if (label->text() != message)
        label->setText(message);
    label->setToolTip(message);
    label->setVisible(!message.isEmpty());
}

QLabel *createHintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

void ignoreWheelUnlessFocused(QWidget *widget)
{
    widget->setFocusPolicy(Qt::StrongFocus);
    widget->installEventFilter(new WheelGuard(widget));
}

void styleForm(QFormLayout *form)
{
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setHorizontalSpacing(8);
    form->setVerticalSpacing(6);
}

} // namespace evflow::ui::properties
