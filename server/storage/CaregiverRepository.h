#pragma once

#include "protocol/Messages.h"

#include "storage/PqxxFwd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

struct CaregiverCredentials {
    protocol::CaregiverSummary summary;
    std::string passwordHash;
};

// Caregiver accounts. Usernames are matched case-insensitively.
class CaregiverRepository {
public:
    static std::optional<CaregiverCredentials> findByUsername(pqxx::transaction_base &tx,
                                                              const std::string &username);
    static std::optional<CaregiverCredentials> findById(pqxx::transaction_base &tx,
                                                        std::int64_t id);
    // Returns the new id; throws pqxx::unique_violation if the username is taken.
    static std::int64_t create(pqxx::transaction_base &tx, const std::string &username,
                               const std::string &displayName, const std::string &passwordHash,
                               domain::RoleSet roles);
    static void setPasswordHash(pqxx::transaction_base &tx, std::int64_t id,
                                const std::string &passwordHash);
    // Rehash on login: keeps password_changed_at, which dates the password, not the hash.
    static void replaceHash(pqxx::transaction_base &tx, std::int64_t id,
                            const std::string &passwordHash);
    static void setRoles(pqxx::transaction_base &tx, std::int64_t id, domain::RoleSet roles);
    static std::vector<protocol::CaregiverSummary> list(pqxx::transaction_base &tx,
                                                        bool includeInactive);

    // --- accounts as admins manage them ---------------------------------------
    // By name; inactive ones too when asked.
    static std::vector<protocol::CaregiverAccount> accounts(pqxx::transaction_base &tx,
                                                            bool includeInactive);
    // forUpdate: lock the row until the transaction ends.
    static std::optional<protocol::CaregiverAccount>
    account(pqxx::transaction_base &tx, std::int64_t id, bool forUpdate = false);
    static std::optional<protocol::CaregiverAccount>
    accountByUsername(pqxx::transaction_base &tx, const std::string &username,
                      bool forUpdate = false);
    // A new account without a password (it signs in after activation);
    // nullopt if the username is taken.
    static std::optional<std::int64_t> createInvited(pqxx::transaction_base &tx, const std::string &username,
                                      const protocol::CaregiverProfile &profile);
    // Replaces the profile and bumps the version.
    static void updateProfile(pqxx::transaction_base &tx, std::int64_t id,
                              const protocol::CaregiverProfile &profile);
    // Bumps the version; deactivation stamps deactivated_at.
    static void setActive(pqxx::transaction_base &tx, std::int64_t id, bool active);
    // The password stops working until an invitation is spent.
    static void clearPassword(pqxx::transaction_base &tx, std::int64_t id);
    static void markSignedIn(pqxx::transaction_base &tx, std::int64_t id);

    // Reads id, username, display_name, array_to_string(roles, ','), active from
    // five consecutive columns starting at firstColumn.
    static protocol::CaregiverSummary summaryFrom(const pqxx::row &row, int firstColumn);

    // Helpers for the text[] roles column.
    static std::string rolesToSql(domain::RoleSet roles);  // "support,admin"
    static domain::RoleSet rolesFromSql(const std::string &joined);
};

} // namespace caredesk::server
