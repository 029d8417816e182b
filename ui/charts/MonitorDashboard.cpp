#include "ui/charts/MonitorDashboard.h"
#include "ui/DocumentFile.h"

#include "model/NodeCatalog.h"
#include "ui/FileDialogs.h"
#include "ui/charts/DashboardCharts.h"
#include "ui/charts/MetricChart.h"
#include "ui/monitor/MetricsHistory.h"

#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace evflow::ui::charts {

using detail::ChartSpec;
using detail::chartSpecs;
using detail::LineSpec;
using detail::thinned;
using monitor::Metric;
static_assert(MonitorDashboard::ChartCount == detail::kChartCount);

MonitorDashboard::MonitorDashboard(monitor::MetricsHistory *history, FileDialogs *dialogs,
                                   QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_dialogs(dialogs)
{
    m_emptyLabel = new QLabel(tr("Press Run (F5) to start the flow and watch it live."));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    QFont hint = m_emptyLabel->font();
    hint.setPointSizeF(hint.pointSizeF() * 1.25);
    m_emptyLabel->setFont(hint);
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(buildCharts());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(buildToolbar());
    layout->addWidget(m_stack, 1);

    connect(m_history, &monitor::MetricsHistory::appended, this,
            &MonitorDashboard::onHistoryChanged);
    connect(m_history, &monitor::MetricsHistory::cleared, this,
            &MonitorDashboard::onHistoryChanged);
    updateScopeItem();
    updateNotes();
    refresh();
}

MonitorDashboard::~MonitorDashboard() = default;

QWidget *MonitorDashboard::buildToolbar()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_scopeCombo = new QComboBox;
    m_scopeCombo->addItem(tr("Whole flow"));
    m_scopeCombo->addItem(QString());
    m_scopeCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scopeCombo->setToolTip(tr("Chart the whole flow or the node selected on the canvas"));
    m_windowSpin = new QSpinBox;
    m_windowSpin->setRange(kMinWindowSeconds, kMaxWindowSeconds);
    m_windowSpin->setSingleStep(10);
    m_windowSpin->setValue(kDefaultWindowSeconds);
    m_windowSpin->setSuffix(tr(" s"));
    m_windowSpin->setToolTip(tr("How far back the charts look"));
    m_pauseButton = new QToolButton;
    m_pauseButton->setCheckable(true);
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pauseButton->setToolTip(tr("Freeze the charts; the flow keeps running"));
    m_statusLabel = new QLabel;
    m_statusLabel->setForegroundRole(QPalette::PlaceholderText);
    m_csvButton = new QToolButton;
    m_csvButton->setText(tr("Export CSV…"));
    m_csvButton->setToolTip(tr("Save the run's metrics as CSV"));
    m_pngButton = new QToolButton;
    m_pngButton->setText(tr("Export PNG…"));
    m_pngButton->setToolTip(tr("Save the charts as a PNG image"));

    row->addWidget(new QLabel(tr("Scope:")));
    row->addWidget(m_scopeCombo);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("Window:")));
    row->addWidget(m_windowSpin);
    row->addWidget(m_pauseButton);
    row->addSpacing(8);
    row->addWidget(m_statusLabel, 1);
    row->addWidget(m_csvButton);
    row->addWidget(m_pngButton);

    connectToolbar();
    return bar;
}

void MonitorDashboard::connectToolbar()
{
    connect(m_scopeCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateNotes();
        refresh();
    });
    connect(m_windowSpin, &QSpinBox::valueChanged, this, [this](int seconds) {
        for (MetricChart *chart : std::as_const(m_charts))
            chart->setWindow(seconds);
        refresh();
    });
    connect(m_pauseButton, &QToolButton::toggled, this, &MonitorDashboard::setPaused);
    connect(m_csvButton, &QToolButton::clicked, this, &MonitorDashboard::onExportCsv);
    connect(m_pngButton, &QToolButton::clicked, this, &MonitorDashboard::onExportPng);
}

QWidget *MonitorDashboard::buildCharts()
{
    m_chartsArea = new QWidget;
    auto *grid = new QGridLayout(m_chartsArea);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    const auto &specs = chartSpecs();
    for (int i = 0; i < ChartCount; ++i) {
        const ChartSpec &spec = specs[static_cast<std::size_t>(i)];
        QList<MetricChart::SeriesSpec> lines;
        for (const LineSpec &line : spec.lines)
            lines.append({tr(line.name), line.color});
        auto *chart = new MetricChart(tr(spec.title), tr(spec.unit), lines, spec.floor);
        chart->setWindow(kDefaultWindowSeconds);
        grid->addWidget(chart, i / 3, i % 3);
        m_charts << chart;
    }
    return m_chartsArea;
}

void MonitorDashboard::setSelectedNode(const model::NodeId &node)
{
    if (node == m_selected)
        return;
    m_selected = node;
    updateScopeItem();
    if (m_scopeCombo->currentIndex() == 1) {
        updateNotes();
        refresh();
    }
}

void MonitorDashboard::setScopeToSelection(bool selection)
{
    m_scopeCombo->setCurrentIndex(selection ? 1 : 0);
}

model::NodeId MonitorDashboard::scope() const
{
    return m_scopeCombo->currentIndex() == 1 ? m_selected : model::NodeId{};
}

void MonitorDashboard::setWindowSeconds(int seconds)
{
    m_windowSpin->setValue(std::clamp(seconds, kMinWindowSeconds, kMaxWindowSeconds));
}

int MonitorDashboard::windowSeconds() const
{
    return m_windowSpin->value();
}

void MonitorDashboard::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setIcon(
        style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    updateNotes();
    if (!paused)
        refresh(); // catch up with what was recorded meanwhile
    emit pausedChanged(paused);
}

