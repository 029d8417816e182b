// The event-types editor as a user drives it: every commit is one setEventTypes() undo step,
// refusals show the model's message inline, and following the document never writes back.

#include "model/FlowFile.h"
#include "model/Validation.h"
#include "ui/DocumentFile.h"
#include "ui/EventFieldsModel.h"
#include "ui/EventTypesEditor.h"
#include "ui/FlowDocument.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace evflow;
using namespace evflow::model;
using ui::EventFieldsModel;
using ui::EventTypesEditor;
using ui::FlowDocument;

namespace {

QString example(const char *name)
{
    return QStringLiteral(EVFLOW_SOURCE_DIR "/resources/examples/%1.evflow.json")
        .arg(QLatin1String(name));
}

/// A shown editor on a document opened from an example flow.
struct Fixture
{
    explicit Fixture(const char *exampleName = "order-pipeline")
    {
        const bool opened = doc.openFile(example(exampleName)).ok;
        if (!opened)
            qFatal("cannot open example %s", exampleName);
        editor = std::make_unique<EventTypesEditor>(&doc);
        editor->resize(320, 560);
        editor->show();
        if (!QTest::qWaitForWindowActive(editor.get()))
            qWarning("editor window not active");
    }

    template<typename T>
    T *child(const char *name) const
    {
        T *found = editor->findChild<T *>(QLatin1String(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }
    QListView *typeList() const { return child<QListView>("typeList"); }
    QLineEdit *nameEdit() const { return child<QLineEdit>("typeName"); }
    QTableView *fieldTable() const { return child<QTableView>("fieldTable"); }
    QAbstractItemModel *fields() const { return fieldTable()->model(); }
    void click(const char *button) const
    {
        QTest::mouseClick(child<QToolButton>(button), Qt::LeftButton);
    }
    int steps() const { return doc.undoStack()->count(); }
    const EventType &type(int i) const { return doc.flow().eventTypes.at(size_t(i)); }

    /// Replaces the name field's text the way a user does: select all, type, Enter.
    void typeName(const QString &text) const
    {
        QLineEdit *edit = nameEdit();
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
        QCoreApplication::processEvents(); // the delegate commits on Enter through a queued call
    }

    /// Opens the cell's editor (as a double-click would) and returns it.
    QWidget *openCellEditor(int row, int column) const
    {
        QTableView *table = fieldTable();
        const QModelIndex index = fields()->index(row, column);
        table->setCurrentIndex(index);
        table->edit(index);
        return table->indexWidget(index) ? table->indexWidget(index) : QApplication::focusWidget();
    }

    /// Types `text` into a text cell and commits with Enter.
    void editCell(int row, int column, const QString &text) const
    {
        auto *edit = qobject_cast<QLineEdit *>(openCellEditor(row, column));
        QVERIFY(edit);
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
        QCoreApplication::processEvents(); // the delegate commits on Enter through a queued call
    }

    FlowDocument doc;
    std::unique_ptr<EventTypesEditor> editor;
};

} // namespace

class TestEventTypesEditor : public QObject
{
    Q_OBJECT
private slots:
    void listShowsTheFlowsTypes();
    void addTypeIsOneStepWithAUniqueName();
    void renameThroughNameFieldAndUndo();
    void duplicateNameIsRefusedInline();
    void versionAndDescription();
    void enumFieldWithValues();
    void requiredToggleAndRemoveField();
    void moveFieldDown();
    void removeUsedTypeWarns();
    void undoRedoRoundTripRestoresTheFile();
    void refreshAfterUndoKeepsSelectionAndPushesNothing();
    void resetShowsTheNewFlow();
};

void TestEventTypesEditor::listShowsTheFlowsTypes()
{
    Fixture f("iot-sensors");
    QAbstractItemModel *list = f.typeList()->model();
    QCOMPARE(list->rowCount(), 2);
    QCOMPARE(list->index(0, 0).data().toString(), QStringLiteral("sensor.reading v1"));
    QCOMPARE(list->index(1, 0).data().toString(), QStringLiteral("temperature.alert v1"));
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("sensor.reading"));
    QCOMPARE(f.nameEdit()->text(), QStringLiteral("sensor.reading"));
    QCOMPARE(f.fields()->rowCount(), int(f.type(0).fields.size()));

