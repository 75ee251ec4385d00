#include "domain/WaitEstimator.h"

#include "domain/VisitDurationStats.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace std::chrono_literals;
using caredesk::domain::AvailableProvider;
using caredesk::domain::OngoingVisit;
using caredesk::domain::QueuedVisit;
using caredesk::domain::QueueSnapshot;
using caredesk::domain::VisitDurationStats;
using caredesk::domain::WaitEstimator;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

const sys_seconds kNow{seconds{1783353600}}; // 2026-07-06 12:00 UTC

// `count` visits in `state`, arriving a minute apart from `firstArrival`.
void addVisits(QueueSnapshot &snapshot, const std::string &state, int count,
               sys_seconds firstArrival, int priority = 0) {
    for (int i = 0; i < count; ++i)
        snapshot.visits.push_back(QueuedVisit{state, priority, firstArrival + i * 1min});
}

AvailableProvider freeProvider(std::vector<std::string> states) {
    return AvailableProvider{std::move(states), std::nullopt};
}

seconds atLeastShortest(seconds wait) {
    return std::max(wait, WaitEstimator::kShortestWait);
}

seconds waitAt(const WaitEstimator &estimator, int position, int providers,
               const std::vector<seconds> &ongoing = {},
               const VisitDurationStats &stats = VisitDurationStats{}) {
    const auto wait = estimator.estimateAtPosition(position, providers, ongoing, stats);
    if (!wait)
        qFatal("no estimate for position %d with %d providers", position, providers);
    return *wait;
}

} // namespace

class WaitEstimatorTest : public QObject {
    Q_OBJECT

private slots:
    void durationDefaultsWithoutHistory() {
        const VisitDurationStats stats;
        QCOMPARE(stats.sampleCount(), std::size_t{0});
        QCOMPARE(stats.mean(), seconds{15min});
        QCOMPARE(stats.spread(), seconds{450});
        // A fresh visit is expected to take the mean; one past it still takes a while.
        QCOMPARE(stats.expectedRemainingSeconds(0s), 900.0);
        QCOMPARE(stats.expectedRemainingSeconds(10min), 300.0);
        QCOMPARE(stats.expectedRemainingSeconds(40min), 225.0);
    }

    void durationsBlendWithTheDefault() {
        VisitDurationStats stats;
        for (int i = 0; i < 5; ++i)
            stats.record(10min);
        // (5 x 900 + 5 x 600) / 10
        QCOMPARE(stats.mean(), seconds{750});
        // Mixture variance: (5 x (450^2 + 150^2) + 5 x 150^2) / 10 = 123750.
        QCOMPARE(stats.spreadSeconds(), std::sqrt(123750.0));
        // Many real visits outweigh the default.
        for (int i = 0; i < 45; ++i)
            stats.record(10min);
        QVERIFY(stats.meanSeconds() < 630);
        QVERIFY(stats.meanSeconds() > 600);
    }

    void durationWindowAndBadSamples() {
        VisitDurationStats stats(3);
        stats.record(0s);
        stats.record(-5min);
        QCOMPARE(stats.sampleCount(), std::size_t{0});
        stats.record(100h); // counted as kLongestCounted
        stats.record(10min);
        stats.record(10min);
        stats.record(10min); // pushes the long one out
        QCOMPARE(stats.sampleCount(), std::size_t{3});
        QCOMPARE(stats.mean(), seconds{(5 * 900 + 3 * 600) / 8 + 1}); // 787.5 rounded up

        const VisitDurationStats fromStorage({20min, 20min, 20min}, 2);
        QCOMPARE(fromStorage.sampleCount(), std::size_t{2});
        VisitDurationStats capped;
        capped.record(100h);
        QCOMPARE(capped.meanSeconds(), (5 * 900.0 + 4 * 3600.0) / 6);
    }

    void remainingTimeOfAVisitInProgress() {
        VisitDurationStats stats;
        for (const auto minutes : {5, 10, 15, 20, 25, 30, 35, 40})
            stats.record(seconds{minutes * 60});
        // After 12 minutes: visits of 15..40 remain (six), overrunning by 3..28, mean 15.5.
        QCOMPARE(stats.expectedRemainingSeconds(12min), 15.5 * 60);
        // After 38 minutes only one longer visit is known: fall back to a quarter of the mean.
        QCOMPARE(stats.expectedRemainingSeconds(38min), stats.meanSeconds() / 4);
    }

