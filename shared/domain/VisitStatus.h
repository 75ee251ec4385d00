#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace caredesk::domain {

// Where a visit is in its life; see VisitLifecycle.h for the moves between them.
enum class VisitStatus {
    Waiting,   // "waiting": in its state's queue
    Ready,     // "ready": in the queue, intake chat done
    Assigned,  // "assigned": a provider has it, the video visit has not started
    InVisit,   // "in_visit": the video visit is under way
    Completed, // "completed": the provider finished it
    Cancelled, // "cancelled": the patient withdrew
    Removed,   // "removed": staff took it out of the queue, with a reason
    NoShow,    // "no_show": the patient did not join the assigned visit
    Left,      // "left": the patient disconnected and did not come back in time
};

inline constexpr std::array<VisitStatus, 9> kAllVisitStatuses{
    VisitStatus::Waiting, VisitStatus::Ready,     VisitStatus::Assigned,
    VisitStatus::InVisit, VisitStatus::Completed, VisitStatus::Cancelled,
    VisitStatus::Removed, VisitStatus::NoShow,    VisitStatus::Left,
};

std::string_view visitStatusName(VisitStatus status);
std::optional<VisitStatus> visitStatusFromName(std::string_view name);

// A terminal visit never changes again.
constexpr bool isTerminal(VisitStatus status) {
    switch (status) {
    case VisitStatus::Completed:
    case VisitStatus::Cancelled:
    case VisitStatus::Removed:
    case VisitStatus::NoShow:
    case VisitStatus::Left:
        return true;
    case VisitStatus::Waiting:
    case VisitStatus::Ready:
    case VisitStatus::Assigned:
    case VisitStatus::InVisit:
        break;
    }
    return false;
}

// In its state's queue: counted in the line and in wait estimates.
constexpr bool isQueued(VisitStatus status) {
    return status == VisitStatus::Waiting || status == VisitStatus::Ready;
}

} // namespace caredesk::domain
