#include "domain/IntakeDecision.h"

#include "DomainTestSupport.h"
#include "domain/OperatingHours.h"
#include "domain/StateStatus.h"

#include <QObject>
#include <QTest>
#include <set>

using namespace std::chrono_literals;
using caredesk::domain::IntakeDecision;
using caredesk::domain::IntakeOutcome;
using caredesk::domain::IntakeReason;
using caredesk::domain::IntakeRequest;
using caredesk::domain::OperatingHours;
using caredesk::domain::StateStatus;
using caredesk::test::date;
using caredesk::test::range;
using caredesk::test::utcTime;
using caredesk::test::zone;

namespace {

// Colorado, Monday to Friday 08:00-20:00 Mountain time.
OperatingHours coloradoHours() {
    OperatingHours hours;
    for (const std::size_t day : {1u, 2u, 3u, 4u, 5u})
        hours.weekly[day] = {range("08:00", "20:00")};
    return hours;
}

// Monday 2026-07-06 12:00 MDT.
const auto kMondayNoon = utcTime(2026, 7, 6, 18);

IntakeRequest request(std::chrono::sys_seconds now = kMondayNoon) {
    IntakeRequest r;
    r.now = now;
    r.waitingCount = 3;
    r.estimatedWait = 25min;
    r.stateName = "Colorado";
    return r;
}

IntakeDecision decide(const IntakeRequest &r, const OperatingHours &hours = coloradoHours()) {
    return caredesk::domain::decideIntake(r, hours, *zone("America/Denver"));
}

void expectOutcome(const IntakeDecision &decision, IntakeOutcome outcome, IntakeReason reason,
                   std::string_view outcomeCode, std::string_view reasonCode) {
    QCOMPARE(decision.outcome, outcome);
    QCOMPARE(decision.reason, reason);
    QCOMPARE(caredesk::domain::intakeOutcomeCode(decision.outcome), outcomeCode);
    QCOMPARE(caredesk::domain::intakeReasonCode(decision.reason), reasonCode);
    if (outcome != IntakeOutcome::Accepted)
        QCOMPARE(decision.position, 0);
}

} // namespace

class IntakeDecisionTest : public QObject {
    Q_OBJECT

private slots:
    void stateStatusNamesAndPrecedence() {
        for (const auto status : {StateStatus::Open, StateStatus::Busy, StateStatus::Closed})
            QVERIFY(caredesk::domain::stateStatusFromName(
                        caredesk::domain::stateStatusName(status)) == status);
        QCOMPARE(caredesk::domain::stateStatusName(StateStatus::Busy), std::string_view("busy"));
        QVERIFY(!caredesk::domain::stateStatusFromName("Open"));
        using caredesk::domain::effectiveStateStatus;
        static_assert(effectiveStateStatus(StateStatus::Open, true) == StateStatus::Open);
        static_assert(effectiveStateStatus(StateStatus::Busy, true) == StateStatus::Busy);
        static_assert(effectiveStateStatus(StateStatus::Closed, true) == StateStatus::Closed);
        for (const auto status : {StateStatus::Open, StateStatus::Busy, StateStatus::Closed})
            QCOMPARE(effectiveStateStatus(status, false), StateStatus::Closed);
    }

    void codesAreStableAndDistinct() {
        QCOMPARE(caredesk::domain::intakeOutcomeCode(IntakeOutcome::Accepted),
                 std::string_view("accepted"));
        QCOMPARE(caredesk::domain::intakeOutcomeCode(IntakeOutcome::RefusedClosed),
                 std::string_view("refused_closed"));
        QCOMPARE(caredesk::domain::intakeOutcomeCode(IntakeOutcome::RefusedAtCapacity),
                 std::string_view("refused_at_capacity"));
        QCOMPARE(caredesk::domain::intakeOutcomeCode(IntakeOutcome::ThrottledBusy),
                 std::string_view("throttled_busy"));
        std::set<std::string_view> reasonCodes;
        for (const auto reason :
             {IntakeReason::Accepted, IntakeReason::ClosedByStaff, IntakeReason::OutsideHours,
              IntakeReason::QueueFull, IntakeReason::WaitPastClosing,
              IntakeReason::NoProviderAvailable, IntakeReason::HighDemand}) {
            QVERIFY(!caredesk::domain::intakeReasonCode(reason).empty());
            reasonCodes.insert(caredesk::domain::intakeReasonCode(reason));
        }
        QCOMPARE(reasonCodes.size(), std::size_t{7});
        QCOMPARE(caredesk::domain::outcomeOf(IntakeReason::NoProviderAvailable),
                 IntakeOutcome::RefusedAtCapacity);
        QCOMPARE(caredesk::domain::outcomeOf(IntakeReason::OutsideHours),
                 IntakeOutcome::RefusedClosed);
    }

