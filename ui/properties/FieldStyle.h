#pragma once

#include <QString>

#include <string>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
class QWidget;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// Small helpers that give every editor of the property dock the same look: muted text for
/// values that come from a default, a red frame for input that is not a value, red inline
/// messages for refusals. All colours come from the palette or the theme so that they read on
/// light and dark palettes alike. GUI thread only.

inline QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}
inline std::string toStdString(const QString &text)
{
    return text.toStdString();
}

/// "maxMessageSize" -> "Max message size": row labels read as words; the key stays in the
/// tooltip.
QString humanizedName(const std::string &camelCase);

/// Italic and in the palette's placeholder colour when `muted` (a value that comes from a
/// default), the normal look otherwise.
void setMuted(QWidget *widget, bool muted);

/// A red frame around `widget` while its input is not a value.
void setInvalidFrame(QWidget *widget, bool invalid);

/// A word-wrapped label in the error colour, hidden while it holds no text (showMessage()).
QLabel *createMessageLabel(QWidget *parent);
/// Sets the text of a message label and shows it, or hides it for an empty text.
void showMessage(QLabel *label, const QString &message);

/// A word-wrapped, muted hint under a form (what a group is for, why it is read-only).
QLabel *createHintLabel(const QString &text, QWidget *parent);

/// Spin boxes and combo boxes in a scrolling form must not change when the wheel scrolls the
/// form past them: they only take wheel events once they have focus.
void ignoreWheelUnlessFocused(QWidget *widget);

/// Same form settings everywhere: labels right-aligned, fields growing, compact spacing.
void styleForm(QFormLayout *form);

} // namespace evflow::ui::properties
