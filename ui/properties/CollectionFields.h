#pragma once

#include "ui/properties/ValueField.h"

QT_BEGIN_NAMESPACE
class QPlainTextEdit;
class QTableWidget;
class QToolButton;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// A List property: one item per line; leaving the field is a finished edit (blank lines are
/// dropped).
class ListField : public ValueField
{
    Q_OBJECT
public:
    ListField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QWidget *editor() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_text;
};

/// A Map property: a two-column table (key, value) with an empty last row for adding. A
/// finished cell edit or removing rows is one edit; rows without a key are ignored.
class MapField : public ValueField
{
    Q_OBJECT
public:
    MapField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    QString inputError() const override;
    QWidget *editor() const override;

private:
    void fill(const model::StringMap &map);
    void ensureEmptyLastRow();
    void removeSelectedRows();
    void fitHeight();

    QTableWidget *m_table;
    QToolButton *m_removeButton;
};

} // namespace evflow::ui::properties
