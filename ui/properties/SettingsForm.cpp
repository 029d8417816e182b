#include "ui/properties/SettingsForm.h"

#include "ui/properties/FieldStyle.h"
#include "ui/properties/NumberFields.h"

#include <QFormLayout>
#include <QLabel>

namespace evflow::ui::properties {

model::PropertySpec settingSpec(std::string name, model::PropertyType type,
                                model::PropertyValue defaultValue, std::string help,
                                std::optional<double> min, std::optional<double> max)
{
    model::PropertySpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.defaultValue = std::move(defaultValue);
    spec.help = std::move(help);
    spec.min = min;
    spec.max = max;
    return spec;
}

SettingsForm::SettingsForm(QFormLayout *form, QWidget *parent)
    : m_form(form)
    , m_parent(parent)
{
}

ValueField *SettingsForm::add(const QString &label, model::PropertySpec spec, const QString &suffix)
{
    const std::string name = spec.name;
    ValueField *field = createValueField(spec, m_parent);
    if (auto *spin = qobject_cast<IntSpinField *>(field))
        spin->setSuffix(suffix);
    auto *labelWidget = new QLabel(label, m_parent);
    labelWidget->setBuddy(field->editor());
    labelWidget->setToolTip(toQString(spec.help));
    m_form->addRow(labelWidget, field);
    m_fields.emplace(name, field);
    m_labels.emplace(name, labelWidget);
    return field;
}

ValueField *SettingsForm::field(const std::string &name) const
{
    return m_fields.at(name);
}

void SettingsForm::show(const std::string &name, model::PropertyValue value)
{
    field(name)->setValue(value);
}

QString SettingsForm::firstInputError() const
{
    for (const auto &[name, field] : m_fields)
        if (QString error = field->inputError(); !error.isEmpty())
            return error;
    return {};
}

void SettingsForm::setShowsDefaults(bool defaults)
{
    for (const auto &[name, field] : m_fields) {
        field->setShowsDefault(defaults);
        setMuted(m_labels.at(name), defaults);
    }
}

} // namespace evflow::ui::properties
