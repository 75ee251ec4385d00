#include "domain/IntakeDecision.h"

#include "domain/OperatingHours.h"
#include "domain/TimeZone.h"

#include <algorithm>
#include <array>
#include <utility>

namespace caredesk::domain {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr hours kBusyWindow{1};

struct ReasonEntry {
    IntakeReason reason;
    IntakeOutcome outcome;
    std::string_view code;
};

constexpr std::array<ReasonEntry, 7> kReasons{{
    {IntakeReason::Accepted, IntakeOutcome::Accepted, "accepted"},
    {IntakeReason::ClosedByStaff, IntakeOutcome::RefusedClosed, "closed_by_staff"},
    {IntakeReason::OutsideHours, IntakeOutcome::RefusedClosed, "outside_hours"},
    {IntakeReason::QueueFull, IntakeOutcome::RefusedAtCapacity, "queue_full"},
    {IntakeReason::WaitPastClosing, IntakeOutcome::RefusedAtCapacity, "wait_past_closing"},
    {IntakeReason::NoProviderAvailable, IntakeOutcome::RefusedAtCapacity, "no_provider"},
    {IntakeReason::HighDemand, IntakeOutcome::ThrottledBusy, "high_demand"},
}};

std::string plural(long count, std::string_view unit) {
    return std::to_string(count) + " " + std::string(unit) + (count == 1 ? "" : "s");
}

std::string clockTime(std::chrono::local_seconds local) {
    const auto sinceMidnight = local - std::chrono::floor<days>(local);
    const long totalMinutes = std::chrono::duration_cast<minutes>(sinceMidnight).count();
    const long hour24 = totalMinutes / 60;
    const long minute = totalMinutes % 60;
    const long hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12;
    return std::to_string(hour12) + ":" + (minute < 10 ? "0" : "") + std::to_string(minute) +
           (hour24 < 12 ? " AM" : " PM");
}

std::string inState(const IntakeRequest &request) {
    return request.stateName.empty() ? std::string("this state") : request.stateName;
}

// When the hourly busy limit lets one more visit in; nullopt if it never will.
std::optional<seconds> busyRetryAfter(const std::vector<sys_seconds> &inWindow, int limit,
                                      sys_seconds now) {
    if (limit <= 0)
        return std::nullopt;
    // With c acceptances in the window and a limit of n, the (c - n + 1) oldest
    // must age out; the last of them leaves an hour after it was accepted.
    const auto excess = inWindow.size() - static_cast<std::size_t>(limit);
    const sys_seconds freesAt = inWindow[excess] + kBusyWindow;
    return std::max(freesAt - now, seconds{1});
}

std::string retryText(const std::optional<seconds> &retryAfter) {
    if (!retryAfter)
        return "Please try again later.";
    const long wholeMinutes = std::max<long>(1, static_cast<long>((retryAfter->count() + 59) / 60));
    return "Please try again in " + plural(wholeMinutes, "minute") + ".";
}

std::string reopenText(const IntakeDecision &decision, sys_seconds now, const TimeZone &zone) {
    if (!decision.nextOpening)
        return "No opening hours are scheduled in the coming weeks.";
    return "We open again " + describeLocalTime(*decision.nextOpening, now, zone) + ".";
}

} // namespace

std::string_view intakeOutcomeCode(IntakeOutcome outcome) {
    switch (outcome) {
    case IntakeOutcome::Accepted:
        return "accepted";
    case IntakeOutcome::RefusedClosed:
        return "refused_closed";
    case IntakeOutcome::RefusedAtCapacity:
        return "refused_at_capacity";
    case IntakeOutcome::ThrottledBusy:
        return "throttled_busy";
    }
    return {};
}

std::string_view intakeReasonCode(IntakeReason reason) {
    for (const auto &entry : kReasons) {
        if (entry.reason == reason)
            return entry.code;
    }
    return {};
}

IntakeOutcome outcomeOf(IntakeReason reason) {
    for (const auto &entry : kReasons) {
        if (entry.reason == reason)
            return entry.outcome;
    }
    return IntakeOutcome::RefusedClosed;
}

std::string describeWait(seconds wait) {
    if (wait <= seconds{0})
        return "no wait";
    const long fiveMinuteSteps = static_cast<long>((wait.count() + 299) / 300);
    const long totalMinutes = fiveMinuteSteps * 5;
    if (totalMinutes <= 5)
        return "up to 5 minutes";
    if (totalMinutes < 60)
        return "about " + plural(totalMinutes, "minute");
    std::string text = "about " + plural(totalMinutes / 60, "hour");
    if (totalMinutes % 60 != 0)
        text += " " + plural(totalMinutes % 60, "minute");
    return text;
}

