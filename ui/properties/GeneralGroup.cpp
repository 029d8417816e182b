#include "ui/properties/GeneralGroup.h"

#include "ui/properties/ChoiceFields.h"
#include "ui/properties/FieldStyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace evflow::ui::properties {
namespace {

/// A field with its message line under it, as one form cell.
QWidget *withMessage(QWidget *field, QLabel *message, QWidget *parent)
{
    auto *cell = new QWidget(parent);
    auto *layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return cell;
}

void setTextQuietly(QLineEdit *edit, const QString &text)
{
    if (edit->text() == text)
        return;
    const QSignalBlocker blocker(edit);
    edit->setText(text);
}

} // namespace

GeneralGroup::GeneralGroup(NodeEditTarget *target, QWidget *parent)
    : QGroupBox(tr("General"), parent)
    , m_target(target)
    , m_id(new QLineEdit(this))
    , m_idMessage(createMessageLabel(this))
    , m_label(new QLineEdit(this))
    , m_labelMessage(createMessageLabel(this))
    , m_host(new QComboBox(this))
    , m_hostMessage(createMessageLabel(this))
{
    setObjectName(QStringLiteral("generalGroup"));
    m_id->setObjectName(QStringLiteral("id"));
    m_id->setToolTip(tr("Unique id of the node in the flow; links and the file refer to it. "
                        "Enter renames, Escape restores the current id."));
    m_id->installEventFilter(this);
    m_idMessage->setObjectName(QStringLiteral("message:id"));
    m_label->setObjectName(QStringLiteral("label"));
    m_label->setPlaceholderText(tr("None: the canvas shows the id"));
    m_label->setToolTip(tr("Name shown on the canvas"));
    m_label->setClearButtonEnabled(true);
    m_labelMessage->setObjectName(QStringLiteral("message:label"));
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setEditable(true);
    m_host->setInsertPolicy(QComboBox::NoInsert);
    m_host->lineEdit()->setPlaceholderText(tr("Default host"));
    m_host->setToolTip(tr("Host the node runs on in a multi-host run; empty = the default host"));
    ignoreWheelUnlessFocused(m_host);
    m_hostMessage->setObjectName(QStringLiteral("message:host"));

    auto *form = new QFormLayout(this);
    styleForm(form);
    form->addRow(tr("Id"), withMessage(m_id, m_idMessage, this));
    form->addRow(tr("Label"), withMessage(m_label, m_labelMessage, this));
    form->addRow(tr("Host"), withMessage(m_host, m_hostMessage, this));

    connect(m_id, &QLineEdit::editingFinished, this, &GeneralGroup::commitId);
    connect(m_label, &QLineEdit::editingFinished, this, &GeneralGroup::commitLabel);
    connect(m_host->lineEdit(), &QLineEdit::editingFinished, this, &GeneralGroup::commitHost);
    connect(m_host, &QComboBox::activated, this, &GeneralGroup::commitHost);
}

void GeneralGroup::showNode(const model::Flow &flow, const model::Node &node)
{
    // The id field keeps a refused id on screen (with its message) until the user fixes it or
    // presses Escape, unless the document's id itself changed (an undone rename).
    if (m_idMessage->isHidden() || node.id != m_shownId) {
        showMessage(m_idMessage, {});
        setTextQuietly(m_id, toQString(node.id.value));
        m_shownId = node.id;
    }
    setTextQuietly(m_label, toQString(node.label));
    QStringList hosts;
    for (const auto &[name, address] : flow.hosts)
        hosts << toQString(name);
    setComboItems(m_host, hosts);
    for (int i = 0; i < m_host->count(); ++i)
        m_host->setItemData(i, toQString(flow.hosts.at(toStdString(m_host->itemText(i)))),
                            Qt::ToolTipRole);
    if (m_host->currentText() != toQString(node.host)) {
        const QSignalBlocker blocker(m_host);
        const QSignalBlocker editBlocker(m_host->lineEdit());
        m_host->setEditText(toQString(node.host));
    }
}

bool GeneralGroup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_id && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        showMessage(m_idMessage, {});
        setTextQuietly(m_id, toQString(m_target->id.value));
        return true;
    }
    return QGroupBox::eventFilter(watched, event);
}

void GeneralGroup::commitId()
{
    if (!m_target->node())
        return;
    const model::NodeId wanted{toStdString(m_id->text().trimmed())};
    if (wanted == m_target->id) {
        showMessage(m_idMessage, {});
        return;
    }
    // On success the page follows nodeRenamed() and takes the new id before this returns.
    const model::EditResult result = m_target->document->renameNode(m_target->id, wanted);
    showMessage(m_idMessage, result ? QString() : toQString(result.message));
}

void GeneralGroup::commitLabel()
{
    const model::Node *node = m_target->node();
    if (!node || node->label == toStdString(m_label->text()))
        return;
    const model::EditResult result
        = m_target->document->setLabel(m_target->id, toStdString(m_label->text()));
    showMessage(m_labelMessage, result ? QString() : toQString(result.message));
}

void GeneralGroup::commitHost()
{
    const model::Node *node = m_target->node();
    const std::string host = toStdString(m_host->currentText().trimmed());
    if (!node || node->host == host) {
        showMessage(m_hostMessage, {});
        return;
    }
    const model::EditResult result = m_target->document->setHost(m_target->id, host);
    showMessage(m_hostMessage, result ? QString() : toQString(result.message));
}

} // namespace evflow::ui::properties
