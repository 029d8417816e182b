#include "ui/properties/DeliveryGroup.h"

#include "ui/properties/FieldStyle.h"

#include <QFormLayout>
#include <QLabel>
#include <QToolButton>

#include <climits>

namespace evflow::ui::properties {
namespace {

using PT = model::PropertyType;

model::PropertySpec millisSpec(std::string name, std::int64_t defaultValue, std::string help)
{
    return settingSpec(std::move(name), PT::Int, defaultValue, std::move(help), 0, INT_MAX);
}

} // namespace

std::string latePolicyName(model::LatePolicy policy)
{
    switch (policy) {
    case model::LatePolicy::Accept: return "accept";
    case model::LatePolicy::Drop: return "drop";
    case model::LatePolicy::Divert: return "divert";
    }
    return "accept";
}

std::optional<model::LatePolicy> latePolicyFromName(const std::string &name)
{
    for (const auto policy :
         {model::LatePolicy::Accept, model::LatePolicy::Drop, model::LatePolicy::Divert})
        if (latePolicyName(policy) == name)
            return policy;
    return std::nullopt;
}

DeliveryGroup::DeliveryGroup(NodeEditTarget *target, QWidget *parent)
    : QGroupBox(tr("Delivery"), parent)
    , m_target(target)
    , m_resetButton(new QToolButton(this))
    , m_message(createMessageLabel(this))
{
    setObjectName(QStringLiteral("deliveryGroup"));
    setToolTip(tr("How this node's input treats duplicates, out-of-order and late events"));
    const model::DeliverySettings defaults;
    m_message->setObjectName(QStringLiteral("message:delivery"));
    auto *form = new QFormLayout(this);
    styleForm(form);
    m_form = std::make_unique<SettingsForm>(form, this);
    m_form->add(tr("Dedup window"),
                settingSpec("dedupWindowCount", PT::Int, defaults.dedupWindowCount,
                            "Event ids remembered at most; 0 = no deduplication", 0, INT_MAX),
                tr(" ids"));
    m_form->add(tr("Dedup max age"),
                millisSpec("dedupWindowMillis", defaults.dedupWindowMillis,
                           "Ids are forgotten after this age; 0 = no age bound"),
                tr(" ms"));
    m_form->add(tr("Reorder wait"),
                millisSpec("reorderWaitMillis", defaults.reorderWaitMillis,
                           "Hold out-of-order events this long to put them back in order; 0 = off"),
                tr(" ms"));
    m_form->add(tr("Out-of-orderness"),
                millisSpec("outOfOrdernessMillis", defaults.outOfOrdernessMillis,
                           "Watermark = newest event time minus this bound"),
                tr(" ms"));
    model::PropertySpec late
        = settingSpec("latePolicy", PT::Enum, latePolicyName(defaults.latePolicy),
                      "Late events (behind the watermark): accept them, drop "
                      "them, or divert them to the \"late\" output");
    late.choices = {"accept", "drop", "divert"};
    m_form->add(tr("Late events"), late);
    m_form->add(tr("Validate schema"),
                settingSpec("validateSchema", PT::Bool, defaults.validateSchema,
                            "Check events against their declared event type"));

    m_resetButton->setObjectName(QStringLiteral("reset:delivery"));
    m_resetButton->setText(tr("↺ Use defaults"));
    m_resetButton->setToolTip(tr("Remove this node's delivery settings: the defaults apply"));
    m_resetButton->setAutoRaise(true);
    form->addRow(m_message);
    form->addRow(QString(), m_resetButton);

    for (const char *name : {"dedupWindowCount", "dedupWindowMillis", "reorderWaitMillis",
                             "outOfOrdernessMillis", "latePolicy", "validateSchema"})
        connect(m_form->field(name), &ValueField::edited, this, &DeliveryGroup::commitFields);
    connect(m_resetButton, &QToolButton::clicked, this, [this] { apply(std::nullopt); });
}

DeliveryGroup::~DeliveryGroup() = default;

void DeliveryGroup::showNode(const model::Node &node)
{
    const model::DeliverySettings delivery = model::catalog::delivery(node);
    m_form->show("dedupWindowCount", delivery.dedupWindowCount);
    m_form->show("dedupWindowMillis", delivery.dedupWindowMillis);
    m_form->show("reorderWaitMillis", delivery.reorderWaitMillis);
    m_form->show("outOfOrdernessMillis", delivery.outOfOrdernessMillis);
    m_form->show("latePolicy", latePolicyName(delivery.latePolicy));
    m_form->show("validateSchema", delivery.validateSchema);
    m_form->setShowsDefaults(!node.delivery);
    m_resetButton->setEnabled(node.delivery.has_value());
}

void DeliveryGroup::commitFields()
{
    const model::Node *node = m_target->node();
    if (!node)
        return;
    model::DeliverySettings delivery = model::catalog::delivery(*node);
    delivery.dedupWindowCount = m_form->read("dedupWindowCount", delivery.dedupWindowCount);
    delivery.dedupWindowMillis = m_form->read("dedupWindowMillis", delivery.dedupWindowMillis);
    delivery.reorderWaitMillis = m_form->read("reorderWaitMillis", delivery.reorderWaitMillis);
    delivery.outOfOrdernessMillis
        = m_form->read("outOfOrdernessMillis", delivery.outOfOrdernessMillis);
    delivery.latePolicy = latePolicyFromName(m_form->read("latePolicy", std::string()))
                              .value_or(delivery.latePolicy);
    delivery.validateSchema = m_form->read("validateSchema", delivery.validateSchema);
    // Leaving a field unchanged states nothing: the defaults stay defaults.
    if (delivery == model::catalog::delivery(*node))
        return;
    apply(delivery);
}

void DeliveryGroup::apply(std::optional<model::DeliverySettings> delivery)
{
    const model::EditResult result
        = m_target->document->setDelivery(m_target->id, std::move(delivery));
    showMessage(m_message, result ? QString() : toQString(result.message));
    // A refused value must not stay on screen as if it were in force.
    if (const model::Node *node = m_target->node(); !result && node)
        showNode(*node);
}

} // namespace evflow::ui::properties
