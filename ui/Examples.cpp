#include "ui/Examples.h"

#include "model/FlowFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace evflow::ui {
namespace {

QString titleOf(const model::Flow &flow, const QString &resourcePath)
{
    QString title = QString::fromStdString(flow.name);
    if (title.isEmpty())
        title = QFileInfo(resourcePath).fileName().section(QLatin1Char('.'), 0, 0);
    if (!title.isEmpty())
        title[0] = title[0].toUpper();
    return title;
}

} // namespace

QString examplesResourceDirectory()
{
    return QStringLiteral(":/examples");
}

std::vector<Example> shippedExamples()
{
    std::vector<Example> examples;
    const QDir dir(examplesResourceDirectory(), QStringLiteral("*.json"), QDir::Name, QDir::Files);
    for (const QString &name : dir.entryList()) {
        const QString path = dir.filePath(name);
        const std::optional<model::Flow> flow = loadExample(path);
        if (!flow)
            continue;
        examples.push_back({titleOf(*flow, path), QString::fromStdString(flow->description), path});
    }
    std::sort(examples.begin(), examples.end(),
              [](const Example &a, const Example &b) { return a.title < b.title; });
    return examples;
}

std::optional<model::Flow> loadExample(const QString &resourcePath, QString *error)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("evflow::ui::Examples",
                                                 "%1:1:1: error: cannot read the example: %2")
                         .arg(resourcePath, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    model::LoadResult loaded = model::parseFlow(std::string_view(bytes.constData(), bytes.size()));
    if (!loaded.flow && error) {
        model::Problem first;
        first.message = "cannot read the example";
        if (!loaded.problems.empty())
            first = loaded.problems.front();
        *error = QString::fromStdString(model::formatProblem(resourcePath.toStdString(), first));
    }
    return std::move(loaded.flow);
}

} // namespace evflow::ui
