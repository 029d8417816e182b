#include "ui/properties/FaultsGroup.h"

#include "ui/properties/FieldStyle.h"

#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>

#include <climits>

namespace evflow::ui::properties {
namespace {

using PT = model::PropertyType;

} // namespace

FaultsGroup::FaultsGroup(NodeEditTarget *target, QWidget *parent)
    : QGroupBox(tr("Inject faults"), parent)
    , m_target(target)
    , m_message(createMessageLabel(this))
{
    setObjectName(QStringLiteral("faultsGroup"));
    setCheckable(true);
    setToolTip(tr("Seeded, reproducible faults on what this node sends: duplicates, "
                  "reordering, late events and drops"));
    m_message->setObjectName(QStringLiteral("message:faults"));
    auto *form = new QFormLayout(this);
    styleForm(form);
    m_form = std::make_unique<SettingsForm>(form, this);
    m_form->add(tr("Duplicate"), settingSpec("duplicate", PT::Double, 0.0,
                                             "Probability that an event is sent twice", 0, 1));
    m_form->add(tr("Reorder"),
                settingSpec("reorder", PT::Double, 0.0,
                            "Probability that an event is held back and sent after the next", 0,
                            1));
    m_form->add(tr("Late"),
                settingSpec("late", PT::Double, 0.0,
                            "Probability that an event's time is set back past the watermark", 0,
                            1));
    m_form->add(tr("Drop"),
                settingSpec("drop", PT::Double, 0.0,
                            "Probability that an event is not sent at all (a gap downstream)", 0,
                            1));
    m_form->add(tr("Late by"),
                settingSpec("lateByMillis", PT::Int, std::int64_t{5000},
                            "How far back a late event's time is set", 0, INT_MAX),
                tr(" ms"));
    m_form->add(tr("Seed"), settingSpec("seed", PT::Int, std::int64_t{1},
                                        "Seed of the fault decisions: the same seed gives the "
                                        "same faults",
                                        0));
    form->addRow(m_message);
    for (const char *name : {"duplicate", "reorder", "late", "drop", "lateByMillis", "seed"})
        connect(m_form->field(name), &ValueField::edited, this, &FaultsGroup::commitFields);
    connect(this, &QGroupBox::toggled, this, &FaultsGroup::commitChecked);
}

FaultsGroup::~FaultsGroup() = default;

void FaultsGroup::showNode(const model::Node &node)
{
    const model::FaultInjection faults = node.faults.value_or(model::FaultInjection{});
    if (isChecked() != node.faults.has_value()) {
        const QSignalBlocker blocker(this);
        setChecked(node.faults.has_value());
    }
    m_form->show("duplicate", faults.duplicate);
    m_form->show("reorder", faults.reorder);
    m_form->show("late", faults.late);
    m_form->show("drop", faults.drop);
    m_form->show("lateByMillis", faults.lateByMillis);
    m_form->show("seed", static_cast<std::int64_t>(faults.seed));
}

void FaultsGroup::commitChecked(bool checked)
{
    const model::Node *node = m_target->node();
    if (!node || checked == node->faults.has_value())
        return;
    // Checking starts from the values on screen (the defaults, or what was there before).
    if (checked)
        commitFields();
    else
        apply(std::nullopt);
}

void FaultsGroup::commitFields()
{
    const model::Node *node = m_target->node();
    if (!node || !isChecked())
        return;
    if (const QString error = m_form->firstInputError(); !error.isEmpty()) {
        showMessage(m_message, error);
        return;
    }
    model::FaultInjection faults = node->faults.value_or(model::FaultInjection{});
    faults.duplicate = m_form->read("duplicate", faults.duplicate);
    faults.reorder = m_form->read("reorder", faults.reorder);
    faults.late = m_form->read("late", faults.late);
    faults.drop = m_form->read("drop", faults.drop);
    faults.lateByMillis = m_form->read("lateByMillis", faults.lateByMillis);
    faults.seed
        = static_cast<std::uint64_t>(m_form->read("seed", static_cast<std::int64_t>(faults.seed)));
    if (node->faults == faults)
        return;
    apply(faults);
}

void FaultsGroup::apply(std::optional<model::FaultInjection> faults)
{
    const model::EditResult result = m_target->document->setFaults(m_target->id, std::move(faults));
    showMessage(m_message, result ? QString() : toQString(result.message));
    // A refused value must not stay on screen as if it were in force.
    if (const model::Node *node = m_target->node(); !result && node)
        showNode(*node);
}

} // namespace evflow::ui::properties
