#pragma once

// Pictures of widgets from tests, to look at: written only when $EVFLOW_SCREENSHOT_DIR is set.

#include "ui/AppTheme.h"

#include <QCoreApplication>
#include <QWidget>

namespace evflow::ui::testing {

/// Saves `widget` as NAME.png (light) and NAME-dark.png (dark) into $EVFLOW_SCREENSHOT_DIR, when
/// set; then the theme goes back to the system's.
inline void saveShot(QWidget &widget, const char *name)
{
    const QString dir = qEnvironmentVariable("EVFLOW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    const QString base = dir + QLatin1Char('/') + QLatin1String(name);
    applyAppTheme(AppTheme::Light);
    QCoreApplication::processEvents(); // the palette change reaches the widgets as events
    widget.grab().save(base + QStringLiteral(".png"));
    applyAppTheme(AppTheme::Dark);
    QCoreApplication::processEvents();
    widget.grab().save(base + QStringLiteral("-dark.png"));
    applyAppTheme(AppTheme::System);
    QCoreApplication::processEvents();
}

} // namespace evflow::ui::testing
