#pragma once

#include "storage/ChangeListener.h"
#include "storage/PqxxFwd.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace caredesk::server {

class MessageRouter;

// Ends revoked sessions everywhere at once. Every authenticated request checks
// its session in the database, but a console that only listens (queue and
// chat pushes) sends none; so whoever revokes sessions (deactivation, a reset,
// a password change) announces it in their transaction, and every instance
// closes its connections of those sessions once it commits.
class SessionRevocations {
public:
    SessionRevocations(std::string connectionString, MessageRouter &router);
    ~SessionRevocations(); // stop()

    void start();
    void stop();

    // In the revoking transaction: every session of the caregiver ended, but
    // the one carrying keepSessionId (the caller's own, after a password change).
    static void announce(pqxx::transaction_base &tx, std::int64_t caregiverId,
                         std::optional<std::int64_t> keepSessionId = std::nullopt);

private:
    std::unique_ptr<ChangeListener> m_listener;
};

} // namespace caredesk::server