    void exactFiguresForOneProvider() {
        const WaitEstimator estimator;
        // Free now: the first patient is taken as soon as the provider gets to them.
        QCOMPARE(waitAt(estimator, 1, 1), WaitEstimator::kShortestWait);
        // Second: one mean (900 s) plus half a spread (225 s).
        QCOMPARE(waitAt(estimator, 2, 1), 1125s);
        // Third: two means plus half of sqrt(2) spreads.
        QCOMPARE(waitAt(estimator, 3, 1),
                 seconds{static_cast<long>(std::ceil(1800 + 0.5 * std::sqrt(2.0) * 450))});
        // Without margin the replay is plain means.
        const WaitEstimator plain(0.0);
        QCOMPARE(waitAt(plain, 3, 1), 1800s);
        QCOMPARE(waitAt(plain, 5, 2), 1800s);
    }

    void noEstimateIsUnderAMinute() {
        // A provider free now, or about to be: a person still has to take the patient.
        const WaitEstimator estimator;
        QCOMPARE(waitAt(estimator, 1, 3), WaitEstimator::kShortestWait);
        VisitDurationStats stats;
        for (int i = 0; i < 20; ++i)
            stats.record(10min);
        const WaitEstimator plain(0.0);
        // The visit in progress is expected to end in 20 s (every recorded one took 10 minutes).
        QCOMPARE(waitAt(plain, 1, 1, {10min - 20s}, stats), WaitEstimator::kShortestWait);
        // Longer estimates are left as they are.
        QCOMPARE(waitAt(plain, 1, 1, {5min}, stats), seconds{5min});
        QCOMPARE(waitAt(plain, 2, 1, {}, stats), stats.mean());
    }

    void notOptimisticComparedWithMeans() {
        const WaitEstimator estimator;
        for (int providers = 1; providers <= 5; ++providers) {
            for (int position = 1; position <= 40; ++position) {
                const auto rounds = (position - 1) / providers;
                QVERIFY(waitAt(estimator, position, providers) >= seconds{rounds * 900});
            }
        }
    }

    void moreProvidersMeanShorterWaits() {
        const WaitEstimator estimator;
        for (int position = 1; position <= 30; ++position) {
            for (int providers = 1; providers < 6; ++providers) {
                const auto fewer = waitAt(estimator, position, providers);
                const auto more = waitAt(estimator, position, providers + 1);
                QVERIFY(more <= fewer);
                // Strictly shorter whenever the extra provider saves a round of visits.
                if ((position - 1) / providers > (position - 1) / (providers + 1))
                    QVERIFY2(more < fewer, qPrintable(QStringLiteral("position %1 providers %2")
                                                          .arg(position)
                                                          .arg(providers)));
            }
        }
    }

    void laterPositionsNeverWaitLess() {
        const WaitEstimator estimator;
        VisitDurationStats stats;
        for (const auto minutes : {4, 30, 8, 22, 12, 9, 41, 7})
            stats.record(seconds{minutes * 60});
        for (int providers = 1; providers <= 4; ++providers) {
            for (const auto &ongoing : {std::vector<seconds>{}, std::vector<seconds>{3min},
                                        std::vector<seconds>{50min, 1min, 12min}}) {
                seconds previous{0};
                for (int position = 1; position <= 60; ++position) {
                    const auto wait = waitAt(estimator, position, providers, ongoing, stats);
                    QVERIFY(wait >= previous);
                    previous = wait;
                }
            }
        }
    }

