#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace evflow::ui {

/// Asks for a ZeroMQ endpoint to watch (Run ▸ Watch Endpoint): the endpoint, SUB or PULL, and a
/// SUB prefix. OK is enabled only while the endpoint parses; the reason shows under it.
class WatchEndpointDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WatchEndpointDialog(QWidget *parent = nullptr);

    QString endpoint() const;
    /// "sub" or "pull".
    QString socket() const;
    QString prefix() const;
    QLineEdit *endpointEdit() const { return m_endpoint; }

private:
    void check();

    QLineEdit *m_endpoint;
    QComboBox *m_socket;
    QLineEdit *m_prefix;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace evflow::ui
