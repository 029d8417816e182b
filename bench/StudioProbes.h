#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace evflow::bench {

/// Measures how long the GUI thread goes without running its event loop: a precise timer ticks
/// every `periodMs`, and the longest time between two ticks, minus the period, is the longest
/// stall (a slot, a paint or a wait on another thread that held the loop up). Only what happens
/// between start() and stop() counts.
class StallProbe : public QObject
{
public:
    explicit StallProbe(int periodMs = 2, QObject *parent = nullptr);

    void start();
    void stop();
    /// Longest gap between two ticks minus the period, in milliseconds (0 when never late).
    double longestStallMs() const { return m_longestNs / 1e6; }
    /// Ticks seen between start() and stop().
    long ticks() const { return m_ticks; }

private:
    void onTick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
    long m_ticks = 0;
    int m_periodMs;
};

/// Counts the paint events a widget receives (an event filter), to show how often the studio
/// redraws while a flow runs.
class PaintCounter : public QObject
{
public:
    using QObject::QObject;

    long count() const { return m_count; }
    void reset() { m_count = 0; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    long m_count = 0;
};

} // namespace evflow::bench
