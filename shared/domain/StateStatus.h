#pragma once

#include <optional>
#include <string_view>

namespace caredesk::domain {

// Whether a state takes new visits.
//  - Open: taking visits (within its hours).
//  - Busy: taking visits at a limited rate, see IntakePolicy.h.
//  - Closed: taking none.
// Staff set a manual status; the status in effect also depends on the hours.
enum class StateStatus { Open, Busy, Closed };

std::string_view stateStatusName(StateStatus status); // "open", "busy", "closed"
std::optional<StateStatus> stateStatusFromName(std::string_view name);

// The status in effect: a manual Closed overrides the hours; outside the hours
// the state is Closed whatever was set; within them the manual Open or Busy holds.
constexpr StateStatus effectiveStateStatus(StateStatus manual, bool withinHours) {
    if (manual == StateStatus::Closed || !withinHours)
        return StateStatus::Closed;
    return manual;
}

} // namespace caredesk::domain
