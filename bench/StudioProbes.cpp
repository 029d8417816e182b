#include "bench/StudioProbes.h"

#include <QEvent>
#include <QMetaEnum>
#include <QPointer>

#include <algorithm>
#include <ctime>

namespace evflow::bench {

StallProbe::StallProbe(int periodMs, QObject *parent)
    : QObject(parent)
    , m_periodMs(periodMs)
{
    // A coarse timer may fire up to 5 % late by design; a precise one is late only when the
    // loop was busy, which is what is measured.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(periodMs);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::onTick);
}

void StallProbe::start()
{
    m_longestNs = 0;
    m_ticks = 0;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

void StallProbe::onTick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 late = now - m_lastNs - qint64(m_periodMs) * 1'000'000;
    m_longestNs = std::max(m_longestNs, late);
    m_lastNs = now;
    ++m_ticks;
}

bool PaintCounter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint)
        ++m_count;
    return QObject::eventFilter(watched, event);
}

TimedApplication::TimedApplication(int &argc, char **argv)
    : QApplication(argc, argv)
{
}

void TimedApplication::startRecording()
{
    m_slowest.clear();
    m_recording = true;
    m_clock.start();
}

bool TimedApplication::notify(QObject *receiver, QEvent *event)
{
    if (!m_recording || m_depth > 0)
        return QApplication::notify(receiver, event);
    // The receiver may be deleted during its delivery (DeferredDelete) and the event with it.
    const QEvent::Type type = event->type();
    const QPointer<QObject> alive(receiver);
    QElapsedTimer clock;
    clock.start();
    const double cpuBefore = threadCpuMs();
    ++m_depth;
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const double ms = clock.nsecsElapsed() / 1e6;
    if (m_slowest.size() < kKept || ms > m_slowest.back().ms)
        keep(ms, threadCpuMs() - cpuBefore, alive.data(), type);
    return handled;
}

double TimedApplication::threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

void TimedApplication::keep(double ms, double cpuMs, const QObject *receiver, QEvent::Type type)
{
    // A timer's own class says nothing: name the object that owns it.
    const QObject *named = receiver != nullptr && qobject_cast<const QTimer *>(receiver) != nullptr
                                   && receiver->parent() != nullptr
                               ? receiver->parent()
                               : receiver;
    const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
    SlowEvent slow{ms, cpuMs,
                   QStringLiteral("%1 to %2 '%3' at %4 s")
                       .arg(typeName != nullptr ? typeName : "event")
                       .arg(named != nullptr ? named->metaObject()->className() : "(deleted)",
                            named != nullptr ? named->objectName() : QString())
                       .arg(m_clock.elapsed() / 1000.0, 0, 'f', 2)};
    const auto at = std::find_if(m_slowest.begin(), m_slowest.end(),
                                 [ms](const SlowEvent &s) { return s.ms < ms; });
    m_slowest.insert(at, std::move(slow));
    if (m_slowest.size() > kKept)
        m_slowest.pop_back();
}

} // namespace evflow::bench
