#include "storage/SessionRepository.h"

#include "storage/CaregiverRepository.h"
#include "storage/SqlParameters.h"

#include <pqxx/pqxx>

namespace caredesk::server {

SessionIdentity SessionRepository::create(pqxx::transaction_base &tx,
                                          const protocol::CaregiverSummary &who,
                                          const SessionToken::Hash &tokenHash,
                                          const SessionTimeouts &timeouts,
                                          const std::string &clientAddress) {
    const auto row = tx.exec_params1(
        "INSERT INTO sessions (caregiver_id, token_hash, idle_expires_at, absolute_expires_at, "
        "                      client_address) "
        "VALUES ($1, decode($2, 'hex'), least(now() + $3::interval, now() + $4::interval), "
        "        now() + $4::interval, $5) "
        "RETURNING id, (extract(epoch FROM idle_expires_at) * 1000)::bigint, "
        "          (extract(epoch FROM absolute_expires_at) * 1000)::bigint",
        who.id, hexParameter(tokenHash), intervalParameter(timeouts.idle),
        intervalParameter(timeouts.absolute), clientAddress);
    SessionIdentity identity;
    identity.sessionId = row[0].as<std::int64_t>();
    identity.caregiver = who;
    identity.idleExpiresAt = row[1].as<std::int64_t>();
    identity.absoluteExpiresAt = row[2].as<std::int64_t>();
    return identity;
}

std::optional<SessionIdentity> SessionRepository::touch(pqxx::transaction_base &tx,
                                                        const SessionToken::Hash &tokenHash,
                                                        const SessionTimeouts &timeouts) {
    const auto rows = tx.exec_params(
        "SELECT s.id, c.id, c.username, c.display_name, array_to_string(c.roles, ','), c.active, "
        "       (extract(epoch FROM s.idle_expires_at) * 1000)::bigint, "
        "       (extract(epoch FROM s.absolute_expires_at) * 1000)::bigint, "
        "       s.last_used_at < now() - interval '60 seconds' "
        "FROM sessions s JOIN caregivers c ON c.id = s.caregiver_id "
        "WHERE s.token_hash = decode($1, 'hex') AND s.revoked_at IS NULL "
        "  AND s.idle_expires_at > now() AND s.absolute_expires_at > now() AND c.active",
        hexParameter(tokenHash));
    if (rows.empty())
        return std::nullopt;
    const auto &row = rows[0];
    SessionIdentity identity;
    identity.sessionId = row[0].as<std::int64_t>();
    identity.caregiver = CaregiverRepository::summaryFrom(row, 1);
    identity.idleExpiresAt = row[6].as<std::int64_t>();
    identity.absoluteExpiresAt = row[7].as<std::int64_t>();
    if (row[8].as<bool>()) {
        const auto updated = tx.exec_params1(
            "UPDATE sessions SET last_used_at = now(), "
            "       idle_expires_at = least(now() + $2::interval, absolute_expires_at) "
            "WHERE id = $1 RETURNING (extract(epoch FROM idle_expires_at) * 1000)::bigint",
            identity.sessionId, intervalParameter(timeouts.idle));
        identity.idleExpiresAt = updated[0].as<std::int64_t>();
    }
    return identity;
}

void SessionRepository::revoke(pqxx::transaction_base &tx, std::int64_t sessionId,
                               const std::string &reason) {
    tx.exec_params0("UPDATE sessions SET revoked_at = now(), revoked_reason = $2 "
                    "WHERE id = $1 AND revoked_at IS NULL",
                    sessionId, reason);
}

int SessionRepository::revokeAllOf(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                   std::optional<std::int64_t> exceptSessionId,
                                   const std::string &reason) {
    const auto result = tx.exec_params(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $3 "
        "WHERE caregiver_id = $1 AND revoked_at IS NULL AND ($2::bigint IS NULL OR id <> $2)",
        caregiverId, exceptSessionId, reason);
    return static_cast<int>(result.affected_rows());
}

} // namespace caredesk::server
