// The Accounting tab: a real run with seeded fault injection, whose rows, verdict and exported
// report must equal the runtime's exact counts (the controller's last snapshot); the report file
// byte-identical to `evflow run --report`'s format; synthetic snapshots for the red difference,
// in-place refreshes that keep selection and sort, and the totals row pinned last.

#include "../transport/support/FlowBuilders.h"
#include "model/RunReport.h"
#include "support/FileBytes.h"
#include "support/ScriptedDialogs.h"
#include "ui/Theme.h"
#include "ui/monitor/AccountingModel.h"
#include "ui/monitor/AccountingPanel.h"
#include "ui/monitor/RunController.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace evflow;
using namespace evflow::test::flows;
using ui::monitor::AccountingModel;
using ui::monitor::AccountingPanel;
using ui::monitor::RunController;
using ui::testing::ScriptedDialogs;
using State = RunController::State;

namespace {

/// gen (3000 events, seeded duplicates, reorders, late events and drops) -> bus -> three inputs:
/// a counter dropping late events, a log accepting them, a projection dropping them.
md::Flow faultyFlow()
{
    md::Node gen = generator("gen", 3000);
    gen.faults = faults();
    md::Node count = node("count", md::NodeKind::Counter);
    count.delivery = strictDelivery();
    md::Node log = node("log", md::NodeKind::Log);
    log.properties["path"] = std::string("out/log.jsonl");
    md::DeliverySettings accept = strictDelivery();
    accept.latePolicy = md::LatePolicy::Accept;
    log.delivery = accept;
    md::Node sums = node("sums", md::NodeKind::Projection);
    sums.properties["groupBy"] = std::string("key");
    sums.properties["aggregate"] = std::string("sum");
    sums.properties["field"] = std::string("value");
    sums.delivery = strictDelivery();
    md::Flow f = chain(gen, channel("bus", md::NodeKind::PubSub, "inproc://accounting"), count);
    f.nodes.push_back(log);
    f.nodes.push_back(sums);
    f.links.push_back(makeLink("bus", "log"));
    f.links.push_back(makeLink("bus", "sums"));
    return f;
}

md::NodeSnapshot inputNode(const std::string &id, md::InputAccounting input)
{
    md::NodeSnapshot n;
    n.id = id;
    n.kind = "counter";
    n.role = md::NodeRole::Consumer;
    n.input = input;
    return n;
}

/// A producer and two consumers; "short" received two events more than its outcomes explain.
md::RunSnapshot syntheticSnapshot(std::uint64_t scale = 1)
{
    md::RunSnapshot s;
    s.run.flow = "synthetic";
    s.run.state = md::RunState::Stopped; // the books of an ended run are judged
    md::NodeSnapshot gen;
    gen.id = "gen";
    gen.role = md::NodeRole::Producer;
    gen.produced = 100 * scale;
    md::InputAccounting ok;
    ok.received = 100 * scale;
    ok.processed = 90 * scale;
    ok.duplicates = 10 * scale;
    md::InputAccounting bad;
    bad.received = 50 * scale + 2;
    bad.processed = 40 * scale;
    bad.filtered = 10 * scale;
    s.nodes = {gen, inputNode("fine", ok), inputNode("short", bad)};
    s.updateAccounting();
    return s;
}

/// The model's SortRole value of `column` in the row of input `node`.
qulonglong cell(const AccountingModel &m, const std::string &node, int column)
{
    return m.data(m.index(m.rowOf(node), column), AccountingModel::SortRole).toULongLong();
}

QString text(const QAbstractItemModel &m, int row, int column)
{
    return m.data(m.index(row, column)).toString();
}

void saveShot(QWidget &w, const char *name)
{
    const QString dir = qEnvironmentVariable("EVFLOW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}

} // namespace

class TestAccountingPanel : public QObject
{
    Q_OBJECT
private slots:
    void beforeAnyRunShowsAHintAndRefusesToExport()
    {
        RunController c;
        ScriptedDialogs dialogs;
        AccountingPanel panel(&c, &dialogs);
        panel.resize(900, 300);
        panel.show();
        QVERIFY(panel.emptyStateLabel()->isVisible());
        QVERIFY(!panel.view()->isVisible());
        QVERIFY(!panel.exportButton()->isEnabled());
        QVERIFY(!panel.exportReport());
        QCOMPARE(dialogs.errors.size(), 1);
        QVERIFY2(dialogs.errors.first().contains(QStringLiteral("no run")),
                 qPrintable(dialogs.errors.first()));
        QVERIFY(dialogs.asked.isEmpty()); // refused before asking for a path
    }

    void aFaultyRunMatchesTheRuntimeExactly()
    {
        RunController c;
        ScriptedDialogs dialogs;
        AccountingPanel panel(&c, &dialogs);
        panel.resize(1560, 200);
        panel.show();
        QTemporaryDir dir;
        c.start(faultyFlow(), dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        const md::RunSnapshot &last = c.lastSnapshot();
        QCOMPARE(errorsOf(last), std::string());

        // The faults happened, so the counts below are not trivially zero.
        const md::InjectedFaults injected = nodeOf(last, "gen").injected;
        QVERIFY(injected.duplicates > 0 && injected.drops > 0 && injected.late > 0);
        QCOMPARE(nodeOf(last, "count").input.gaps, injected.drops);
        QCOMPARE(nodeOf(last, "count").input.lateDropped, injected.late);

        AccountingModel &m = *panel.model();
        QCOMPARE(m.inputCount(), 3);
        QCOMPARE(m.rowCount(), 4); // and the totals
        md::InputAccounting sum;
        for (const char *id : {"count", "log", "sums"}) {
            const md::NodeSnapshot &n = nodeOf(last, id);
            sum += n.input;
            QVERIFY2(m.rowOf(id) >= 0, id);
            QCOMPARE(m.inputAt(m.rowOf(id))->input, n.input);
            QCOMPARE(m.inputAt(m.rowOf(id))->sources, n.sources);
            QCOMPARE(cell(m, id, AccountingModel::ReceivedColumn), n.input.received);
            QCOMPARE(cell(m, id, AccountingModel::ProcessedColumn), n.input.processed);
            QCOMPARE(cell(m, id, AccountingModel::DuplicatesColumn), n.input.duplicates);
            QCOMPARE(cell(m, id, AccountingModel::LateDroppedColumn), n.input.lateDropped);
            QCOMPARE(cell(m, id, AccountingModel::LateDivertedColumn), n.input.lateDiverted);
            QCOMPARE(cell(m, id, AccountingModel::MalformedColumn), n.input.malformed);
            QCOMPARE(cell(m, id, AccountingModel::FilteredColumn), n.input.filtered);
            QCOMPARE(cell(m, id, AccountingModel::OutOfOrderColumn), n.input.outOfOrder);
            QCOMPARE(cell(m, id, AccountingModel::LateColumn), n.input.late);
            QCOMPARE(cell(m, id, AccountingModel::GapsColumn), n.input.gaps);
            md::SequenceBooks books;
            for (const auto &source : n.sources)
                books += source.books;
            QCOMPARE(cell(m, id, AccountingModel::ExpectedColumn), books.expected);
            QCOMPARE(cell(m, id, AccountingModel::UniqueColumn), books.receivedUnique);
            QCOMPARE(text(m, m.rowOf(id), AccountingModel::BooksColumn),
                     QStringLiteral("✓ balanced"));
            QCOMPARE(text(m, m.rowOf(id), AccountingModel::ReceivedColumn),
                     QLocale().toString(qulonglong(n.input.received)));
        }
        QCOMPARE(m.totals().input, sum);
        QCOMPARE(text(m, 3, AccountingModel::NodeColumn), QStringLiteral("Total"));
        QVERIFY(last.accounting.balanced);
        QCOMPARE(panel.verdictLabel()->text(), QStringLiteral("✓ all books balance"));
        saveShot(panel, "accounting-shot.png");

        // Export: exactly `evflow run --report` of the last snapshot.
        dialogs.saveAnswer = dir.filePath(QStringLiteral("run.report.json"));
        QSignalSpy exported(&panel, &AccountingPanel::reportExported);
        QVERIFY(panel.exportButton()->isEnabled());
        QVERIFY(panel.exportReport());
        QCOMPARE(dialogs.asked, QStringList{QStringLiteral("save runtime-test.report.json")});
        QCOMPARE(exported.size(), 1);
        const QByteArray bytes = ui::testing::readAll(dialogs.saveAnswer);
        const md::RunReport expected = md::buildReport(last);
        QCOMPARE(bytes, QByteArray::fromStdString(md::reportToJson(expected)));
        const md::ReportResult parsed = md::parseReport(bytes.toStdString());
        QVERIFY2(parsed, parsed.error.c_str());
        QVERIFY(*parsed.report == expected);
        QCOMPARE(parsed.report->accounting, last.accounting);
        QCOMPARE(parsed.report->nodes.size(), last.nodes.size());
        QVERIFY(dialogs.errors.isEmpty());
    }

    void aFailedExportSaysWhereAndWhy()
    {
        RunController c;
        ScriptedDialogs dialogs;
        AccountingPanel panel(&c, &dialogs);
        QTemporaryDir dir;
        c.start(chain(generator("gen", 10), channel("bus", md::NodeKind::PubSub, "inproc://acc2"),
                      node("count", md::NodeKind::Counter)),
                dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        const QString path = dir.filePath(QStringLiteral("missing/folder/r.json"));
        dialogs.saveAnswer = path;
        QVERIFY(!panel.exportReport());
        QCOMPARE(dialogs.errors.size(), 1);
        QVERIFY2(dialogs.errors.first().contains(path), qPrintable(dialogs.errors.first()));
        dialogs.saveAnswer.clear(); // cancelled: nothing written, nothing said
        QVERIFY(!panel.exportReport());
        QCOMPARE(dialogs.errors.size(), 1);
    }

    void anUnbalancedInputShowsTheDifferenceInRed()
    {
        RunController c;
        ScriptedDialogs dialogs;
        AccountingPanel panel(&c, &dialogs);
        panel.resize(1560, 170);
        panel.show();
        const md::RunSnapshot s = syntheticSnapshot();
        QCOMPARE(s.accounting.unaccounted, std::uint64_t{2});
        emit c.snapshotTaken(s);

        const AccountingModel &m = *panel.model();
        QCOMPARE(m.inputCount(), 2); // the producer has no books
        const QModelIndex bad = m.index(m.rowOf("short"), AccountingModel::BooksColumn);
        QCOMPARE(bad.data().toString(), QStringLiteral("✗ 2 unaccounted"));
        QCOMPARE(bad.data(Qt::ForegroundRole).value<QColor>(), ui::theme::errorColor());
        const QModelIndex good = m.index(m.rowOf("fine"), AccountingModel::BooksColumn);
        QCOMPARE(good.data().toString(), QStringLiteral("✓ balanced"));
        QVERIFY(!good.data(Qt::ForegroundRole).isValid());
        QCOMPARE(panel.verdictLabel()->text(), QStringLiteral("✗ 2 events unaccounted"));
        QVERIFY(panel.view()->isVisible());
        saveShot(panel, "accounting-unbalanced-shot.png");

        // The same books while the run is live: "in flight", not an error (yet).
        md::RunSnapshot live = s;
        live.run.state = md::RunState::Running;
        emit c.snapshotTaken(live);
        QCOMPARE(bad.data().toString(), QStringLiteral("⋯ 2 in flight"));
        QVERIFY(!bad.data(Qt::ForegroundRole).isValid());
        QCOMPARE(panel.verdictLabel()->text(), QStringLiteral("⋯ 2 in flight"));

        QCOMPARE(AccountingModel::booksText(-3), QStringLiteral("✗ 3 counted twice"));
        QCOMPARE(AccountingModel::booksText(-3, 0, true), QStringLiteral("✗ 3 counted twice"));
        QCOMPARE(AccountingModel::booksText(0, 4), QStringLiteral("✗ 4 in sequence books"));
        QCOMPARE(AccountingPanel::verdictText({false, 1}), QStringLiteral("✗ 1 event unaccounted"));
    }

    void refreshesInPlaceKeepingSelectionAndSort()
    {
        RunController c;
        ScriptedDialogs dialogs;
        AccountingPanel panel(&c, &dialogs);
        emit c.snapshotTaken(syntheticSnapshot(1));
        QSortFilterProxyModel &proxy = *panel.proxy();
        QTableView &view = *panel.view();

        // Received descending: fine (100) above short (52); the totals stay last either way.
        view.sortByColumn(AccountingModel::ReceivedColumn, Qt::DescendingOrder);
        QCOMPARE(text(proxy, 0, AccountingModel::NodeColumn), QStringLiteral("fine"));
        QCOMPARE(text(proxy, 1, AccountingModel::NodeColumn), QStringLiteral("short"));
        QCOMPARE(text(proxy, 2, AccountingModel::NodeColumn), QStringLiteral("Total"));
        view.sortByColumn(AccountingModel::ReceivedColumn, Qt::AscendingOrder);
        QCOMPARE(text(proxy, 0, AccountingModel::NodeColumn), QStringLiteral("short"));
        QCOMPARE(text(proxy, 2, AccountingModel::NodeColumn), QStringLiteral("Total"));

        view.selectRow(1); // "fine"
        QSignalSpy resets(panel.model(), &QAbstractItemModel::modelReset);
        QSignalSpy changes(panel.model(), &QAbstractItemModel::dataChanged);
        emit c.snapshotTaken(syntheticSnapshot(3));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 3); // both inputs and the totals
        QCOMPARE(cell(*panel.model(), "fine", AccountingModel::ReceivedColumn), 300u);
        const QModelIndexList selected = view.selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("fine"));
        QCOMPARE(view.horizontalHeader()->sortIndicatorSection(),
                 int(AccountingModel::ReceivedColumn));

        // Another set of inputs: a reset.
        md::RunSnapshot other = syntheticSnapshot(3);
        other.nodes.pop_back();
        other.updateAccounting();
        emit c.snapshotTaken(other);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(panel.model()->inputCount(), 1);
        QCOMPARE(panel.verdictLabel()->text(), QStringLiteral("✓ all books balance"));
    }
};

QTEST_MAIN(TestAccountingPanel)
#include "TestAccountingPanel.moc"
