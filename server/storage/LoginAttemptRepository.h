#pragma once

#include "storage/PqxxFwd.h"

#include <chrono>
#include <optional>
#include <string>

namespace caredesk::server {

struct LoginThrottlePolicy {
    std::chrono::seconds window{15 * 60};
    int maxFailuresPerAccount = 5;  // per username typed, whether or not it exists
    int maxFailuresPerAddress = 30; // per client address, across usernames
};

// Failed logins are throttled per account and per address. The counts live in
// the database, so every server instance enforces the same limit.
class LoginAttemptRepository {
public:
    static void record(pqxx::transaction_base &tx, const std::string &usernameKey,
                       const std::string &clientAddress, bool succeeded);
    // Seconds until the next attempt is allowed, or nullopt if allowed now. A
    // success for the account clears its failures (the address count stays).
    static std::optional<std::int64_t> retryAfter(pqxx::transaction_base &tx,
                                                  const std::string &usernameKey,
                                                  const std::string &clientAddress,
                                                  const LoginThrottlePolicy &policy);
    // Old attempts are only needed for the window; called from time to time.
    static void prune(pqxx::transaction_base &tx, std::chrono::seconds olderThan);
};

} // namespace caredesk::server
