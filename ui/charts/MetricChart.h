#pragma once

#include "ui/charts/AxisScale.h"

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace evflow::ui::charts {

/// One small live chart of the Monitor's small multiples: one or two line series over time,
/// x in seconds relative to "now" (the newest sample at 0, at the right edge), y from 0 to a
/// round maximum that follows the data with hysteresis (AxisScale::adjusted). No animations;
/// a light grid; a legend; hovering a line shows the nearest sample's value in a tooltip.
/// Points are replaced wholesale (setPoints() → QXYSeries::replace(), one repaint per series),
/// as the ~100 ms monitor refresh needs. The widget is the only owner of its Qt Charts
/// objects, which never leave ui/charts/. GUI thread only.
class MetricChart : public QWidget
{
    Q_OBJECT
public:
    struct SeriesSpec
    {
        QString name; ///< legend text: "in", "p99", …
        QColor color;
    };

    /// `title` names the measure with its unit ("Duplicates (events/s)"); `unit` follows a
    /// value in the hover text ("events/s"); `floor` is the y range shown without data.
    MetricChart(const QString &title, const QString &unit, const QList<SeriesSpec> &series,
                double floor, QWidget *parent = nullptr);
    ~MetricChart() override;

    /// Replaces every series' points at once (one list per series, in the constructor's order;
    /// missing lists clear their series) and rescales y to them.
    void setPoints(const QList<QList<QPointF>> &points);
    /// The visible span: x from -seconds to 0.
    void setWindow(int seconds);
    /// A short note after the title, e.g. why the chart is empty for this scope; empty = none.
    void setNote(const QString &note);

    int seriesCount() const;
    int pointCount(int series) const;
    QList<QPointF> points(int series) const;
    AxisScale yScale() const { return m_yScale; }
    double xMinimum() const;
    double xMaximum() const;
    /// The title as shown, note included.
    QString titleText() const;

    /// "out: 1234 events/s, 12.5 s ago" for a point (x seconds relative to now, y value).
    static QString hoverText(const QString &series, const QString &unit, const QPointF &point,
                             int decimals);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildAxes();
    void addSeries(const SeriesSpec &spec);
    void applyPalette();
    void onHovered(QLineSeries *series, const QPointF &point, bool entered);

    QString m_title;
    QString m_unit;
    QString m_note;
    double m_floor;
    AxisScale m_yScale;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QList<QLineSeries *> m_series;
};

} // namespace evflow::ui::charts