    void accepted() {
        const auto decision = decide(request());
        expectOutcome(decision, IntakeOutcome::Accepted, IntakeReason::Accepted, "accepted",
                      "accepted");
        QCOMPARE(decision.position, 4);
        QCOMPARE(decision.estimatedWait, std::optional(std::chrono::seconds{25min}));
        QCOMPARE(decision.effectiveStatus, StateStatus::Open);
        QCOMPARE(decision.closesAt, std::optional(utcTime(2026, 7, 7, 2))); // 20:00 MDT
        QVERIFY(!decision.nextOpening);
        QCOMPARE(decision.patientText,
                 std::string("You are number 4 in line. Estimated wait: about 25 minutes."));

        auto first = request();
        first.waitingCount = 0;
        first.estimatedWait = 0s;
        const auto seenNow = decide(first);
        QCOMPARE(seenNow.position, 1);
        QCOMPARE(seenNow.patientText,
                 std::string("You are number 1 in line. A provider will be with you shortly."));

        // A priority request goes ahead of the visits it outranks.
        auto urgent = request();
        urgent.priority = true;
        urgent.visitsAhead = 0;
        QCOMPARE(decide(urgent).position, 1);
    }

    void closedByStaffOverridesHours() {
        auto r = request();
        r.manualStatus = StateStatus::Closed;
        const auto decision = decide(r);
        expectOutcome(decision, IntakeOutcome::RefusedClosed, IntakeReason::ClosedByStaff,
                      "refused_closed", "closed_by_staff");
        QCOMPARE(decision.effectiveStatus, StateStatus::Closed);
        QVERIFY(!decision.nextOpening); // nobody knows when staff reopen
        QCOMPARE(decision.patientText,
                 std::string(
                     "Virtual visits for Colorado are closed right now. Please try again later."));
    }

    void outsideHoursGivesTheNextOpening() {
        // Saturday 2026-07-11 12:00 MDT: open again Monday 08:00 MDT.
        const auto weekend = decide(request(utcTime(2026, 7, 11, 18)));
        expectOutcome(weekend, IntakeOutcome::RefusedClosed, IntakeReason::OutsideHours,
                      "refused_closed", "outside_hours");
        QCOMPARE(weekend.effectiveStatus, StateStatus::Closed);
        QCOMPARE(weekend.nextOpening, std::optional(utcTime(2026, 7, 13, 14)));
        QCOMPARE(weekend.patientText,
                 std::string("Virtual visits for Colorado are closed now. We open again Monday, "
                             "July 13 at 8:00 AM MDT."));

        // Monday 21:00 MDT, marked busy: busy only applies within hours.
        auto evening = request(utcTime(2026, 7, 7, 3));
        evening.manualStatus = StateStatus::Busy;
        const auto afterClosing = decide(evening);
        QCOMPARE(afterClosing.reason, IntakeReason::OutsideHours);
        QCOMPARE(afterClosing.patientText,
                 std::string("Virtual visits for Colorado are closed now. We open again "
                             "tomorrow at 8:00 AM MDT."));

        const auto early = decide(request(utcTime(2026, 7, 6, 13))); // 07:00 MDT
        QCOMPARE(early.reason, IntakeReason::OutsideHours);
        QVERIFY(early.patientText.ends_with("We open again today at 8:00 AM MDT."));

        auto holiday = coloradoHours();
        holiday.closedDates.insert(date(2026, 7, 6));
        const auto closedToday = decide(request(), holiday);
        QCOMPARE(closedToday.reason, IntakeReason::OutsideHours);
        QCOMPARE(closedToday.nextOpening, std::optional(utcTime(2026, 7, 7, 14)));

        auto unnamed = request();
        unnamed.stateName.clear();
        const auto noHours = decide(unnamed, OperatingHours{});
        QCOMPARE(noHours.reason, IntakeReason::OutsideHours);
        QVERIFY(!noHours.nextOpening);
        QCOMPARE(noHours.patientText,
                 std::string("Virtual visits for this state are closed now. No opening hours are "
                             "scheduled in the coming weeks."));
    }