    void visitsInProgressCount() {
        const WaitEstimator estimator;
        QCOMPARE(waitAt(estimator, 1, 1, {}), WaitEstimator::kShortestWait);
        const auto busy = waitAt(estimator, 1, 1, {0s});
        QVERIFY(busy >= 15min); // a whole visit ahead
        // A visit far along is nearer its end than one just started.
        VisitDurationStats stats;
        for (int i = 0; i < 20; ++i)
            stats.record(seconds{(10 + i) * 60});
        QVERIFY(waitAt(estimator, 1, 1, {25min}, stats) < waitAt(estimator, 1, 1, {1min}, stats));
        // Two providers, one busy: the first patient goes to the free one, the
        // second waits for the busy one.
        QCOMPARE(waitAt(estimator, 1, 2, {5min}), WaitEstimator::kShortestWait);
        QVERIFY(waitAt(estimator, 2, 2, {5min}) > WaitEstimator::kShortestWait);
        QVERIFY(waitAt(estimator, 2, 2, {5min}) < waitAt(estimator, 2, 2, {1min}));
        // Extra elapsed times beyond the provider count are ignored.
        QCOMPARE(waitAt(estimator, 3, 1, {2min, 0s, 0s}), waitAt(estimator, 3, 1, {2min}));
    }

    void noProvidersNoEstimate() {
        const WaitEstimator estimator;
        QVERIFY(!estimator.estimateAtPosition(1, 0, {}, VisitDurationStats{}));
        QVERIFY(!estimator.estimateAtPosition(0, 3, {}, VisitDurationStats{}));
        QVERIFY(!estimator.estimateAtPosition(WaitEstimator::kMaxPosition + 1, 3, {},
                                              VisitDurationStats{}));
        QVERIFY(estimator.estimateAtPosition(WaitEstimator::kMaxPosition, 1000000, {},
                                             VisitDurationStats{}));

        QueueSnapshot snapshot;
        addVisits(snapshot, "TX", 3, kNow - 30min);
        snapshot.providers.push_back(freeProvider({"CA"})); // licensed elsewhere
        for (const auto &wait : estimator.estimate(snapshot))
            QVERIFY(!wait);
        QVERIFY(!estimator.estimateNewArrival(snapshot, "TX", 0, kNow));
        QVERIFY(estimator.estimateNewArrival(snapshot, "CA", 0, kNow) ==
                std::optional(WaitEstimator::kShortestWait));
    }

    void aProviderInSeveralStatesCountsOnce() {
        const WaitEstimator estimator(0.0);
        // Five visits in each of Texas and Oklahoma, interleaved in time; one
        // provider licensed in both.
        QueueSnapshot shared;
        for (int i = 0; i < 5; ++i) {
            shared.visits.push_back(QueuedVisit{"TX", 0, kNow - 60min + i * 2min});
            shared.visits.push_back(QueuedVisit{"OK", 0, kNow - 59min + i * 2min});
        }
        shared.providers.push_back(freeProvider({"TX", "OK"}));
        const auto waits = estimator.estimate(shared);
        // Taken in arrival order across both states: the k-th waits k-1 visits.
        for (std::size_t i = 0; i < waits.size(); ++i)
            QCOMPARE(waits[i], std::optional(atLeastShortest(seconds{static_cast<long>(i) * 900})));

        // Counted once per state instead, Texas's last patient would look 4 visits away, not 8.
        QueueSnapshot texasOnly;
        addVisits(texasOnly, "TX", 5, kNow - 60min);
        texasOnly.providers.push_back(freeProvider({"TX", "OK"}));
        QCOMPARE(estimator.estimate(texasOnly).back(), std::optional(seconds{4 * 900}));

        // Listing a state twice changes nothing.
        shared.providers.front().states = {"TX", "OK", "TX"};
        QVERIFY(estimator.estimate(shared) == waits);
    }

    void sharedProvidersFollowTakeNextOrder() {
        const WaitEstimator estimator(0.0);
        QueueSnapshot snapshot;
        addVisits(snapshot, "TX", 4, kNow - 60min);  // visits 0..3
        addVisits(snapshot, "OK", 4, kNow - 120min); // visits 4..7, waiting longer
        snapshot.providers.push_back(freeProvider({"TX"}));
        snapshot.providers.push_back(freeProvider({"TX", "OK"}));
        const auto waits = estimator.estimate(snapshot);
        // The Texas-only provider works through Texas; the shared one takes the
        // longer-waiting Oklahoma patients first.
        for (int i = 0; i < 4; ++i) {
            const auto expected = std::optional(atLeastShortest(seconds{i * 900}));
            QCOMPARE(waits[static_cast<std::size_t>(i)], expected);
            QCOMPARE(waits[static_cast<std::size_t>(4 + i)], expected);
        }
    }

