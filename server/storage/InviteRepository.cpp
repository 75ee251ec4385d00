#include "storage/InviteRepository.h"

#include "storage/SqlParameters.h"

#include <pqxx/pqxx>

namespace caredesk::server {

InviteRepository::Issued InviteRepository::issue(pqxx::transaction_base &tx,
                                                  std::int64_t caregiverId,
                                                  std::optional<std::int64_t> issuedBy,
                                                  std::chrono::seconds validFor) {
    voidOpen(tx, caregiverId);
    const auto token = SessionToken::generate();
    const auto row = tx.exec_params1(
        "INSERT INTO caregiver_invites (caregiver_id, token_hash, created_by, expires_at) "
        "VALUES ($1, decode($2, 'hex'), $3, now() + $4::interval) "
        "RETURNING (extract(epoch FROM expires_at) * 1000)::bigint",
        caregiverId, hexParameter(token.hash), issuedBy, intervalParameter(validFor));
    return {token.token, row[0].as<std::int64_t>()};
}

int InviteRepository::voidOpen(pqxx::transaction_base &tx, std::int64_t caregiverId) {
    const auto rows = tx.exec_params("UPDATE caregiver_invites SET voided_at = now() "
                                     "WHERE caregiver_id = $1 AND used_at IS NULL "
                                     "AND voided_at IS NULL RETURNING id",
                                     caregiverId);
    return static_cast<int>(rows.size());
}

std::optional<std::int64_t> InviteRepository::redeem(pqxx::transaction_base &tx,
                                                     const SessionToken::Hash &tokenHash) {
    // The row lock makes two activations racing with one code spend it once.
    const auto rows = tx.exec_params(
        "UPDATE caregiver_invites i SET used_at = now() FROM caregivers c "
        "WHERE i.token_hash = decode($1, 'hex') AND c.id = i.caregiver_id AND c.active "
        "AND i.used_at IS NULL AND i.voided_at IS NULL AND i.expires_at > now() "
        "RETURNING i.caregiver_id",
        hexParameter(tokenHash));
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

} // namespace caredesk::server
