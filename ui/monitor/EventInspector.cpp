#include "ui/monitor/EventInspector.h"
#include "ui/TableStyle.h"

#include "model/CloudEventJson.h"
#include "ui/DocumentFile.h"
#include "ui/FileDialogs.h"
#include "ui/Theme.h"
#include "ui/monitor/ClassChipDelegate.h"
#include "ui/monitor/MetricsSource.h"

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace evflow::ui::monitor {

namespace {

using model::EventClass;

/// The toggles: late stands for every late outcome (accepted, dropped, diverted).
struct ClassToggle
{
    EventClass shown;
    std::uint32_t mask;
};

std::vector<ClassToggle> classToggles()
{
    const auto bit = EventFilter::bit;
    return {
        {EventClass::Processed, bit(EventClass::Processed)},
        {EventClass::Duplicate, bit(EventClass::Duplicate)},
        {EventClass::OutOfOrder, bit(EventClass::OutOfOrder)},
        {EventClass::Late,
         bit(EventClass::Late) | bit(EventClass::LateDropped) | bit(EventClass::Diverted)},
        {EventClass::Malformed, bit(EventClass::Malformed)},
        {EventClass::Filtered, bit(EventClass::Filtered)},
    };
}

/// `event` as indented CloudEvents JSON, in the attribute order of toCloudEventJson().
QString prettyEnvelope(const model::Event &event)
{
    const auto parsed = nlohmann::ordered_json::parse(model::toCloudEventJson(event), nullptr,
                                                      /*allow_exceptions=*/false);
    return QString::fromStdString(parsed.is_discarded() ? model::toCloudEventJson(event)
                                                        : parsed.dump(2));
}

} // namespace

EventInspector::EventInspector(MetricsSource *source, FileDialogs *dialogs, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_dialogs(dialogs)
    , m_model(new RecentEventsModel(RecentEventsModel::kDefaultMaxRows, this))
    , m_proxy(new EventFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_stack = new QStackedWidget(splitter);
    m_hint = new QLabel(m_stack);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_view = new QTableView(m_stack);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(m_view);
    splitter->addWidget(m_stack);
    splitter->addWidget(buildDetailPane());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({650, 350}); // proportions: the table needs the room

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildToolbar());
    layout->addWidget(splitter, 1);
    setUpTable();
    connectController();
    updateScope();
}

namespace {

QToolButton *makeToolButton(QWidget *parent, const QString &text, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

} // namespace

QWidget *EventInspector::buildToolbar()
{
    auto *bar = new QWidget(this);
    m_filterEdit = new QLineEdit(bar);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(
        tr("Filter — e.g. type:sensor. class:duplicate temperature>80 boiler"));
    m_filterEdit->setToolTip(tr("Terms must all match; -term negates.\n"
                                "word · type:PREFIX · source:/id:/subject:TEXT · node:ID\n"
                                "corr:ID · cause:ID · class:duplicate,late,ooo,…\n"
                                "FIELD:TEXT · FIELD=VALUE · FIELD>NUMBER (= != < <= > >=)"));
    connect(m_filterEdit, &QLineEdit::textChanged, this, &EventInspector::applyFilter);

    m_pause = makeToolButton(bar, tr("Pause"), tr("Freeze the table; the flow keeps running"));
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pause->setCheckable(true);
    connect(m_pause, &QToolButton::toggled, this, &EventInspector::setPaused);
    m_export
        = makeToolButton(bar, tr("Export…"), tr("Save the events shown as CloudEvents JSON lines"));
    connect(m_export, &QToolButton::clicked, this, &EventInspector::exportEvents);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_pause);
    top->addWidget(m_export);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(buildClassToggles(bar));
    return bar;
}

QLayout *EventInspector::buildClassToggles(QWidget *bar)
{
    auto *chips = new QHBoxLayout;
    chips->setSpacing(2);
    for (const ClassToggle &toggle : classToggles()) {
        const QString label = classificationLabel(toggle.shown);
        auto *button = makeToolButton(bar, label, tr("Show or hide %1 events").arg(label));
        button->setIcon(chipIcon(classificationColor(toggle.shown)));
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        connect(button, &QToolButton::toggled, this, &EventInspector::applyFilter);
        chips->addWidget(button);
        m_classButtons.push_back({toggle.mask, label, button});
    }
    m_scopeLabel = new QLabel(bar);
    m_scopeLabel->setObjectName(QStringLiteral("eventScope"));
    m_countLabel = new QLabel(bar);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    chips->addStretch(1);
    chips->addWidget(m_scopeLabel);
    chips->addSpacing(12);
    chips->addWidget(m_countLabel);
    return chips;
}

QWidget *EventInspector::buildDetailPane()
{
    auto *pane = new QWidget(this);
    m_detailTitle = new QLabel(tr("Select an event to see its envelope."), pane);
    m_detailTitle->setTextFormat(Qt::RichText);
    m_trace = new QToolButton(pane);
    m_trace->setText(tr("Trace →"));
    m_trace->setToolTip(tr("Show every hop of this event's correlation (double-click a row)"));
    m_trace->setEnabled(false);
    connect(m_trace, &QToolButton::clicked, this, &EventInspector::requestTrace);
    m_detail = new QPlainTextEdit(pane);
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *header = new QHBoxLayout;
    header->addWidget(m_detailTitle, 1);
    header->addWidget(m_trace);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_detail, 1);
    return pane;
}