    f.editor->selectEventType(QStringLiteral("temperature.alert"));
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("temperature.alert"));
    QCOMPARE(f.nameEdit()->text(), QStringLiteral("temperature.alert"));
    QCOMPARE(f.fields()->index(0, EventFieldsModel::NameColumn).data().toString(),
             QString::fromStdString(f.type(1).fields[0].name));
    QCOMPARE(f.steps(), 0); // looking pushes nothing
}

void TestEventTypesEditor::addTypeIsOneStepWithAUniqueName()
{
    Fixture f;
    f.click("addType");
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.doc.flow().eventTypes.size(), size_t{2});
    QCOMPARE(f.type(1).name, std::string("event.type"));
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("event.type"));
    f.click("addType");
    QCOMPARE(f.steps(), 2);
    QCOMPARE(f.type(2).name, std::string("event.type2"));
    f.click("duplicateType");
    QCOMPARE(f.steps(), 3);
    QCOMPARE(f.type(3).name, std::string("event.type3"));
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("event.type3"));
    f.doc.undoStack()->undo();
    QCOMPARE(f.doc.flow().eventTypes.size(), size_t{3});
}

void TestEventTypesEditor::renameThroughNameFieldAndUndo()
{
    Fixture f;
    const std::vector<EventType> before = f.doc.flow().eventTypes;
    f.typeName(QStringLiteral("order.created"));
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.type(0).name, std::string("order.created"));
    QCOMPARE(f.type(0).fields, before[0].fields);
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("order.created")); // kept by row
    // The generator and a link still name the old type: a warning, not a refusal.
    QVERIFY(f.editor->message().contains(QStringLiteral("order.placed")));

    f.doc.undoStack()->undo();
    QVERIFY(f.doc.flow().eventTypes == before);
    QCOMPARE(f.nameEdit()->text(), QStringLiteral("order.placed"));
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("order.placed"));
    QCOMPARE(f.editor->message(), QString());
}

void TestEventTypesEditor::duplicateNameIsRefusedInline()
{
    Fixture f;
    f.click("addType");
    const std::vector<EventType> before = f.doc.flow().eventTypes;
    f.typeName(QStringLiteral("order.placed"));
    QCOMPARE(f.steps(), 1); // only the add
    QVERIFY(f.doc.flow().eventTypes == before);
    QCOMPARE(f.editor->message(), QStringLiteral("event type 'order.placed' is declared twice"));
    QCOMPARE(f.nameEdit()->text(), QStringLiteral("event.type")); // the document's state again

    f.typeName(QStringLiteral("Not Valid"));
    QVERIFY(f.editor->message().startsWith(QStringLiteral("event type name 'Not Valid'")));
    QCOMPARE(f.steps(), 1);

    f.typeName(QStringLiteral("order.shipped"));
    QCOMPARE(f.steps(), 2);
    QCOMPARE(f.editor->message(), QString()); // an accepted edit clears the refusal
}

void TestEventTypesEditor::versionAndDescription()
{
    Fixture f;
    auto *version = f.child<QSpinBox>("typeVersion");
    version->setFocus();
    QTest::keyClick(version, Qt::Key_Up);
    QCOMPARE(f.type(0).version, 2);
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.typeList()->model()->index(0, 0).data().toString(),
             QStringLiteral("order.placed v2"));

    auto *description = f.child<QLineEdit>("typeDescription");
    description->setFocus();
    description->selectAll();
    QTest::keyClicks(description, QStringLiteral("An order came in."));
    QTest::keyClick(description, Qt::Key_Return);
    QCOMPARE(f.type(0).description, std::string("An order came in."));
    QCOMPARE(f.steps(), 2);
}