    void queueCapReached() {
        auto r = request();
        r.cap.maxQueueLength = 10;
        r.waitingCount = 10;
        const auto full = decide(r);
        expectOutcome(full, IntakeOutcome::RefusedAtCapacity, IntakeReason::QueueFull,
                      "refused_at_capacity", "queue_full");
        QCOMPARE(full.estimatedWait, std::optional(std::chrono::seconds{25min}));
        QCOMPARE(full.patientText,
                 std::string("The line for Colorado is full right now. The current wait is about "
                             "25 minutes. Please try again later."));
        r.waitingCount = 9;
        const auto last = decide(r);
        QCOMPARE(last.outcome, IntakeOutcome::Accepted);
        QCOMPARE(last.position, 10);
        // The cap holds for priority requests too.
        r.waitingCount = 10;
        r.priority = true;
        QCOMPARE(decide(r).reason, IntakeReason::QueueFull);
    }

    void noProviderToEstimate() {
        auto r = request();
        r.estimatedWait.reset();
        const auto decision = decide(r);
        expectOutcome(decision, IntakeOutcome::RefusedAtCapacity, IntakeReason::NoProviderAvailable,
                      "refused_at_capacity", "no_provider");
        QVERIFY(!decision.estimatedWait);
        QCOMPARE(decision.patientText,
                 std::string("No provider who can see patients in Colorado is available right "
                             "now. Please try again later."));
    }

    void everyoneAcceptedIsSeenBeforeClosing() {
        // Monday 19:30 MDT; closing at 20:00 MDT.
        auto r = request(utcTime(2026, 7, 7, 1, 30));
        r.estimatedWait = 45min;
        const auto late = decide(r);
        expectOutcome(late, IntakeOutcome::RefusedAtCapacity, IntakeReason::WaitPastClosing,
                      "refused_at_capacity", "wait_past_closing");
        QCOMPARE(late.closesAt, std::optional(utcTime(2026, 7, 7, 2)));
        QCOMPARE(late.nextOpening, std::optional(utcTime(2026, 7, 7, 14)));
        QCOMPARE(late.patientText,
                 std::string("The line for Colorado is full until closing: the patients already "
                             "waiting need the time until today at 8:00 PM MDT. We open again "
                             "tomorrow at 8:00 AM MDT."));
        // Ending exactly at closing is still before it.
        r.estimatedWait = 30min;
        QCOMPARE(decide(r).outcome, IntakeOutcome::Accepted);
        r.estimatedWait = 30min + 1s;
        QCOMPARE(decide(r).reason, IntakeReason::WaitPastClosing);
        // A margin before closing.
        r.cap.closingMargin = 15min;
        r.estimatedWait = 20min;
        QCOMPARE(decide(r).reason, IntakeReason::WaitPastClosing);
        r.estimatedWait = 15min;
        QCOMPARE(decide(r).outcome, IntakeOutcome::Accepted);
    }

    void closingFollowsContiguousRanges() {
        OperatingHours nights;
        nights.weekly[1] = {range("18:00", "24:00")};
        nights.weekly[2] = {range("00:00", "06:00")};
        // Monday 23:00 MDT: open until Tuesday 06:00 MDT.
        auto r = request(utcTime(2026, 7, 7, 5));
        r.estimatedWait = 5h;
        const auto accepted = decide(r, nights);
        QCOMPARE(accepted.outcome, IntakeOutcome::Accepted);
        QCOMPARE(accepted.closesAt, std::optional(utcTime(2026, 7, 7, 12)));
        r.estimatedWait = 8h;
        QCOMPARE(decide(r, nights).reason, IntakeReason::WaitPastClosing);

        // Around the clock: no closing limits the wait.
        OperatingHours always;
        for (auto &day : always.weekly)
            day = {range("00:00", "24:00")};
        r.estimatedWait = 10h;
        const auto open = decide(r, always);
        QCOMPARE(open.outcome, IntakeOutcome::Accepted);
        QVERIFY(!open.closesAt);
    }

