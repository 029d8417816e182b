#pragma once

#include <QString>

namespace evflow::ui {

/// The studio's colour scheme: the system's, or a light or dark Fusion palette chosen in
/// View ▸ Theme (for desktops without a dark theme of their own, and for screenshots). Every
/// widget and canvas item draws from the application palette, so a switch repaints everything.
enum class AppTheme { System, Light, Dark };

/// Applies the theme to the whole application.
void applyAppTheme(AppTheme theme);
/// "system", "light", "dark" (as stored in the settings and given to --theme).
QString appThemeName(AppTheme theme);
/// The theme with that name; System for anything unknown.
AppTheme appThemeFromName(const QString &name);

} // namespace evflow::ui