void TestEventTypesEditor::enumFieldWithValues()
{
    Fixture f;
    const size_t fieldCount = f.type(0).fields.size();
    f.click("addField");
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.type(0).fields.size(), fieldCount + 1);
    QCOMPARE(f.type(0).fields.back().name, std::string("field"));
    const int row = int(fieldCount);

    // The name cell's editor is open already: type the name.
    auto *nameEditor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(nameEditor);
    nameEditor->selectAll();
    QTest::keyClicks(nameEditor, QStringLiteral("status"));
    QTest::keyClick(nameEditor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits on Enter through a queued call
    QCOMPARE(f.type(0).fields.back().name, std::string("status"));
    QCOMPARE(f.steps(), 2);

    // Values are for enums only.
    QVERIFY(!(f.fields()->flags(f.fields()->index(row, EventFieldsModel::ValuesColumn))
              & Qt::ItemIsEditable));

    auto *combo = qobject_cast<QComboBox *>(f.openCellEditor(row, EventFieldsModel::TypeColumn));
    QVERIFY(combo);
    QTest::keyClicks(combo, QStringLiteral("e")); // keyboard search picks "enum"
    QCOMPARE(f.type(0).fields.back().type, FieldType::Enum);
    QCOMPARE(f.steps(), 3);
    QVERIFY(!f.type(0).fields.back().values.empty()); // the model refuses an enum without values

    f.editCell(row, EventFieldsModel::ValuesColumn, QStringLiteral("a, b"));
    QCOMPARE(f.type(0).fields.back().values, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(f.steps(), 4);

    // Clearing the values is refused with the model's message; the cell shows "a, b" again.
    f.editCell(row, EventFieldsModel::ValuesColumn, QStringLiteral(" , "));
    QCOMPARE(f.steps(), 4);
    QCOMPARE(f.editor->message(),
             QStringLiteral("event type 'order.placed': enum field 'status' has no values"));
    QCOMPARE(f.fields()->index(row, EventFieldsModel::ValuesColumn).data().toString(),
             QStringLiteral("a, b"));
}

void TestEventTypesEditor::requiredToggleAndRemoveField()
{
    Fixture f;
    const std::vector<FieldSpec> before = f.type(0).fields;
    const int row = 3; // "customer", not required
    QVERIFY(!before[row].required);
    QTableView *table = f.fieldTable();
    table->setFocus();
    table->setCurrentIndex(f.fields()->index(row, EventFieldsModel::RequiredColumn));
    QTest::keyClick(table, Qt::Key_Space);
    QVERIFY(f.type(0).fields[row].required);
    QCOMPARE(f.steps(), 1);

    table->setCurrentIndex(f.fields()->index(1, EventFieldsModel::NameColumn));
    f.click("removeField");
    QCOMPARE(f.steps(), 2);
    QCOMPARE(f.type(0).fields.size(), before.size() - 1);
    QVERIFY(!f.type(0).findField(before[1].name));
    QCOMPARE(table->currentIndex().row(), 1); // the next field is current

    f.doc.undoStack()->undo();
    f.doc.undoStack()->undo();
    QVERIFY(f.type(0).fields == before);
}

void TestEventTypesEditor::moveFieldDown()
{
    Fixture f;
    const std::vector<FieldSpec> before = f.type(0).fields;
    f.fieldTable()->setCurrentIndex(f.fields()->index(0, EventFieldsModel::NameColumn));
    QVERIFY(!f.child<QToolButton>("moveFieldUp")->isEnabled());
    f.click("moveFieldDown");
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.type(0).fields[0], before[1]);
    QCOMPARE(f.type(0).fields[1], before[0]);
    QCOMPARE(f.fieldTable()->currentIndex().row(), 1); // the moved field stays current
    f.click("moveFieldUp");
    QVERIFY(f.type(0).fields == before);
    QCOMPARE(f.steps(), 2);
}

