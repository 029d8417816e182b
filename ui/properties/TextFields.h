#pragma once

#include "ui/properties/ValueField.h"

QT_BEGIN_NAMESPACE
class QLineEdit;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// A String property: a line edit; Enter or leaving the field is a finished edit.
class StringField : public ValueField
{
    Q_OBJECT
public:
    StringField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QWidget *editor() const override;

protected:
    QLineEdit *lineEdit() const { return m_edit; }

private:
    QLineEdit *m_edit;
};

/// A Path property: a line edit that completes file names, and a "…" button that opens a
/// non-modal file dialog (editing elsewhere goes on while it is open).
class PathField : public StringField
{
    Q_OBJECT
public:
    PathField(const model::PropertySpec &spec, QWidget *parent = nullptr);

private:
    void browse();
};

/// An Endpoint property: a line edit checked with model::parseEndpoint() as it is typed. Invalid
/// text gets a red frame and the parser's message, and is not a value (never committed).
class EndpointField : public StringField
{
    Q_OBJECT
public:
    EndpointField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QString inputError() const override;

private:
    void checkAsTyped();
};

} // namespace evflow::ui::properties
