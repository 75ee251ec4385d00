#pragma once

#include "onboarding/AccountAdmin.h"
#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"

namespace caredesk::server {

// State licenses as admins record and review them, for the console's form and
// the CSV import alike. A license belongs to a provider; setting the status to
// verified or rejected records the admin and the time (kept while the status
// and the license's number, state and dates stay as they were). Every change
// is audited with the values before and after, and pushed to the queue boards
// (routing may have changed). Refusals throw RequestError: out_of_range (field
// named under fieldPrefix), not_found, conflict (changed since read, or a
// duplicate number), not_a_provider.
class LicenseAdmin {
public:
    static protocol::License save(pqxx::transaction_base &tx, const AdminActor &actor,
                                  const protocol::SaveLicense &license,
                                  const std::string &fieldPrefix = "body.");
};

} // namespace caredesk::server
