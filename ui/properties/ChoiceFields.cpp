#include "ui/properties/ChoiceFields.h"

#include "ui/properties/FieldStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>

namespace evflow::ui::properties {
namespace {

QHBoxLayout *bareLayout(QWidget *owner)
{
    auto *layout = new QHBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

} // namespace

void setComboItems(QComboBox *combo, const QStringList &items)
{
    QStringList current;
    for (int i = 0; i < combo->count(); ++i)
        current << combo->itemText(i);
    if (current == items)
        return;
    const QSignalBlocker blocker(combo);
    const QString text = combo->currentText();
    combo->clear();
    combo->addItems(items);
    if (combo->isEditable())
        combo->setEditText(text);
    else
        combo->setCurrentIndex(combo->findText(text));
}

BoolField::BoolField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_check(new QCheckBox(this))
{
    describe(m_check);
    bareLayout(this)->addWidget(m_check);
    connect(m_check, &QCheckBox::toggled, this, &ValueField::edited);
}

void BoolField::setValue(const model::PropertyValue &value)
{
    const auto *flag = std::get_if<bool>(&value);
    if (!flag || m_check->isChecked() == *flag)
        return;
    const QSignalBlocker blocker(m_check);
    m_check->setChecked(*flag);
}

std::optional<model::PropertyValue> BoolField::value() const
{
    return model::PropertyValue{m_check->isChecked()};
}

QWidget *BoolField::editor() const
{
    return m_check;
}

EnumField::EnumField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_combo(new QComboBox(this))
{
    describe(m_combo);
    for (const std::string &choice : spec.choices)
        m_combo->addItem(toQString(choice));
    ignoreWheelUnlessFocused(m_combo);
    bareLayout(this)->addWidget(m_combo);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &ValueField::edited);
}

void EnumField::setValue(const model::PropertyValue &value)
{
    const auto *text = std::get_if<std::string>(&value);
    if (!text)
        return;
    const int index = m_combo->findText(toQString(*text));
    if (index == m_combo->currentIndex())
        return;
    const QSignalBlocker blocker(m_combo);
    m_combo->setCurrentIndex(index);
}

std::optional<model::PropertyValue> EnumField::value() const
{
    if (m_combo->currentIndex() < 0)
        return std::nullopt;
    return model::PropertyValue{toStdString(m_combo->currentText())};
}

QWidget *EnumField::editor() const
{
    return m_combo;
}

EventTypeField::EventTypeField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_combo(new QComboBox(this))
{
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->lineEdit()->setPlaceholderText(tr("Pick a declared event type"));
    describe(m_combo);
    ignoreWheelUnlessFocused(m_combo);
    bareLayout(this)->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, &ValueField::edited);
    connect(m_combo->lineEdit(), &QLineEdit::editingFinished, this, &ValueField::edited);
}

void EventTypeField::setValue(const model::PropertyValue &value)
{
    const auto *text = std::get_if<std::string>(&value);
    if (!text || m_combo->currentText() == toQString(*text))
        return;
    const QSignalBlocker blocker(m_combo);
    const QSignalBlocker editBlocker(m_combo->lineEdit());
    m_combo->setEditText(toQString(*text));
}

std::optional<model::PropertyValue> EventTypeField::value() const
{
    return model::PropertyValue{toStdString(m_combo->currentText().trimmed())};
}

void EventTypeField::setFlowContext(const model::Flow &flow)
{
    QStringList names;
    for (const model::EventType &type : flow.eventTypes)
        names << toQString(type.name);
    setComboItems(m_combo, names);
}

QWidget *EventTypeField::editor() const
{
    return m_combo;
}

} // namespace evflow::ui::properties
