#pragma once

#include "protocol/VisitMessages.h"

#include <cstdint>
#include <string>

namespace caredesk::console::test {

// Rows for queue board tests, valid by the protocol's rules.

// A fixed "now" for tests that count waits: 2026-03-02 15:00:00 UTC.
inline constexpr std::int64_t kNowMs = 1'772'463'600'000;

inline protocol::StateQueue stateQueue(const std::string &code, const std::string &name,
                                       const std::string &status = "open", std::int64_t waiting = 0,
                                       std::int64_t providersAvailable = 1) {
    protocol::StateQueue queue;
    queue.code = code;
    queue.name = name;
    queue.timeZone = "America/Phoenix";
    queue.status = status;
    queue.manualStatus = status;
    queue.waiting = waiting;
    queue.longestWaitSeconds = waiting > 0 ? 60 : 0;
    if (providersAvailable > 0 && status != "closed")
        queue.estimatedWaitSeconds = 300 * (waiting + 1) / providersAvailable;
    queue.providersAvailable = providersAvailable;
    return queue;
}

inline protocol::QueueVisit queueVisit(std::int64_t id, const std::string &state,
                                       const std::string &firstName, std::int64_t waitedSeconds,
                                       std::int64_t priority = 0,
                                       const std::string &status = "waiting") {
    protocol::QueueVisit visit;
    visit.id = id;
    visit.state = state;
    visit.status = status;
    visit.priority = priority;
    visit.firstName = firstName;
    visit.lastName = "Patient";
    visit.dateOfBirth = "1984-02-29";
    visit.reason = "Sore throat and fever since Monday";
    visit.requestedAt = kNowMs - waitedSeconds * 1000;
    if (status == "waiting" || status == "ready") {
        visit.position = 1;
        visit.estimatedWaitSeconds = 240;
    }
    if (status == "assigned" || status == "in_visit") {
        visit.assignedProviderId = 7;
        visit.assignedProviderName = "Dr. Bob Ruiz";
    }
    return visit;
}

} // namespace caredesk::console::test
