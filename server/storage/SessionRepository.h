#pragma once

#include "protocol/Messages.h"
#include "security/SessionToken.h"

#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace caredesk::server {

struct SessionTimeouts {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds absolute{12 * 60 * 60};
};

// A live session and the caregiver behind it, as of this transaction.
struct SessionIdentity {
    std::int64_t sessionId = 0;
    protocol::CaregiverSummary caregiver;
    protocol::EpochMs idleExpiresAt = 0;
    protocol::EpochMs absoluteExpiresAt = 0;
};

class SessionRepository {
public:
    static SessionIdentity create(pqxx::transaction_base &tx, const protocol::CaregiverSummary &who,
                                  const SessionToken::Hash &tokenHash,
                                  const SessionTimeouts &timeouts, const std::string &clientAddress);
    // The session for this token if it is unrevoked, unexpired and its caregiver
    // active; extends the idle expiry (never past the absolute one). Writes at
    // most once a minute per session, so busy connections do not turn every
    // request into an UPDATE.
    static std::optional<SessionIdentity> touch(pqxx::transaction_base &tx,
                                                const SessionToken::Hash &tokenHash,
                                                const SessionTimeouts &timeouts);
    static void revoke(pqxx::transaction_base &tx, std::int64_t sessionId,
                       const std::string &reason);
    // Returns how many sessions were revoked.
    static int revokeAllOf(pqxx::transaction_base &tx, std::int64_t caregiverId,
                           std::optional<std::int64_t> exceptSessionId, const std::string &reason);
};

} // namespace caredesk::server
