#pragma once

#include "ui/properties/ValueField.h"

#include <map>
#include <string>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// Fields of a settings struct (faults, delivery) laid out in a form: each field is a ValueField
/// built from a spec made up for the purpose, so ranges and editors work as for properties.
/// Owns nothing but the name -> field map; the widgets belong to the form's parent.
class SettingsForm
{
public:
    SettingsForm(QFormLayout *form, QWidget *parent);

    /// Adds a row; `suffix` is a unit for integer spin boxes (" ms").
    ValueField *add(const QString &label, model::PropertySpec spec, const QString &suffix = {});
    ValueField *field(const std::string &name) const;
    /// Shows `value` in the named field without emitting anything.
    void show(const std::string &name, model::PropertyValue value);
    /// The first field's input error, empty when every field holds a value.
    QString firstInputError() const;
    /// Italic values and muted labels while the defaults apply.
    void setShowsDefaults(bool defaults);

    /// The field's value as T, or `fallback` when the input is not a value of that type.
    template<typename T>
    T read(const std::string &name, T fallback) const
    {
        if (const auto value = field(name)->value())
            if (const T *typed = std::get_if<T>(&*value))
                return *typed;
        return fallback;
    }

private:
    QFormLayout *m_form;
    QWidget *m_parent;
    std::map<std::string, ValueField *> m_fields;
    std::map<std::string, QLabel *> m_labels;
};

/// A spec for a settings field: type, default, range and help.
model::PropertySpec settingSpec(std::string name, model::PropertyType type,
                                model::PropertyValue defaultValue, std::string help,
                                std::optional<double> min = {}, std::optional<double> max = {});

} // namespace evflow::ui::properties