void MonitorDashboard::onHistoryChanged()
{
    // A hidden Monitor tab costs nothing: it redraws once when shown again.
    if (m_paused || !isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

void MonitorDashboard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && !m_paused)
        refresh();
}

void MonitorDashboard::refresh()
{
    if (m_paused)
        return;
    m_stale = false;
    if (!m_history->empty())
        m_stack->setCurrentWidget(m_chartsArea); // from the first data on, charts stay
    updateScopeItem();
    const std::int64_t now = m_history->latestMicros();
    const auto &specs = chartSpecs();
    for (int i = 0; i < ChartCount; ++i) {
        const ChartSpec &spec = specs[static_cast<std::size_t>(i)];
        QList<QList<QPointF>> points;
        for (const LineSpec &line : spec.lines)
            points << windowPoints(static_cast<int>(line.metric), spec.scale, now);
        m_charts[i]->setPoints(points);
    }
    updateNotes();
}

QList<QPointF> MonitorDashboard::windowPoints(int metric, double scale, std::int64_t now) const
{
    const model::NodeId scoped = scope();
    if (m_scopeCombo->currentIndex() == 1 && scoped.empty())
        return {}; // "selected" with nothing selected: no data rather than the flow's
    const std::int64_t since = now - std::int64_t{windowSeconds()} * 1'000'000;
    QList<QPointF> points;
    for (const model::RateSample &s : m_history->samples(scoped, Metric(metric), since))
        points << QPointF(static_cast<double>(s.timeMicros - now) / 1e6, s.value * scale);
    return thinned(points, kMaxPointsPerSeries);
}

void MonitorDashboard::updateScopeItem()
{
    QString text = tr("Selected node (none)");
    if (!m_selected.empty()) {
        const auto role = m_history->roleOf(m_selected);
        const QString id = QString::fromStdString(m_selected.value);
        text = role ? tr("Selected: %1 (%2)").arg(id, model::catalog::roleName(*role))
                    : tr("Selected: %1").arg(id);
    }
    if (m_scopeCombo->itemText(1) != text)
        m_scopeCombo->setItemText(1, text);
}

/// Why a chart or the scope shows nothing, where that is not obvious.
void MonitorDashboard::updateNotes()
{
    const bool selection = m_scopeCombo->currentIndex() == 1;
    const auto role = selection ? m_history->roleOf(m_selected) : std::nullopt;
    const auto &specs = chartSpecs();
    for (int i = 0; i < ChartCount; ++i) {
        const Metric metric = specs[static_cast<std::size_t>(i)].lines.front().metric;
        const bool measured = !role || monitor::MetricsHistory::applies(role, metric);
        m_charts[i]->setNote(
            measured ? QString() : tr("not measured at a %1").arg(model::catalog::roleName(*role)));
    }
    QString status;
    if (m_paused)
        status = tr("Paused: the charts are frozen, the flow keeps running.");
    else if (selection && m_selected.empty())
        status = tr("Select a node or channel on the canvas.");
    else if (selection && !role && !m_history->empty())
        status = tr("No data for “%1” in this run.").arg(QString::fromStdString(m_selected.value));
    m_statusLabel->setText(status);
}

bool MonitorDashboard::exportPng(const QString &path, QString *error)
{
    const QImage image = m_stack->currentWidget()->grab().toImage();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    FileResult written
        = image.save(&buffer, "PNG")
              ? DocumentFile::writeAtomically(path, bytes)
              : FileResult::failed(tr("%1: the charts could not be encoded as PNG").arg(path));
    if (!written && error != nullptr)
        *error = written.message;
    return bool(written);
}

bool MonitorDashboard::exportCsv(const QString &path, QString *error) const
{
    return m_history->writeCsv(path, error);
}

QString MonitorDashboard::askExportPath(const QString &title, const QString &suggested,
                                        const QString &filter)
{
    if (m_dialogs == nullptr)
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    return m_dialogs->exportFileName(this, title, suggested, filter);
}

void MonitorDashboard::reportError(const QString &title, const QString &message)
{
    if (m_dialogs != nullptr)
        m_dialogs->showError(this, title, message);
    else
        QMessageBox::warning(this, title, message);
}

void MonitorDashboard::onExportCsv()
{
    const QString name = QString::fromStdString(m_history->flowName());
    const QString suggested = QDir::home().filePath(
        (name.isEmpty() ? QStringLiteral("evflow") : name) + QStringLiteral("-metrics.csv"));
    const QString path
        = askExportPath(tr("Export Metrics as CSV"), suggested, tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        reportError(tr("Export Metrics"), error);
}

void MonitorDashboard::onExportPng()
{
    const QString name = QString::fromStdString(m_history->flowName());
    const QString suggested = QDir::home().filePath(
        (name.isEmpty() ? QStringLiteral("evflow") : name) + QStringLiteral("-charts.png"));
    const QString path
        = askExportPath(tr("Export Charts as PNG"), suggested, tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error))
        reportError(tr("Export Charts"), error);
}

MetricChart *MonitorDashboard::chart(int index) const
{
    return index >= 0 && index < m_charts.size() ? m_charts[index] : nullptr;
}

int MonitorDashboard::pointCount(int chart, int series) const
{
    return m_charts.value(chart) ? m_charts[chart]->pointCount(series) : 0;
}

QList<QPointF> MonitorDashboard::seriesValues(int chart, int series) const
{
    return m_charts.value(chart) ? m_charts[chart]->points(series) : QList<QPointF>();
}

bool MonitorDashboard::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QAbstractButton *MonitorDashboard::exportCsvButton() const
{
    return m_csvButton;
}

QAbstractButton *MonitorDashboard::exportPngButton() const
{
    return m_pngButton;
}

} // namespace evflow::ui::charts
