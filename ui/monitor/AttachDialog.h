#pragma once

#include "ui/monitor/AttachedRun.h"

#include <QDialog>

#include <map>
#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QStandardItemModel;
class QTableView;
QT_END_NAMESPACE

namespace evflow::ui::monitor {

/// "Attach to Running Flow…": a table of runners (a name, a telemetry endpoint and, for CURVE
/// telemetry, the runner's public key name, with a check box each), filled from the flow's host
/// table, to which the user may add runners by hand; below it the studio's own key pair name
/// for CURVE runners. Attach is refused with a message under the table while no runner is
/// checked, an endpoint is not valid, or a CURVE runner has no studio key. GUI thread only.
class AttachDialog : public QDialog
{
    Q_OBJECT
public:
    /// Telemetry port suggested for the first host of the host table; the next hosts (in name
    /// order) get the next ports, as in docs/DISTRIBUTED.md.
    static constexpr int kFirstTelemetryPort = 7401;

    /// `studioKeys`: the key pairs the studio could present (offered in the studio key box).
    AttachDialog(const std::vector<RunnerAddress> &runners,
                 const std::vector<std::string> &studioKeys = {}, QWidget *parent = nullptr);

    /// A row per host of `hosts` (name -> address): tcp://ADDRESS:PORT with ports counted from
    /// kFirstTelemetryPort, and the host's name as server key when `publicKeys` has it (a
    /// runner's own key is named after its host, docs/DISTRIBUTED.md); one "local" runner on
    /// 127.0.0.1 for a flow without a host table.
    static std::vector<RunnerAddress>
    suggestedRunners(const std::map<std::string, std::string> &hosts,
                     const std::vector<std::string> &publicKeys = {});

    /// The checked rows, trimmed; a row with a server key gets the studio key as client key.
    std::vector<RunnerAddress> runners() const;
    /// The studio key box (a key pair name; empty: plain text only).
    QComboBox *studioKey() const { return m_studioKey; }
    /// Appends a checked row and selects its endpoint for editing.
    void addRunner(const RunnerAddress &runner);
    QStandardItemModel *model() const { return m_model; }
    /// Why Attach was refused last (empty when it was not).
    QString problem() const;

    void accept() override;

private:
    void removeSelected();
    QString check() const;

    QStandardItemModel *m_model;
    QTableView *m_table;
    QComboBox *m_studioKey;
    QLabel *m_problem;
};

} // namespace evflow::ui::monitor
