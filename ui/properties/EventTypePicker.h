#pragma once

#include "ui/properties/ValueField.h"

#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QLineEdit;
class QListWidget;
class QListWidgetItem;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// Picks event types: a checkable list of the flow's declared types, with the picked ones first
/// in their order, plus a line for free entries (a type declared later, or a prefix such as
/// "order."). Checking, unchecking or adding an entry is one finished edit (edited()).
class EventTypePicker : public QWidget
{
    Q_OBJECT
public:
    explicit EventTypePicker(QWidget *parent = nullptr);

    /// The flow's declared types, offered unchecked after the picked ones.
    void setDeclaredTypes(const std::vector<std::string> &names);
    /// Shows `picked` as the checked entries, without emitting edited().
    void setPicked(const std::vector<std::string> &picked);
    /// The checked entries, in list order.
    std::vector<std::string> picked() const;
    /// Placeholder of the free-entry line ("Add a type or prefix…").
    void setEntryPlaceholder(const QString &text);

    QListWidget *list() const { return m_list; }
    QLineEdit *entry() const { return m_entry; }

signals:
    void edited();

private:
    /// Rebuilds the list from m_declared and m_picked unless it already shows them.
    void sync();
    void addEntry();
    void fitHeight();
    void describeItem(QListWidgetItem *item, const std::string &name) const;

    QListWidget *m_list;
    QLineEdit *m_entry;
    std::vector<std::string> m_declared;
    std::vector<std::string> m_picked;
};

/// An EventTypeList property edited with an EventTypePicker.
class EventTypeListField : public ValueField
{
    Q_OBJECT
public:
    EventTypeListField(const model::PropertySpec &spec, QWidget *parent = nullptr);

    void setValue(const model::PropertyValue &value) override;
    std::optional<model::PropertyValue> value() const override;
    void setFlowContext(const model::Flow &flow) override;
    void setShowsDefault(bool isDefault) override;
    QWidget *editor() const override;

private:
    EventTypePicker *m_picker;
};

} // namespace evflow::ui::properties
