// PropertyEditor as a user meets it: values typed or picked in the form, committed with Enter,
// each finished edit exactly one undo step, refusals shown inline, and the form following the
// document (undo, rename, removal) in place without writing back.

#include "model/Endpoint.h"
#include "model/FlowEdit.h"
#include "ui/FlowDocument.h"
#include "ui/PropertyEditor.h"
#include "ui/Theme.h"
#include "ui/properties/EventTypePicker.h"

#include "../model/support/SampleFlows.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace evflow;
using namespace evflow::model;
using namespace evflow::model::testing;
using ui::FlowDocument;
using ui::PropertyEditor;

namespace {

const PropertyValue *stated(const FlowDocument &doc, const std::string &node,
                            const std::string &name)
{
    const Node *n = doc.flow().findNode({node});
    if (!n)
        return nullptr;
    const auto it = n->properties.find(name);
    return it != n->properties.end() ? &it->second : nullptr;
}

/// Replaces whatever the editor holds with `text` and presses Enter, as a user would.
void typeAndEnter(QWidget *editor, const QString &text)
{
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

} // namespace

class TestPropertyEditor : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void emptySelectionShowsHintAndFlowSummary();
    void multiSelectionShowsSummary();
    void rateCommitsOnEnterAsOneStep();
    void undoUpdatesInPlaceWithoutPushing();
    void leavingAnUnchangedFieldStatesNothing();
    void spinRangesComeFromTheCatalog();
    void enumComboCommits();
    void invalidEndpointIsNotCommitted();
    void resetButtonRemovesTheStatedValue();
    void requiredUnsetIsMarked();
    void renameToExistingIdIsRefusedInline();
    void renameIsFollowedAndUndone();
    void faultsGroupEdits();
    void deliveryLatePolicyCommits();
    void linkTypePickerSetsTypes();
    void linkFromProducerIsReadOnly();
    void removedNodeClearsTheForm();

private:
    template<typename T>
    T *field(const char *group, const char *name) const
    {
        auto *box = m_editor->findChild<QGroupBox *>(QLatin1String(group));
        return box ? box->findChild<T *>(QLatin1String(name)) : nullptr;
    }
    QLabel *message(const char *name) const
    {
        return m_editor->findChild<QLabel *>(QLatin1String(name));
    }
    void select(const std::string &node) { m_editor->setSelection({{node}}, {}); }
    int steps() const { return m_doc->undoStack()->count(); }

    FlowDocument *m_doc = nullptr;
    PropertyEditor *m_editor = nullptr;
};

void TestPropertyEditor::init()
{
    m_doc = new FlowDocument;
    m_doc->resetFlow(richFlow());
    m_editor = new PropertyEditor(m_doc);
    m_editor->resize(360, 900);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor));
}

void TestPropertyEditor::cleanup()
{
    delete m_editor;
    delete m_doc;
}

void TestPropertyEditor::emptySelectionShowsHintAndFlowSummary()
{
    auto *headline = m_editor->findChild<QLabel *>(QStringLiteral("headline"));
    auto *detail = m_editor->findChild<QLabel *>(QStringLiteral("detail"));
    QVERIFY(headline && detail);
    QCOMPARE(headline->text(), QStringLiteral("Select a node or a wire to edit its properties"));
    QCOMPARE(detail->text(), QStringLiteral("rich: 16 nodes, 15 wires, 3 event types"));
}

void TestPropertyEditor::multiSelectionShowsSummary()
{
    m_editor->setSelection({{"orders"}, {"bus"}, {"billing"}}, {m_doc->flow().links[0].id()});
    auto *headline = m_editor->findChild<QLabel *>(QStringLiteral("headline"));
    QVERIFY(headline);
    QCOMPARE(headline->text(), QStringLiteral("3 nodes, 1 wire selected"));
    QVERIFY(!m_editor->findChild<QGroupBox *>(QStringLiteral("propertiesGroup")));
}

