#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

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

/// A QApplication that times every event delivery at the outermost level (nested deliveries
/// count towards the one that caused them) while recording, and keeps the slowest few: what the
/// GUI thread was doing during its longest stalls (a timer's slot, a paint, a layout).
class TimedApplication : public QApplication
{
public:
    struct SlowEvent
    {
        double ms = 0.0;    ///< wall time of the delivery
        double cpuMs = 0.0; ///< CPU time the GUI thread spent on it (the rest it waited for a core)
        QString what;       ///< "Timer to evflow::ui::monitor::RunController '' at 0.10 s"
    };

    TimedApplication(int &argc, char **argv);

    bool notify(QObject *receiver, QEvent *event) override;
    /// Forgets what was recorded and starts recording.
    void startRecording();
    void stopRecording() { m_recording = false; }
    /// The slowest deliveries recorded, slowest first (at most kKept).
    const std::vector<SlowEvent> &slowest() const { return m_slowest; }

    static constexpr std::size_t kKept = 3;

private:
    void keep(double ms, double cpuMs, const QObject *receiver, QEvent::Type type);
    /// CPU time of the calling thread, in milliseconds.
    static double threadCpuMs();

    int m_depth = 0;
    bool m_recording = false;
    QElapsedTimer m_clock; ///< since startRecording()
    std::vector<SlowEvent> m_slowest;
};

} // namespace evflow::bench
