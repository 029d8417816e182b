#include "ui/AppTheme.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("evflow-studio"));
    QApplication::setOrganizationName(QStringLiteral("evflow"));
    QApplication::setApplicationDisplayName(QStringLiteral("evflow studio"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Design, run and watch event flows."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FLOW"), QStringLiteral("Flow file to open"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("Colour theme for this session: system, light "
                                                  "or dark (default: the one chosen in View ▸ "
                                                  "Theme)."),
                                   QStringLiteral("THEME"));
    parser.addOption(theme);
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Start the flow as soon as it is opened (when it "
                                                "has no errors)."));
    parser.addOption(run);
    parser.process(app);

    const QString themeName = parser.isSet(theme)
                                  ? parser.value(theme)
                                  : QSettings().value(QStringLiteral("theme")).toString();
    evflow::ui::applyAppTheme(evflow::ui::appThemeFromName(themeName));

    evflow::ui::MainWindow window;
    window.show();
    if (parser.positionalArguments().isEmpty())
        window.offerStartupRecovery();
    else if (window.openFlow(parser.positionalArguments().constFirst()) && parser.isSet(run))
        window.startRun(); // refused (and said so in the Log) when the flow has errors
    return QApplication::exec();
}
