#include "storage/LoginAttemptRepository.h"

#include "storage/SqlParameters.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

void LoginAttemptRepository::record(pqxx::transaction_base &tx, const std::string &usernameKey,
                                    const std::string &clientAddress, bool succeeded) {
    tx.exec_params0("INSERT INTO login_attempts (username_key, client_address, succeeded) "
                    "VALUES ($1, $2, $3)",
                    usernameKey, clientAddress, succeeded);
}

std::optional<std::int64_t> LoginAttemptRepository::retryAfter(pqxx::transaction_base &tx,
                                                               const std::string &usernameKey,
                                                               const std::string &clientAddress,
                                                               const LoginThrottlePolicy &policy) {
    const std::string window = intervalParameter(policy.window);
    // For each key: the time the oldest failure that still counts leaves the
    // window, if the count has reached the limit. Failures before the account's
    // last success do not count against the account.
    const auto row = tx.exec_params1(
        "WITH account AS ("
        "  SELECT attempted_at FROM login_attempts "
        "  WHERE username_key = $1 AND NOT succeeded AND attempted_at > now() - $3::interval "
        "    AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts "
        "                                 WHERE username_key = $1 AND succeeded), '-infinity') "
        "  ORDER BY attempted_at DESC LIMIT $4), "
        "address AS ("
        "  SELECT attempted_at FROM login_attempts "
        "  WHERE client_address = $2 AND NOT succeeded AND attempted_at > now() - $3::interval "
        "  ORDER BY attempted_at DESC LIMIT $5) "
        "SELECT CASE WHEN (SELECT count(*) FROM account) >= $4 THEN ceil(extract(epoch FROM "
        "         (SELECT min(attempted_at) FROM account) + $3::interval - now()))::bigint END, "
        "       CASE WHEN (SELECT count(*) FROM address) >= $5 THEN ceil(extract(epoch FROM "
        "         (SELECT min(attempted_at) FROM address) + $3::interval - now()))::bigint END",
        usernameKey, clientAddress, window, policy.maxFailuresPerAccount,
        policy.maxFailuresPerAddress);
    std::optional<std::int64_t> wait;
    for (int column = 0; column < 2; ++column) {
        if (row[column].is_null())
            continue;
        const auto seconds = std::max<std::int64_t>(1, row[column].as<std::int64_t>());
        wait = std::max(wait.value_or(0), seconds);
    }
    return wait;
}

void LoginAttemptRepository::prune(pqxx::transaction_base &tx, std::chrono::seconds olderThan) {
    tx.exec_params0("DELETE FROM login_attempts WHERE attempted_at < now() - $1::interval",
                    intervalParameter(olderThan));
}

} // namespace caredesk::server