void TestEventTypesEditor::removeUsedTypeWarns()
{
    Fixture f("iot-sensors");
    const std::vector<EventType> before = f.doc.flow().eventTypes;
    QVERIFY(!hasErrors(validateFlow(f.doc.flow())));
    f.click("removeType");
    // The model accepts it; validation reports the nodes that still name the type.
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.doc.flow().eventTypes.size(), size_t{1});
    QVERIFY(hasErrors(f.doc.problems()));
    QVERIFY(f.editor->message().contains(QStringLiteral("sensor.reading")));
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("temperature.alert"));
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.flow().eventTypes == before);
}

void TestEventTypesEditor::undoRedoRoundTripRestoresTheFile()
{
    Fixture f;
    const std::string original = serializeFlow(f.doc.flow());
    f.click("addType");
    f.typeName(QStringLiteral("order.cancelled"));
    f.click("addField");
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape); // keep the name "field"
    f.editor->selectEventType(QStringLiteral("order.placed"));
    f.fieldTable()->setCurrentIndex(f.fields()->index(0, 0));
    f.click("removeField");
    QCOMPARE(f.steps(), 4);
    const std::string edited = serializeFlow(f.doc.flow());

    while (f.doc.undoStack()->canUndo())
        f.doc.undoStack()->undo();
    QCOMPARE(serializeFlow(f.doc.flow()), original);
    while (f.doc.undoStack()->canRedo())
        f.doc.undoStack()->redo();
    QCOMPARE(serializeFlow(f.doc.flow()), edited);
    QCOMPARE(f.steps(), 4);
}

void TestEventTypesEditor::refreshAfterUndoKeepsSelectionAndPushesNothing()
{
    Fixture f("iot-sensors");
    f.editor->selectEventType(QStringLiteral("temperature.alert"));
    QSignalSpy selected(f.editor.get(), &EventTypesEditor::eventTypeSelected);
    f.editCell(0, EventFieldsModel::DescriptionColumn, QStringLiteral("why"));
    QCOMPARE(f.steps(), 1);

    // Undo while the name field has focus, then leave it: neither may commit anything.
    f.nameEdit()->setFocus();
    QSignalSpy indexChanged(f.doc.undoStack(), &QUndoStack::indexChanged);
    f.doc.undoStack()->undo();
    f.typeList()->setFocus(); // focus-out of the name field
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.doc.undoStack()->index(), 0);
    QCOMPARE(indexChanged.count(), 1);
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("temperature.alert"));
    QCOMPARE(f.fields()->index(0, EventFieldsModel::DescriptionColumn).data().toString(),
             QString::fromStdString(f.type(1).fields[0].description));
    f.doc.undoStack()->redo();
    QCOMPARE(f.steps(), 1);
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("temperature.alert"));
    QCOMPARE(selected.count(), 0);
}

void TestEventTypesEditor::resetShowsTheNewFlow()
{
    Fixture f("iot-sensors");
    f.editor->selectEventType(QStringLiteral("temperature.alert"));
    QVERIFY(f.doc.openFile(example("throughput")).ok);
    QCOMPARE(f.typeList()->model()->rowCount(), 1);
    QCOMPARE(f.editor->selectedEventType(), QStringLiteral("bench.tick"));
    QCOMPARE(f.nameEdit()->text(), QStringLiteral("bench.tick"));
    f.doc.resetFlow(Flow{});
    QCOMPARE(f.editor->selectedEventType(), QString());
    QVERIFY(!f.child<QWidget>("typeName")->isEnabled());
    QVERIFY(!f.child<QToolButton>("removeType")->isEnabled());
    QCOMPARE(f.steps(), 0);
}

QTEST_MAIN(TestEventTypesEditor)
#include "TestEventTypesEditor.moc"
