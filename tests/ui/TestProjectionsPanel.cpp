// The Projections tab: the shipped order pipeline (made finite) run for real, its table equal to
// the runtime's read model of "revenue"; values sort numerically; live refreshes update rows in
// place (dataChanged, rowsInserted) so sort and selection survive; hints without a projection
// or before a run.

#include "../transport/support/FlowBuilders.h"
#include "model/FlowFile.h"
#include "ui/monitor/ProjectionsModel.h"
#include "ui/monitor/ProjectionsPanel.h"
#include "ui/monitor/RunController.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace evflow;
using namespace evflow::test::flows;
using ui::monitor::ProjectionsModel;
using ui::monitor::ProjectionsPanel;
using ui::monitor::RunController;
using State = RunController::State;

namespace {

/// resources/examples/order-pipeline with a finite generator (as fast as possible).
md::Flow finiteOrderPipeline()
{
    const md::LoadResult loaded
        = md::loadFlowFile(EVFLOW_SOURCE_DIR "/resources/examples/order-pipeline.evflow.json");
    if (!loaded.flow)
        qFatal("order-pipeline example does not load");
    md::Flow flow = *loaded.flow;
    md::Node *orders = flow.findNode({"orders"});
    orders->properties["count"] = std::int64_t{2500};
    orders->properties["rate"] = 0.0;
    return flow;
}

md::ProjectionRow row(const std::string &key, double value, std::uint64_t count)
{
    return {key, md::FieldValue(value), count};
}

QString keyAt(const QAbstractItemModel &m, int row)
{
    return m.data(m.index(row, ProjectionsModel::KeyColumn)).toString();
}

void saveShot(QWidget &w, const char *name)
{
    const QString dir = qEnvironmentVariable("EVFLOW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}

} // namespace

class TestProjectionsPanel : public QObject
{
    Q_OBJECT
private slots:
    void theTableIsTheRuntimesReadModel()
    {
        RunController c;
        ProjectionsPanel panel(&c);
        panel.resize(700, 240);
        panel.show();
        const md::Flow flow = finiteOrderPipeline();
        panel.setFlow(flow);
        QCOMPARE(panel.projectionCombo()->count(), 1);
        QCOMPARE(panel.currentProjection().value, std::string("revenue"));
        QVERIFY(panel.emptyStateLabel()->isVisible());
        QVERIFY(panel.emptyStateLabel()->text().contains(QStringLiteral("Run (F5)")));

        ProjectionsPanel hidden(&c); // another tab: catches up when shown
        hidden.setFlow(flow);

        QTemporaryDir dir;
        c.start(flow, dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Finished, kWait);
        const std::vector<md::ProjectionRow> expected = c.projection({"revenue"});
        QCOMPARE(expected.size(), std::size_t{3}); // EU, US, APAC
        QVERIFY(panel.view()->isVisible());
        QCOMPARE(panel.model()->rows(), expected);
        QCOMPARE(hidden.model()->rowCount(), 0);
        hidden.show();
        QCOMPARE(hidden.model()->rows(), expected);

        // What the view shows, through the proxy, row by row.
        const QSortFilterProxyModel &proxy = *panel.proxy();
        QCOMPARE(proxy.rowCount(), 3);
        std::uint64_t counted = 0;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const std::string key = keyAt(proxy, r).toStdString();
            const auto it = std::find_if(expected.begin(), expected.end(),
                                         [&](const md::ProjectionRow &e) { return e.key == key; });
            QVERIFY2(it != expected.end(), key.c_str());
            const QModelIndex value = proxy.index(r, ProjectionsModel::ValueColumn);
            QCOMPARE(value.data(ProjectionsModel::SortRole).toDouble(),
                     std::get<double>(it->value));
            QCOMPARE(value.data().toString(), ProjectionsModel::valueText(it->value));
            QCOMPARE(proxy.index(r, ProjectionsModel::CountColumn)
                         .data(ProjectionsModel::SortRole)
                         .toULongLong(),
                     it->count);
            counted += it->count;
        }
        // Every event the projection processed made exactly one row's count.
        QCOMPARE(counted, nodeOf(c.lastSnapshot(), "revenue").input.processed);
        QVERIFY(panel.summaryLabel()->text().contains(QStringLiteral("sum of amount by region")));

        panel.view()->sortByColumn(ProjectionsModel::ValueColumn, Qt::DescendingOrder);
        std::vector<md::ProjectionRow> byValue = expected;
        std::sort(byValue.begin(), byValue.end(), [](const auto &a, const auto &b) {
            return std::get<double>(a.value) > std::get<double>(b.value);
        });
        for (int r = 0; r < 3; ++r)
            QCOMPARE(keyAt(proxy, r).toStdString(), byValue[static_cast<std::size_t>(r)].key);
        saveShot(panel, "projections-shot.png");
    }

    void valuesSortNumerically()
    {
        ProjectionsModel m;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&m);
        proxy.setSortRole(ProjectionsModel::SortRole);
        m.setRows({row("a", 100.0, 1), row("b", 9.0, 1), row("c", 10.5, 1)});
        proxy.sort(ProjectionsModel::ValueColumn, Qt::AscendingOrder);
        // As text, "10.50" < "100" < "9.00"; as numbers 9 < 10.5 < 100.
        QCOMPARE(keyAt(proxy, 0), QStringLiteral("b"));
        QCOMPARE(keyAt(proxy, 1), QStringLiteral("c"));
        QCOMPARE(keyAt(proxy, 2), QStringLiteral("a"));
        QCOMPARE(m.data(m.index(2, ProjectionsModel::ValueColumn)).toString(),
                 QLocale().toString(10.5, 'f', 2));
        QCOMPARE(ProjectionsModel::exactValueText(md::FieldValue(0.1 + 0.2)),
                 QStringLiteral("0.30000000000000004"));
    }

