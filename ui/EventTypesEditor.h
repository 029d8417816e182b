#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QListView;
class QSpinBox;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace evflow::ui {

class EventFieldsModel;
class EventTypesModel;
class FlowDocument;

/// The event-types (schema) editor, the content of the "Event types" dock: the flow's types in a
/// list with Add / Duplicate / Remove, and under it the selected type's name, version,
/// description and fields table (Name, Type, Required, Values, Description). Every commit (Enter,
/// focus-out, a check box toggle, a combo pick, a button) is exactly one
/// FlowDocument::setEventTypes() call, so one undo step. A refused change shows the model's
/// message inline (no dialog) and the editor shows the document's state again. Follows the
/// document on eventTypesChanged and flowReset (undo and redo included) and keeps the selected
/// type (by name, or by row after a rename) without writing anything back. GUI thread only.
class EventTypesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit EventTypesEditor(FlowDocument *document, QWidget *parent = nullptr);
    ~EventTypesEditor() override;

    /// Selects the type named `name`; nothing happens when the flow has no such type.
    void selectEventType(const QString &name);
    /// The name of the selected type, "" when the flow has none.
    QString selectedEventType() const;
    /// The inline message of the last edit: a refusal or a warning ("" when none).
    QString message() const;

signals:
    /// The user or the document's changes moved the selection to another type ("" = none).
    void eventTypeSelected(const QString &name);

private:
    QWidget *buildTypeList();
    QWidget *buildDetails();
    QWidget *buildFieldsTable();
    QToolButton *addButton(QWidget *parent, const QString &objectName, const QString &text,
                           const QString &toolTip);

    void onDocumentChanged();
    void onCurrentTypeChanged();
    void showSelectedType();
    void updateButtons();
    void selectRow(int row);
    int currentRow() const;
    int currentFieldRow() const;

    void commitName();
    void commitVersion(int version);
    void commitDescription();
    void addType();
    void duplicateType();
    void removeType();
    void addField();
    void removeField();
    void moveField(int delta);

    /// After a remove or rename: warns when nodes or links still name `name`.
    void warnIfStillUsed(const QString &name);
    void showRefusal(const QString &message);
    void showWarning(const QString &message);
    void clearMessage();

    /// Guarded: at shutdown the document may go before a pending cell edit commits.
    QPointer<FlowDocument> m_document;
    EventTypesModel *m_typesModel;
    EventFieldsModel *m_fieldsModel;

    QListView *m_typeList = nullptr;
    QLabel *m_emptyHint = nullptr;
    QToolButton *m_duplicateType = nullptr;
    QToolButton *m_removeType = nullptr;
    QWidget *m_details = nullptr;
    QLineEdit *m_name = nullptr;
    QSpinBox *m_version = nullptr;
    QLineEdit *m_description = nullptr;
    QTableView *m_fieldTable = nullptr;
    QToolButton *m_removeField = nullptr;
    QToolButton *m_moveUp = nullptr;
    QToolButton *m_moveDown = nullptr;
    QLabel *m_message = nullptr;
    QString m_messageText; ///< message() without the symbol the label shows before it

    /// The type the form shows: its name to find it again after a change, its row for when it
    /// was renamed (or removed: the next one is shown).
    QString m_selectedName;
    int m_selectedRow = -1;
    /// True while following the document: nothing may be written back then.
    bool m_refreshing = false;
};

} // namespace evflow::ui
