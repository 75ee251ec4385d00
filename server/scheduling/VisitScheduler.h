#pragma once

#include "domain/ProviderAvailability.h"
#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"
#include "storage/VisitRepository.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace caredesk::server {

// The scheduling rules for visits: which visit a provider gets, who may be
// given which visit, which status changes are legal. Every change writes its
// visit_events row and its audit_events row in the caller's transaction.
//
// A refusal throws RequestError (storage/DatabasePool.h) with a precise code:
//   not_found            no such visit or caregiver
//   invalid_transition   the visit's status does not allow the change
//   not_licensed         no license in force for the visit's state, now
//   not_a_provider       caregiver deactivated or without the provider role
//   provider_unavailable the provider is not available (on break, offline)
//                        or outside their shift
//   forbidden            the lifecycle does not let this kind of actor make
//                        the move, or a provider acts on a visit not theirs,
//                        or a patient on a visit not theirs
//   missing_field / out_of_range   bad input (or a reason the move needs), `field` names it
// Nothing is written when a rule refuses (the caller's transaction rolls back).
class VisitScheduler {
public:
    static constexpr int kMaxPriority = 9; // priorities run 0 (normal) .. kMaxPriority

    // Files a new waiting visit. Whether the state takes visits right now
    // (hours, busy, cap) is the intake decision, made before this; here the
    // state only has to exist and be enabled. A patient actor without an id
    // stands for the patient of the new visit.
    static VisitRecord createVisit(pqxx::transaction_base &tx, const NewVisit &visit,
                                   const VisitActor &actor);

    // "Take next": the first queued visit in queue order (priority, then
    // arrival) among the states where the provider holds a license in force at
    // this moment, assigned to them atomically. nullopt when there is none (or
    // every candidate is being taken by someone else right now). The provider
    // must be active, hold the provider role and be available.
    static std::optional<VisitRecord> claimNext(pqxx::transaction_base &tx, std::int64_t providerId,
                                                const std::string &clientAddress = {});

    // Staff hand a specific queued visit to a specific provider; everything
    // claimNext requires is checked again here, with the visit locked.
    static VisitRecord assign(pqxx::transaction_base &tx, std::int64_t visitId,
                              std::int64_t providerId, const VisitActor &actor);

    // Any other status change, as domain::checkVisitTransition allows for the
    // actor's kind. `reason` is kept in the event log (removal requires one).
    // Assigned is refused here (use assign or claimNext). A provider may only
    // move a visit assigned to them; starting a visit checks the assigned
    // provider's license again, since it may have lapsed since the assignment.
    static VisitRecord transition(pqxx::transaction_base &tx, std::int64_t visitId, VisitStatus to,
                                  const VisitActor &actor, const std::string &reason = {});

    // Staff raise (or lower) a visit's priority; a visit that is over keeps its own.
    static VisitRecord setPriority(pqxx::transaction_base &tx, std::int64_t visitId, int priority,
                                   const VisitActor &actor);

    static constexpr auto kMaxShift = std::chrono::hours(24);

    // The status a provider sets (not InVisit, which follows from their
    // visits). Returns whether it changed; only an active provider can be
    // available. Going available clears a shift that has already ended.
    static bool setAvailability(pqxx::transaction_base &tx, std::int64_t providerId,
                                domain::AvailabilityStatus status, const VisitActor &actor);

    // Replaces the provider's shift (neither end: no shift). The end must be
    // after the start and still ahead, and the shift at most kMaxShift long.
    // Returns whether it changed.
    static bool setShift(pqxx::transaction_base &tx, std::int64_t providerId,
                         std::optional<protocol::EpochMs> startsAt,
                         std::optional<protocol::EpochMs> endsAt, const VisitActor &actor);

    // Takes the provider out of routing: offline, and visits assigned to them
    // but not started go back to the line (the front: they keep their arrival
    // time). Announces both to the queue feed. Returns how many went back.
    static int leaveRouting(pqxx::transaction_base &tx, std::int64_t providerId,
                            const VisitActor &actor, const std::string &reason);
};

} // namespace caredesk::server