    void busyThrottlesWithAnHonestWait() {
        auto r = request();
        r.manualStatus = StateStatus::Busy;
        r.busy.maxNewVisitsPerHour = 3;
        r.recentAcceptances = {kMondayNoon - 50min, kMondayNoon - 30min, kMondayNoon - 10min,
                               kMondayNoon - 2h};
        const auto throttled = decide(r);
        expectOutcome(throttled, IntakeOutcome::ThrottledBusy, IntakeReason::HighDemand,
                      "throttled_busy", "high_demand");
        QCOMPARE(throttled.effectiveStatus, StateStatus::Busy);
        QCOMPARE(throttled.estimatedWait, std::optional(std::chrono::seconds{25min}));
        QCOMPARE(throttled.retryAfter, std::optional(std::chrono::seconds{10min}));
        QCOMPARE(throttled.patientText,
                 std::string("High demand: Colorado is taking fewer new visits right now. The "
                             "current wait is about 25 minutes. Please try again in 10 minutes."));

        // Five in the hour with a limit of three: three must age out.
        r.recentAcceptances = {kMondayNoon - 5min, kMondayNoon - 40min, kMondayNoon - 20min,
                               kMondayNoon - 55min, kMondayNoon - 30min};
        QCOMPARE(decide(r).retryAfter, std::optional(std::chrono::seconds{30min}));

        // An acceptance exactly an hour old no longer counts.
        r.recentAcceptances = {kMondayNoon - 60min, kMondayNoon - 30min, kMondayNoon - 10min};
        const auto accepted = decide(r);
        QCOMPARE(accepted.outcome, IntakeOutcome::Accepted);
        QCOMPARE(accepted.effectiveStatus, StateStatus::Busy);

        // Priority requests bypass the limit.
        r.recentAcceptances.push_back(kMondayNoon - 1min);
        QCOMPARE(decide(r).outcome, IntakeOutcome::ThrottledBusy);
        r.priority = true;
        QCOMPARE(decide(r).outcome, IntakeOutcome::Accepted);

        // Open, the same history is no limit.
        r.priority = false;
        r.manualStatus = StateStatus::Open;
        QCOMPARE(decide(r).outcome, IntakeOutcome::Accepted);
    }

    void busyWithZeroLimitTakesOnlyPriority() {
        auto r = request();
        r.manualStatus = StateStatus::Busy;
        r.busy.maxNewVisitsPerHour = 0;
        const auto throttled = decide(r);
        QCOMPARE(throttled.outcome, IntakeOutcome::ThrottledBusy);
        QVERIFY(!throttled.retryAfter);
        QVERIFY(throttled.patientText.ends_with("Please try again later."));
        r.priority = true;
        QCOMPARE(decide(r).outcome, IntakeOutcome::Accepted);
    }

    void capacityComesBeforeBusy() {
        auto r = request();
        r.manualStatus = StateStatus::Busy;
        r.busy.maxNewVisitsPerHour = 0;
        r.cap.maxQueueLength = 3;
        QCOMPARE(decide(r).reason, IntakeReason::QueueFull);
        r.cap.maxQueueLength.reset();
        r.estimatedWait.reset();
        QCOMPARE(decide(r).reason, IntakeReason::NoProviderAvailable);
    }

    void waitText() {
        using caredesk::domain::describeWait;
        QCOMPARE(describeWait(0s), std::string("no wait"));
        QCOMPARE(describeWait(60s), std::string("up to 5 minutes"));
        QCOMPARE(describeWait(300s), std::string("up to 5 minutes"));
        QCOMPARE(describeWait(301s), std::string("about 10 minutes"));
        QCOMPARE(describeWait(25min), std::string("about 25 minutes"));
        QCOMPARE(describeWait(56min), std::string("about 1 hour"));
        QCOMPARE(describeWait(70min), std::string("about 1 hour 10 minutes"));
        QCOMPARE(describeWait(2h), std::string("about 2 hours"));
        QCOMPARE(describeWait(2h + 1min), std::string("about 2 hours 5 minutes"));
    }

    void localTimeText() {
        using caredesk::domain::describeLocalTime;
        const auto denver = zone("America/Denver");
        QCOMPARE(describeLocalTime(utcTime(2026, 7, 6, 18), kMondayNoon, *denver),
                 std::string("today at 12:00 PM MDT"));
        QCOMPARE(describeLocalTime(utcTime(2026, 7, 7, 6), kMondayNoon, *denver),
                 std::string("tomorrow at 12:00 AM MDT"));
        QCOMPARE(describeLocalTime(utcTime(2026, 7, 9, 1, 5), kMondayNoon, *denver),
                 std::string("Wednesday, July 8 at 7:05 PM MDT"));
        QCOMPARE(describeLocalTime(utcTime(2026, 7, 6, 18), kMondayNoon, *zone("America/Phoenix")),
                 std::string("today at 11:00 AM MST"));
        // The date is the zone's own: across a DST change the abbreviation follows.
        QCOMPARE(describeLocalTime(utcTime(2026, 3, 9, 13), utcTime(2026, 3, 6, 22),
                                   *zone("America/New_York")),
                 std::string("Monday, March 9 at 9:00 AM EDT"));
        QCOMPARE(describeLocalTime(utcTime(2026, 12, 25, 4), utcTime(2026, 12, 24, 20),
                                   *zone("Pacific/Honolulu")),
                 std::string("today at 6:00 PM HST"));
    }
};

QTEST_GUILESS_MAIN(IntakeDecisionTest)
#include "IntakeDecisionTest.moc"
