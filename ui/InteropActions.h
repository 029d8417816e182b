#pragma once

#include "model/Flow.h"

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QAction;
class QWidget;
QT_END_NAMESPACE

namespace evflow::ui {

class FileActions;
class FlowDocument;
namespace monitor {
class RunControls;
class RunLog;
} // namespace monitor

/// The studio's doors to the rest of the event-driven world (issue 6): File ▸ Export ▸ AsyncAPI
/// Document, File ▸ Import AsyncAPI, and Run ▸ Watch Endpoint (a live tap on a foreign ZeroMQ
/// stream of CloudEvents JSON). Files are chosen through FileActions' dialogs (scripted in
/// tests); warnings of an import go to the Log, never a dialog per warning. GUI thread only.
class InteropActions : public QObject
{
    Q_OBJECT
public:
    /// Everything passed must outlive this object.
    InteropActions(FlowDocument *document, FileActions *files, monitor::RunControls *run,
                   monitor::RunLog *log, QWidget *window);

    QAction *exportAsyncApiAction() const { return m_exportAsyncApi; }
    QAction *importAsyncApiAction() const { return m_importAsyncApi; }
    QAction *watchEndpointAction() const { return m_watch; }

    /// Writes the document's flow as AsyncAPI 3.0 to `path`: YAML for *.yaml / *.yml, else JSON.
    /// False with `error` naming the path and the reason.
    bool exportAsyncApi(const QString &path, QString *error = nullptr) const;
    /// Replaces the document (after asking about unsaved changes) with the skeleton imported
    /// from the AsyncAPI document at `path`, unsaved; logs each warning. False (nothing
    /// changed) when refused or unreadable; the reason goes to the dialogs' showError().
    bool importAsyncApi(const QString &path);
    /// Opens a temporary flow — zmq-source (`socket` "sub" or "pull", `prefix` for SUB) on
    /// `endpoint` → pubsub → counter "events" — as an untitled document and runs it, so a
    /// person can watch a foreign stream without designing a flow. False when refused.
    bool watchEndpoint(const QString &endpoint, const QString &socket, const QString &prefix);
    /// The flow watchEndpoint() runs.
    static model::Flow tapFlow(const std::string &endpoint, const std::string &socket,
                               const std::string &prefix);

signals:
    void statusMessage(const QString &message);

private:
    void onExportAsyncApi();
    void onImportAsyncApi();
    void onWatchEndpoint();

    FlowDocument *m_document;
    FileActions *m_files;
    monitor::RunControls *m_run;
    monitor::RunLog *m_log;
    QWidget *m_window;
    QAction *m_exportAsyncApi;
    QAction *m_importAsyncApi;
    QAction *m_watch;
};

} // namespace evflow::ui
