#pragma once

#include "storage/PqxxFwd.h"

#include <string>
#include <vector>

namespace caredesk::server {

class PasswordHasher;

struct DemoAccount {
    std::string username;
    std::string displayName;
    std::string roles;
};

// Demo content for trying CareDesk out: a few enabled states with hours, a
// support person, providers licensed in several states (one license expired),
// an admin, and canned responses for chat. Idempotent: existing rows are left
// as they are, so a demo database keeps whatever was done in it.
class DemoData {
public:
    // Accounts created with `password` if missing. Returns the demo accounts.
    static std::vector<DemoAccount> seed(pqxx::transaction_base &tx, const PasswordHasher &hasher,
                                         const std::string &password);
};

} // namespace caredesk::server
