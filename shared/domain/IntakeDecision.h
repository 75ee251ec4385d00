#pragma once

#include "domain/StateStatus.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::domain {

struct OperatingHours;
class TimeZone;

// What happens to a patient's request for a visit. The code names
// (intakeOutcomeCode) are stable: they go on the wire and into the audit log.
enum class IntakeOutcome {
    Accepted,          // "accepted": in line, with a position and an estimated wait
    RefusedClosed,     // "refused_closed": outside hours or closed by staff
    RefusedAtCapacity, // "refused_at_capacity": the line cannot take one more
    ThrottledBusy,     // "throttled_busy": busy and the hourly intake is used up
};

// Why, more precisely; also stable names (intakeReasonCode).
enum class IntakeReason {
    Accepted,            // "accepted"
    ClosedByStaff,       // "closed_by_staff": manual Closed, whatever the hours say
    OutsideHours,        // "outside_hours": the hours (or a holiday) say closed
    QueueFull,           // "queue_full": CapPolicy::maxQueueLength reached
    WaitPastClosing,     // "wait_past_closing": the wait would end after closing
    NoProviderAvailable, // "no_provider": no available licensed provider, so no estimate
    HighDemand,          // "high_demand": busy, BusyPolicy::maxNewVisitsPerHour reached
};

std::string_view intakeOutcomeCode(IntakeOutcome outcome);
std::string_view intakeReasonCode(IntakeReason reason);
IntakeOutcome outcomeOf(IntakeReason reason);

// How full a state's line may get.
struct CapPolicy {
    // Most visits waiting in line (waiting + ready); nullopt: no such limit.
    std::optional<int> maxQueueLength;
    // The estimated wait of the next patient must end this long before closing
    // (zero: the visit may start right up to closing time).
    std::chrono::seconds closingMargin{0};
};

// How a Busy state slows intake.
struct BusyPolicy {
    // Most visits accepted in any rolling hour while busy, priority ones
    // included; priority requests are accepted beyond it. Zero accepts only
    // priority requests.
    int maxNewVisitsPerHour = 10;
};

// Everything one intake decision depends on, apart from the hours and zone.
struct IntakeRequest {
    std::chrono::sys_seconds now;
    StateStatus manualStatus = StateStatus::Open; // as staff last set it
    int waitingCount = 0;                         // visits in line now (waiting + ready)
    // Visits that would be ahead of this one; nullopt: all of them (a request
    // with priority is ahead of lower-priority visits, so may be fewer).
    std::optional<int> visitsAhead;
    bool priority = false; // flag set by staff; bypasses the busy limit only
    // The estimated wait of this patient if accepted (WaitEstimator::
    // estimateNewArrival); nullopt when no available provider may see patients
    // of the state.
    std::optional<std::chrono::seconds> estimatedWait;
    // When visits of this state were accepted; those older than an hour
    // before `now` are ignored, so the caller may pass a wider set.
    std::vector<std::chrono::sys_seconds> recentAcceptances;
    CapPolicy cap;
    BusyPolicy busy;
    std::string stateName; // for the patient text ("Texas"); may be empty
};

struct IntakeDecision {
    IntakeOutcome outcome = IntakeOutcome::RefusedClosed;
    IntakeReason reason = IntakeReason::OutsideHours;
    StateStatus effectiveStatus = StateStatus::Closed;
    int position = 0; // Accepted: 1-based place in line; otherwise 0
    // Accepted, ThrottledBusy and RefusedAtCapacity (except NoProviderAvailable):
    // the estimated wait, as given in the request.
    std::optional<std::chrono::seconds> estimatedWait;
    // OutsideHours: when the state next opens by its hours; WaitPastClosing:
    // the opening after the current period. nullopt if not within
    // OperatingHours::kNextOpeningLookAheadDays. Never set for ClosedByStaff:
    // nobody knows when staff will reopen.
    std::optional<std::chrono::sys_seconds> nextOpening;
    // When open: when the current open period ends (nullopt if not in sight).
    std::optional<std::chrono::sys_seconds> closesAt;
    // ThrottledBusy: when the hourly limit next lets a visit through.
    std::optional<std::chrono::seconds> retryAfter;
    // One or two plain sentences for the patient, times in the state's local
    // time with its abbreviation. Patients are in the state they choose, so that
    // is their local time; a page may also render nextOpening itself.
    std::string patientText;
};

// Decides one request, checking in this order (the first that applies wins):
//  1. manual status Closed                      -> RefusedClosed, ClosedByStaff
//  2. hours closed at `now` (holidays included) -> RefusedClosed, OutsideHours
//  3. waitingCount >= cap.maxQueueLength         -> RefusedAtCapacity, QueueFull
//  4. no estimated wait (no provider)           -> RefusedAtCapacity, NoProviderAvailable
//  5. now + wait > closing - cap.closingMargin  -> RefusedAtCapacity, WaitPastClosing
//     (skipped when the open period does not end within its look-ahead)
//  6. Busy, not priority, and at least busy.maxNewVisitsPerHour acceptances in
//     the hour before now                       -> ThrottledBusy, HighDemand
//  7. otherwise                                 -> Accepted at visitsAhead + 1
// Capacity comes before the busy limit because waiting for the hour to roll
// over does not help a full line. Priority does not bypass capacity: everyone
// accepted must be seen before closing, priority or not.
IntakeDecision decideIntake(const IntakeRequest &request, const OperatingHours &hours,
                            const TimeZone &zone);

// "less than 5 minutes", "about 25 minutes", "about 1 hour 10 minutes":
// rounded up to 5 minutes, never shorter than the estimate.
std::string describeWait(std::chrono::seconds wait);

// "today at 8:00 AM MST", "tomorrow at 6:30 PM EDT", "Monday, March 9 at
// 8:00 AM MDT", with the date as seen in `zone` relative to `now`.
std::string describeLocalTime(std::chrono::sys_seconds instant, std::chrono::sys_seconds now,
                              const TimeZone &zone);

} // namespace caredesk::domain
