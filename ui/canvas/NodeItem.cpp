#include "ui/canvas/NodeItem.h"

#include "model/NodeCatalog.h"
#include "ui/NodeIcons.h"
#include "ui/Theme.h"
#include "ui/canvas/CanvasStyle.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/NodeText.h"
#include "ui/canvas/PortItem.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace evflow::ui::canvas {
namespace {

constexpr double kTextInset = 12;
constexpr double kLineHeight = 15;
constexpr double kBadgeRadius = 9;
// The badge row: chips may stick out of the node's sides a little (AutoLayout leaves 80 px
// between columns), so that the usual five fit on one row, before they wrap onto a second row.
constexpr double kChipOverhang = 28;
constexpr double kChipGap = 3;
constexpr double kChipPadding = 4;
constexpr double kBadgeTop = 5;

bool isDefaultPortName(const model::PortSpec &port)
{
    return port.name == (port.direction == model::PortDirection::In ? "in" : "out");
}

/// The host tag's text: small and bold, the same for measuring and drawing.
QFont hostTagFont()
{
    QFont font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    return font;
}

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.85));
    return font;
}

} // namespace

NodeItem::NodeItem(const model::Node &node)
    : m_id(node.id)
    , m_kind(node.kind)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(10);
    update(node);
}

void NodeItem::update(const model::Node &node)
{
    prepareGeometryChange();
    m_id = node.id;
    m_kind = node.kind;
    const auto &spec = model::catalog::spec(node.kind);
    m_caption = nodeCaption(node);
    m_kindTitle = QString::fromStdString(spec.title);
    m_kindHelp = QString::fromStdString(spec.help);
    m_lines = keyPropertyLines(node);
    rebuildPorts(node);
    layoutBadges(); // the body's height may have changed
    updateToolTip();
    QGraphicsItem::update();
}

void NodeItem::rebuildPorts(const model::Node &node)
{
    const auto specs = model::catalog::ports(node);
    std::vector<std::string> signature;
    for (const auto &p : specs)
        signature.push_back(p.name + (p.direction == model::PortDirection::In ? "<" : ">"));
    const std::size_t inputs = std::size_t(std::count_if(specs.begin(), specs.end(), [](auto &p) {
        return p.direction == model::PortDirection::In;
    }));
    const std::size_t rows = std::max(inputs, specs.size() - inputs);
    const double body = CanvasStyle::kHeaderHeight + 14 + double(rows) * CanvasStyle::kPortPitch;
    m_width = CanvasStyle::kNodeWidth;
    m_height = std::max(CanvasStyle::kMinNodeHeight, body);
    if (signature == m_portSignature && !m_ports.empty()) {
        for (PortItem *port : m_ports) // the ids follow a rename
            port->setNode(node.id);
    } else {
        for (PortItem *port : m_ports)
            delete port;
        m_ports.clear();
        for (const auto &p : specs)
            m_ports.push_back(new PortItem({node.id, p.name}, p, this));
        m_portSignature = std::move(signature);
    }
    int in = 0, out = 0;
    const double top = CanvasStyle::kHeaderHeight + 6 + CanvasStyle::kPortPitch / 2;
    for (PortItem *port : m_ports) {
        const int row = port->isOutput() ? out++ : in++;
        port->setPos(port->isOutput() ? m_width : 0, top + row * CanvasStyle::kPortPitch);
    }
}

void NodeItem::setConnectedPorts(const std::set<std::string> &ports)
{
    for (PortItem *port : m_ports)
        port->setConnected(ports.count(port->ref().port) > 0);
}

void NodeItem::setProblems(const model::Problems &problems)
{
    m_problems = problems;
    updateToolTip();
    QGraphicsItem::update();
}

void NodeItem::setLiveState(std::optional<NodeLiveState> state)
{
    prepareGeometryChange();
    m_live = std::move(state);
    layoutBadges();
    updateToolTip();
    QGraphicsItem::update();
}

bool NodeItem::isAlarmed() const
{
    return model::hasErrors(m_problems) || (m_live && !m_live->alarms.isEmpty());
}

QFont NodeItem::badgeFont() const
{
    QFont font = scene() ? scene()->font() : QFont();
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.8));
    return font;
}

