#pragma once

#include "security/SessionToken.h"

#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace caredesk::server {

// One-time activation codes for caregiver accounts. Only the code's SHA-256
// is stored; the code itself is handed to the admin once.
class InviteRepository {
public:
    struct Issued {
        std::string token;
        std::int64_t expiresAt = 0; // EpochMs
    };

    // Voids the caregiver's open invitations and issues a new one.
    static Issued issue(pqxx::transaction_base &tx, std::int64_t caregiverId,
                        std::optional<std::int64_t> issuedBy, std::chrono::seconds validFor);
    // Returns how many open invitations were voided.
    static int voidOpen(pqxx::transaction_base &tx, std::int64_t caregiverId);
    // The caregiver an open, unexpired invitation belongs to, with the
    // invitation marked used; nullopt (and nothing written) otherwise.
    static std::optional<std::int64_t> redeem(pqxx::transaction_base &tx,
                                              const SessionToken::Hash &tokenHash);
};

} // namespace caredesk::server