void EventInspector::setUpTable()
{
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(RecentEventsModel::ClassColumn, new ClassChipDelegate(this));
    styleReadOnlyTable(m_view, QAbstractItemView::SingleSelection, 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    // Fixed starting widths: measuring 2000 rows ten times a second would cost more than it
    // is worth; the columns stay resizable.
    const int clock = fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 16;
    const int widths[] = {clock, clock, 110, 100, 130, 150, 150, 60};
    for (int column = 0; column < int(std::size(widths)); ++column)
        m_view->setColumnWidth(column, widths[column]);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventInspector::onCurrentChanged);
    // Not activated(): styles that activate on a single click would jump on every click.
    connect(m_view, &QTableView::doubleClicked, this, &EventInspector::requestTrace);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventInspector::updateHint);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventInspector::updateHint);
    // Follow the tail while the user is at the bottom; scrolled up, the view stays put.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_followTail = bar->value() >= bar->maximum();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            m_view->scrollToBottom();
    });
}

void EventInspector::connectController()
{
    connect(m_source, &MetricsSource::snapshotTaken, this, &EventInspector::refresh);
    connect(m_source, &MetricsSource::stateChanged, this, [this](MetricsSource::State s) {
        if (s == MetricsSource::State::Starting) {
            m_model->clear(); // a new run: the old rows belong to another run
            showDetail(std::nullopt);
        }
        updateHint();
    });
}

void EventInspector::setFlow(const model::Flow &flow)
{
    m_flow = flow;
    updateScope();
}

void EventInspector::setSelectedNode(const model::NodeId &node)
{
    m_selected = node;
    updateScope();
}

void EventInspector::updateScope()
{
    std::vector<model::NodeId> inputs = recordingInputs(m_flow, m_selected);
    if (inputs != m_inputs) {
        m_inputs = std::move(inputs);
        m_model->clear();
        showDetail(std::nullopt);
    }
    QStringList names;
    for (const model::NodeId &id : m_inputs)
        names << QString::fromStdString(id.value);
    // A big flow has hundreds of inputs: name a few, count the rest, list them all in the tooltip
    // (the whole list once made the window 42 000 px wide).
    constexpr int kNamed = 4;
    QString list = names.mid(0, kNamed).join(QStringLiteral(", "));
    if (names.size() > kNamed)
        list += tr(" and %n more", nullptr, int(names.size() - kNamed));
    m_scopeLabel->setText(m_selected.empty()
                              ? tr("All inputs: %1").arg(list)
                              : tr("%1 → %2").arg(QString::fromStdString(m_selected.value), list));
    m_scopeLabel->setToolTip(names.join(QStringLiteral("\n")));
    // What the rings hold now, even while paused: the user asked for another scope.
    pull();
}

void EventInspector::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused); // comes back here through toggled()
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    if (!paused)
        refresh();
    updateCounts();
}

bool EventInspector::isPaused() const
{
    return m_pause->isChecked();
}

void EventInspector::refresh()
{
    if (!isPaused())
        pull();
}

void EventInspector::pull()
{
    if (!m_source->hasRun()) {
        updateHint();
        return;
    }
    std::vector<NodeRing> rings;
    rings.reserve(m_inputs.size());
    for (const model::NodeId &input : m_inputs)
        rings.push_back({input, m_source->recentEvents(input)});
    m_model->merge(rings);
    updateCounts();
    updateHint();
}

