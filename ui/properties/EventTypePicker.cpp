#include "ui/properties/EventTypePicker.h"

#include "ui/properties/FieldStyle.h"

#include <QLineEdit>
#include <QListWidget>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui::properties {
namespace {

/// Rows shown without scrolling: enough for a typical flow, small enough for a dock.
constexpr int kMaxVisibleRows = 6;

bool contains(const std::vector<std::string> &names, const std::string &name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

EventTypePicker::EventTypePicker(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_entry(new QLineEdit(this))
{
    m_list->setObjectName(QStringLiteral("eventTypeList"));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_entry->setObjectName(QStringLiteral("eventTypeEntry"));
    m_entry->setPlaceholderText(tr("Add a type or prefix, then Enter"));
    m_entry->setClearButtonEnabled(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_list);
    layout->addWidget(m_entry);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        m_picked = picked();
        emit edited();
    });
    connect(m_entry, &QLineEdit::returnPressed, this, &EventTypePicker::addEntry);
    fitHeight();
}

void EventTypePicker::setDeclaredTypes(const std::vector<std::string> &names)
{
    m_declared = names;
    sync();
}

void EventTypePicker::setPicked(const std::vector<std::string> &picked)
{
    m_picked = picked;
    sync();
}

std::vector<std::string> EventTypePicker::picked() const
{
    std::vector<std::string> out;
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->checkState() == Qt::Checked)
            out.push_back(toStdString(m_list->item(row)->text()));
    return out;
}

void EventTypePicker::setEntryPlaceholder(const QString &text)
{
    m_entry->setPlaceholderText(text);
}

void EventTypePicker::sync()
{
    // Picked entries first, in their order (a generator emits them in turn), then the rest.
    std::vector<std::string> rows = m_picked;
    for (const std::string &name : m_declared)
        if (!contains(rows, name))
            rows.push_back(name);
    bool same = m_list->count() == static_cast<int>(rows.size());
    for (int row = 0; same && row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        same = item->text() == toQString(rows[row])
               && (item->checkState() == Qt::Checked) == contains(m_picked, rows[row]);
    }
    if (same)
        return;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const std::string &name : rows) {
        auto *item = new QListWidgetItem(toQString(name), m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(contains(m_picked, name) ? Qt::Checked : Qt::Unchecked);
        describeItem(item, name);
    }
    fitHeight();
}

void EventTypePicker::describeItem(QListWidgetItem *item, const std::string &name) const
{
    if (contains(m_declared, name))
        return;
    // A free entry: a prefix of declared types, or a name nobody declared (yet).
    const auto matches = std::count_if(m_declared.begin(), m_declared.end(),
                                       [&](const std::string &t) { return t.starts_with(name); });
    QFont font = item->font();
    font.setItalic(true);
    item->setFont(font);
    item->setToolTip(matches > 0 ? tr("Prefix: matches %1 declared event type(s)").arg(matches)
                                 : tr("Not a declared event type, and no declared type starts "
                                      "with it"));
}

void EventTypePicker::addEntry()
{
    const std::string name = toStdString(m_entry->text().trimmed());
    m_entry->clear();
    if (name.empty() || contains(m_picked, name))
        return;
    m_picked.push_back(name);
    sync();
    emit edited();
}

void EventTypePicker::fitHeight()
{
    const int rows = std::clamp(m_list->count(), 2, kMaxVisibleRows);
    const int rowHeight
        = m_list->count() > 0 ? m_list->sizeHintForRow(0) : m_list->fontMetrics().height() + 4;
    m_list->setFixedHeight(rows * rowHeight + 2 * m_list->frameWidth() + 2);
}

EventTypeListField::EventTypeListField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_picker(new EventTypePicker(this))
{
    describe(m_picker);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_picker);
    connect(m_picker, &EventTypePicker::edited, this, &ValueField::edited);
}

void EventTypeListField::setValue(const model::PropertyValue &value)
{
    if (const auto *names = std::get_if<model::StringList>(&value))
        m_picker->setPicked(*names);
}

std::optional<model::PropertyValue> EventTypeListField::value() const
{
    return model::PropertyValue{model::StringList(m_picker->picked())};
}

void EventTypeListField::setFlowContext(const model::Flow &flow)
{
    std::vector<std::string> names;
    for (const model::EventType &type : flow.eventTypes)
        names.push_back(type.name);
    m_picker->setDeclaredTypes(names);
}

void EventTypeListField::setShowsDefault(bool isDefault)
{
    setMuted(m_picker->list(), isDefault);
}

QWidget *EventTypeListField::editor() const
{
    return m_picker;
}

} // namespace evflow::ui::properties
