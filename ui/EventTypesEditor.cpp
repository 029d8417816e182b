#include "ui/EventTypesEditor.h"

#include "ui/EventFieldsModel.h"
#include "ui/EventTypesModel.h"
#include "ui/FieldTypeDelegate.h"
#include "ui/FlowDocument.h"
#include "ui/Theme.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui {

namespace {

/// A tinted strip with a coloured edge: the colour marks the kind, the text carries the meaning.
QString messageStyle(const QColor &accent, bool colourText)
{
    QColor tint = accent;
    tint.setAlpha(40);
    return QStringLiteral("QLabel { border-left: 3px solid %1; background: rgba(%2, %3, %4, %5);"
                          " padding: 4px 6px; %6 }")
        .arg(accent.name())
        .arg(tint.red())
        .arg(tint.green())
        .arg(tint.blue())
        .arg(tint.alpha())
        .arg(colourText ? QStringLiteral("color: %1;").arg(accent.name()) : QString());
}

void setTextKeepingCursor(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

EventTypesEditor::EventTypesEditor(FlowDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_typesModel(new EventTypesModel(document, this))
    , m_fieldsModel(new EventFieldsModel(document, this))
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildTypeList());
    splitter->addWidget(buildDetails());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    // The models connected to the document first, so they are up to date when this runs.
    connect(document, &FlowDocument::eventTypesChanged, this, &EventTypesEditor::onDocumentChanged);
    connect(document, &FlowDocument::flowReset, this, &EventTypesEditor::onDocumentChanged);
    connect(m_typesModel, &EventTypesModel::editRefused, this, &EventTypesEditor::showRefusal);
    connect(m_fieldsModel, &EventFieldsModel::editRefused, this, &EventTypesEditor::showRefusal);
    onDocumentChanged();
}

EventTypesEditor::~EventTypesEditor()
{
    // ~QWidget moves the focus away from the line edits and closes open cell editors after this
    // object is gone: their commits must not call back into it then.
    m_name->disconnect(this);
    m_description->disconnect(this);
    m_version->disconnect(this);
    m_typesModel->disconnect(this);
    m_fieldsModel->disconnect(this);
    if (m_document)
        m_document->disconnect(this);
}

QWidget *EventTypesEditor::buildTypeList()
{
    auto *pane = new QWidget(this);
    m_typeList = new QListView(pane);
    m_typeList->setObjectName(QStringLiteral("typeList"));
    m_typeList->setModel(m_typesModel);
    m_typeList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_typeList->setEditTriggers(QAbstractItemView::DoubleClicked
                                | QAbstractItemView::EditKeyPressed);
    m_typeList->setToolTip(tr("The event types this flow declares"));
    connect(m_typeList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &EventTypesEditor::onCurrentTypeChanged);

    m_emptyHint = new QLabel(
        tr("No event types yet. Add one to declare the events that producers emit."), pane);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setEnabled(false); // muted text in every palette

    auto *title = new QLabel(tr("<b>Event types</b>"), pane);
    auto *add = addButton(pane, QStringLiteral("addType"), tr("Add"),
                          tr("Add an event type named event.type"));
    m_duplicateType = addButton(pane, QStringLiteral("duplicateType"), tr("Duplicate"),
                                tr("Add a copy of the selected event type"));
    m_removeType = addButton(pane, QStringLiteral("removeType"), tr("Remove"),
                             tr("Remove the selected event type (Undo brings it back)"));
    connect(add, &QToolButton::clicked, this, &EventTypesEditor::addType);
    connect(m_duplicateType, &QToolButton::clicked, this, &EventTypesEditor::duplicateType);
    connect(m_removeType, &QToolButton::clicked, this, &EventTypesEditor::removeType);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(add);
    bar->addWidget(m_duplicateType);
    bar->addWidget(m_removeType);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_typeList, 1);
    layout->addWidget(m_emptyHint, 1);
    return pane;
}

QWidget *EventTypesEditor::buildDetails()
{
    m_details = new QWidget(this);
    m_name = new QLineEdit(m_details);
    m_name->setObjectName(QStringLiteral("typeName"));
    m_name->setPlaceholderText(tr("order.placed"));
    m_name->setToolTip(tr("Lowercase words separated by dots, as in order.placed. Nodes and "
                          "links name types by it; renaming does not update them."));
    m_version = new QSpinBox(m_details);
    m_version->setObjectName(QStringLiteral("typeVersion"));
    m_version->setRange(1, 9999);
    m_version->setKeyboardTracking(false); // one commit per Enter or arrow step, not per digit
    m_version->setToolTip(tr("Schema version of the event type; starts at 1"));
    m_description = new QLineEdit(m_details);
    m_description->setObjectName(QStringLiteral("typeDescription"));
    m_description->setPlaceholderText(tr("What the event means (optional)"));
    m_description->setToolTip(tr("A sentence on what the event means"));
    connect(m_name, &QLineEdit::editingFinished, this, &EventTypesEditor::commitName);
    connect(m_version, &QSpinBox::valueChanged, this, &EventTypesEditor::commitVersion);
    connect(m_description, &QLineEdit::editingFinished, this, &EventTypesEditor::commitDescription);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Version"), m_version);
    form->addRow(tr("Description"), m_description);

    auto *layout = new QVBoxLayout(m_details);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(form);
    layout->addWidget(buildFieldsTable(), 1);
    return m_details;
}