    void busyStatesUseTheirOwnDurations() {
        const WaitEstimator estimator(0.0);
        QueueSnapshot snapshot;
        addVisits(snapshot, "TX", 3, kNow - 10min);
        snapshot.providers.push_back(freeProvider({"TX"}));
        VisitDurationStats quick;
        for (int i = 0; i < 200; ++i)
            quick.record(6min);
        snapshot.durations.emplace("TX", quick);
        const auto waits = estimator.estimate(snapshot);
        QCOMPARE(waits[1], std::optional(quick.mean()));
        // A provider busy with another state's visit frees up by that state's figures.
        snapshot.providers.front().current = OngoingVisit{"NM", 0s};
        QCOMPARE(estimator.estimate(snapshot)[0], std::optional(seconds{900}));
    }

    void priorityGoesFirst() {
        const WaitEstimator estimator;
        QueueSnapshot snapshot;
        addVisits(snapshot, "TX", 4, kNow - 60min);
        snapshot.visits.push_back(QueuedVisit{"TX", 5, kNow}); // raised by staff, arrived last
        snapshot.providers.push_back(freeProvider({"TX"}));
        const auto waits = estimator.estimate(snapshot);
        QCOMPARE(waits[4], std::optional(WaitEstimator::kShortestWait));
        QVERIFY(*waits[0] > WaitEstimator::kShortestWait);

        // A new arrival joins the end of its priority class.
        QueueSnapshot plain;
        addVisits(plain, "TX", 4, kNow - 60min);
        plain.providers.push_back(freeProvider({"TX"}));
        QCOMPARE(estimator.estimateNewArrival(plain, "TX", 0, kNow),
                 estimator.estimateAtPosition(5, 1, {}, VisitDurationStats{}));
        QCOMPARE(estimator.estimateNewArrival(plain, "TX", 1, kNow),
                 std::optional(WaitEstimator::kShortestWait));
        // Even when the clock says it arrived before the others.
        QCOMPARE(estimator.estimateNewArrival(plain, "TX", 0, kNow - 5h),
                 estimator.estimateAtPosition(5, 1, {}, VisitDurationStats{}));
    }

    void deterministic() {
        const WaitEstimator estimator;
        QueueSnapshot snapshot;
        addVisits(snapshot, "TX", 40, kNow - 90min);
        addVisits(snapshot, "OK", 25, kNow - 80min);
        addVisits(snapshot, "NM", 10, kNow - 70min, 1);
        snapshot.providers = {freeProvider({"TX"}), freeProvider({"TX", "OK", "NM"}),
                              AvailableProvider{{"OK"}, OngoingVisit{"OK", 7min}},
                              AvailableProvider{{"NM", "TX"}, OngoingVisit{"TX", 31min}}};
        const auto first = estimator.estimate(snapshot);
        for (int i = 0; i < 5; ++i)
            QVERIFY(estimator.estimate(snapshot) == first);
        for (const auto &wait : first)
            QVERIFY(wait.has_value());
    }

    void largeSnapshotIsQuick() {
        // 10,000 waiting visits in 50 states, 200 providers with 1..5 licenses each.
        QueueSnapshot snapshot;
        for (int i = 0; i < 10000; ++i)
            snapshot.visits.push_back(
                QueuedVisit{"S" + std::to_string(i % 50), i % 7 == 0 ? 1 : 0, kNow - i * 1s});
        for (int p = 0; p < 200; ++p) {
            AvailableProvider provider;
            for (int s = 0; s <= p % 5; ++s)
                provider.states.push_back("S" + std::to_string((p * 7 + s * 11) % 50));
            if (p % 3 == 0)
                provider.current = OngoingVisit{provider.states.front(), seconds{p * 10}};
            snapshot.providers.push_back(std::move(provider));
        }
        QElapsedTimer timer;
        timer.start();
        const auto waits = WaitEstimator{}.estimate(snapshot);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(waits.size(), std::size_t{10000});
        QVERIFY(
            std::all_of(waits.begin(), waits.end(), [](const auto &w) { return w.has_value(); }));
    }
};

QTEST_GUILESS_MAIN(WaitEstimatorTest)
#include "WaitEstimatorTest.moc"
