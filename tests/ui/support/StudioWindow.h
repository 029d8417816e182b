#pragma once

// A whole studio window for tests: scripted dialogs, a temporary settings file, shown and active.

#include "ScriptedDialogs.h"
#include "ui/MainWindow.h"
#include "ui/monitor/RunControls.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace evflow::ui::testing {

/// A MainWindow on ScriptedDialogs (unsaved changes are discarded unless a test says otherwise)
/// and its own settings file, shown at 1200×800 and active.
struct StudioWindow
{
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat};
    ScriptedDialogs dialogs;
    std::unique_ptr<MainWindow> window;

    StudioWindow()
    {
        dialogs.unsavedAnswer = FileDialogs::UnsavedAnswer::Discard;
        window = std::make_unique<MainWindow>(&dialogs, &settings);
        window->resize(1200, 800);
        window->show();
        window->activateWindow();
        [this] { QVERIFY(QTest::qWaitForWindowActive(window.get())); }();
    }
    monitor::RunController *controller() const { return window->runControls()->controller(); }
};

} // namespace evflow::ui::testing