    void liveRefreshesUpdateInPlace()
    {
        RunController c;
        ProjectionsPanel panel(&c);
        ProjectionsModel &m = *panel.model();
        QTableView &view = *panel.view();
        view.sortByColumn(ProjectionsModel::ValueColumn, Qt::DescendingOrder);
        m.setRows({row("APAC", 30.0, 3), row("EU", 50.0, 5), row("US", 10.0, 1)});
        view.selectRow(1); // APAC, between EU and US
        QCOMPARE(view.selectionModel()->selectedRows().first().data().toString(),
                 QStringLiteral("APAC"));

        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy inserts(&m, &QAbstractItemModel::rowsInserted);
        const std::vector<md::ProjectionRow> next{row("APAC", 70.0, 7), row("EU", 50.0, 5),
                                                  row("US", 12.5, 2)};
        m.setRows(next);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 2); // EU did not change
        QCOMPARE(m.rows(), next);
        // APAC moved to the top of the value sort, and is still the one selected.
        QCOMPARE(keyAt(*panel.proxy(), 0), QStringLiteral("APAC"));
        QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
        QCOMPARE(view.selectionModel()->selectedRows().first().data().toString(),
                 QStringLiteral("APAC"));

        // A new key is inserted where it belongs (key order), nothing reset.
        m.setRows(
            {row("APAC", 70.0, 7), row("EU", 50.0, 5), row("LATAM", 1.0, 1), row("US", 12.5, 2)});
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(QString::fromStdString(m.rows()[2].key), QStringLiteral("LATAM"));
        QCOMPARE(view.selectionModel()->selectedRows().first().data().toString(),
                 QStringLiteral("APAC"));

        // A key gone (a new run): a reset.
        m.setRows({row("EU", 1.0, 1)});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(m.rowCount(), 1);
    }

    void hintsWithoutAProjection()
    {
        RunController c;
        ProjectionsPanel panel(&c);
        panel.show();
        QVERIFY(panel.emptyStateLabel()->isVisible());
        panel.setFlow(chain(generator("gen", 10),
                            channel("bus", md::NodeKind::PubSub, "inproc://proj-none"),
                            node("count", md::NodeKind::Counter)));
        QCOMPARE(panel.projectionCombo()->count(), 0);
        QVERIFY(!panel.projectionCombo()->isEnabled());
        QVERIFY(panel.currentProjection().value.empty());
        QVERIFY(panel.emptyStateLabel()->isVisible());
        QVERIFY(panel.emptyStateLabel()->text().contains(QStringLiteral("no projection")));
        // A flow with one: chosen at once, and kept across setFlow() calls.
        md::Flow two = finiteOrderPipeline();
        md::Node second = *two.findNode({"revenue"});
        second.id = {"orders-per-region"};
        second.properties["aggregate"] = std::string("count");
        two.nodes.push_back(second);
        panel.setFlow(two);
        QCOMPARE(panel.projectionCombo()->count(), 2);
        QVERIFY(panel.selectProjection({"orders-per-region"}));
        panel.setFlow(two);
        QCOMPARE(panel.currentProjection().value, std::string("orders-per-region"));
        QCOMPARE(panel.model()->headerData(ProjectionsModel::ValueColumn, Qt::Horizontal),
                 QVariant(QStringLiteral("count")));
        QVERIFY(!panel.selectProjection({"nope"}));
    }
};

QTEST_MAIN(TestProjectionsPanel)
#include "TestProjectionsPanel.moc"
