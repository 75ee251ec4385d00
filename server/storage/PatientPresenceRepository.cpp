#include "storage/PatientPresenceRepository.h"

#include "storage/SqlParameters.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

// Stamps never move backwards, whichever instance's transaction commits last.
constexpr const char *kStamp =
    " ON CONFLICT (visit_id) DO UPDATE "
    " SET seen_at = greatest(patient_presence.seen_at, excluded.seen_at)";

std::vector<std::int64_t> ids(const pqxx::result &rows) {
    std::vector<std::int64_t> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(row[0].as<std::int64_t>());
    return out;
}

} // namespace

void PatientPresenceRepository::markSeen(pqxx::transaction_base &tx, std::int64_t visitId) {
    tx.exec_params0(std::string("INSERT INTO patient_presence (visit_id, seen_at) "
                                "SELECT id, now() FROM visits "
                                "WHERE id = $1 "
                                "  AND status IN ('waiting', 'ready', 'assigned', 'in_visit')") +
                        kStamp,
                    visitId);
}

std::optional<std::int64_t>
PatientPresenceRepository::markSeenByToken(pqxx::transaction_base &tx,
                                           const SessionToken::Hash &tokenHash) {
    const auto rows =
        tx.exec_params(std::string("INSERT INTO patient_presence (visit_id, seen_at) "
                                   "SELECT id, now() FROM visits "
                                   "WHERE patient_token_hash = decode($1, 'hex') "
                                   "  AND status IN ('waiting', 'ready', 'assigned', 'in_visit')") +
                           kStamp + " RETURNING visit_id",
                       hexParameter(tokenHash));
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

std::vector<std::int64_t>
PatientPresenceRepository::markStillSeen(pqxx::transaction_base &tx,
                                         const std::vector<std::int64_t> &visitIds) {
    if (visitIds.empty())
        return {};
    // Only the presence rows are written (and locked): the visits are read.
    return ids(tx.exec_params("UPDATE patient_presence p SET seen_at = greatest(p.seen_at, now()) "
                              "FROM visits v "
                              "WHERE p.visit_id = ANY ($1::bigint[]) AND v.id = p.visit_id "
                              "  AND v.status IN ('waiting', 'ready', 'assigned', 'in_visit') "
                              "RETURNING p.visit_id",
                              bigintArray(visitIds)));
}

std::vector<std::int64_t> PatientPresenceRepository::lockGone(pqxx::transaction_base &tx,
                                                              std::chrono::seconds grace,
                                                              int limit) {
    // The status list repeats visits_next_idx's predicate word for word, so
    // that the scan covers only the queue. A row stamped after this statement's
    // snapshot is checked again once locked, and drops out.
    return ids(tx.exec_params("SELECT v.id FROM visits v "
                              "JOIN patient_presence p ON p.visit_id = v.id "
                              "WHERE v.status IN ('waiting', 'ready') "
                              "  AND p.seen_at < now() - $1::interval "
                              "ORDER BY p.seen_at, v.id "
                              "LIMIT $2 "
                              "FOR UPDATE OF v, p SKIP LOCKED",
                              intervalParameter(grace), limit));
}

} // namespace caredesk::server
