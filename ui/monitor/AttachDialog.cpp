#include "ui/monitor/AttachDialog.h"

#include "model/Endpoint.h"
#include "ui/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui::monitor {
namespace {

enum Column { NameColumn, EndpointColumn, ServerKeyColumn };

} // namespace

AttachDialog::AttachDialog(const std::vector<RunnerAddress> &runners,
                           const std::vector<std::string> &studioKeys, QWidget *parent)
    : QDialog(parent)
    , m_model(new QStandardItemModel(0, 3, this))
    , m_table(new QTableView(this))
    , m_studioKey(new QComboBox(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Attach to Running Flow"));
    auto *intro = new QLabel(
        tr("Watch runners started with <code>evflow run FLOW --host NAME --telemetry "
           "ENDPOINT</code>. Each runner's endpoint is its <code>--telemetry</code>; detaching "
           "leaves the runners running."),
        this);
    intro->setWordWrap(true);
    m_model->setHorizontalHeaderLabels(
        {tr("Runner"), tr("Telemetry endpoint"), tr("Server key (CURVE)")});
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EndpointColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ServerKeyColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (const RunnerAddress &runner : runners)
        addRunner(runner);
    m_studioKey->setEditable(true);
    m_studioKey->addItem(QString());
    for (const std::string &key : studioKeys)
        m_studioKey->addItem(QString::fromStdString(key));
    // "studio" is the name docs/SECURITY.md gives the studio's key pair.
    m_studioKey->setCurrentIndex(std::max(0, m_studioKey->findText(QStringLiteral("studio"))));
    m_studioKey->setToolTip(tr("The key pair the studio presents to runners with CURVE telemetry "
                               "(--telemetry-clients on the runner must name it)"));
    auto *keyRow = new QFormLayout;
    keyRow->addRow(tr("Studio key:"), m_studioKey);

    auto *add = new QPushButton(tr("Add Runner"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addRunner({tr("runner %1").arg(m_model->rowCount() + 1), {}, {}, {}});
    });
    connect(remove, &QPushButton::clicked, this, &AttachDialog::removeSelected);
    m_problem->setObjectName(QStringLiteral("AttachProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1").arg(theme::errorColor().name()));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Attach"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &AttachDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AttachDialog::reject);

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addLayout(rowButtons);
    layout->addLayout(keyRow);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(640, 340);
}

std::vector<RunnerAddress>
AttachDialog::suggestedRunners(const std::map<std::string, std::string> &hosts,
                               const std::vector<std::string> &publicKeys)
{
    std::vector<RunnerAddress> runners;
    int port = kFirstTelemetryPort;
    for (const auto &[name, address] : hosts) {
        const QString host = QString::fromStdString(address);
        // An IPv6 address goes in brackets in a ZeroMQ endpoint.
        const QString bracketed = host.contains(QLatin1Char(':')) ? "[" + host + "]" : host;
        const bool keyed
            = std::find(publicKeys.begin(), publicKeys.end(), name) != publicKeys.end();
        runners.push_back({QString::fromStdString(name),
                           QStringLiteral("tcp://%1:%2").arg(bracketed).arg(port++),
                           keyed ? QString::fromStdString(name) : QString(), QString()});
    }
    if (runners.empty())
        runners.push_back({tr("local"), QStringLiteral("tcp://127.0.0.1:%1").arg(port), {}, {}});
    return runners;
}

void AttachDialog::addRunner(const RunnerAddress &runner)
{
    auto *name = new QStandardItem(runner.name);
    name->setCheckable(true);
    name->setCheckState(Qt::Checked);
    m_model->appendRow(
        {name, new QStandardItem(runner.endpoint), new QStandardItem(runner.serverKey)});
    m_table->setCurrentIndex(m_model->index(m_model->rowCount() - 1, EndpointColumn));
}

void AttachDialog::removeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        m_model->removeRow(current.row());
}

std::vector<RunnerAddress> AttachDialog::runners() const
{
    std::vector<RunnerAddress> checked;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row, NameColumn)->checkState() != Qt::Checked)
            continue;
        const QString serverKey = m_model->item(row, ServerKeyColumn)->text().trimmed();
        checked.push_back({m_model->item(row, NameColumn)->text().trimmed(),
                           m_model->item(row, EndpointColumn)->text().trimmed(), serverKey,
                           serverKey.isEmpty() ? QString() : m_studioKey->currentText().trimmed()});
    }
    return checked;
}

QString AttachDialog::check() const
{
    const std::vector<RunnerAddress> chosen = runners();
    if (chosen.empty())
        return tr("Check at least one runner.");
    for (const RunnerAddress &runner : chosen) {
        const auto parsed = model::parseEndpoint(runner.endpoint.toStdString());
        if (!parsed)
            return tr("%1: %2").arg(runner.name, QString::fromStdString(parsed.error));
        const model::Endpoint &endpoint = *parsed.endpoint;
        if (endpoint.transport == model::Transport::Inproc)
            return tr("%1: an inproc endpoint is reachable only inside its own process: use the "
                      "runner's tcp or ipc --telemetry endpoint")
                .arg(runner.name);
        if (endpoint.transport == model::Transport::Tcp
            && (!endpoint.port || model::isWildcardHost(endpoint.host)))
            return tr("%1: %2 has a wildcard; give the runner's address and port")
                .arg(runner.name, runner.endpoint);
        if (!runner.serverKey.isEmpty() && runner.clientKey.isEmpty())
            return tr("%1 uses CURVE: give the studio key, the key pair the studio presents")
                .arg(runner.name);
    }
    return {};
}

QString AttachDialog::problem() const
{
    return m_problem->text();
}

void AttachDialog::accept()
{
    const QString why = check();
    m_problem->setText(why);
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace evflow::ui::monitor