void TestPropertyEditor::rateCommitsOnEnterAsOneStep()
{
    select("orders");
    auto *rate = field<QDoubleSpinBox>("propertiesGroup", "rate");
    QVERIFY(rate);
    QCOMPARE(rate->value(), 2000.0);
    QVERIFY(!rate->keyboardTracking());

    rate->setFocus();
    QTest::keyClick(rate, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(rate, QStringLiteral("500"));
    QCOMPARE(steps(), 0); // typing alone commits nothing
    QTest::keyClick(rate, Qt::Key_Return);

    QVERIFY(stated(*m_doc, "orders", "rate"));
    QCOMPARE(*stated(*m_doc, "orders", "rate"), PropertyValue{500.0});
    QCOMPARE(steps(), 1);
    // Leaving the field afterwards does not commit a second time.
    rate->clearFocus();
    QCOMPARE(steps(), 1);
}

void TestPropertyEditor::undoUpdatesInPlaceWithoutPushing()
{
    select("orders");
    QPointer<QDoubleSpinBox> rate = field<QDoubleSpinBox>("propertiesGroup", "rate");
    QVERIFY(rate);
    typeAndEnter(rate, QStringLiteral("750"));
    QCOMPARE(steps(), 1);

    m_doc->undoStack()->undo();
    QVERIFY(rate); // the same form, updated in place
    QCOMPARE(rate.data(), field<QDoubleSpinBox>("propertiesGroup", "rate"));
    QCOMPARE(rate->value(), 2000.0);
    QCOMPARE(steps(), 1);
    QCOMPARE(m_doc->undoStack()->index(), 0);

    m_doc->undoStack()->redo();
    QCOMPARE(rate->value(), 750.0);
    QCOMPARE(steps(), 1);
    // The refresh must not fire a commit later either (focus-out of the refreshed field).
    rate->clearFocus();
    QCOMPARE(steps(), 1);
    QCOMPARE(m_doc->undoStack()->index(), 1);
}

void TestPropertyEditor::leavingAnUnchangedFieldStatesNothing()
{
    select("alert");
    auto *hysteresis = field<QDoubleSpinBox>("propertiesGroup", "hysteresis");
    QVERIFY(hysteresis);
    hysteresis->setFocus();
    QTest::keyClick(hysteresis, Qt::Key_Return);
    auto *dedup = field<QSpinBox>("deliveryGroup", "dedupWindowCount");
    QVERIFY(dedup);
    dedup->setFocus();
    QTest::keyClick(dedup, Qt::Key_Return);
    QCOMPARE(steps(), 0);
    QVERIFY(!stated(*m_doc, "alert", "hysteresis"));
    QVERIFY(!m_doc->flow().findNode({"alert"})->delivery);
}

void TestPropertyEditor::spinRangesComeFromTheCatalog()
{
    select("orders");
    const NodeKindSpec &generator = catalog::spec(NodeKind::Generator);
    auto *burst = field<QSpinBox>("propertiesGroup", "burstSize");
    QVERIFY(burst);
    QCOMPARE(burst->minimum(), int(*generator.findProperty("burstSize")->min));
    QCOMPARE(burst->maximum(), int(*generator.findProperty("burstSize")->max));
    auto *rate = field<QDoubleSpinBox>("propertiesGroup", "rate");
    QCOMPARE(rate->minimum(), *generator.findProperty("rate")->min);
    QCOMPARE(rate->maximum(), *generator.findProperty("rate")->max);
    // "count" has no upper bound: a checked line edit, and a value below the minimum stays out.
    auto *count = field<QLineEdit>("propertiesGroup", "count");
    QVERIFY(count);
    typeAndEnter(count, QStringLiteral("-5"));
    QCOMPARE(steps(), 0);
    QVERIFY(message("message:count")->isVisible());
    typeAndEnter(count, QStringLiteral("10000000000"));
    QCOMPARE(*stated(*m_doc, "orders", "count"), PropertyValue{std::int64_t{10000000000}});
    QCOMPARE(steps(), 1);

    select("bus");
    auto *hwm = field<QSpinBox>("propertiesGroup", "hwm");
    QVERIFY(hwm);
    QCOMPARE(hwm->maximum(), 10'000'000);
    QCOMPARE(hwm->value(), 100000);
}

void TestPropertyEditor::enumComboCommits()
{
    select("revenue");
    auto *aggregate = field<QComboBox>("propertiesGroup", "aggregate");
    QVERIFY(aggregate);
    QCOMPARE(aggregate->currentText(), QStringLiteral("sum"));
    aggregate->setCurrentIndex(aggregate->findText(QStringLiteral("max")));
    QCOMPARE(*stated(*m_doc, "revenue", "aggregate"), PropertyValue{std::string("max")});
    QCOMPARE(steps(), 1);
    m_doc->undoStack()->undo();
    QCOMPARE(aggregate->currentText(), QStringLiteral("sum"));
    QCOMPARE(steps(), 1);
}

void TestPropertyEditor::invalidEndpointIsNotCommitted()
{
    select("bus");
    auto *endpoint = field<QLineEdit>("propertiesGroup", "endpoint");
    QLabel *endpointMessage = message("message:endpoint");
    QVERIFY(endpoint && endpointMessage);
    QCOMPARE(endpoint->text(), QStringLiteral("inproc://orders"));

    typeAndEnter(endpoint, QStringLiteral("tcp://127.0.0.1:99999"));
    const std::string expected = parseEndpoint("tcp://127.0.0.1:99999").error;
    QVERIFY(!expected.empty());
    QCOMPARE(endpointMessage->text(), QString::fromStdString(expected));
    QVERIFY(endpointMessage->isVisible());
    QVERIFY(endpoint->styleSheet().contains(ui::theme::errorColor().name()));
    QCOMPARE(*stated(*m_doc, "bus", "endpoint"), PropertyValue{std::string("inproc://orders")});
    QCOMPARE(steps(), 0);

    typeAndEnter(endpoint, QStringLiteral("tcp://127.0.0.1:5555"));
    QCOMPARE(*stated(*m_doc, "bus", "endpoint"),
             PropertyValue{std::string("tcp://127.0.0.1:5555")});
    QCOMPARE(steps(), 1);
    QVERIFY(!endpointMessage->isVisible());
    QVERIFY(endpoint->styleSheet().isEmpty());
}

void TestPropertyEditor::resetButtonRemovesTheStatedValue()
{
    select("bus");
    auto *reset = m_editor->findChild<QToolButton *>(QStringLiteral("reset:hwm"));
    auto *hwm = field<QSpinBox>("propertiesGroup", "hwm");
    QVERIFY(reset && hwm);
    QVERIFY(reset->isVisible());
    QVERIFY(reset->toolTip().contains(QStringLiteral("1000")));
    QVERIFY(!hwm->font().italic());
    QTest::mouseClick(reset, Qt::LeftButton);
    QVERIFY(!stated(*m_doc, "bus", "hwm"));
    QCOMPARE(steps(), 1);
    QCOMPARE(hwm->value(), 1000); // the catalog default, shown as a default
    QVERIFY(hwm->font().italic());
    QVERIFY(!reset->isVisible());
}

void TestPropertyEditor::requiredUnsetIsMarked()
{
    Node fresh;
    fresh.id = {"gen"};
    fresh.kind = NodeKind::Generator;
    QVERIFY(m_doc->addNode(fresh));
    select("gen");
    auto *row = m_editor->findChild<QWidget *>(QStringLiteral("row:eventTypes"));
    QVERIFY(row);
    const QList<QLabel *> labels = m_editor->findChildren<QLabel *>();
    QLabel *eventTypesLabel = nullptr;
    for (QLabel *l : labels)
        if (l->text() == QStringLiteral("Event types *"))
            eventTypesLabel = l;
    QVERIFY(eventTypesLabel);
    QCOMPARE(eventTypesLabel->palette().color(QPalette::WindowText), ui::theme::errorColor());

    // Picking a declared type states the property and clears the mark.
    auto *picker = row->findChild<ui::properties::EventTypePicker *>();
    QVERIFY(picker);
    QListWidgetItem *item
        = picker->list()->findItems(QStringLiteral("sensor.reading"), Qt::MatchExactly).value(0);
    QVERIFY(item);
    item->setCheckState(Qt::Checked);
    QCOMPARE(*stated(*m_doc, "gen", "eventTypes"), PropertyValue{StringList{"sensor.reading"}});
    QCOMPARE(steps(), 2);
    QVERIFY(eventTypesLabel->palette().color(QPalette::WindowText) != ui::theme::errorColor());
}

void TestPropertyEditor::renameToExistingIdIsRefusedInline()
{
    select("orders");
    auto *id = field<QLineEdit>("generalGroup", "id");
    QLabel *idMessage = message("message:id");
    QVERIFY(id && idMessage);
    Flow copy = m_doc->flow();
    const std::string expected = renameNode(copy, {"orders"}, {"bus"}).message;
    QVERIFY(!expected.empty());

    const Flow before = m_doc->flow();
    typeAndEnter(id, QStringLiteral("bus"));
    QVERIFY(idMessage->isVisible());
    QCOMPARE(idMessage->text(), QString::fromStdString(expected));
    QCOMPARE(m_doc->flow(), before);
    QCOMPARE(steps(), 0);
    QCOMPARE(m_editor->selectedNodes(), std::vector<NodeId>{{"orders"}});

    QTest::keyClick(id, Qt::Key_Escape); // back to the current id
    QCOMPARE(id->text(), QStringLiteral("orders"));
    QVERIFY(!idMessage->isVisible());
}

void TestPropertyEditor::renameIsFollowedAndUndone()
{
    select("orders");
    QPointer<QLineEdit> id = field<QLineEdit>("generalGroup", "id");
    QVERIFY(id);
    typeAndEnter(id, QStringLiteral("orders2"));
    QVERIFY(m_doc->flow().findNode({"orders2"}));
    QCOMPARE(steps(), 1);
    QCOMPARE(m_editor->selectedNodes(), std::vector<NodeId>{{"orders2"}});
    QVERIFY(id);
    // Edits now go to the new id.
    typeAndEnter(field<QDoubleSpinBox>("propertiesGroup", "rate"), QStringLiteral("10"));
    QCOMPARE(*stated(*m_doc, "orders2", "rate"), PropertyValue{10.0});
    QCOMPARE(steps(), 2);

    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(m_editor->selectedNodes(), std::vector<NodeId>{{"orders"}});
    QCOMPARE(id->text(), QStringLiteral("orders"));
    QCOMPARE(steps(), 2);
}

void TestPropertyEditor::faultsGroupEdits()
{
    select("orders");
    auto *faults = m_editor->findChild<QGroupBox *>(QStringLiteral("faultsGroup"));
    QVERIFY(faults);
    QVERIFY(faults->isChecked());
    QVERIFY(!m_editor->findChild<QGroupBox *>(QStringLiteral("deliveryGroup")));
    auto *duplicate = field<QDoubleSpinBox>("faultsGroup", "duplicate");
    QVERIFY(duplicate);
    QCOMPARE(duplicate->maximum(), 1.0);
    typeAndEnter(duplicate, QStringLiteral("0.5"));
    const Node *orders = m_doc->flow().findNode({"orders"});
    QVERIFY(orders->faults);
    QCOMPARE(orders->faults->duplicate, 0.5);
    QCOMPARE(orders->faults->seed, std::uint64_t{42}); // the rest kept
    QCOMPARE(steps(), 1);

    faults->setChecked(false);
    QVERIFY(!m_doc->flow().findNode({"orders"})->faults);
    QCOMPARE(steps(), 2);
    m_doc->undoStack()->undo();
    QVERIFY(faults->isChecked());
    QCOMPARE(duplicate->value(), 0.5);
    QCOMPARE(steps(), 2);
}

void TestPropertyEditor::deliveryLatePolicyCommits()
{
    select("revenue");
    auto *policy = field<QComboBox>("deliveryGroup", "latePolicy");
    QVERIFY(policy);
    QCOMPARE(policy->currentText(), QStringLiteral("accept"));
    QVERIFY(policy->font().italic()); // the defaults, shown muted
    policy->setCurrentIndex(policy->findText(QStringLiteral("drop")));
    const Node *revenue = m_doc->flow().findNode({"revenue"});
    QVERIFY(revenue->delivery);
    QCOMPARE(revenue->delivery->latePolicy, LatePolicy::Drop);
    QCOMPARE(revenue->delivery->dedupWindowCount, DeliverySettings{}.dedupWindowCount);
    QCOMPARE(steps(), 1);
    QVERIFY(!policy->font().italic());

    // Leaving divert while the "late" port is linked is refused: message, combo back to divert.
    select("shipping");
    policy = field<QComboBox>("deliveryGroup", "latePolicy");
    QCOMPARE(policy->currentText(), QStringLiteral("divert"));
    policy->setCurrentIndex(policy->findText(QStringLiteral("accept")));
    QCOMPARE(m_doc->flow().findNode({"shipping"})->delivery->latePolicy, LatePolicy::Divert);
    QCOMPARE(policy->currentText(), QStringLiteral("divert"));
    QCOMPARE(steps(), 1);
    QLabel *refusal = message("message:delivery");
    QVERIFY(refusal && refusal->isVisible());
    QVERIFY2(refusal->text().contains(QStringLiteral("late")), qPrintable(refusal->text()));
}

void TestPropertyEditor::linkTypePickerSetsTypes()
{
    const LinkId link{port("bus.out"), port("revenue.in")};
    m_editor->setSelection({}, {link});
    auto *picker = m_editor->findChild<ui::properties::EventTypePicker *>();
    QVERIFY(picker);
    QVERIFY(picker->isEnabled());
    QCOMPARE(picker->list()->count(), 3); // the declared types

    typeAndEnter(picker->entry(), QStringLiteral("order."));
    const auto types
        = [&] { return m_doc->flow().links[size_t(m_doc->flow().linkIndex(link))].types; };
    QCOMPARE(types(), (std::vector<std::string>{"order."}));
    QCOMPARE(steps(), 1);

    QListWidgetItem *alert
        = picker->list()->findItems(QStringLiteral("alert.high"), Qt::MatchExactly).value(0);
    QVERIFY(alert);
    alert->setCheckState(Qt::Checked);
    QCOMPARE(types(), (std::vector<std::string>{"order.", "alert.high"}));
    QCOMPARE(steps(), 2);

    m_doc->undoStack()->undo();
    QCOMPARE(picker->picked(), (std::vector<std::string>{"order."}));
    QCOMPARE(steps(), 2);
}

void TestPropertyEditor::linkFromProducerIsReadOnly()
{
    m_editor->setSelection({}, {LinkId{port("orders.out"), port("bus.in")}});
    auto *picker = m_editor->findChild<ui::properties::EventTypePicker *>();
    QVERIFY(picker);
    QVERIFY(!picker->isEnabled());
    auto *from = m_editor->findChild<QLabel *>(QStringLiteral("from"));
    QVERIFY(from);
    QCOMPARE(from->text(), QStringLiteral("orders.out"));
}

void TestPropertyEditor::removedNodeClearsTheForm()
{
    select("alertlog");
    QVERIFY(m_editor->findChild<QGroupBox *>(QStringLiteral("generalGroup")));
    QVERIFY(m_doc->removeNodes({{"alertlog"}}));
    QVERIFY(m_editor->selectedNodes().empty());
    auto *headline = m_editor->findChild<QLabel *>(QStringLiteral("headline"));
    QVERIFY(headline && headline->isVisible());
    QCOMPARE(steps(), 1);
}

QTEST_MAIN(TestPropertyEditor)
#include "TestPropertyEditor.moc"
