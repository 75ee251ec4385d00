#pragma once

#include "domain/ActorKind.h"
#include "domain/Role.h"
#include "domain/VisitStatus.h"
#include "protocol/Messages.h"
#include "security/SessionToken.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

using domain::VisitStatus;

// Who makes a change to a visit, for the lifecycle rules, its event log and
// the audit trail: a caregiver acting in one of their roles, the patient, or
// the server itself.
struct VisitActor {
    domain::ActorKind kind = domain::ActorKind::System;
    std::optional<std::int64_t> id; // caregiver id; for the patient, the visit id
    std::string clientAddress;

    static VisitActor caregiver(std::int64_t caregiverId, domain::Role actingAs,
                                std::string clientAddress = {});
    // Without a visit id (at intake) it stands for the patient of the visit being created.
    static VisitActor patient(std::optional<std::int64_t> visitId = std::nullopt,
                              std::string clientAddress = {});
    static VisitActor system();
    bool isCaregiver() const;
};

struct NewVisit {
    std::string jurisdictionCode; // where the patient is now
    std::string firstName;
    std::string lastName;
    std::string dateOfBirth; // YYYY-MM-DD
    std::string reason;
    std::string contact; // phone or email
    SessionToken::Hash patientTokenHash{};
    int priority = 0;
};

struct VisitRecord {
    std::int64_t id = 0;
    std::string jurisdictionCode;
    VisitStatus status = VisitStatus::Waiting;
    int priority = 0; // higher is seen first
    protocol::EpochMs requestedAt = 0;
    std::string firstName;
    std::string lastName;
    std::string dateOfBirth; // YYYY-MM-DD
    std::string reason;
    std::string contact;
    std::optional<std::int64_t> assignedProviderId;
    std::optional<protocol::EpochMs> assignedAt;
    std::optional<protocol::EpochMs> startedAt;
    std::optional<protocol::EpochMs> endedAt;
    std::optional<std::string> removedReason;
    protocol::EpochMs updatedAt = 0;
    int version = 0; // +1 on every change, so a client can drop stale updates
};

// A visit that is not over, as the queue board shows it.
struct OpenVisit {
    VisitRecord visit;
    std::optional<int> position;             // 1-based place in its state's queue, if queued
    std::optional<std::string> providerName; // display name of the assigned provider
};

struct VisitEventRecord {
    std::int64_t id = 0;
    std::int64_t visitId = 0;
    std::optional<VisitStatus> from; // none for the creation
    VisitStatus to = VisitStatus::Waiting;
    domain::ActorKind actorKind = domain::ActorKind::System;
    std::optional<std::int64_t> actorId;
    std::optional<std::int64_t> providerId;
    std::string reason;
    protocol::EpochMs occurredAt = 0;
};

struct StateQueueSummary {
    std::string jurisdictionCode;
    int waiting = 0;
    int ready = 0;
    int assigned = 0;
    int inVisit = 0;
    std::optional<protocol::EpochMs> oldestRequestedAt; // of the queued (waiting, ready) visits
    std::int64_t longestWaitSeconds = 0;                // now() minus that, 0 when none
};

struct StateVisitDurations {
    std::string jurisdictionCode;
    std::vector<double> seconds; // in_visit -> completed, most recent first
};

// SQL for visits and their event log. Queue order within a state is priority
// (higher first), then arrival (requested_at), then id. Status rules live in
// VisitScheduler; the statements here still guard on the status they expect,
// so a caller that skipped the rules fails instead of corrupting a visit.
class VisitRepository {
public:
    // Whether visits may be filed for this state at all (nullopt: no such state).
    static std::optional<bool> jurisdictionEnabled(pqxx::transaction_base &tx,
                                                   const std::string &code);
    static VisitRecord insert(pqxx::transaction_base &tx, const NewVisit &visit);
    static std::optional<VisitRecord> find(pqxx::transaction_base &tx, std::int64_t id);
    static std::optional<VisitRecord> findByPatientToken(pqxx::transaction_base &tx,
                                                         const SessionToken::Hash &tokenHash);
    // Locks the row (FOR UPDATE) until the transaction ends.
    static std::optional<VisitRecord> lock(pqxx::transaction_base &tx, std::int64_t id);

    // Picks the first queued visit, in queue order across the given states,
    // skipping rows other transactions hold (FOR UPDATE SKIP LOCKED), and
    // assigns it to the provider in the same statement. Returns the status it
    // had before and the updated visit. Knows nothing of licenses, roles or
    // availability: the caller passes the states the provider may take now.
    // The status list in SQL is domain::isQueued().
    struct Claim {
        VisitStatus from = VisitStatus::Waiting;
        VisitRecord visit;
    };
    static std::optional<Claim> claimNext(pqxx::transaction_base &tx, std::int64_t providerId,
                                          const std::vector<std::string> &states);

    // Moves a visit from `from` to `to`, setting the timestamps that go with
    // `to`: assigned_at (assigned), started_at (in_visit), ended_at (final
    // states); back to the queue clears the assignment and keeps the arrival
    // time. providerId is for `to` == Assigned, removedReason for Removed.
    // Returns nullopt when the visit is not in `from`.
    static std::optional<VisitRecord> updateStatus(pqxx::transaction_base &tx, std::int64_t id,
                                                   VisitStatus from, VisitStatus to,
                                                   std::optional<std::int64_t> providerId,
                                                   const std::string &removedReason);
    static VisitRecord setPriority(pqxx::transaction_base &tx, std::int64_t id, int priority);

    static void appendEvent(pqxx::transaction_base &tx, std::int64_t visitId,
                            std::optional<VisitStatus> from, VisitStatus to,
                            const VisitActor &actor, std::optional<std::int64_t> providerId,
                            const std::string &reason);
    static std::vector<VisitEventRecord> events(pqxx::transaction_base &tx, std::int64_t visitId);

    // Reads for the queue board, patients and wait estimates.

    // Every visit not yet over (waiting, ready, assigned, in_visit), in one
    // query, by state and queue order.
    static std::vector<OpenVisit> openVisits(pqxx::transaction_base &tx);
    // 1-based place in its state's queue; nullopt if the visit is not queued.
    static std::optional<int> queuePosition(pqxx::transaction_base &tx, std::int64_t visitId);
    // One row per state with at least one open visit.
    static std::vector<StateQueueSummary> queueSummaries(pqxx::transaction_base &tx);
    // Per state with history: the durations of its latest completed visits, at
    // most perState of them, ended within maxAge.
    static std::vector<StateVisitDurations>
    recentDurations(pqxx::transaction_base &tx, int perState, std::chrono::seconds maxAge);
    // Visits requested for the state within the last `window`, priority ones
    // included or not.
    static int arrivalsSince(pqxx::transaction_base &tx, const std::string &jurisdictionCode,
                             std::chrono::seconds window, bool includePriority);
};

} // namespace caredesk::server
