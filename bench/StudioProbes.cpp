#include "bench/StudioProbes.h"

#include <QEvent>

#include <algorithm>

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

} // namespace evflow::bench