void NodeItem::layoutBadges()
{
    m_chipRects.clear();
    m_badgeRect = {};
    if (!m_live)
        return;
    const QFontMetricsF metrics(badgeFont());
    const double height = std::ceil(metrics.height()) + 2;
    const double maxRow = m_width + 2 * kChipOverhang;
    // Greedy rows of chips, each row centred under the node.
    std::vector<std::vector<double>> rows(1);
    double rowWidth = 0;
    for (const BadgeChip &chip : m_live->chips) {
        const double width = std::ceil(metrics.horizontalAdvance(chip.text)) + 2 * kChipPadding;
        if (!rows.back().empty() && rowWidth + kChipGap + width > maxRow) {
            rows.emplace_back();
            rowWidth = 0;
        }
        rowWidth += (rows.back().empty() ? 0 : kChipGap) + width;
        rows.back().push_back(width);
    }
    double y = m_height + kBadgeTop;
    for (const auto &row : rows) {
        double total = -kChipGap;
        for (double width : row)
            total += width + kChipGap;
        double x = (m_width - total) / 2;
        for (double width : row) {
            m_chipRects.emplace_back(x, y, width, height);
            m_badgeRect = m_badgeRect.united(m_chipRects.back());
            x += width + kChipGap;
        }
        y += height + kChipGap;
    }
}

PortItem *NodeItem::port(const std::string &name) const
{
    for (PortItem *port : m_ports)
        if (port->ref().port == name)
            return port;
    return nullptr;
}

void NodeItem::setHost(const QString &name, const QColor &colour)
{
    if (name == m_host && colour == m_hostColour)
        return;
    m_host = name;
    m_hostColour = colour;
    updateToolTip();
    QGraphicsItem::update();
}

QRectF NodeItem::hostTagRect() const
{
    if (m_host.isEmpty())
        return {};
    const double textWidth = QFontMetricsF(hostTagFont()).horizontalAdvance(m_host);
    // At most half the header: a long host name is elided, the caption keeps its room.
    const double width = std::min(textWidth + 12, m_width / 2);
    const double height = CanvasStyle::kHeaderHeight - 10;
    const double right = m_width - cornerRadius() / 2 - 4;
    return {right - width, (CanvasStyle::kHeaderHeight - height) / 2, width, height};
}

void NodeItem::updateToolTip()
{
    QString tip = QStringLiteral("<b>%1</b> — %2<br>%3")
                      .arg(QString::fromStdString(m_id.value).toHtmlEscaped(),
                           m_kindTitle.toHtmlEscaped(), m_kindHelp.toHtmlEscaped());
    if (!m_host.isEmpty())
        tip += QStringLiteral("<br>")
               + QCoreApplication::translate("NodeItem", "Runs on host %1")
                     .arg(m_host.toHtmlEscaped());
    for (const auto &problem : m_problems)
        tip += QStringLiteral("<br>%1 %2")
                   .arg(problem.severity == model::Severity::Error ? QStringLiteral("✗")
                                                                   : QStringLiteral("⚠"),
                        QString::fromStdString(problem.message).toHtmlEscaped());
    if (m_live) {
        for (const QString &alarm : m_live->alarms)
            tip += QStringLiteral("<br>✗ %1").arg(alarm.toHtmlEscaped());
        tip += QStringLiteral("<br>%1: %2")
                   .arg(m_live->final ? QCoreApplication::translate("NodeItem", "Last run (totals)")
                                      : QCoreApplication::translate("NodeItem", "Live"),
                        m_live->text().toHtmlEscaped());
    }
    setToolTip(tip);
}

double NodeItem::cornerRadius() const
{
    return model::catalog::role(m_kind) == model::NodeRole::Channel
               ? CanvasStyle::kChannelCornerRadius
               : CanvasStyle::kCornerRadius;
}

