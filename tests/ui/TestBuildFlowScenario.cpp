// The designer issue's "done means", as a script of user input: from an empty canvas, build the
// order-pipeline example with palette drops, port-to-port drags and typing into the property
// and event-type editors; save with Ctrl+S; reopen; and `evflow validate` accepts the file.
// Only the final comparison looks at the model directly.

#include "model/FlowFile.h"
#include "ui/EventFieldsModel.h"
#include "ui/EventTypesEditor.h"
#include "ui/FileActions.h"
#include "ui/FileDialogs.h"
#include "ui/FlowDocument.h"
#include "ui/MainWindow.h"
#include "ui/PaletteWidget.h"
#include "ui/PropertyEditor.h"
#include "ui/canvas/FlowScene.h"
#include "ui/canvas/FlowView.h"
#include "ui/canvas/NodeItem.h"
#include "ui/canvas/PortItem.h"
#include "ui/properties/EventTypePicker.h"

#include "support/ScriptedDialogs.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;

namespace {

/// Drives one studio window the way a person does.
class User
{
public:
    explicit User(ui::MainWindow &window)
        : m_window(window)
    {
    }

    /// Drags a palette entry onto the canvas at a scene position.
    void place(const QString &title, QPointF scenePos)
    {
        QAbstractItemModel *model = m_window.palette()->view()->model();
        std::unique_ptr<QMimeData> mime;
        for (int group = 0; group < model->rowCount() && !mime; ++group) {
            const QModelIndex parent = model->index(group, 0);
            for (int row = 0; row < model->rowCount(parent) && !mime; ++row)
                if (model->index(row, 0, parent).data().toString() == title)
                    mime.reset(model->mimeData({model->index(row, 0, parent)}));
        }
        QVERIFY2(mime, qPrintable(title));
        QWidget *vp = m_window.view()->viewport();
        const QPoint at = m_window.view()->mapFromScene(scenePos);
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &enter);
        QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &drop);
        QVERIFY(drop.isAccepted());
    }

    /// Drags a wire from one port to another.
    void wire(const char *from, const char *to)
    {
        QWidget *vp = m_window.view()->viewport();
        const QPoint a = portPos(from);
        const QPoint b = portPos(to);
        QTest::mousePress(vp, Qt::LeftButton, {}, a);
        QTest::mouseMove(vp, (a + b) / 2);
        QTest::mouseMove(vp, b);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, b);
    }

    /// Clicks a node on the canvas (selecting it for the property editor).
    void click(const char *node)
    {
        auto *item = m_window.scene()->nodeItem({node});
        QVERIFY2(item, node);
        const QPoint at = m_window.view()->mapFromScene(item->scenePos() + QPointF(90, 60));
        QTest::mouseClick(m_window.view()->viewport(), Qt::LeftButton, {}, at);
    }

    /// Replaces a property-editor field's text and presses Enter.
    void type(const char *group, const char *field, const QString &text)
    {
        QWidget *editor = propertyField(group, field);
        QVERIFY2(editor, field);
        typeInto(editor, text);
    }

    QWidget *propertyField(const char *group, const char *field) const
    {
        auto *box = m_window.propertyEditor()->findChild<QGroupBox *>(QLatin1String(group));
        return box ? box->findChild<QWidget *>(QLatin1String(field)) : nullptr;
    }

    static void typeInto(QWidget *editor, const QString &text)
    {
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        QCoreApplication::processEvents(); // table delegates commit through a queued call
    }

    template<typename T>
    T *child(QWidget *parent, const char *name) const
    {
        return parent->findChild<T *>(QLatin1String(name));
    }

private:
    QPoint portPos(const char *ref) const
    {
        PortRef port;
        PortRef::parse(ref, port);
        auto *item = m_window.scene()->portItem(port);
        return item ? m_window.view()->mapFromScene(item->anchor()) : QPoint(-1, -1);
    }

    ui::MainWindow &m_window;
};

} // namespace

class TestBuildFlowScenario : public QObject
{
    Q_OBJECT
private slots:
    void buildOrderPipelineFromAnEmptyCanvas()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        ui::testing::ScriptedDialogs dialogs;
        const QString path = dir.filePath(QStringLiteral("orders.evflow.json"));
        dialogs.saveAnswer = path;
        ui::MainWindow window(&dialogs, &settings);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.view()->resetZoom();
        window.view()->centerOn(400, 150);
        User user(window);

        declareOrderPlaced(window, user);
        if (QTest::currentTestFailed())
            return;

        // Nodes from the palette, renamed in the property editor.
        const std::pair<const char *, const char *> nodes[] = {{"Generator", "orders"},
                                                               {"Pub/Sub", "bus"},
                                                               {"Event store", "billing"},
                                                               {"Log", "shipping"},
                                                               {"Projection", "revenue"}};
        const QPointF places[] = {{90, 150}, {350, 150}, {610, 20}, {610, 150}, {610, 280}};
        for (std::size_t i = 0; i < std::size(nodes); ++i) {
            user.place(QString::fromLatin1(nodes[i].first), places[i]);
            user.type("generalGroup", "id", QString::fromLatin1(nodes[i].second));
        }
        QCOMPARE(window.document()->flow().nodes.size(), std::size_t(5));

        user.wire("orders.out", "bus.in");
        user.wire("bus.out", "billing.in");
        user.wire("bus.out", "shipping.in");
        user.wire("revenue.in", "bus.out"); // from the input end works too
        QCOMPARE(window.document()->flow().links.size(), std::size_t(4));

