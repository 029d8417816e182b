#pragma once

#include "ui/properties/ValueField.h"

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// A Bool property: a check box; a click is a finished edit.
class BoolField : public ValueField
{
    Q_OBJECT
public:
    BoolField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QWidget *editor() const override;

private:
    QCheckBox *m_check;
};

/// An Enum property: a combo box of the spec's choices; picking one is a finished edit.
class EnumField : public ValueField
{
    Q_OBJECT
public:
    EnumField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QWidget *editor() const override;

private:
    QComboBox *m_combo;
};

/// An EventType property: an editable combo box of the flow's declared event types. Picking a
/// type, Enter or leaving the field is a finished edit; a name that is not declared is allowed
/// (validation reports it) so that types can be declared afterwards.
class EventTypeField : public ValueField
{
    Q_OBJECT
public:
    EventTypeField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    void setFlowContext(const model::Flow &flow) override;
    QWidget *editor() const override;

private:
    QComboBox *m_combo;
};

/// Fills `combo` with `items` (keeping its text and without signals) unless it holds them already.
void setComboItems(QComboBox *combo, const QStringList &items);

} // namespace evflow::ui::properties
