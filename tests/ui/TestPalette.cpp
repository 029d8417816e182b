// The palette as a user meets it: kinds grouped by role, a filter box, drag data for the canvas,
// activation by double-click and Enter, and icons painted per kind and role.

#include "model/NodeCatalog.h"
#include "ui/NodeIcons.h"
#include "ui/PaletteWidget.h"
#include "ui/Theme.h"

#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace evflow;
using model::NodeKind;
using model::NodeRole;
using ui::PaletteWidget;

Q_DECLARE_METATYPE(evflow::model::NodeKind)

namespace {

/// What the view shows: "Group: Entry, Entry" per visible group, in order.
QStringList visibleTree(const QTreeView *view)
{
    const QAbstractItemModel *model = view->model();
    QStringList lines;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        QStringList entries;
        for (int e = 0; e < model->rowCount(group); ++e)
            entries << model->index(e, 0, group).data().toString();
        lines << group.data().toString() + ": " + entries.join(", ");
    }
    return lines;
}

QModelIndex findEntry(const QTreeView *view, const QString &title)
{
    const QModelIndexList found
        = view->model()->match(view->model()->index(0, 0), Qt::DisplayRole, title, 1,
                               Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

QString title(NodeKind kind)
{
    return QString::fromStdString(model::catalog::spec(kind).title);
}

} // namespace

class TestPalette : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void kindsGroupedByRoleInCatalogOrder();
    void groupsAreExpandedAndEntriesCarryHelp();
    void typingFiltersEntriesAndGroups();
    void filterIsCaseInsensitiveAndSearchesHelp();
    void clearingTheFilterRestoresEverything();
    void enterInFilterActivatesTheOnlyMatch();
    void enterInFilterWithSeveralMatchesDoesNothing();
    void entryMimeDataCarriesTheKindName();
    void groupRowsGiveNoMimeData();
    void doubleClickActivatesEntry();
    void enterOnEntryActivatesIt();
    void minimumWidthFitsTitles();
    void iconsArePaintedAtEverySize();
    void iconsAreHighDpi();
    void iconBackgroundsFollowTheRole();
    void glyphsDifferBetweenKinds();
    void severityIconsUseTheThemeColours();

private:
    std::unique_ptr<PaletteWidget> m_palette;
};

void TestPalette::init()
{
    m_palette = std::make_unique<PaletteWidget>();
    m_palette->resize(260, 600);
    m_palette->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_palette.get()));
}

void TestPalette::cleanup()
{
    m_palette.reset();
}

void TestPalette::kindsGroupedByRoleInCatalogOrder()
{
    const QString alert = title(NodeKind::ThresholdAlert);
    QCOMPARE(visibleTree(m_palette->view()),
             QStringList({"Producers: Generator, Replay, ZeroMQ source",
                          "Channels: Pub/Sub, Queue, Broker",
                          "Consumers: Counter, Log, Event store, Projection, " + alert,
                          "Processors: " + alert + ", Filter, Map / enrich, Router"}));
    // Every catalog kind is listed at least once.
    for (const model::NodeKindSpec &spec : model::catalog::kinds())
        QVERIFY2(findEntry(m_palette->view(), QString::fromStdString(spec.title)).isValid(),
                 spec.name.c_str());
}

