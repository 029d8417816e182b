#include "ui/WatchEndpointDialog.h"

#include "model/Endpoint.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace evflow::ui {

WatchEndpointDialog::WatchEndpointDialog(QWidget *parent)
    : QDialog(parent)
    , m_endpoint(new QLineEdit(this))
    , m_socket(new QComboBox(this))
    , m_prefix(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Watch Endpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("tcp://127.0.0.1:5556"));
    m_socket->addItem(tr("SUB (a publisher)"), QStringLiteral("sub"));
    m_socket->addItem(tr("PULL (a pusher)"), QStringLiteral("pull"));
    m_prefix->setPlaceholderText(tr("everything"));
    m_problem->setWordWrap(true);
    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("Watch a stream of CloudEvents JSON published by another "
                               "program. A temporary flow (zmq-source → counter) runs it."),
                            this));
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Socket:"), m_socket);
    form->addRow(tr("SUB &prefix:"), m_prefix);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_endpoint, &QLineEdit::textChanged, this, &WatchEndpointDialog::check);
    connect(m_socket, &QComboBox::currentIndexChanged, this,
            [this] { m_prefix->setEnabled(socket() == QLatin1String("sub")); });
    check();
}

QString WatchEndpointDialog::endpoint() const
{
    return m_endpoint->text().trimmed();
}

QString WatchEndpointDialog::socket() const
{
    return m_socket->currentData().toString();
}

QString WatchEndpointDialog::prefix() const
{
    return m_prefix->isEnabled() ? m_prefix->text() : QString();
}

void WatchEndpointDialog::check()
{
    const auto parsed = model::parseEndpoint(endpoint().toStdString());
    m_problem->setText(endpoint().isEmpty() || parsed ? QString()
                                                      : QString::fromStdString(parsed.error));
    m_problem->setVisible(!m_problem->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(bool(parsed));
}

} // namespace evflow::ui