QRectF NodeItem::boundingRect() const
{
    // The badge sticks out of the top-right corner; the selection outline needs 2 px.
    const QRectF rect = frame().adjusted(-3, -kBadgeRadius - 1, kBadgeRadius + 1, 3);
    return m_badgeRect.isEmpty() ? rect : rect.united(m_badgeRect.adjusted(-1, -1, 1, 1));
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(frame(), cornerRadius(), cornerRadius());
    return path;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    // Zoomed far out, text is unreadable: shapes and colours only (the outline still tells
    // selected, alarmed and problems apart), which keeps a frame of 1000 nodes cheap.
    const bool overview
        = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform())
          < CanvasStyle::kDetailZoom;
    painter->setRenderHint(QPainter::Antialiasing, !overview);
    paintBody(painter, palette, overview);
    paintHeader(painter, overview);
    if (overview)
        return;
    paintPortLabels(painter, palette);
    paintProblemBadge(painter);
    paintBadges(painter, palette);
}

void NodeItem::paintBody(QPainter *painter, const QPalette &palette, bool overview) const
{
    const QColor roleColor = theme::roleColor(model::catalog::role(m_kind));
    QColor outline = roleColor;
    double width = 1.2;
    if (isSelected()) {
        outline = palette.color(QPalette::Highlight);
        width = 2.6;
    } else if (isAlarmed()) {
        outline = theme::errorColor();
        width = 3;
    } else if (!m_problems.empty()) {
        outline = theme::warningColor();
        width = 1.8;
    }
    QColor fill = palette.color(QPalette::Base);
    if (isAlarmed()) {
        // A red wash over the body: visible from afar and in either palette, the text still reads.
        const QColor red = theme::errorColor();
        const double a = 0.16;
        fill = QColor::fromRgbF(fill.redF() * (1 - a) + red.redF() * a,
                                fill.greenF() * (1 - a) + red.greenF() * a,
                                fill.blueF() * (1 - a) + red.blueF() * a);
    }
    QPen pen(outline, width);
    pen.setCosmetic(overview);
    painter->setPen(pen);
    painter->setBrush(fill);
    if (overview) {
        painter->drawRect(frame());
        return;
    }
    painter->drawRoundedRect(frame(), cornerRadius(), cornerRadius());

    // Body text: kind, then the key properties, muted.
    QColor muted = palette.color(QPalette::Text);
    muted.setAlphaF(0.62);
    const QFont font = smallFont(painter->font());
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const double inset = kTextInset + (m_ports.empty() ? 0 : 4);
    const double textWidth = m_width - 2 * inset;
    double y = CanvasStyle::kHeaderHeight + 4;
    QStringList lines{m_kindTitle};
    lines += m_lines;
    for (const QString &line : lines) {
        if (y + kLineHeight > m_height - 2)
            break;
        painter->setPen(line == m_kindTitle ? palette.color(QPalette::Text) : muted);
        const QString shown = metrics.elidedText(line, Qt::ElideMiddle, textWidth);
        painter->drawText(QRectF(inset, y, textWidth, kLineHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, shown);
        y += kLineHeight;
    }
}

void NodeItem::paintHeader(QPainter *painter, bool overview) const
{
    const QColor roleColor = theme::roleColor(model::catalog::role(m_kind));
    if (overview) {
        painter->fillRect(QRectF(0, 0, m_width, CanvasStyle::kHeaderHeight), roleColor);
        paintHostTag(painter, true);
        return;
    }
    const double r = cornerRadius();
    QPainterPath header;
    header.addRoundedRect(frame(), r, r);
    QPainterPath strip;
    strip.addRect(QRectF(0, 0, m_width, CanvasStyle::kHeaderHeight));
    painter->setPen(Qt::NoPen);
    painter->setBrush(roleColor);
    painter->drawPath(header.intersected(strip));

    const double iconSize = 16;
    const double iconX = r > 10 ? r - 4 : 8;
    const QRectF iconRect(iconX, (CanvasStyle::kHeaderHeight - iconSize) / 2, iconSize, iconSize);
    nodeKindIcon(m_kind).paint(painter, iconRect.toRect());

    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::white);
    const double textX = iconRect.right() + 6;
    const double textEnd
        = m_host.isEmpty() ? m_width - r / 2 - 6 : paintHostTag(painter, false) - 4;
    const QRectF textRect(textX, 0, textEnd - textX, CanvasStyle::kHeaderHeight);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(font).elidedText(m_caption, Qt::ElideRight, textRect.width()));
    font.setBold(false);
    painter->setFont(font);
}

