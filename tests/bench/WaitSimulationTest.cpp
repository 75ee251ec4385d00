// A shorter simulated day through the real scheduler and estimator on a real
// PostgreSQL. Only properties that hold on any machine are asserted (the
// simulated clock does not depend on how fast the machine is); the figures
// themselves are measured by caredesk_wait_simulation.

#include "WaitSimulation.h"

#include "TestCluster.h"
#include "WaitAccuracy.h"
#include "domain/WaitEstimator.h"

#include <QObject>
#include <QTest>
#include <memory>
#include <set>

using namespace caredesk::bench;
using namespace std::chrono_literals;

class WaitSimulationTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            DayOptions options;
            options.seed = 1;
            // The evening rush in the east, all four states open, with 15 % more
            // patients than the roster was planned for, so that lines form; and
            // Colorado's providers 20 minutes late, so that some patients arrive
            // to nobody licensed for their state.
            options.arrivalsFrom = 21h;
            options.arrivalsUntil = 23h + 30min;
            options.demandFactor = 1.15;
            options.lateState = "CO";
            options.lateUntil = 21h + 20min;
            m_day = std::make_unique<SyntheticDay>(options);
            m_outcome =
                WaitSimulation(*m_day, caredesk::test::TestCluster::instance().createDatabase())
                    .run();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        QVERIFY(m_day->patients().size() > 150);
        QCOMPARE(m_outcome.arrivals.size(), m_day->patients().size());
    }

    void everyArrivalIsEstimatedOrHasNoProvider() {
        int withoutEstimate = 0;
        for (const ArrivalRecord &record : m_outcome.arrivals) {
            const SimulatedPatient &patient = m_day->patients()[record.patient];
            QVERIFY(record.visitId > 0);
            QVERIFY(record.position >= 1);
            if (record.estimate) {
                QVERIFY(*record.estimate >= caredesk::domain::WaitEstimator::kShortestWait);
                QVERIFY(record.boardProviders > 0);
                QVERIFY(record.providersOnDuty > 0);
                continue;
            }
            // The one reason for no estimate: nobody available is licensed for
            // the state, by the board's count and by the simulation's own.
            ++withoutEstimate;
            QCOMPARE(record.boardProviders, 0);
            QCOMPARE(record.providersOnDuty, 0);
            QCOMPARE(patient.state, std::string("CO"));
            QVERIFY(patient.arrival < 21h + 20min);
            // ... and they are seen once someone comes.
            QVERIFY(record.assignedAt || record.leftAt);
            if (record.assignedAt)
                QVERIFY(*record.assignedAt >= 21h + 20min);
        }
        QVERIFY(withoutEstimate > 0);
    }

    void everyVisitIsAssignedOnceToALicensedProvider() {
        QCOMPARE(m_outcome.visitsAssignedTwice, 0);
        QCOMPARE(m_outcome.assignmentsOutsideLicense, 0);
        QCOMPARE(m_outcome.assignmentMismatches, 0);
        int assigned = 0;
        std::set<std::int64_t> visits;
        for (const ArrivalRecord &record : m_outcome.arrivals) {
            QVERIFY(visits.insert(record.visitId).second);
            if (record.assignedAt) {
                ++assigned;
                QVERIFY(!record.leftAt);
                QVERIFY(*record.assignedAt >= m_day->patients()[record.patient].arrival);
            } else {
                QVERIFY2(record.leftAt, "a patient was neither seen nor left the queue");
            }
        }
        QCOMPARE(m_outcome.assignmentEvents, assigned);
    }

    // The estimator aims at about the 69th percentile of the wait (mean plus
    // half a standard deviation of each provider's chain of visits), so about
    // a third of patients or fewer should wait longer than told. The bounds
    // asserted are looser, and mean exactly "not systematically optimistic":
    // on average the estimate is not short, and in no place in line (with
    // enough patients to tell) does the estimate fall below the median wait,
    // i.e. more than half of the patients wait longer than told.
    void estimatesAreNotOptimistic() {
        const WaitAccuracy accuracy(*m_day, m_outcome);
        qInfo("\n%s", accuracy.table().c_str());
        const AccuracyRow &all = accuracy.overall();
        QVERIFY(all.compared > 200);
        QVERIFY2(all.meanWaitSeconds > 5 * 60, "the day is too quiet to tell anything");
        QVERIFY2(all.meanErrorSeconds >= 0, qPrintable(QString::number(all.meanErrorSeconds)));
        QVERIFY2(all.waitedLongerShare <= 0.5, qPrintable(QString::number(all.waitedLongerShare)));
        int groupsChecked = 0;
        for (const AccuracyRow &row : accuracy.byPosition()) {
            if (row.compared < 20)
                continue;
            ++groupsChecked;
            QVERIFY2(row.waitedLongerShare <= 0.5,
                     qPrintable(QString::fromStdString(row.group) + ": " +
                                QString::number(row.waitedLongerShare)));
        }
        QVERIFY(groupsChecked >= 3);
        const AccuracyRow &waiting = accuracy.whileWaiting();
        QVERIFY(waiting.compared > 1000);
        QVERIFY(waiting.meanErrorSeconds >= 0);
        QVERIFY(waiting.waitedLongerShare <= 0.5);
    }

private:
    std::unique_ptr<SyntheticDay> m_day;
    SimulationOutcome m_outcome;
};

QTEST_GUILESS_MAIN(WaitSimulationTest)
#include "WaitSimulationTest.moc"
