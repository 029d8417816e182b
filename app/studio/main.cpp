#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("evflow-studio"));
    QApplication::setOrganizationName(QStringLiteral("evflow"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Design, run and watch event flows."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FLOW"), QStringLiteral("Flow file to open"));
    parser.process(app);

    evflow::ui::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.openFlow(parser.positionalArguments().constFirst());
    window.show();
    return QApplication::exec();
}