double NodeItem::paintHostTag(QPainter *painter, bool overview) const
{
    const QRectF tag = hostTagRect();
    if (tag.isEmpty())
        return m_width;
    if (overview) { // a plain block of the host's colour: the grouping shows from afar
        painter->fillRect(tag, m_hostColour);
        return tag.left();
    }
    painter->save();
    painter->setPen(QPen(QColor(255, 255, 255, 200), 1));
    painter->setBrush(m_hostColour);
    painter->drawRoundedRect(tag, tag.height() / 2, tag.height() / 2);
    const QFont font = hostTagFont();
    painter->setFont(font);
    painter->setPen(Qt::white);
    const QRectF text = tag.adjusted(6, 0, -6, 0);
    painter->drawText(text, Qt::AlignCenter,
                      QFontMetricsF(font).elidedText(m_host, Qt::ElideRight, text.width()));
    painter->restore();
    return tag.left();
}

void NodeItem::paintPortLabels(QPainter *painter, const QPalette &palette) const
{
    QColor muted = palette.color(QPalette::Text);
    muted.setAlphaF(0.7);
    painter->setPen(muted);
    const QFont font = smallFont(painter->font());
    painter->setFont(font);
    for (const PortItem *port : m_ports) {
        if (isDefaultPortName(port->spec()))
            continue;
        const QPointF at = port->pos();
        const QString name = QString::fromStdString(port->spec().name);
        const QRectF rect = port->isOutput() ? QRectF(at.x() - 88, at.y() - 8, 78, 16)
                                             : QRectF(at.x() + 10, at.y() - 8, 78, 16);
        painter->drawText(
            rect, (port->isOutput() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, name);
    }
}

void NodeItem::paintProblemBadge(QPainter *painter) const
{
    if (m_problems.empty())
        return;
    const bool error = model::hasErrors(m_problems);
    const QPointF centre(m_width - 2, 0);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(error ? theme::errorColor() : theme::warningColor());
    painter->drawEllipse(centre, kBadgeRadius, kBadgeRadius);
    QFont font = smallFont(painter->font());
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(error ? Qt::white : Qt::black);
    painter->drawText(QRectF(centre.x() - kBadgeRadius, centre.y() - kBadgeRadius, 2 * kBadgeRadius,
                             2 * kBadgeRadius),
                      Qt::AlignCenter, QString::number(m_problems.size()));
}

void NodeItem::paintBadges(QPainter *painter, const QPalette &palette) const
{
    if (!m_live || m_chipRects.size() != m_live->chips.size())
        return;
    const QFont font = badgeFont();
    painter->setFont(font);
    QColor muted = palette.color(QPalette::Text);
    muted.setAlphaF(0.55);
    QColor outline = palette.color(QPalette::Text);
    outline.setAlphaF(0.25);
    for (std::size_t i = 0; i < m_chipRects.size(); ++i) {
        const BadgeChip &chip = m_live->chips[i];
        const QRectF &rect = m_chipRects[i];
        const double r = rect.height() / 2;
        if (chip.lit) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(chip.colour);
            painter->drawRoundedRect(rect, r, r);
            // Dark text on the light chips (amber, light grey), white on the others.
            const double luma = 0.299 * chip.colour.redF() + 0.587 * chip.colour.greenF()
                                + 0.114 * chip.colour.blueF();
            painter->setPen(luma > 0.6 ? Qt::black : Qt::white);
        } else {
            painter->setPen(QPen(outline, 1));
            painter->setBrush(palette.color(QPalette::Base));
            painter->drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), r, r);
            painter->setPen(muted);
        }
        painter->drawText(rect, Qt::AlignCenter, chip.text);
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && m_snapGrid > 0) {
        const QPointF p = value.toPointF();
        return QPointF(std::round(p.x() / m_snapGrid) * m_snapGrid,
                       std::round(p.y() / m_snapGrid) * m_snapGrid);
    }
    if (change == ItemPositionHasChanged)
        if (auto *flowScene = dynamic_cast<FlowScene *>(scene()))
            flowScene->nodeItemMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

} // namespace evflow::ui::canvas