QWidget *EventTypesEditor::buildFieldsTable()
{
    auto *pane = new QWidget(m_details);
    m_fieldTable = new QTableView(pane);
    m_fieldTable->setObjectName(QStringLiteral("fieldTable"));
    m_fieldTable->setModel(m_fieldsModel);
    m_fieldTable->setItemDelegateForColumn(EventFieldsModel::TypeColumn,
                                           new FieldTypeDelegate(m_fieldTable));
    m_fieldTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fieldTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fieldTable->setEditTriggers(QAbstractItemView::DoubleClicked
                                  | QAbstractItemView::EditKeyPressed
                                  | QAbstractItemView::AnyKeyPressed);
    m_fieldTable->setAlternatingRowColors(true);
    m_fieldTable->setWordWrap(false);
    m_fieldTable->verticalHeader()->hide();
    m_fieldTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_fieldTable->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(EventFieldsModel::RequiredColumn, QHeaderView::ResizeToContents);
    header->resizeSection(EventFieldsModel::NameColumn, 90);
    header->resizeSection(EventFieldsModel::TypeColumn, 84);
    header->resizeSection(EventFieldsModel::ValuesColumn, 100);
    connect(m_fieldTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventTypesEditor::updateButtons);
    connect(m_fieldsModel, &QAbstractItemModel::modelReset, this, &EventTypesEditor::updateButtons);

    auto *title = new QLabel(tr("<b>Fields</b>"), pane);
    auto *add = addButton(pane, QStringLiteral("addField"), tr("Add field"),
                          tr("Add a string field to the selected event type"));
    m_removeField = addButton(pane, QStringLiteral("removeField"), tr("Remove"),
                              tr("Remove the selected field"));
    m_moveUp = addButton(pane, QStringLiteral("moveFieldUp"), QString(), tr("Move the field up"));
    m_moveUp->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    m_moveDown
        = addButton(pane, QStringLiteral("moveFieldDown"), QString(), tr("Move the field down"));
    m_moveDown->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    connect(add, &QToolButton::clicked, this, &EventTypesEditor::addField);
    connect(m_removeField, &QToolButton::clicked, this, &EventTypesEditor::removeField);
    connect(m_moveUp, &QToolButton::clicked, this, [this] { moveField(-1); });
    connect(m_moveDown, &QToolButton::clicked, this, [this] { moveField(+1); });

    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(title);
    bar->addStretch(1);
    for (QToolButton *button : {add, m_removeField, m_moveUp, m_moveDown})
        bar->addWidget(button);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_fieldTable, 1);
    return pane;
}

