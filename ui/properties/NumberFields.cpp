#include "ui/properties/NumberFields.h"

#include "ui/properties/FieldStyle.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace evflow::ui::properties {
namespace {

/// Shows 2000 as "2000" and 0.25 as "0.25" rather than "2000.000000": the spin box keeps enough
/// decimals for any sensible value but does not print the zeros.
class CompactDoubleSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override
    {
        QString text = QDoubleSpinBox::textFromValue(value);
        const QString point = locale().decimalPoint();
        if (!text.contains(point))
            return text;
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
        return text;
    }
};

/// Largest magnitude an open-ended Double range offers: beyond any rate or bound in practice.
constexpr double kOpenDoubleLimit = 1e12;

std::int64_t lowerBound(const model::PropertySpec &spec)
{
    return spec.min ? static_cast<std::int64_t>(*spec.min)
                    : std::numeric_limits<std::int64_t>::min();
}

std::int64_t upperBound(const model::PropertySpec &spec)
{
    return spec.max ? static_cast<std::int64_t>(*spec.max)
                    : std::numeric_limits<std::int64_t>::max();
}

} // namespace

IntSpinField::IntSpinField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_spin(new QSpinBox(this))
{
    describe(m_spin);
    m_spin->setRange(static_cast<int>(*spec.min), static_cast<int>(*spec.max));
    m_spin->setKeyboardTracking(false);
    m_spin->setGroupSeparatorShown(true);
    m_spin->setAccelerated(true);
    ignoreWheelUnlessFocused(m_spin);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_spin);
    connect(m_spin, &QSpinBox::editingFinished, this, &ValueField::edited);
}

bool IntSpinField::fits(const model::PropertySpec &spec)
{
    return spec.min && spec.max && *spec.min >= INT_MIN && *spec.max <= INT_MAX;
}

void IntSpinField::setValue(const model::PropertyValue &value)
{
    const auto *number = std::get_if<std::int64_t>(&value);
    if (!number)
        return;
    m_shown = *number;
    const QSignalBlocker blocker(m_spin);
    m_spin->setValue(
        static_cast<int>(std::clamp<std::int64_t>(*number, m_spin->minimum(), m_spin->maximum())));
}

std::optional<model::PropertyValue> IntSpinField::value() const
{
    // A value out of the spin box's range (from a hand-edited file) is shown clamped; unless
    // the user changed it, the editor still holds the document's value.
    if (m_shown
        && std::clamp<std::int64_t>(*m_shown, m_spin->minimum(), m_spin->maximum())
               == m_spin->value())
        return model::PropertyValue{*m_shown};
    return model::PropertyValue{std::int64_t{m_spin->value()}};
}

QWidget *IntSpinField::editor() const
{
    return m_spin;
}

void IntSpinField::setSuffix(const QString &suffix)
{
    m_spin->setSuffix(suffix);
}

Int64TextField::Int64TextField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_edit(new QLineEdit(this))
{
    describe(m_edit);
    m_edit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?[0-9]{0,19}")), this));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    connect(m_edit, &QLineEdit::editingFinished, this, &ValueField::edited);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        setInvalidFrame(m_edit, !inputError().isEmpty());
        emit inputErrorChanged(inputError());
    });
}

void Int64TextField::setValue(const model::PropertyValue &value)
{
    const auto *number = std::get_if<std::int64_t>(&value);
    if (!number)
        return;
    const QString text = QString::number(*number);
    setInvalidFrame(m_edit, false);
    if (m_edit->text() == text)
        return;
    const QSignalBlocker blocker(m_edit);
    m_edit->setText(text);
}

std::optional<model::PropertyValue> Int64TextField::value() const
{
    bool ok = false;
    const qlonglong number = m_edit->text().toLongLong(&ok);
    if (!ok || number < lowerBound(spec()) || number > upperBound(spec()))
        return std::nullopt;
    return model::PropertyValue{std::int64_t{number}};
}

QString Int64TextField::inputError() const
{
    if (value())
        return {};
    if (spec().min && !spec().max)
        return tr("Enter a whole number of at least %1.").arg(lowerBound(spec()));
    if (spec().min && spec().max)
        return tr("Enter a whole number from %1 to %2.")
            .arg(lowerBound(spec()))
            .arg(upperBound(spec()));
    return tr("Enter a whole number.");
}

QWidget *Int64TextField::editor() const
{
    return m_edit;
}

DoubleField::DoubleField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_spin(new CompactDoubleSpinBox(this))
{
    describe(m_spin);
    const double min = spec.min.value_or(-kOpenDoubleLimit);
    const double max = spec.max.value_or(kOpenDoubleLimit);
    m_spin->setDecimals(6);
    m_spin->setRange(min, max);
    // Probabilities step by a percent, everything else by one unit.
    m_spin->setSingleStep(max - min <= 1.0 ? 0.01 : 1.0);
    m_spin->setKeyboardTracking(false);
    m_spin->setAccelerated(true);
    ignoreWheelUnlessFocused(m_spin);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_spin);
    connect(m_spin, &QDoubleSpinBox::editingFinished, this, &ValueField::edited);
}

void DoubleField::setValue(const model::PropertyValue &value)
{
    double number = 0;
    if (const auto *d = std::get_if<double>(&value))
        number = *d;
    else if (const auto *i = std::get_if<std::int64_t>(&value))
        number = static_cast<double>(*i);
    else
        return;
    m_shown = number;
    const QSignalBlocker blocker(m_spin);
    m_spin->setValue(number);
}

std::optional<model::PropertyValue> DoubleField::value() const
{
    // The spin box rounds to its decimals; unless the user changed the value, the editor still
    // holds the document's exact value (leaving the field must not round it).
    if (m_shown && m_spin->valueFromText(m_spin->textFromValue(*m_shown)) == m_spin->value())
        return model::PropertyValue{*m_shown};
    return model::PropertyValue{m_spin->value()};
}

QWidget *DoubleField::editor() const
{
    return m_spin;
}

} // namespace evflow::ui::properties
