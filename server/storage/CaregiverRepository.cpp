#include "storage/CaregiverRepository.h"

#include <pqxx/pqxx>

#include <sstream>

namespace caredesk::server {

namespace {
constexpr const char *kSelectColumns =
    "SELECT id, username, display_name, array_to_string(roles, ','), active, password_hash "
    "FROM caregivers ";

CaregiverCredentials credentialsFrom(const pqxx::row &row) {
    return {CaregiverRepository::summaryFrom(row, 0), row[5].as<std::string>()};
}

constexpr const char *kAccountColumns =
    "SELECT c.id, c.username, c.display_name, array_to_string(c.roles, ','), c.active, "
    "       c.email, c.phone, c.password_hash <> '', "
    "       (SELECT (extract(epoch FROM max(i.expires_at)) * 1000)::bigint "
    "          FROM caregiver_invites i "
    "         WHERE i.caregiver_id = c.id AND i.used_at IS NULL AND i.voided_at IS NULL), "
    "       (extract(epoch FROM c.created_at) * 1000)::bigint, "
    "       (extract(epoch FROM c.last_sign_in_at) * 1000)::bigint, c.version "
    "FROM caregivers c ";

protocol::CaregiverAccount accountFrom(const pqxx::row &row) {
    protocol::CaregiverAccount account;
    const auto summary = CaregiverRepository::summaryFrom(row, 0);
    account.id = summary.id;
    account.username = summary.username;
    account.displayName = summary.displayName;
    account.roles = summary.roles;
    account.active = summary.active;
    account.email = row[5].as<std::string>();
    account.phone = row[6].as<std::string>();
    const bool hasPassword = row[7].as<bool>();
    account.accountStatus = !account.active ? "deactivated" : hasPassword ? "active" : "invited";
    account.inviteExpiresAt = row[8].as<std::optional<std::int64_t>>();
    account.createdAt = row[9].as<std::int64_t>();
    account.lastSignInAt = row[10].as<std::optional<std::int64_t>>();
    account.version = row[11].as<std::int64_t>();
    return account;
}

std::optional<protocol::CaregiverAccount> firstAccount(const pqxx::result &rows) {
    if (rows.empty())
        return std::nullopt;
    return accountFrom(rows[0]);
}

// The roles column from a RoleSet, as SQL text[] ("{}" for none).
constexpr const char *kRolesParameter =
    "coalesce(string_to_array(NULLIF($%, ''), ',')::text[], '{}')";

std::string rolesExpression(int parameter) {
    std::string sql = kRolesParameter;
    sql.replace(sql.find('%'), 1, std::to_string(parameter));
    return sql;
}
} // namespace

protocol::CaregiverSummary CaregiverRepository::summaryFrom(const pqxx::row &row,
                                                           int firstColumn) {
    protocol::CaregiverSummary summary;
    summary.id = row[firstColumn].as<std::int64_t>();
    summary.username = row[firstColumn + 1].as<std::string>();
    summary.displayName = row[firstColumn + 2].as<std::string>();
    summary.roles = rolesFromSql(row[firstColumn + 3].as<std::string>());
    summary.active = row[firstColumn + 4].as<bool>();
    return summary;
}

std::string CaregiverRepository::rolesToSql(domain::RoleSet roles) {
    std::string joined;
    for (const auto &name : roles.names()) {
        if (!joined.empty())
            joined += ',';
        joined += name;
    }
    return joined;
}

domain::RoleSet CaregiverRepository::rolesFromSql(const std::string &joined) {
    domain::RoleSet roles;
    std::istringstream in(joined);
    std::string name;
    while (std::getline(in, name, ',')) {
        if (auto role = domain::roleFromName(name))
            roles.add(*role);
    }
    return roles;
}

std::optional<CaregiverCredentials>
CaregiverRepository::findByUsername(pqxx::transaction_base &tx, const std::string &username) {
    const auto rows = tx.exec_params(std::string(kSelectColumns) +
                                         "WHERE lower(username) = lower($1)",
                                     username);
    if (rows.empty())
        return std::nullopt;
    return credentialsFrom(rows[0]);
}

std::optional<CaregiverCredentials> CaregiverRepository::findById(pqxx::transaction_base &tx,
                                                                  std::int64_t id) {
    const auto rows = tx.exec_params(std::string(kSelectColumns) + "WHERE id = $1", id);
    if (rows.empty())
        return std::nullopt;
    return credentialsFrom(rows[0]);
}

std::int64_t CaregiverRepository::create(pqxx::transaction_base &tx, const std::string &username,
                                         const std::string &displayName,
                                         const std::string &passwordHash, domain::RoleSet roles) {
    const auto row = tx.exec_params1(
        "INSERT INTO caregivers (username, display_name, password_hash, roles) "
        "VALUES ($1, $2, $3, " + rolesExpression(4) + ") RETURNING id",
        username, displayName, passwordHash, rolesToSql(roles));
    return row[0].as<std::int64_t>();
}

void CaregiverRepository::setPasswordHash(pqxx::transaction_base &tx, std::int64_t id,
                                          const std::string &passwordHash) {
    tx.exec_params0("UPDATE caregivers SET password_hash = $2, password_changed_at = now() "
                    "WHERE id = $1",
                    id, passwordHash);
}

void CaregiverRepository::replaceHash(pqxx::transaction_base &tx, std::int64_t id,
                                      const std::string &passwordHash) {
    tx.exec_params0("UPDATE caregivers SET password_hash = $2 WHERE id = $1", id, passwordHash);
}

void CaregiverRepository::setRoles(pqxx::transaction_base &tx, std::int64_t id,
                                   domain::RoleSet roles) {
    tx.exec_params0("UPDATE caregivers SET roles = " + rolesExpression(2) + " WHERE id = $1", id,
                    rolesToSql(roles));
}

std::vector<protocol::CaregiverSummary> CaregiverRepository::list(pqxx::transaction_base &tx,
                                                                  bool includeInactive) {
    const auto rows =
        tx.exec_params(std::string(kSelectColumns) +
                           "WHERE active OR $1 ORDER BY lower(display_name), id",
                       includeInactive);
    std::vector<protocol::CaregiverSummary> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(credentialsFrom(row).summary);
    return out;
}

std::vector<protocol::CaregiverAccount> CaregiverRepository::accounts(pqxx::transaction_base &tx,
                                                                     bool includeInactive) {
    const auto rows = tx.exec_params(std::string(kAccountColumns) +
                                         "WHERE c.active OR $1 ORDER BY lower(c.display_name), c.id",
                                     includeInactive);
    std::vector<protocol::CaregiverAccount> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(accountFrom(row));
    return out;
}

std::optional<protocol::CaregiverAccount>
CaregiverRepository::account(pqxx::transaction_base &tx, std::int64_t id, bool forUpdate) {
    return firstAccount(tx.exec_params(std::string(kAccountColumns) + "WHERE c.id = $1" +
                                           (forUpdate ? " FOR UPDATE OF c" : ""),
                                       id));
}

std::optional<protocol::CaregiverAccount>
CaregiverRepository::accountByUsername(pqxx::transaction_base &tx, const std::string &username,
                                       bool forUpdate) {
    return firstAccount(tx.exec_params(std::string(kAccountColumns) +
                                           "WHERE lower(c.username) = lower($1)" +
                                           (forUpdate ? " FOR UPDATE OF c" : ""),
                                       username));
}

std::optional<std::int64_t>
CaregiverRepository::createInvited(pqxx::transaction_base &tx, const std::string &username,
                                   const protocol::CaregiverProfile &profile) {
    const auto rows = tx.exec_params(
        "INSERT INTO caregivers (username, display_name, password_hash, roles, email, phone) "
        "VALUES ($1, $2, '', " + rolesExpression(3) + ", $4, $5) "
        "ON CONFLICT (lower(username)) DO NOTHING RETURNING id",
        username, profile.displayName, rolesToSql(profile.roles), profile.email, profile.phone);
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

void CaregiverRepository::updateProfile(pqxx::transaction_base &tx, std::int64_t id,
                                        const protocol::CaregiverProfile &profile) {
    tx.exec_params0("UPDATE caregivers SET display_name = $2, roles = " + rolesExpression(3) +
                        ", email = $4, phone = $5, version = version + 1 WHERE id = $1",
                    id, profile.displayName, rolesToSql(profile.roles), profile.email,
                    profile.phone);
}

void CaregiverRepository::setActive(pqxx::transaction_base &tx, std::int64_t id, bool active) {
    tx.exec_params0("UPDATE caregivers SET active = $2, version = version + 1, "
                    "deactivated_at = CASE WHEN $2 THEN NULL ELSE now() END WHERE id = $1",
                    id, active);
}

void CaregiverRepository::clearPassword(pqxx::transaction_base &tx, std::int64_t id) {
    tx.exec_params0("UPDATE caregivers SET password_hash = '', password_changed_at = now(), "
                    "version = version + 1 WHERE id = $1",
                    id);
}

void CaregiverRepository::markSignedIn(pqxx::transaction_base &tx, std::int64_t id) {
    tx.exec_params0("UPDATE caregivers SET last_sign_in_at = now() WHERE id = $1", id);
}

} // namespace caredesk::server
