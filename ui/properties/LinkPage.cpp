#include "ui/properties/LinkPage.h"

#include "model/NodeCatalog.h"
#include "ui/properties/EventTypePicker.h"
#include "ui/properties/FieldStyle.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace evflow::ui::properties {
namespace {

QLabel *endLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool leavesChannel(const model::Flow &flow, const model::Link &link)
{
    const model::Node *from = flow.findNode(link.from.node);
    return from && model::catalog::role(from->kind) == model::NodeRole::Channel;
}

} // namespace

LinkPage::LinkPage(FlowDocument *document, const model::LinkId &link, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_link(link)
    , m_from(endLabel(this, "from"))
    , m_to(endLabel(this, "to"))
    , m_picker(new EventTypePicker(this))
    , m_note(createHintLabel(QString(), this))
    , m_message(createMessageLabel(this))
{
    setObjectName(QStringLiteral("linkPage"));
    auto *title = new QLabel(tr("Wire"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    title->setFont(titleFont);

    auto *ends = new QGroupBox(tr("Ends"), this);
    auto *endsForm = new QFormLayout(ends);
    styleForm(endsForm);
    endsForm->addRow(tr("From"), m_from);
    endsForm->addRow(tr("To"), m_to);

    auto *filter = new QGroupBox(tr("Event-type filter"), this);
    filter->setToolTip(tr("Event types (or prefixes) the receiving input subscribes to"));
    m_picker->setObjectName(QStringLiteral("linkTypes"));
    m_message->setObjectName(QStringLiteral("message:types"));
    auto *filterLayout = new QVBoxLayout(filter);
    filterLayout->addWidget(m_picker);
    filterLayout->addWidget(m_message);
    filterLayout->addWidget(m_note);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(ends);
    layout->addWidget(filter);
    layout->addStretch(1);
    connect(m_picker, &EventTypePicker::edited, this, &LinkPage::commitTypes);
    if (const int index = document->flow().linkIndex(link); index >= 0)
        showLink(document->flow(), document->flow().links[static_cast<size_t>(index)]);
}

void LinkPage::showLink(const model::Flow &flow, const model::Link &link)
{
    m_link = link.id();
    m_from->setText(toQString(link.from.toString()));
    m_to->setText(toQString(link.to.toString()));
    std::vector<std::string> declared;
    for (const model::EventType &type : flow.eventTypes)
        declared.push_back(type.name);
    m_picker->setDeclaredTypes(declared);
    m_picker->setPicked(link.types);
    const bool editable = leavesChannel(flow, link);
    m_picker->setEnabled(editable);
    if (!editable)
        m_note->setText(tr("Only wires that leave a channel can select event types: this wire "
                           "carries everything %1 sends.")
                            .arg(toQString(link.from.node.value)));
    else if (link.types.empty())
        m_note->setText(tr("No filter: %1 receives every event the channel carries.")
                            .arg(toQString(link.to.node.value)));
    else
        m_note->setText(tr("%1 receives only events whose type starts with a checked entry.")
                            .arg(toQString(link.to.node.value)));
}

void LinkPage::commitTypes()
{
    if (!m_live || m_document->flow().linkIndex(m_link) < 0)
        return;
    const model::EditResult result = m_document->setLinkTypes(m_link, m_picker->picked());
    showMessage(m_message, result ? QString() : toQString(result.message));
}

} // namespace evflow::ui::properties