std::string describeLocalTime(sys_seconds instant, sys_seconds now, const TimeZone &zone) {
    static constexpr std::array<std::string_view, 7> kWeekdays{
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static constexpr std::array<std::string_view, 12> kMonths{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};

    const auto local = zone.toLocal(instant);
    const auto day = std::chrono::floor<days>(local);
    const auto today = std::chrono::floor<days>(zone.toLocal(now));
    std::string dayText;
    if (day == today) {
        dayText = "today";
    } else if (day == today + days{1}) {
        dayText = "tomorrow";
    } else {
        const std::chrono::year_month_day date{day};
        dayText = std::string(kWeekdays[std::chrono::weekday{day}.c_encoding()]) + ", " +
                  std::string(kMonths[static_cast<unsigned>(date.month()) - 1]) + " " +
                  std::to_string(static_cast<unsigned>(date.day()));
    }
    return dayText + " at " + clockTime(local) + " " + zone.abbreviationAt(instant);
}

IntakeDecision decideIntake(const IntakeRequest &request, const OperatingHours &hours,
                            const TimeZone &zone) {
    const sys_seconds now = request.now;
    IntakeDecision decision;
    const auto decided = [&decision](IntakeReason reason) {
        decision.reason = reason;
        decision.outcome = outcomeOf(reason);
        return decision;
    };

    if (request.manualStatus == StateStatus::Closed) {
        decision.patientText =
            "Virtual visits for " + inState(request) + " are closed right now. " + retryText({});
        return decided(IntakeReason::ClosedByStaff);
    }
    const auto period = hours.currentPeriod(now, zone);
    if (!period) {
        decision.nextOpening = hours.nextOpening(now, zone);
        decision.patientText = "Virtual visits for " + inState(request) + " are closed now. " +
                               reopenText(decision, now, zone);
        return decided(IntakeReason::OutsideHours);
    }

    decision.effectiveStatus = effectiveStateStatus(request.manualStatus, true);
    decision.closesAt = period->end;
    decision.estimatedWait = request.estimatedWait;
    const std::string waitSentence =
        request.estimatedWait ? " The current wait is " + describeWait(*request.estimatedWait) + "."
                              : std::string();

    if (request.cap.maxQueueLength && request.waitingCount >= *request.cap.maxQueueLength) {
        decision.patientText = "The line for " + inState(request) + " is full right now." +
                               waitSentence + " " + retryText({});
        return decided(IntakeReason::QueueFull);
    }
    if (!request.estimatedWait) {
        decision.patientText = "No provider who can see patients in " + inState(request) +
                               " is available right now. " + retryText({});
        return decided(IntakeReason::NoProviderAvailable);
    }
    if (period->end && now + *request.estimatedWait > *period->end - request.cap.closingMargin) {
        decision.nextOpening = hours.nextOpening(now, zone);
        decision.patientText = "The line for " + inState(request) +
                               " is full until closing: the patients already waiting need the "
                               "time until " +
                               describeLocalTime(*period->end, now, zone) + ". " +
                               reopenText(decision, now, zone);
        return decided(IntakeReason::WaitPastClosing);
    }

    if (decision.effectiveStatus == StateStatus::Busy && !request.priority) {
        std::vector<sys_seconds> inWindow;
        for (const sys_seconds accepted : request.recentAcceptances) {
            if (accepted > now - kBusyWindow)
                inWindow.push_back(accepted);
        }
        if (static_cast<long>(inWindow.size()) >=
            static_cast<long>(request.busy.maxNewVisitsPerHour)) {
            std::sort(inWindow.begin(), inWindow.end());
            decision.retryAfter = busyRetryAfter(inWindow, request.busy.maxNewVisitsPerHour, now);
            decision.patientText = "High demand: " + inState(request) +
                                   " is taking fewer new visits right now." + waitSentence + " " +
                                   retryText(decision.retryAfter);
            return decided(IntakeReason::HighDemand);
        }
    }

    decision.position = std::max(0, request.visitsAhead.value_or(request.waitingCount)) + 1;
    decision.patientText = "You are number " + std::to_string(decision.position) + " in line. " +
                           (*request.estimatedWait <= seconds{0}
                                ? std::string("A provider will be with you shortly.")
                                : "Estimated wait: " + describeWait(*request.estimatedWait) + ".");
    return decided(IntakeReason::Accepted);
}

} // namespace caredesk::domain
