#pragma once

#include "ui/properties/NodeEditTarget.h"

#include <QGroupBox>

#include <map>
#include <string>

namespace evflow::ui::properties {

class PropertyRow;

/// "Properties": one row per property the kind declares, in the catalog's order, each with the
/// editor for its type. A finished edit is one setProperty() call (one undo step); the reset
/// button removes the stated value. Hidden for kinds without properties.
class PropertiesGroup : public QGroupBox
{
    Q_OBJECT
public:
    PropertiesGroup(NodeEditTarget *target, model::NodeKind kind, QWidget *parent = nullptr);
    /// Shows the node's values in place.
    void showNode(const model::Flow &flow, const model::Node &node);
    /// The row of a property, or nullptr (tests, focus).
    PropertyRow *row(const std::string &name) const;

private:
    void commit(const std::string &name, std::optional<model::PropertyValue> value);

    NodeEditTarget *m_target;
    std::map<std::string, PropertyRow *> m_rows;
};

} // namespace evflow::ui::properties
