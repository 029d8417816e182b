#include "ui/properties/PropertiesGroup.h"

#include "ui/properties/FieldStyle.h"
#include "ui/properties/PropertyRow.h"

#include <QFormLayout>
#include <QLabel>

namespace evflow::ui::properties {

PropertiesGroup::PropertiesGroup(NodeEditTarget *target, model::NodeKind kind, QWidget *parent)
    : QGroupBox(tr("Properties"), parent)
    , m_target(target)
{
    setObjectName(QStringLiteral("propertiesGroup"));
    auto *form = new QFormLayout(this);
    styleForm(form);
    const model::NodeKindSpec &spec = model::catalog::spec(kind);
    for (const model::PropertySpec &property : spec.properties) {
        auto *row = new PropertyRow(property, this);
        if (row->isTall()) {
            // Pickers, lists and tables need the dock's width: label above, editor below.
            row->label()->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
            form->addRow(row->label());
            form->addRow(row);
        } else {
            form->addRow(row->label(), row);
        }
        m_rows.emplace(property.name, row);
        connect(row, &PropertyRow::commitRequested, this, &PropertiesGroup::commit);
    }
    if (spec.properties.empty())
        hide();
}

void PropertiesGroup::showNode(const model::Flow &flow, const model::Node &node)
{
    for (const auto &[name, row] : m_rows)
        row->showNode(flow, node);
}

PropertyRow *PropertiesGroup::row(const std::string &name) const
{
    const auto it = m_rows.find(name);
    return it != m_rows.end() ? it->second : nullptr;
}

void PropertiesGroup::commit(const std::string &name, std::optional<model::PropertyValue> value)
{
    if (!m_target->node())
        return;
    const model::EditResult result
        = m_target->document->setProperty(m_target->id, name, std::move(value));
    if (PropertyRow *changed = row(name))
        changed->showResult(result);
}

} // namespace evflow::ui::properties
