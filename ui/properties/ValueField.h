#pragma once

#include "model/NodeCatalog.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace evflow::ui::properties {

/// The editor of one value of a declared type (a spin box, a combo box, a picker...). It shows
/// values the document holds and tells when the user has *finished* an edit (Enter, focus-out,
/// a click on a check box or a choice), never per keystroke, so that one edit is one command.
/// setValue() never emits edited(): a refresh from the document must not write back.
class ValueField : public QWidget
{
    Q_OBJECT
public:
    explicit ValueField(model::PropertySpec spec, QWidget *parent = nullptr);

    const model::PropertySpec &spec() const { return m_spec; }

    /// Shows `value` without emitting anything; leaves the editor untouched when it already
    /// shows it (so the cursor stays where it is).
    virtual void setValue(const model::PropertyValue &value) = 0;
    /// The value the editor holds, or nullopt while its input is not a value (inputError()).
    virtual std::optional<model::PropertyValue> value() const = 0;
    /// Why the current input is not a value; empty when it is one.
    virtual QString inputError() const { return {}; }
    /// The flow around the value: declared event types for pickers. The default ignores it.
    virtual void setFlowContext(const model::Flow &flow);
    /// Shows the value as a default (italic) or as stated.
    virtual void setShowsDefault(bool isDefault);
    /// The widget that takes the keyboard focus (for tests and buddies).
    virtual QWidget *editor() const = 0;

signals:
    /// The user finished an edit: read value() (or inputError()).
    void edited();
    /// The input became valid or invalid while typing; empty message = valid.
    void inputErrorChanged(const QString &message);

protected:
    /// Sets the tooltip (help) and object name (the property name) on the inner editor.
    void describe(QWidget *inner) const;

private:
    model::PropertySpec m_spec;
};

/// The editor for a property of this spec's type: Int -> spin box (or a checked line edit when the
/// range does not fit an int), Double -> spin box, Bool -> check box, Enum -> combo box,
/// String/Path/Endpoint -> line edits, EventType -> combo of declared types, EventTypeList ->
/// event-type picker, List -> one item per line, Map -> two-column table.
ValueField *createValueField(const model::PropertySpec &spec, QWidget *parent);

} // namespace evflow::ui::properties
