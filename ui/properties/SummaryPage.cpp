#include "ui/properties/SummaryPage.h"

#include "ui/properties/FieldStyle.h"

#include <QLabel>
#include <QVBoxLayout>

namespace evflow::ui::properties {

QString countNodes(std::size_t count)
{
    return count == 1 ? QObject::tr("1 node") : QObject::tr("%1 nodes").arg(count);
}

QString countWires(std::size_t count)
{
    return count == 1 ? QObject::tr("1 wire") : QObject::tr("%1 wires").arg(count);
}

SummaryPage::SummaryPage(QWidget *parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
    , m_detail(createHintLabel(QString(), this))
{
    setObjectName(QStringLiteral("summaryPage"));
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setWordWrap(true);
    m_headline->setAlignment(Qt::AlignCenter);
    m_headline->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setObjectName(QStringLiteral("detail"));
    m_detail->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addStretch(1);
    layout->addWidget(m_headline);
    layout->addWidget(m_detail);
    layout->addStretch(2);
}

void SummaryPage::showSummary(const model::Flow &flow, std::size_t selectedNodes,
                              std::size_t selectedLinks)
{
    if (selectedNodes == 0 && selectedLinks == 0) {
        m_headline->setText(tr("Select a node or a wire to edit its properties"));
        const QString name = flow.name.empty() ? tr("This flow") : toQString(flow.name);
        const std::size_t types = flow.eventTypes.size();
        m_detail->setText(
            tr("%1: %2, %3, %4")
                .arg(name, countNodes(flow.nodes.size()), countWires(flow.links.size()),
                     types == 1 ? tr("1 event type") : tr("%1 event types").arg(types)));
        m_detail->setToolTip(toQString(flow.description));
        return;
    }
    QStringList parts;
    if (selectedNodes > 0)
        parts << countNodes(selectedNodes);
    if (selectedLinks > 0)
        parts << countWires(selectedLinks);
    m_headline->setText(tr("%1 selected").arg(parts.join(QStringLiteral(", "))));
    m_detail->setText(tr("Select a single node or wire to edit its properties"));
    m_detail->setToolTip(QString());
}

} // namespace evflow::ui::properties