        setProperties(window, user);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!hasErrors(window.document()->problems()),
                 window.document()->problems().empty()
                     ? ""
                     : window.document()->problems().front().message.c_str());
        QVERIFY(window.runAction()->isEnabled());

        // Ctrl+S on an untitled flow asks where (scripted) and saves.
        QTest::keySequence(&window, QKeySequence::Save);
        QVERIFY2(dialogs.errors.isEmpty(), qPrintable(dialogs.errors.join('\n')));
        QVERIFY(QFile::exists(path));
        QVERIFY(!window.isWindowModified());
        const std::string saved = serializeFlow(window.document()->flow());

        // Reopen in a second window: the same flow.
        ui::MainWindow reopened(&dialogs, &settings);
        QVERIFY(reopened.openFlow(path));
        QCOMPARE(serializeFlow(reopened.document()->flow()), saved);

        QProcess validate;
        validate.start(QStringLiteral(EVFLOW_CLI), {QStringLiteral("validate"), path});
        QVERIFY(validate.waitForFinished(60000));
        QVERIFY2(validate.exitCode() == 0, validate.readAllStandardError().constData());
    }

private:
    /// Event Types dock: Add, name it, add two fields (one an enum with values).
    static void declareOrderPlaced(ui::MainWindow &window, User &user)
    {
        ui::EventTypesEditor *types = window.eventTypesEditor();
        window.findChild<QDockWidget *>(QStringLiteral("EventTypesDock"))->raise();
        QTest::mouseClick(user.child<QToolButton>(types, "addType"), Qt::LeftButton);
        User::typeInto(user.child<QLineEdit>(types, "typeName"), QStringLiteral("order.placed"));
        QCOMPARE(window.document()->flow().eventTypes.at(0).name, std::string("order.placed"));
        addField(types, user, QStringLiteral("amount"), QStringLiteral("d"), {});
        addField(types, user, QStringLiteral("region"), QStringLiteral("e"),
                 QStringLiteral("EU, US, APAC"));
        const auto &fields = window.document()->flow().eventTypes.at(0).fields;
        QCOMPARE(fields.size(), std::size_t(2));
        QCOMPARE(fields[0].type, FieldType::Double);
        QCOMPARE(fields[1].values, (std::vector<std::string>{"EU", "US", "APAC"}));
    }

    /// "Add field", type the name into the open cell editor, pick the type by its first letter,
    /// fill the enum values.
    static void addField(ui::EventTypesEditor *types, User &user, const QString &name,
                         const QString &typeKey, const QString &values)
    {
        QTest::mouseClick(user.child<QToolButton>(types, "addField"), Qt::LeftButton);
        auto *nameEditor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(nameEditor);
        nameEditor->selectAll();
        QTest::keyClicks(nameEditor, name);
        QTest::keyClick(nameEditor, Qt::Key_Return);
        QCoreApplication::processEvents();
        auto *table = user.child<QTableView>(types, "fieldTable");
        const int row = table->model()->rowCount() - 1;
        table->setFocus();
        table->setCurrentIndex(table->model()->index(row, ui::EventFieldsModel::TypeColumn));
        table->edit(table->currentIndex());
        auto *combo = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(combo);
        QTest::keyClicks(combo, typeKey);
        QCoreApplication::processEvents();
        if (values.isEmpty())
            return;
        table->setCurrentIndex(table->model()->index(row, ui::EventFieldsModel::ValuesColumn));
        table->edit(table->currentIndex());
        auto *valuesEditor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(valuesEditor);
        User::typeInto(valuesEditor, values);
    }

    static void setProperties(ui::MainWindow &window, User &user)
    {
        window.findChild<QDockWidget *>(QStringLiteral("PropertiesDock"))->raise();
        user.click("orders");
        auto *picker = window.propertyEditor()->findChild<ui::properties::EventTypePicker *>();
        QVERIFY(picker);
        QListWidget *list = picker->list();
        QListWidgetItem *item
            = list->findItems(QStringLiteral("order.placed"), Qt::MatchExactly).value(0);
        QVERIFY(item);
        list->setFocus();
        list->setCurrentItem(item);
        QTest::keyClick(list, Qt::Key_Space);
        user.type("propertiesGroup", "rate", QStringLiteral("2000"));
        user.click("bus");
        user.type("propertiesGroup", "endpoint", QStringLiteral("inproc://orders"));
        user.click("billing");
        user.type("propertiesGroup", "path", QStringLiteral("billing.events.jsonl"));
        user.click("shipping");
        user.type("propertiesGroup", "path", QStringLiteral("shipping.jsonl"));
        user.click("revenue");
        user.type("propertiesGroup", "groupBy", QStringLiteral("region"));
        user.type("propertiesGroup", "field", QStringLiteral("amount"));
        auto *aggregate
            = qobject_cast<QComboBox *>(user.propertyField("propertiesGroup", "aggregate"));
        QVERIFY(aggregate);
        aggregate->setFocus();
        QTest::keyClicks(aggregate, QStringLiteral("su"));
        const auto *revenue = window.document()->flow().findNode({"revenue"});
        QCOMPARE(std::get<std::string>(revenue->properties.at("aggregate")), std::string("sum"));
        const auto *orders = window.document()->flow().findNode({"orders"});
        QCOMPARE(std::get<StringList>(orders->properties.at("eventTypes")),
                 StringList{"order.placed"});
        QCOMPARE(std::get<double>(orders->properties.at("rate")), 2000.0);
    }
};

QTEST_MAIN(TestBuildFlowScenario)
#include "TestBuildFlowScenario.moc"
