#pragma once

#include "security/SessionToken.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace caredesk::server {

// SQL for patient_presence: when each visit's patient was last seen connected,
// on the database's clock (the same for every server instance). Only visits
// not yet over are stamped.
class PatientPresenceRepository {
public:
    // The patient of this visit is connected now; creates the visit's row.
    static void markSeen(pqxx::transaction_base &tx, std::int64_t visitId);
    // The same for the visit holding this patient secret. Returns the visit id,
    // or nullopt when no open visit has it. Waits for a sweep that is moving
    // the visit out of the line, so a read after it sees the visit's outcome.
    static std::optional<std::int64_t> markSeenByToken(pqxx::transaction_base &tx,
                                                       const SessionToken::Hash &tokenHash);
    // Stamps the visits that already have a row and are not over; returns those
    // it stamped (the others are over, or never had a connected patient).
    static std::vector<std::int64_t> markStillSeen(pqxx::transaction_base &tx,
                                                   const std::vector<std::int64_t> &visitIds);

    // Queued visits (waiting, ready) whose patient has not been seen for longer
    // than `grace`, longest gone first, at most `limit`. Their visit and
    // presence rows are locked; rows another transaction holds (a sweep on
    // another instance, a stamp, a take-next) are skipped.
    static std::vector<std::int64_t> lockGone(pqxx::transaction_base &tx,
                                              std::chrono::seconds grace, int limit);
};

} // namespace caredesk::server