QToolButton *EventTypesEditor::addButton(QWidget *parent, const QString &objectName,
                                         const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

void EventTypesEditor::selectEventType(const QString &name)
{
    if (const int row = m_typesModel->rowOf(name); row >= 0)
        selectRow(row);
}

QString EventTypesEditor::selectedEventType() const
{
    return m_typesModel->nameAt(currentRow());
}

QString EventTypesEditor::message() const
{
    return m_messageText;
}

void EventTypesEditor::onDocumentChanged()
{
    clearMessage();
    const int count = m_typesModel->rowCount();
    // Keep the type the user was on: by name, else by row (it was renamed, or removed and the
    // next one moved up), else the first one.
    int row = m_typesModel->rowOf(m_selectedName);
    if (row < 0 && count > 0)
        row = std::clamp(m_selectedRow, 0, count - 1);
    m_refreshing = true;
    selectRow(row);
    m_refreshing = false;
    showSelectedType();
}

void EventTypesEditor::onCurrentTypeChanged()
{
    if (!m_refreshing)
        showSelectedType();
}

void EventTypesEditor::showSelectedType()
{
    const int row = currentRow();
    const QString name = m_typesModel->nameAt(row);
    const bool moved = name != m_selectedName;
    m_selectedRow = row;
    m_selectedName = name;

    const bool hasType = row >= 0;
    m_typeList->setVisible(m_typesModel->rowCount() > 0);
    m_emptyHint->setVisible(m_typesModel->rowCount() == 0);
    m_details->setEnabled(hasType);
    {
        // Showing the document's state is not an edit: no commit may fire from here.
        const QSignalBlocker blockVersion(m_version);
        const model::EventType shown = hasType ? m_typesModel->typeAt(row) : model::EventType{};
        setTextKeepingCursor(m_name, QString::fromStdString(shown.name));
        m_version->setValue(shown.version);
        setTextKeepingCursor(m_description, QString::fromStdString(shown.description));
    }
    m_fieldsModel->setTypeRow(row);
    updateButtons();
    if (moved)
        emit eventTypeSelected(name);
}

void EventTypesEditor::updateButtons()
{
    const bool hasType = currentRow() >= 0;
    const int field = currentFieldRow();
    m_duplicateType->setEnabled(hasType);
    m_removeType->setEnabled(hasType);
    m_removeField->setEnabled(field >= 0);
    m_moveUp->setEnabled(field > 0);
    m_moveDown->setEnabled(field >= 0 && field + 1 < m_fieldsModel->rowCount());
}

void EventTypesEditor::selectRow(int row)
{
    const QModelIndex index = m_typesModel->index(row, 0);
    if (!index.isValid()) {
        m_typeList->selectionModel()->clear();
        return;
    }
    m_typeList->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_typeList->scrollTo(index);
}

int EventTypesEditor::currentRow() const
{
    const QModelIndex index = m_typeList->selectionModel()->currentIndex();
    return index.isValid() ? index.row() : -1;
}

int EventTypesEditor::currentFieldRow() const
{
    const QModelIndex index = m_fieldTable->selectionModel()->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void EventTypesEditor::commitName()
{
    if (m_refreshing || m_selectedRow < 0)
        return;
    model::EventType type = m_typesModel->typeAt(m_selectedRow);
    const QString oldName = QString::fromStdString(type.name);
    type.name = m_name->text().trimmed().toStdString();
    if (type.name == oldName.toStdString())
        return setTextKeepingCursor(m_name, oldName); // drop stray blanks
    if (m_typesModel->replaceType(m_selectedRow, std::move(type)))
        warnIfStillUsed(oldName);
    else
        showSelectedType(); // refused: back to the document's name
}

void EventTypesEditor::commitVersion(int version)
{
    if (m_refreshing || m_selectedRow < 0)
        return;
    model::EventType type = m_typesModel->typeAt(m_selectedRow);
    type.version = version;
    if (!m_typesModel->replaceType(m_selectedRow, std::move(type)))
        showSelectedType();
}

void EventTypesEditor::commitDescription()
{
    if (m_refreshing || m_selectedRow < 0)
        return;
    model::EventType type = m_typesModel->typeAt(m_selectedRow);
    type.description = m_description->text().toStdString();
    if (!m_typesModel->replaceType(m_selectedRow, std::move(type)))
        showSelectedType();
}

void EventTypesEditor::addType()
{
    if (!m_typesModel->addType())
        return;
    selectRow(m_typesModel->rowCount() - 1);
    // The new type's name is a placeholder: let the user type over it right away.
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void EventTypesEditor::duplicateType()
{
    const int row = currentRow();
    if (row >= 0 && m_typesModel->duplicateType(row))
        selectRow(row + 1);
}

void EventTypesEditor::removeType()
{
    const int row = currentRow();
    const QString name = m_typesModel->nameAt(row);
    if (row >= 0 && m_typesModel->removeType(row))
        warnIfStillUsed(name);
}

void EventTypesEditor::addField()
{
    int row = -1;
    if (!m_fieldsModel->addField(&row))
        return;
    const QModelIndex name = m_fieldsModel->index(row, EventFieldsModel::NameColumn);
    m_fieldTable->setCurrentIndex(name);
    m_fieldTable->edit(name); // name the new field right away
}

void EventTypesEditor::removeField()
{
    const int row = currentFieldRow();
    if (row < 0 || !m_fieldsModel->removeField(row))
        return;
    const int next = std::min(row, m_fieldsModel->rowCount() - 1);
    m_fieldTable->setCurrentIndex(m_fieldsModel->index(next, EventFieldsModel::NameColumn));
}

void EventTypesEditor::moveField(int delta)
{
    const QModelIndex current = m_fieldTable->currentIndex();
    const int to = current.row() + delta;
    if (current.isValid() && m_fieldsModel->moveField(current.row(), to))
        m_fieldTable->setCurrentIndex(m_fieldsModel->index(to, current.column()));
}

void EventTypesEditor::warnIfStillUsed(const QString &name)
{
    // Validation (recomputed by now) reports every node and link that names an undeclared type.
    const std::string quoted = "'" + name.toStdString() + "'";
    int uses = 0;
    for (const model::Problem &problem : m_document->problems())
        if (problem.message.find(quoted) != std::string::npos
            && problem.message.find("declared") != std::string::npos)
            ++uses;
    if (uses == 1)
        showWarning(
            tr("%1 is still named once in the flow; the Problems panel shows where.").arg(name));
    else if (uses > 1)
        showWarning(tr("%1 is still named %2 times in the flow; the Problems panel shows where.")
                        .arg(name)
                        .arg(uses));
}

void EventTypesEditor::showRefusal(const QString &message)
{
    m_message->setStyleSheet(messageStyle(theme::errorColor(), true));
    m_messageText = message;
    m_message->setText(QStringLiteral("✗ ") + message);
    m_message->setToolTip(tr("The change was not made"));
    m_message->show();
}

void EventTypesEditor::showWarning(const QString &message)
{
    m_message->setStyleSheet(messageStyle(theme::warningColor(), false));
    m_messageText = message;
    m_message->setText(QStringLiteral("⚠ ") + message);
    m_message->setToolTip(tr("The change was made; Undo reverts it"));
    m_message->show();
}

void EventTypesEditor::clearMessage()
{
    m_messageText.clear();
    m_message->clear();
    m_message->hide();
}

} // namespace evflow::ui
