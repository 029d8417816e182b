#include "ui/PaletteWidget.h"

#include "model/NodeCatalog.h"
#include "ui/NodeIcons.h"
#include "ui/Theme.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui {

namespace {

constexpr int kIconSize = 20;
constexpr model::NodeRole kRoles[] = {model::NodeRole::Producer, model::NodeRole::Channel,
                                      model::NodeRole::Consumer, model::NodeRole::Processor};

/// The palette's items, with drag data in the one format the canvas accepts: the kind's file
/// name. Group rows give none, so only entries can be dragged.
class PaletteItemModel : public QStandardItemModel
{
public:
    using QStandardItemModel::QStandardItemModel;

    QStringList mimeTypes() const override { return {nodeKindMimeType()}; }

    QMimeData *mimeData(const QModelIndexList &indexes) const override
    {
        for (const QModelIndex &index : indexes) {
            const QVariant kind = index.data(PaletteWidget::KindRole);
            if (!kind.isValid())
                continue;
            auto *data = new QMimeData;
            const char *name = model::catalog::kindName(static_cast<model::NodeKind>(kind.toInt()));
            data->setData(nodeKindMimeType(), QByteArray(name));
            return data;
        }
        return nullptr;
    }

    // Copy only: QAbstractItemView removes the dragged rows after a drop accepted as a move.
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::IgnoreAction; }
};

QString entryToolTip(const model::NodeKindSpec &spec)
{
    return QStringLiteral("<b>%1</b> &nbsp;<code>%2</code><br/>%3")
        .arg(QString::fromStdString(spec.title).toHtmlEscaped(),
             QString::fromStdString(spec.name).toHtmlEscaped(),
             QString::fromStdString(spec.help).toHtmlEscaped());
}

QStandardItem *makeEntry(const model::NodeKindSpec &spec)
{
    auto *item = new QStandardItem(nodeKindIcon(spec.kind), QString::fromStdString(spec.title));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    item->setData(static_cast<int>(spec.kind), PaletteWidget::KindRole);
    item->setData(QString::fromStdString(spec.title + '\n' + spec.name + '\n' + spec.help),
                  PaletteWidget::SearchTextRole);
    item->setToolTip(entryToolTip(spec));
    return item;
}

QStandardItem *makeGroup(model::NodeRole role, const QFont &baseFont)
{
    auto *item = new QStandardItem(roleIcon(role), theme::rolePluralTitle(role));
    // A heading, not a choice: not selectable, not draggable, matched only through its entries.
    item->setFlags(Qt::ItemIsEnabled);
    QFont bold = baseFont;
    bold.setBold(true);
    item->setFont(bold);
    return item;
}

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QWidget(parent)
    , m_filterEdit(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_noMatchLabel(new QLabel(tr("No node kind matches the filter."), this))
    , m_model(new PaletteItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_filterEdit->setPlaceholderText(tr("Filter nodes"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setToolTip(tr("Type part of a name or description; Enter adds the only match"));
    m_filterEdit->installEventFilter(this);

    buildEntries();
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // A group stays when one of its entries matches; groups carry no search text of their own.
    m_proxy->setRecursiveFilteringEnabled(true);

    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setIndentation(10);
    m_view->setUniformRowHeights(true);
    m_view->setIconSize(QSize(kIconSize, kIconSize));
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->expandAll();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_noMatchLabel);
    layout->addWidget(m_view, 1);

    m_noMatchLabel->setForegroundRole(QPalette::PlaceholderText);
    m_noMatchLabel->setWordWrap(true);
    m_noMatchLabel->setContentsMargins(4, 4, 4, 4);
    m_noMatchLabel->hide();

    connect(m_filterEdit, &QLineEdit::textChanged, this, &PaletteWidget::applyFilter);
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &PaletteWidget::activateSingleMatch);
    connect(m_view, &QTreeView::activated, this, &PaletteWidget::activateIfEntry);

    setMinimumWidth(widestEntryWidth());
}

void PaletteWidget::setFilter(const QString &text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text); // applies it through textChanged
    else
        applyFilter(text);
}

void PaletteWidget::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

bool PaletteWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // Down walks from the filter box into the list, as in a search field with results.
        if (key->key() == Qt::Key_Down && !visibleEntries().isEmpty()) {
            m_view->setCurrentIndex(visibleEntries().first());
            m_view->setFocus(Qt::OtherFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_filterEdit->text().isEmpty()) {
            m_filterEdit->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PaletteWidget::buildEntries()
{
    for (const model::NodeRole role : kRoles) {
        QStandardItem *group = makeGroup(role, font());
        for (const model::NodeKindSpec &spec : model::catalog::kinds())
            if (spec.role == role || spec.alsoListedAs == role)
                group->appendRow(makeEntry(spec));
        m_model->appendRow(group);
    }
}

void PaletteWidget::applyFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    // Rows the filter brings back come in collapsed; every group is always open.
    m_view->expandAll();
    const QList<QModelIndex> entries = visibleEntries();
    m_noMatchLabel->setVisible(entries.isEmpty());
    // Show which entry Enter would add.
    if (entries.size() == 1)
        m_view->setCurrentIndex(entries.first());
}

void PaletteWidget::activateIfEntry(const QModelIndex &index)
{
    const QVariant kind = index.data(KindRole);
    if (kind.isValid())
        emit kindActivated(static_cast<model::NodeKind>(kind.toInt()));
}

void PaletteWidget::activateSingleMatch()
{
    const QList<QModelIndex> entries = visibleEntries();
    if (entries.size() == 1)
        activateIfEntry(entries.first());
}

QList<QModelIndex> PaletteWidget::visibleEntries() const
{
    QList<QModelIndex> entries;
    for (int g = 0; g < m_proxy->rowCount(); ++g) {
        const QModelIndex group = m_proxy->index(g, 0);
        for (int e = 0; e < m_proxy->rowCount(group); ++e)
            entries << m_proxy->index(e, 0, group);
    }
    return entries;
}

int PaletteWidget::widestEntryWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    int widest = 0;
    for (const model::NodeRole role : kRoles)
        widest
            = std::max(widest, QFontMetrics(bold).horizontalAdvance(theme::rolePluralTitle(role)));
    for (const model::NodeKindSpec &spec : model::catalog::kinds())
        widest
            = std::max(widest, fontMetrics().horizontalAdvance(QString::fromStdString(spec.title)));
    // Indentation, icon, the gap after it, item margins, the frame and a vertical scroll bar.
    constexpr int chrome = 10 + kIconSize + 8 + 12 + 4 + 16;
    return widest + chrome;
}

} // namespace evflow::ui
