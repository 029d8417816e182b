#pragma once

#include "model/Flow.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace evflow::ui::properties {

/// The top of a node page: a strip in the role colour, the kind's title, "kind · role" and the
/// kind's help in small muted text (also the tooltip).
class NodeHeader : public QWidget
{
    Q_OBJECT
public:
    explicit NodeHeader(model::NodeKind kind, QWidget *parent = nullptr);
    /// The node's label or id next to the title.
    void showNode(const model::Node &node);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    model::NodeKind m_kind;
    QLabel *m_title;
    QLabel *m_name;
};

} // namespace evflow::ui::properties
