#include "ui/InteropActions.h"
#include "ui/DocumentFile.h"

#include "model/AsyncApiExport.h"
#include "model/AsyncApiImport.h"
#include "model/Endpoint.h"
#include "model/YamlReader.h"
#include "ui/FileActions.h"
#include "ui/FileDialogs.h"
#include "ui/FlowDocument.h"
#include "ui/WatchEndpointDialog.h"
#include "ui/monitor/RunControls.h"
#include "ui/monitor/RunLog.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace evflow::ui {

InteropActions::InteropActions(FlowDocument *document, FileActions *files,
                               monitor::RunControls *run, monitor::RunLog *log, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_files(files)
    , m_run(run)
    , m_log(log)
    , m_window(window)
    , m_exportAsyncApi(new QAction(tr("&AsyncAPI Document…"), this))
    , m_importAsyncApi(new QAction(tr("&Import AsyncAPI…"), this))
    , m_watch(new QAction(tr("&Watch Endpoint…"), this))
{
    m_exportAsyncApi->setToolTip(tr("Describe the flow as an AsyncAPI 3.0 document"));
    m_importAsyncApi->setToolTip(tr("Make a flow from an AsyncAPI 2.x or 3.0 document"));
    m_watch->setToolTip(tr("Watch a ZeroMQ endpoint that publishes CloudEvents JSON"));
    connect(m_exportAsyncApi, &QAction::triggered, this, &InteropActions::onExportAsyncApi);
    connect(m_importAsyncApi, &QAction::triggered, this, &InteropActions::onImportAsyncApi);
    connect(m_watch, &QAction::triggered, this, &InteropActions::onWatchEndpoint);
}

bool InteropActions::exportAsyncApi(const QString &path, QString *error) const
{
    const bool yaml = path.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive)
                      || path.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive);
    const model::Flow &flow = m_document->flow();
    const std::string text = yaml ? model::toAsyncApiYaml(flow) : model::toAsyncApiJson(flow);
    const FileResult written
        = DocumentFile::writeAtomically(path, QByteArray(text.data(), qsizetype(text.size())));
    if (!written && error)
        *error = written.message;
    return bool(written);
}

bool InteropActions::importAsyncApi(const QString &path)
{
    QFile file(path);
    QString problem;
    model::AsyncApiImport imported;
    if (file.size() > qint64(model::kMaxYamlBytes))
        problem = tr("%1 is larger than 16 MiB").arg(path);
    else if (!file.open(QIODevice::ReadOnly))
        problem = tr("Cannot read %1: %2").arg(path, file.errorString());
    else if (imported = model::importAsyncApiText(file.readAll().toStdString()); !imported.flow)
        problem = tr("%1: %2").arg(path, QString::fromStdString(imported.error));
    if (!problem.isEmpty()) {
        m_files->dialogs()->showError(m_window, tr("Import AsyncAPI"), problem);
        return false;
    }
    if (!m_files->maybeSave())
        return false;
    const QString name = QFileInfo(path).fileName();
    for (const model::ImportWarning &w : imported.warnings)
        m_log->addLine(
            tr("⚠ %1: %2 (at %3)")
                .arg(name, QString::fromStdString(w.message), QString::fromStdString(w.pointer)));
    m_document->resetFlow(std::move(*imported.flow), {}, true); // unsaved: it came from elsewhere
    emit statusMessage(
        tr("Imported %1: %2 warning(s), see the Log").arg(name).arg(imported.warnings.size()));
    return true;
}

model::Flow InteropActions::tapFlow(const std::string &endpoint, const std::string &socket,
                                    const std::string &prefix)
{
    model::Node source;
    source.id = {"tap"};
    source.kind = model::NodeKind::ZmqSource;
    source.label = endpoint;
    source.properties = {{"endpoint", endpoint}, {"socket", socket}, {"subscribe", prefix}};
    model::Node bus;
    bus.id = {"stream"};
    bus.kind = model::NodeKind::PubSub;
    bus.properties = {{"endpoint", std::string("inproc://evflow-watch")}};
    model::Node counter;
    counter.id = {"events"};
    counter.kind = model::NodeKind::Counter;
    // A foreign stream's types are not declared here: check nothing against a schema, but keep
    // duplicate, order and lateness accounting, which is what the tap is for.
    counter.delivery = model::DeliverySettings{};
    counter.delivery->validateSchema = false;
    model::Flow flow;
    flow.name = "watch " + endpoint;
    flow.description = "A live tap on " + endpoint + " (Run ▸ Watch Endpoint)";
    flow.nodes = {source, bus, counter};
    flow.links = {{{{"tap"}, "out"}, {{"stream"}, "in"}, {}, {}},
                  {{{"stream"}, "out"}, {{"events"}, "in"}, {}, {}}};
    flow.layout = {{{"tap"}, {0, 0}}, {{"stream"}, {260, 0}}, {{"events"}, {520, 0}}};
    return flow;
}

bool InteropActions::watchEndpoint(const QString &endpoint, const QString &socket,
                                   const QString &prefix)
{
    if (const auto parsed = model::parseEndpoint(endpoint.toStdString()); !parsed) {
        m_files->dialogs()->showError(
            m_window, tr("Watch Endpoint"),
            tr("%1: %2").arg(endpoint, QString::fromStdString(parsed.error)));
        return false;
    }
    if (!m_files->maybeSave())
        return false;
    m_document->resetFlow(
        tapFlow(endpoint.toStdString(), socket.toStdString(), prefix.toStdString()));
    return m_run->run();
}

void InteropActions::onExportAsyncApi()
{
    QString base = m_document->fileName();
    base = base.left(base.indexOf(QLatin1Char('.')));
    const QString path = m_files->dialogs()->exportFileName(
        m_window, tr("Export AsyncAPI"), base + QStringLiteral(".asyncapi.yaml"),
        tr("AsyncAPI YAML (*.yaml *.yml);;AsyncAPI JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportAsyncApi(path, &error))
        emit statusMessage(tr("Exported %1").arg(path));
    else
        m_files->dialogs()->showError(m_window, tr("Export AsyncAPI"), error);
}

void InteropActions::onImportAsyncApi()
{
    const QString path = m_files->dialogs()->importFileName(
        m_window, tr("Import AsyncAPI"), tr("AsyncAPI documents (*.yaml *.yml *.json)"));
    if (!path.isEmpty())
        importAsyncApi(path);
}

void InteropActions::onWatchEndpoint()
{
    WatchEndpointDialog dialog(m_window);
    if (dialog.exec() == QDialog::Accepted)
        watchEndpoint(dialog.endpoint(), dialog.socket(), dialog.prefix());
}

} // namespace evflow::ui
