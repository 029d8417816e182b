#pragma once

#include "ui/properties/ValueField.h"

QT_BEGIN_NAMESPACE
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// An Int property whose range fits an int: a spin box limited to the spec's [min, max].
class IntSpinField : public ValueField
{
    Q_OBJECT
public:
    IntSpinField(const model::PropertySpec &spec, QWidget *parent = nullptr);
    /// True when the spec's range (both ends stated) fits a QSpinBox.
    static bool fits(const model::PropertySpec &spec);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QWidget *editor() const override;
    /// A unit after the number (" ms").
    void setSuffix(const QString &suffix);

private:
    QSpinBox *m_spin;
    std::optional<std::int64_t> m_shown; ///< the document's value, possibly out of range
};

/// An Int property whose range does not fit an int (an open upper end, 64-bit values): a line
/// edit that takes digits only and checks the range when the edit is finished.
class Int64TextField : public ValueField
{
    Q_OBJECT
public:
    Int64TextField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QString inputError() const override;
    QWidget *editor() const override;

private:
    QLineEdit *m_edit;
};

/// A Double property: a spin box over the spec's range that shows no trailing zeros.
class DoubleField : public ValueField
{
    Q_OBJECT
public:
    DoubleField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QWidget *editor() const override;

private:
    QDoubleSpinBox *m_spin;
    std::optional<double> m_shown; ///< the document's exact value
};

} // namespace evflow::ui::properties
