#pragma once

#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace caredesk::server {

// The admin making a change, for the audit trail and the self-protection rules.
struct AdminActor {
    std::int64_t caregiverId = 0;
    std::string clientAddress;
};

// Caregiver accounts as admins manage them, for the console's forms and the
// CSV import alike. Each call checks its input and rules, writes the change
// with its audit event (before and after) in the caller's transaction, and
// throws RequestError (storage/DatabasePool.h) with a precise code when
// refused: out_of_range (field named under fieldPrefix), not_found, conflict
// (username taken, or changed since read), forbidden (an admin deactivating,
// resetting or taking the admin role from their own account).
class AccountAdmin {
public:
    // Trims the fields and checks them against domain/AccountRules.h.
    static protocol::CaregiverProfile checkedProfile(protocol::CaregiverProfile profile,
                                                     const std::string &fieldPrefix = "body.");
    static std::string checkedUsername(const std::string &username,
                                       const std::string &fieldPrefix = "body.");

    static protocol::CaregiverInvite create(pqxx::transaction_base &tx, const AdminActor &actor,
                                            const std::string &username,
                                            const protocol::CaregiverProfile &profile,
                                            std::chrono::seconds inviteValidity);
    // expectedVersion: the version read (conflict if it moved); nullopt: any.
    // A change of roles ends the caregiver's sessions, so their console starts
    // over with what the new roles allow.
    static protocol::CaregiverAccount update(pqxx::transaction_base &tx, const AdminActor &actor,
                                             std::int64_t id,
                                             std::optional<std::int64_t> expectedVersion,
                                             const protocol::CaregiverProfile &profile);
    static protocol::CaregiverAccount setActive(pqxx::transaction_base &tx,
                                                const AdminActor &actor, std::int64_t id,
                                                bool active);
    static protocol::CaregiverInvite resetAccess(pqxx::transaction_base &tx,
                                                 const AdminActor &actor, std::int64_t id,
                                                 std::chrono::seconds inviteValidity);
};

} // namespace caredesk::server