void TestPalette::groupsAreExpandedAndEntriesCarryHelp()
{
    const QAbstractItemModel *model = m_palette->view()->model();
    for (int g = 0; g < model->rowCount(); ++g)
        QVERIFY(m_palette->view()->isExpanded(model->index(g, 0)));
    const QModelIndex generator = findEntry(m_palette->view(), "Generator");
    const QString tip = generator.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QString::fromStdString(model::catalog::spec(NodeKind::Generator).help)),
             qPrintable(tip));
    QVERIFY2(tip.contains("generator"), qPrintable(tip));
    QVERIFY(!generator.data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestPalette::typingFiltersEntriesAndGroups()
{
    QTest::keyClicks(m_palette->filterEdit(), "queu");
    QCOMPARE(visibleTree(m_palette->view()), QStringList({"Channels: Queue"}));
    // Groups without a match are gone, the remaining one is open.
    QVERIFY(m_palette->view()->isExpanded(m_palette->view()->model()->index(0, 0)));

    QTest::keyClick(m_palette->filterEdit(), Qt::Key_Backspace);
    QTest::keyClicks(m_palette->filterEdit(), "xyz");
    QCOMPARE(m_palette->view()->model()->rowCount(), 0);
    const auto noMatch = m_palette->findChild<QLabel *>();
    QVERIFY(noMatch && noMatch->isVisible());
    m_palette->setFilter({});
    QVERIFY(!noMatch->isVisible());
}

void TestPalette::filterIsCaseInsensitiveAndSearchesHelp()
{
    // "ALERT" is in the title of threshold-alert (listed twice) and in no other kind's text.
    QTest::keyClicks(m_palette->filterEdit(), "ALERT");
    const QString alert = title(NodeKind::ThresholdAlert);
    QCOMPARE(visibleTree(m_palette->view()),
             QStringList({"Consumers: " + alert, "Processors: " + alert}));

    // "recording" appears only in Replay's help; "zmq-" only in a kind name.
    m_palette->setFilter("recording");
    QCOMPARE(visibleTree(m_palette->view()), QStringList({"Producers: Replay"}));
    QCOMPARE(m_palette->filterEdit()->text(), QString("recording"));
    m_palette->setFilter("zmq-");
    QCOMPARE(visibleTree(m_palette->view()), QStringList({"Producers: ZeroMQ source"}));
}

void TestPalette::clearingTheFilterRestoresEverything()
{
    QTest::keyClicks(m_palette->filterEdit(), "router");
    QCOMPARE(m_palette->view()->model()->rowCount(), 1);
    m_palette->setFilter({});
    const QAbstractItemModel *model = m_palette->view()->model();
    QCOMPARE(model->rowCount(), 4);
    int entries = 0;
    for (int g = 0; g < model->rowCount(); ++g) {
        QVERIFY(m_palette->view()->isExpanded(model->index(g, 0)));
        entries += model->rowCount(model->index(g, 0));
    }
    QCOMPARE(entries, 15); // 14 kinds, threshold-alert twice
}

void TestPalette::enterInFilterActivatesTheOnlyMatch()
{
    QSignalSpy activated(m_palette.get(), &PaletteWidget::kindActivated);
    QTest::keyClicks(m_palette->filterEdit(), "funnel"); // no match: Enter does nothing
    QTest::keyClick(m_palette->filterEdit(), Qt::Key_Return);
    QCOMPARE(activated.count(), 0);

    m_palette->filterEdit()->clear();
    QTest::keyClicks(m_palette->filterEdit(), "broker");
    QTest::keyClick(m_palette->filterEdit(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<NodeKind>(), NodeKind::Broker);
}

void TestPalette::enterInFilterWithSeveralMatchesDoesNothing()
{
    QSignalSpy activated(m_palette.get(), &PaletteWidget::kindActivated);
    QTest::keyClicks(m_palette->filterEdit(), "alert"); // one kind, but two entries
    QTest::keyClick(m_palette->filterEdit(), Qt::Key_Return);
    QTest::keyClicks(m_palette->filterEdit(), "x"); // "alertx": nothing
    m_palette->setFilter("e");
    QTest::keyClick(m_palette->filterEdit(), Qt::Key_Return);
    QCOMPARE(activated.count(), 0);
}

void TestPalette::entryMimeDataCarriesTheKindName()
{
    const QAbstractItemModel *model = m_palette->view()->model();
    QVERIFY(model->mimeTypes().contains(ui::nodeKindMimeType()));
    const QModelIndex store = findEntry(m_palette->view(), title(NodeKind::EventStore));
    QVERIFY(model->flags(store).testFlag(Qt::ItemIsDragEnabled));
    std::unique_ptr<QMimeData> data(model->mimeData({store}));
    QVERIFY(data);
    QVERIFY(data->hasFormat(ui::nodeKindMimeType()));
    QCOMPARE(data->data(ui::nodeKindMimeType()), QByteArray("event-store"));
    // A drop on the canvas copies; a move would make the view delete the dragged entry.
    QCOMPARE(model->supportedDragActions(), Qt::DropActions(Qt::CopyAction));
}

void TestPalette::groupRowsGiveNoMimeData()
{
    const QAbstractItemModel *model = m_palette->view()->model();
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        QVERIFY(!model->flags(group).testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(!model->flags(group).testFlag(Qt::ItemIsSelectable));
        std::unique_ptr<QMimeData> data(model->mimeData({group}));
        QVERIFY(!data);
    }
}

void TestPalette::doubleClickActivatesEntry()
{
    QSignalSpy activated(m_palette.get(), &PaletteWidget::kindActivated);
    QTreeView *view = m_palette->view();
    const QModelIndex router = findEntry(view, "Router");
    const QPoint centre = view->visualRect(router).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(activated.count(), 0); // a single click only selects
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<NodeKind>(), NodeKind::Router);

    // A group header is not a node kind.
    const QPoint header = view->visualRect(view->model()->index(0, 0)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, header);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, header);
    QCOMPARE(activated.count(), 1);
}

