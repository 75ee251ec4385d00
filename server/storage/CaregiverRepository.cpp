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
        "VALUES ($1, $2, $3, coalesce(string_to_array(NULLIF($4, ''), ',')::text[], '{}')) "
        "RETURNING id",
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
    tx.exec_params0("UPDATE caregivers SET roles = "
                    "coalesce(string_to_array(NULLIF($2, ''), ',')::text[], '{}') WHERE id = $1",
                    id, rolesToSql(roles));
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

} // namespace caredesk::server
