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

// Three states and five visits: Arizona busy with two waiting (one at
// priority 3), one assigned and one in a video visit; Texas with a patient
// and no provider; New York closed.
inline protocol::QueueSnapshot sampleBoard() {
    protocol::QueueSnapshot snapshot;
    snapshot.seq = 1;
    snapshot.states = {stateQueue("AZ", "Arizona", "open", 2, 1),
                       stateQueue("TX", "Texas", "open", 1, 0),
                       stateQueue("NY", "New York", "closed", 0, 0)};
    snapshot.visits = {queueVisit(1, "AZ", "Ana", 600), queueVisit(2, "AZ", "Bo", 300, 3),
                       queueVisit(3, "TX", "Cy", 900),
                       queueVisit(4, "AZ", "Di", 1200, 0, "assigned"),
                       queueVisit(5, "AZ", "Ed", 1500, 0, "in_visit")};
    return snapshot;
}

} // namespace caredesk::console::test
