#include "ui/properties/NodeHeader.h"

#include "model/NodeCatalog.h"
#include "ui/Theme.h"
#include "ui/properties/FieldStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace evflow::ui::properties {
namespace {

constexpr int kStripWidth = 5;

} // namespace

NodeHeader::NodeHeader(model::NodeKind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_title(new QLabel(this))
    , m_name(new QLabel(this))
{
    const model::NodeKindSpec &spec = model::catalog::spec(kind);
    setObjectName(QStringLiteral("nodeHeader"));
    setToolTip(toQString(spec.help));
    m_title->setText(toQString(spec.title));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setForegroundRole(QPalette::PlaceholderText);

    auto *kindLine = createHintLabel(
        QStringLiteral("%1 · %2").arg(toQString(spec.name),
                                      QLatin1String(model::catalog::roleName(spec.role))),
        this);
    auto *help = createHintLabel(toQString(spec.help), this);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_name, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kStripWidth + 8, 6, 6, 6);
    layout->setSpacing(2);
    layout->addLayout(titleRow);
    layout->addWidget(kindLine);
    layout->addWidget(help);
}

void NodeHeader::showNode(const model::Node &node)
{
    const QString name = node.label.empty() ? toQString(node.id.value) : toQString(node.label);
    if (m_name->text() != name)
        m_name->setText(name);
}

void NodeHeader::paintEvent(QPaintEvent *)
{
    // The role colour as on the canvas header strip: the same colour names the same role.
    QPainter painter(this);
    painter.fillRect(QRect(0, 0, kStripWidth, height()),
                     theme::roleColor(model::catalog::role(m_kind)));
}

} // namespace evflow::ui::properties
