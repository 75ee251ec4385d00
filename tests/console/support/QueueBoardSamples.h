#pragma once

#include "protocol/VisitMessages.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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

// A provider on the coverage board: no shift, status set an hour ago.
inline protocol::ProviderStatus providerStatus(std::int64_t id, const std::string &name,
                                               const std::string &status,
                                               std::vector<std::string> states,
                                               bool onShift = true) {
    protocol::ProviderStatus provider;
    provider.id = id;
    provider.displayName = name;
    provider.status = status;
    provider.states = std::move(states);
    provider.onShift = onShift;
    provider.statusSince = kNowMs - 3600 * 1000;
    return provider;
}

// A state's queue with its coverage counts: licensed providers, of them on
// shift, free now and in a visit.
inline protocol::StateQueue coveredState(const std::string &code, const std::string &name,
                                         std::int64_t waiting, std::int64_t licensed,
                                         std::int64_t onShift, std::int64_t free,
                                         std::int64_t inVisit, const std::string &status = "open") {
    protocol::StateQueue queue = stateQueue(code, name, status, waiting, free);
    queue.providersLicensed = licensed;
    queue.providersOnShift = onShift;
    queue.providersInVisit = inVisit;
    return queue;
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

// Works out every state's provider counts (and so its estimate) from the
// board's providers, as the server does.
inline void countCoverage(protocol::QueueSnapshot &board) {
    for (auto &state : board.states) {
        std::int64_t licensed = 0, onShift = 0, free = 0, inVisit = 0;
        for (const auto &provider : board.providers) {
            if (std::find(provider.states.begin(), provider.states.end(), state.code) ==
                provider.states.end())
                continue;
            ++licensed;
            const bool signedOn = provider.status != "offline" && provider.onShift;
            onShift += signedOn ? 1 : 0;
            free += signedOn && provider.status == "available" ? 1 : 0;
            inVisit += provider.status == "in_visit" ? 1 : 0;
        }
        state.providersLicensed = licensed;
        state.providersOnShift = onShift;
        state.providersAvailable = free;
        state.providersInVisit = inVisit;
        state.estimatedWaitSeconds.reset();
        if (free > 0 && state.status != "closed")
            state.estimatedWaitSeconds = 300 * (state.waiting + 1) / free;
    }
}

// A day on the coverage board, the counts of each state worked out from the
// providers as the server would: eighteen states served; Oregon and New Jersey
// have patients waiting and nobody licensed on shift, Arizona, Texas,
// Georgia and Colorado patients waiting and every licensed provider busy or
// on a break; New York and Utah closed; Puerto Rico among them.
inline protocol::QueueSnapshot coverageSample() {
    constexpr std::int64_t kHourMs = 3'600'000;
    protocol::QueueSnapshot snapshot;
    snapshot.seq = 1;
    auto shiftUntil = [](protocol::ProviderStatus provider, std::int64_t startsAt,
                         std::int64_t endsAt) {
        provider.shiftStartsAt = startsAt;
        provider.shiftEndsAt = endsAt;
        provider.onShift = startsAt <= kNowMs && kNowMs < endsAt;
        return provider;
    };
    snapshot.providers = {
        shiftUntil(providerStatus(11, "Dr. Mei Chen", "available", {"CA", "WA"}),
                   kNowMs - 6 * kHourMs, kNowMs + 4 * kHourMs),
        providerStatus(12, "Dr. Bob Ruiz", "in_visit", {"AZ", "NM", "TX"}),
        providerStatus(13, "Dr. Ifeoma Okafor", "on_break", {"AZ", "FL", "GA"}),
        providerStatus(14, "Dr. Sam Patel", "offline", {"ID", "NV", "OR"}),
        shiftUntil(providerStatus(15, "Dr. Lou Park", "available", {"NJ", "NY", "PA"}),
                   kNowMs - 10 * kHourMs, kNowMs - 2 * kHourMs),
        providerStatus(16, "Dr. Grace Kim", "available", {"IL", "MI", "NY", "OH"}),
        providerStatus(17, "Dr. Tom Baker", "in_visit", {"CO", "UT"}),
        providerStatus(18, "Dr. Rosa Díaz", "available", {"FL", "PR"}),
        providerStatus(19, "Dr. Ahmed Hassan", "available", {"CT", "MA", "NH", "RI"}),
    };
    struct Served {
        const char *code;
        const char *name;
        std::int64_t waiting;
        const char *status;
    };
    const Served served[] = {
        {"WA", "Washington", 1, "open"},   {"CA", "California", 4, "open"},
        {"OR", "Oregon", 2, "open"},       {"NV", "Nevada", 0, "open"},
        {"AZ", "Arizona", 3, "busy"},      {"TX", "Texas", 1, "open"},
        {"NM", "New Mexico", 0, "open"},   {"GA", "Georgia", 2, "open"},
        {"FL", "Florida", 0, "open"},      {"PR", "Puerto Rico", 1, "open"},
        {"NY", "New York", 0, "closed"},   {"NJ", "New Jersey", 1, "open"},
        {"PA", "Pennsylvania", 0, "open"}, {"IL", "Illinois", 0, "open"},
        {"OH", "Ohio", 1, "open"},         {"CO", "Colorado", 1, "open"},
        {"UT", "Utah", 0, "closed"},       {"MA", "Massachusetts", 0, "open"},
    };
    const char *const firstNames[] = {"Ana",  "Ben",  "Cleo", "Dev", "Eli",   "Fay",
                                      "Gus",  "Hana", "Ivo",  "Jo",  "Kai",   "Lena",
                                      "Milo", "Nia",  "Omar", "Pia", "Quinn", "Ravi"};
    const char *const lastNames[] = {"García", "Nguyen", "Okafor", "Smith", "Kowalski",
                                     "Haddad", "Murphy", "Tanaka", "Silva"};
    std::int64_t visitId = 100;
    for (const Served &state : served) {
        snapshot.states.push_back(stateQueue(state.code, state.name, state.status, state.waiting));
        for (std::int64_t i = 0; i < state.waiting; ++i, ++visitId) {
            auto visit = queueVisit(visitId, state.code, firstNames[visitId % 18],
                                    240 * (i + 1) + 37 * (visitId % 7));
            visit.lastName = lastNames[visitId % 9];
            visit.position = i + 1;
            snapshot.visits.push_back(visit);
        }
    }
    countCoverage(snapshot);
    return snapshot;
}

} // namespace caredesk::console::test
