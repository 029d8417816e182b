#pragma once

#include "ui/properties/NodeEditTarget.h"

#include <QGroupBox>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// "General": the node's id (renameNode), label (setLabel) and host (setHost). Each field
/// commits on Enter or focus-out; Escape in the id field brings the current id back. A refused
/// edit shows the model's message under the field and changes nothing else.
class GeneralGroup : public QGroupBox
{
    Q_OBJECT
public:
    GeneralGroup(NodeEditTarget *target, QWidget *parent = nullptr);
    /// Shows the node's values in place (an edit in progress in another field survives).
    void showNode(const model::Flow &flow, const model::Node &node);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commitId();
    void commitLabel();
    void commitHost();

    NodeEditTarget *m_target;
    model::NodeId m_shownId; ///< the id the field last showed from the document
    QLineEdit *m_id;
    QLabel *m_idMessage;
    QLineEdit *m_label;
    QLabel *m_labelMessage;
    QComboBox *m_host;
    QLabel *m_hostMessage;
};

} // namespace evflow::ui::properties
