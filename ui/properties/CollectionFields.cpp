#include "ui/properties/CollectionFields.h"

#include "ui/properties/FieldStyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <set>

namespace evflow::ui::properties {
namespace {

constexpr int kListLines = 4;
constexpr int kMaxVisibleTableRows = 6;

QString joinLines(const model::StringList &items)
{
    QStringList lines;
    for (const std::string &item : items)
        lines << toQString(item);
    return lines.join(QLatin1Char('\n'));
}

/// Column titles from help such as "old name -> new name (...)", else "Key" / "Value".
QStringList columnTitles(const std::string &help)
{
    static const QRegularExpression pattern(QStringLiteral("^([\\w ]+?) -> ([\\w ]+)"));
    const QRegularExpressionMatch match = pattern.match(toQString(help));
    if (!match.hasMatch())
        return {QObject::tr("Key"), QObject::tr("Value")};
    QStringList titles{match.captured(1).trimmed(), match.captured(2).trimmed()};
    for (QString &title : titles)
        title[0] = title[0].toUpper();
    return titles;
}

} // namespace

ListField::ListField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_text(new QPlainTextEdit(this))
{
    describe(m_text);
    m_text->setPlaceholderText(tr("One item per line"));
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * kListLines
                           + 2 * m_text->frameWidth() + 8);
    m_text->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
}

bool ListField::eventFilter(QObject *watched, QEvent *event)
{
    // QPlainTextEdit has no editingFinished(): leaving it is the end of the edit.
    if (watched == m_text && event->type() == QEvent::FocusOut)
        emit edited();
    return ValueField::eventFilter(watched, event);
}

void ListField::setValue(const model::PropertyValue &value)
{
    const auto *items = std::get_if<model::StringList>(&value);
    if (!items || (this->value() && *this->value() == value))
        return;
    const QSignalBlocker blocker(m_text);
    m_text->setPlainText(joinLines(*items));
}

std::optional<model::PropertyValue> ListField::value() const
{
    model::StringList items;
    for (const QString &line : m_text->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            items.push_back(toStdString(line.trimmed()));
    return model::PropertyValue{std::move(items)};
}

QWidget *ListField::editor() const
{
    return m_text;
}

MapField::MapField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_removeButton(new QToolButton(this))
{
    describe(m_table);
    m_table->setHorizontalHeaderLabels(columnTitles(spec.help));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_removeButton->setText(QStringLiteral("−"));
    m_removeButton->setObjectName(toQString(spec.name) + QStringLiteral(":remove"));
    m_removeButton->setToolTip(tr("Remove the selected rows"));
    m_removeButton->setEnabled(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_table);
    layout->addWidget(m_removeButton, 0, Qt::AlignTop);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        ensureEmptyLastRow();
        emit edited();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_removeButton->setEnabled(!m_table->selectedItems().isEmpty()); });
    connect(m_removeButton, &QToolButton::clicked, this, &MapField::removeSelectedRows);
    fill({});
}

void MapField::setValue(const model::PropertyValue &value)
{
    const auto *map = std::get_if<model::StringMap>(&value);
    if (!map || (this->value() && *this->value() == value))
        return;
    fill(*map);
}

void MapField::fill(const model::StringMap &map)
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    for (const auto &[key, text] : map) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(toQString(key)));
        m_table->setItem(row, 1, new QTableWidgetItem(toQString(text)));
    }
    ensureEmptyLastRow();
}

std::optional<model::PropertyValue> MapField::value() const
{
    if (!inputError().isEmpty())
        return std::nullopt;
    model::StringMap map;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *text = m_table->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            map[toStdString(key->text().trimmed())] = text ? toStdString(text->text()) : "";
    }
    return model::PropertyValue{std::move(map)};
}

QString MapField::inputError() const
{
    std::set<QString> keys;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QString text = key ? key->text().trimmed() : QString();
        if (!text.isEmpty() && !keys.insert(text).second)
            return tr("'%1' appears twice; keys must be unique.").arg(text);
    }
    return {};
}

void MapField::ensureEmptyLastRow()
{
    const int last = m_table->rowCount() - 1;
    const auto filled = [this](int row) {
        for (int column = 0; column < 2; ++column)
            if (m_table->item(row, column) && !m_table->item(row, column)->text().isEmpty())
                return true;
        return false;
    };
    if (last < 0 || filled(last)) {
        const QSignalBlocker blocker(m_table);
        m_table->insertRow(last + 1);
    }
    fitHeight();
}

void MapField::removeSelectedRows()
{
    std::set<int, std::greater<>> rows;
    for (const QTableWidgetItem *item : m_table->selectedItems())
        rows.insert(item->row());
    {
        const QSignalBlocker blocker(m_table);
        for (const int row : rows)
            m_table->removeRow(row);
    }
    ensureEmptyLastRow();
    emit edited();
}

void MapField::fitHeight()
{
    const int rows = std::clamp(m_table->rowCount(), 1, kMaxVisibleTableRows);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height()
                            + rows * m_table->verticalHeader()->defaultSectionSize()
                            + 2 * m_table->frameWidth() + 4);
}

QWidget *MapField::editor() const
{
    return m_table;
}

} // namespace evflow::ui::properties
