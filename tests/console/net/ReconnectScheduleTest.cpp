#include "net/ReconnectSchedule.h"

#include <QTest>
#include <algorithm>

using namespace std::chrono_literals;
using caredesk::console::ReconnectPolicy;
using caredesk::console::ReconnectSchedule;

class ReconnectScheduleTest : public QObject {
    Q_OBJECT

private slots:
    void ceilingDoublesUpToTheMaximum();
    void delaysStayWithinTheirCeiling();
    void jitterReachesBothEndsOfTheWindow();
    void jitterSpreadsOverTheWindow();
    void resetStartsOverAtTheInitialDelay();
    void longOutagesNeverOverflow();
    void nonsensePolicyIsMadeSafe();
};

void ReconnectScheduleTest::ceilingDoublesUpToTheMaximum() {
    const ReconnectSchedule schedule;
    QCOMPARE(schedule.ceilingFor(1), 500ms);
    QCOMPARE(schedule.ceilingFor(2), 1000ms);
    QCOMPARE(schedule.ceilingFor(3), 2000ms);
    QCOMPARE(schedule.ceilingFor(6), 16000ms);
    QCOMPARE(schedule.ceilingFor(7), 30000ms); // 32 s capped
    QCOMPARE(schedule.ceilingFor(8), 30000ms);
}

void ReconnectScheduleTest::delaysStayWithinTheirCeiling() {
    ReconnectSchedule schedule(ReconnectPolicy{100ms, 3000ms, 10s});
    for (int attempt = 1; attempt <= 40; ++attempt) {
        const auto delay = schedule.nextDelay();
        QCOMPARE(schedule.attempt(), attempt);
        QVERIFY2(delay >= 0ms, qPrintable(QString::number(delay.count())));
        QVERIFY2(delay <= schedule.ceilingFor(attempt),
                 qPrintable(QStringLiteral("attempt %1: %2 ms > %3 ms")
                                .arg(attempt)
                                .arg(delay.count())
                                .arg(schedule.ceilingFor(attempt).count())));
        QVERIFY(delay <= 3000ms);
    }
}

void ReconnectScheduleTest::jitterReachesBothEndsOfTheWindow() {
    double next = 0.0;
    ReconnectSchedule schedule(ReconnectPolicy{500ms, 30s, 10s}, [&next] { return next; });
    next = 0.0;
    QCOMPARE(schedule.nextDelay(), 0ms); // full jitter: retrying at once is allowed
    next = 0.999999;
    QCOMPARE(schedule.nextDelay(), 1000ms); // attempt 2: the whole window
    next = 0.5;
    QCOMPARE(schedule.nextDelay(), 1000ms); // attempt 3: half of 2000 ms
    next = 1.0; // a generator outside its contract still cannot exceed the ceiling
    QCOMPARE(schedule.nextDelay(), 4000ms);
}

void ReconnectScheduleTest::jitterSpreadsOverTheWindow() {
    // With the real generator, many consoles must not pick the same moment.
    QList<qint64> delays;
    for (int i = 0; i < 2000; ++i) {
        ReconnectSchedule schedule(ReconnectPolicy{1000ms, 1000ms, 10s});
        delays.append(schedule.nextDelay().count());
    }
    const auto [low, high] = std::minmax_element(delays.cbegin(), delays.cend());
    QVERIFY2(*low >= 0 && *low < 100, qPrintable(QString::number(*low)));
    QVERIFY2(*high <= 1000 && *high > 900, qPrintable(QString::number(*high)));
    const qint64 below =
        std::count_if(delays.cbegin(), delays.cend(), [](qint64 d) { return d < 500; });
    QVERIFY2(below > 800 && below < 1200, qPrintable(QString::number(below)));
}

void ReconnectScheduleTest::resetStartsOverAtTheInitialDelay() {
    ReconnectSchedule schedule(ReconnectPolicy{500ms, 30s, 10s}, [] { return 0.999999; });
    schedule.nextDelay();
    schedule.nextDelay();
    QCOMPARE(schedule.nextDelay(), 2000ms);
    QCOMPARE(schedule.attempt(), 3);
    schedule.reset();
    QCOMPARE(schedule.attempt(), 0);
    QCOMPARE(schedule.nextDelay(), 500ms);
    QCOMPARE(schedule.attempt(), 1);
}

void ReconnectScheduleTest::longOutagesNeverOverflow() {
    ReconnectSchedule schedule(ReconnectPolicy{500ms, 30s, 10s}, [] { return 0.999999; });
    for (int i = 0; i < 10000; ++i)
        QVERIFY(schedule.nextDelay() <= 30s);
    QCOMPARE(schedule.nextDelay(), 30s);
    QCOMPARE(schedule.ceilingFor(1'000'000), 30s);
}

void ReconnectScheduleTest::nonsensePolicyIsMadeSafe() {
    // A maximum below the initial delay, and a zero initial delay, would
    // otherwise mean hammering the server in a tight loop.
    ReconnectSchedule schedule(ReconnectPolicy{0ms, 0ms, 0ms}, [] { return 0.999999; });
    QVERIFY(schedule.policy().initialDelay >= 1ms);
    QVERIFY(schedule.policy().maximumDelay >= schedule.policy().initialDelay);
    ReconnectSchedule inverted(ReconnectPolicy{2000ms, 100ms, 10s}, [] { return 0.999999; });
    QCOMPARE(inverted.nextDelay(), 2000ms);
}

QTEST_GUILESS_MAIN(ReconnectScheduleTest)
#include "ReconnectScheduleTest.moc"
