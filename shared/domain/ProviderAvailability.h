#pragma once

#include <optional>
#include <string_view>

namespace caredesk::domain {

// Where a provider stands for routing.
//  - Available: takes visits (within their shift, if they set one).
//  - InVisit: a visit is assigned to them or in progress. Nobody sets it: it
//    follows from their visits and overrides what they set while it lasts.
//  - OnBreak, Offline: takes no new visits; visits already theirs stay theirs.
// The server sets Offline when none of the provider's consoles has been seen
// for longer than the grace period.
enum class AvailabilityStatus { Available, InVisit, OnBreak, Offline };

// "available", "in_visit", "on_break", "offline"
std::string_view availabilityStatusName(AvailabilityStatus status);
std::optional<AvailabilityStatus> availabilityStatusFromName(std::string_view name);

// What a provider may set themselves: every status but InVisit.
constexpr bool isSettableAvailability(AvailabilityStatus status) {
    return status != AvailabilityStatus::InVisit;
}

// What the board shows: the set status, unless a visit is theirs now.
constexpr AvailabilityStatus effectiveAvailability(AvailabilityStatus set, bool hasOpenVisit) {
    return hasOpenVisit ? AvailabilityStatus::InVisit : set;
}

} // namespace caredesk::domain