void TestPalette::enterOnEntryActivatesIt()
{
    QSignalSpy activated(m_palette.get(), &PaletteWidget::kindActivated);
    // Down from the filter box walks into the list, onto the first entry.
    m_palette->focusFilter();
    QTest::keyClick(m_palette->filterEdit(), Qt::Key_Down);
    QTRY_VERIFY(m_palette->view()->hasFocus());
    QTest::keyClick(m_palette->view(), Qt::Key_Down);
    QTest::keyClick(m_palette->view(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<NodeKind>(), NodeKind::Replay);
}

void TestPalette::minimumWidthFitsTitles()
{
    m_palette->resize(m_palette->minimumWidth(), 600);
    QTreeView *view = m_palette->view();
    for (const model::NodeKindSpec &spec : model::catalog::kinds()) {
        const QString text = QString::fromStdString(spec.title);
        const QRect rect = view->visualRect(findEntry(view, text));
        const int needed = view->iconSize().width() + view->fontMetrics().horizontalAdvance(text);
        QVERIFY2(rect.width() >= needed, qPrintable(text));
        QVERIFY2(rect.right() <= view->viewport()->width(), qPrintable(text));
    }
}

void TestPalette::iconsArePaintedAtEverySize()
{
    for (const model::NodeKindSpec &spec : model::catalog::kinds()) {
        const QIcon icon = ui::nodeKindIcon(spec.kind);
        QVERIFY(!icon.isNull());
        for (int size : {16, 24, 32, 48}) {
            const QPixmap pixmap = icon.pixmap(QSize(size, size), 1.0);
            QCOMPARE(pixmap.size(), QSize(size, size));
            // Filled to the edges in the role colour, with a white glyph on it.
            const QImage image = pixmap.toImage();
            QCOMPARE(image.pixelColor(size / 2, 1).alpha(), 255);
            int white = 0; // or nearly: thin strokes are antialiased at small sizes
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x) {
                    const QColor c = image.pixelColor(x, y);
                    white += std::min({c.red(), c.green(), c.blue()}) >= 190 ? 1 : 0;
                }
            QVERIFY2(white >= size / 2, spec.name.c_str());
        }
    }
}

void TestPalette::iconsAreHighDpi()
{
    const QIcon icon = ui::nodeKindIcon(NodeKind::Generator);
    for (int size : {16, 24, 32, 48}) {
        const QPixmap pixmap = icon.pixmap(QSize(size, size), 2.0);
        QCOMPARE(pixmap.size(), QSize(size * 2, size * 2)); // device pixels
        QCOMPARE(pixmap.devicePixelRatio(), 2.0);
        QCOMPARE(pixmap.deviceIndependentSize(), QSizeF(size, size));
    }
}

void TestPalette::iconBackgroundsFollowTheRole()
{
    // A pixel near the left edge, half way down: background in every glyph.
    const auto background = [](NodeKind kind, int size) {
        return ui::nodeKindIcon(kind)
            .pixmap(QSize(size, size), 1.0)
            .toImage()
            .pixelColor(size / 16, size / 2);
    };
    for (const model::NodeKindSpec &spec : model::catalog::kinds())
        for (int size : {16, 32})
            QCOMPARE(background(spec.kind, size).name(), ui::theme::roleColor(spec.role).name());
    QVERIFY(background(NodeKind::Generator, 32) != background(NodeKind::PubSub, 32));
    QVERIFY(background(NodeKind::Counter, 16) != background(NodeKind::Filter, 16));
}

void TestPalette::glyphsDifferBetweenKinds()
{
    QList<QImage> images;
    for (const model::NodeKindSpec &spec : model::catalog::kinds()) {
        const QImage image = ui::nodeKindIcon(spec.kind).pixmap(QSize(32, 32), 1.0).toImage();
        for (const QImage &other : images)
            QVERIFY2(image != other, spec.name.c_str());
        images << image;
    }
}

void TestPalette::severityIconsUseTheThemeColours()
{
    const QImage error
        = ui::problemSeverityIcon(model::Severity::Error).pixmap(QSize(32, 32), 1.0).toImage();
    const QImage warning
        = ui::problemSeverityIcon(model::Severity::Warning).pixmap(QSize(32, 32), 1.0).toImage();
    // Inside the circle / triangle, away from the glyph.
    QCOMPARE(error.pixelColor(16, 4).name(), ui::theme::errorColor().name());
    QCOMPARE(warning.pixelColor(8, 26).name(), ui::theme::warningColor().name());
    QCOMPARE(error.pixelColor(0, 0).alpha(), 0); // round, not square
}

QTEST_MAIN(TestPalette)
#include "TestPalette.moc"