void EventInspector::applyFilter()
{
    EventFilter filter = EventFilter::parse(m_filterEdit->text());
    std::uint32_t mask = 0;
    for (const ClassToggleButton &toggle : m_classButtons)
        if (toggle.button->isChecked())
            mask |= toggle.mask;
    filter.setClassMask(mask);
    // A term that does not parse is ignored; say so where the user is typing.
    m_filterEdit->setStyleSheet(filter.errors().isEmpty()
                                    ? QString()
                                    : QStringLiteral("QLineEdit { border: 1px solid %1; }")
                                          .arg(theme::errorColor().name()));
    m_filterEdit->setToolTip(filter.errors().isEmpty() ? QString()
                                                       : filter.errors().join(QLatin1Char('\n')));
    m_proxy->setFilter(filter);
    updateCounts();
}

void EventInspector::updateCounts()
{
    for (const ClassToggleButton &toggle : m_classButtons) {
        int n = 0;
        for (int row = 0; row < m_model->rowCount(); ++row)
            n += (toggle.mask & EventFilter::bit(m_model->eventAt(row).recent.classification)) != 0;
        toggle.button->setText(QStringLiteral("%1 %2").arg(toggle.label).arg(n));
    }
    QString text = tr("%1 of %2 events").arg(m_proxy->rowCount()).arg(m_model->rowCount());
    if (isPaused())
        text += tr(" · paused");
    m_countLabel->setText(text);
}

void EventInspector::updateHint()
{
    const bool empty = m_model->rowCount() == 0;
    if (m_inputs.empty())
        m_hint->setText(tr("Nothing here records events: select a consumer, a processor or a "
                           "channel that feeds one."));
    else if (!m_source->hasRun())
        m_hint->setText(tr("Press Run (F5) to start the flow and watch its events arrive."));
    else
        m_hint->setText(tr("No events seen yet."));
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_hint) : m_view);
}

void EventInspector::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    if (source.isValid())
        showDetail(m_model->eventAt(source.row()));
}

void EventInspector::showDetail(const std::optional<InspectedEvent> &event)
{
    m_shown = event;
    m_trace->setEnabled(event.has_value());
    if (!event) {
        m_detailTitle->setText(tr("Select an event to see its envelope."));
        m_detail->clear();
        return;
    }
    const model::RecentEvent &r = event->recent;
    const QColor fill = classificationColor(r.classification);
    m_detailTitle->setText(
        tr("<span style='background:%1; color:%2'><b>&nbsp;%3&nbsp;</b></span> at <b>%4</b>"
           " · arrived %5")
            .arg(fill.name(), chipTextColor(fill).name(),
                 classificationLabel(r.classification).toHtmlEscaped(),
                 QString::fromStdString(event->node.value).toHtmlEscaped(),
                 formatClockMicros(r.arrivalMicros)));
    m_detail->setPlainText(prettyEnvelope(r.event));
}

void EventInspector::requestTrace()
{
    if (m_shown)
        emit traceRequested(traceKey(m_shown->recent.event));
}

int EventInspector::exportTo(const QString &path, QString *error) const
{
    QByteArray lines; // at most the model's 2000 rows: small enough to write in one go
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
        lines += QByteArray::fromStdString(
            model::toCloudEventJson(m_model->eventAt(source).recent.event));
        lines += '\n';
    }
    const FileResult written = DocumentFile::writeAtomically(path, lines);
    if (!written) {
        if (error)
            *error = written.message;
        return -1;
    }
    return m_proxy->rowCount();
}

void EventInspector::exportEvents()
{
    QString path
        = m_dialogs->exportFileName(this, tr("Export Events"), QStringLiteral("events.jsonl"),
                                    tr("CloudEvents JSON lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".jsonl"); // the dialog's filter does not add it everywhere
    QString error;
    if (exportTo(path, &error) < 0)
        m_dialogs->showError(this, tr("Export Events"), error);
}

QAbstractButton *EventInspector::classButton(model::EventClass c) const
{
    for (const ClassToggleButton &toggle : m_classButtons)
        if (toggle.mask & EventFilter::bit(c))
            return toggle.button;
    return nullptr;
}

} // namespace evflow::ui::monitor
