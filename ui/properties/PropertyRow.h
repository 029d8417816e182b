#pragma once

#include "model/FlowEdit.h"
#include "model/NodeCatalog.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace evflow::ui::properties {

class ValueField;

/// One property of a node in the form: its label (muted and italic while the catalog default
/// applies, red while a required property is unset), its editor, a reset button ("↺") and an
/// inline message line for input errors and the model's refusals. The label is a separate
/// widget for the form's label column (label()).
class PropertyRow : public QWidget
{
    Q_OBJECT
public:
    PropertyRow(const model::PropertySpec &spec, QWidget *parent = nullptr);

    QLabel *label() const { return m_label; }
    ValueField *field() const { return m_field; }
    /// Editors that need the width of the dock (pickers, lists, tables) go under their label.
    bool isTall() const;

    /// Shows the node's value of this property: stated, or the default (muted). Leaves the
    /// editor alone when the value did not change, so an edit in progress elsewhere survives.
    void showNode(const model::Flow &flow, const model::Node &node);
    /// Shows a refusal under the editor, or clears the message.
    void showResult(const model::EditResult &result);

signals:
    /// The user finished an edit to a new value; nullopt = remove the stated value (default).
    void commitRequested(const std::string &name, std::optional<model::PropertyValue> value);

private:
    void onEdited();
    void updateLabel();

    model::PropertySpec m_spec;
    QLabel *m_label;
    ValueField *m_field;
    QToolButton *m_resetButton;
    QLabel *m_message;
    std::optional<model::PropertyValue> m_shown; ///< the value in force, as last shown
    bool m_stated = false;
};

} // namespace evflow::ui::properties
