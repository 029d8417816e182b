#include "ui/charts/MetricChart.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QLegend>
#include <QLineSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace evflow::ui::charts {
namespace {

/// A tick every this many seconds gives at most six intervals over the window.
double timeStep(int seconds)
{
    for (const double step : {1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 300.0}) {
        if (seconds / step <= 6.0)
            return step;
    }
    return 600.0;
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

} // namespace

MetricChart::MetricChart(const QString &title, const QString &unit, const QList<SeriesSpec> &series,
                         double floor, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_unit(unit)
    , m_floor(floor)
    , m_yScale(AxisScale::fitting(0, floor))
{
    m_chart = new QChart;
    // A live view redrawn ten times a second: animations would only lag behind the data.
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    buildAxes();
    for (const SeriesSpec &spec : series)
        addSeries(spec);

    m_view = new QChartView(m_chart, this); // takes ownership of the chart
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumSize(240, 170);
    setWindow(60);
    setNote({});
    applyPalette();
}

MetricChart::~MetricChart() = default;

void MetricChart::buildAxes()
{
    // Steps and ranges are set before the axes go dynamic and join the chart, so no layout
    // ever sees a tiny step over a wide range.
    m_x = new QValueAxis(m_chart);
    m_x->setTickInterval(timeStep(60));
    m_x->setRange(-60, 0);
    m_x->setTickAnchor(0); // ticks at whole steps back from now
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setLabelFormat(QStringLiteral("%.0f s"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_y = new QValueAxis(m_chart);
    m_y->setTickInterval(m_yScale.step);
    m_y->setRange(0, m_yScale.max);
    m_y->setTickAnchor(0);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setLabelFormat(QStringLiteral("%.%1f").arg(m_yScale.decimals));
    m_chart->addAxis(m_y, Qt::AlignLeft);
}

void MetricChart::addSeries(const SeriesSpec &spec)
{
    auto *series = new QLineSeries(m_chart);
    series->setName(spec.name);
    QPen pen(spec.color);
    pen.setWidthF(1.8);
    series->setPen(pen);
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    connect(
        series, &QLineSeries::hovered, this,
        [this, series](const QPointF &point, bool entered) { onHovered(series, point, entered); });
    m_series << series;
}

void MetricChart::setPoints(const QList<QList<QPointF>> &points)
{
    double dataMax = 0;
    for (int i = 0; i < m_series.size(); ++i) {
        const QList<QPointF> list = i < points.size() ? points[i] : QList<QPointF>();
        for (const QPointF &p : list)
            dataMax = std::max(dataMax, p.y());
        m_series[i]->replace(list);
    }
    const AxisScale scale = AxisScale::adjusted(m_yScale, dataMax, m_floor);
    if (scale == m_yScale)
        return;
    // Qt Charts lays the ticks out after each call: change range and step in the order that
    // never asks for a huge number of ticks in between (a new range with the old step).
    if (scale.step >= m_yScale.step) {
        m_y->setTickInterval(scale.step);
        m_y->setRange(0, scale.max);
    } else {
        m_y->setRange(0, scale.max);
        m_y->setTickInterval(scale.step);
    }
    m_y->setLabelFormat(QStringLiteral("%.%1f").arg(scale.decimals));
    m_yScale = scale;
}

void MetricChart::setWindow(int seconds)
{
    const double step = timeStep(seconds);
    if (step >= m_x->tickInterval()) { // as in setPoints(): never many ticks in between
        m_x->setTickInterval(step);
        m_x->setRange(-seconds, 0);
    } else {
        m_x->setRange(-seconds, 0);
        m_x->setTickInterval(step);
    }
}

void MetricChart::setNote(const QString &note)
{
    m_note = note;
    m_chart->setTitle(titleText());
}

QString MetricChart::titleText() const
{
    return m_note.isEmpty() ? m_title : m_title + QStringLiteral(" — ") + m_note;
}

int MetricChart::seriesCount() const
{
    return static_cast<int>(m_series.size());
}

int MetricChart::pointCount(int series) const
{
    return series >= 0 && series < m_series.size() ? m_series[series]->count() : 0;
}

QList<QPointF> MetricChart::points(int series) const
{
    return series >= 0 && series < m_series.size() ? m_series[series]->points() : QList<QPointF>();
}

double MetricChart::xMinimum() const
{
    return m_x->min();
}

double MetricChart::xMaximum() const
{
    return m_x->max();
}

QString MetricChart::hoverText(const QString &series, const QString &unit, const QPointF &point,
                               int decimals)
{
    const QString value = QString::number(point.y(), 'f', decimals);
    const QString when = point.x() > -0.05 ? tr("now") : tr("%1 s ago").arg(-point.x(), 0, 'f', 1);
    return QStringLiteral("%1: %2 %3, %4").arg(series, value, unit, when);
}

void MetricChart::onHovered(QLineSeries *series, const QPointF &point, bool entered)
{
    if (!entered || series->count() == 0) {
        QToolTip::hideText();
        return;
    }
    // The hover point lies on the line between two samples: report the nearest sample.
    const QList<QPointF> samples = series->points();
    const auto nearest
        = std::min_element(samples.begin(), samples.end(), [&](const QPointF &a, const QPointF &b) {
              return std::abs(a.x() - point.x()) < std::abs(b.x() - point.x());
          });
    QToolTip::showText(QCursor::pos(),
                       hoverText(series->name(), m_unit, *nearest, m_yScale.decimals + 1), m_view);
}

void MetricChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

/// Charts take their colours from the application palette, so the light and dark themes both
/// read; only the grid is toned down, so the lines stand out.
void MetricChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor muted = pal.color(QPalette::PlaceholderText);
    m_chart->setBackgroundBrush(pal.color(QPalette::Base));
    m_chart->setTitleBrush(text);
    QFont titleFont = font();
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    m_chart->legend()->setLabelColor(text);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1));
    m_chart->legend()->setFont(small);
    for (QValueAxis *axis : {m_x, m_y}) {
        axis->setLabelsBrush(muted);
        axis->setLabelsFont(small);
        axis->setGridLineColor(withAlpha(muted, 50));
        axis->setLinePenColor(withAlpha(muted, 120));
    }
}

} // namespace evflow::ui::charts
