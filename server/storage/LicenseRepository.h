#pragma once

#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

// What an admin writes on a license (everything but who reviewed it and when).
struct LicenseFields {
    std::string state;
    std::string number;
    std::string type;
    std::optional<std::string> issuedOn; // "YYYY-MM-DD"
    std::string expiresOn;
    std::string reviewNote;
};

// How a write treats the review stamps (verified_* / rejected_*).
enum class LicenseReview {
    Keep,    // leave them as they are
    Verify,  // verified now by the reviewer
    Reject,  // rejected now by the reviewer
    Pending, // neither: waits for review
};

// State licenses of providers. "In force" (licenses_in_force) means verified
// and not past the end of its expiry date in the state's own time zone.
class LicenseRepository {
public:
    // By caregiver name, then state; either filter may be absent.
    static std::vector<protocol::License> list(pqxx::transaction_base &tx,
                                               std::optional<std::int64_t> caregiverId,
                                               const std::optional<std::string> &state);
    static std::optional<protocol::License> find(pqxx::transaction_base &tx, std::int64_t id,
                                                 bool forUpdate = false);
    static std::optional<protocol::License> findByNumber(pqxx::transaction_base &tx,
                                                         std::int64_t caregiverId,
                                                         const std::string &state,
                                                         const std::string &number);
    // Returns the new id; nullopt if the provider already has that number in that state.
    static std::optional<std::int64_t> insert(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                              const LicenseFields &fields, LicenseReview review,
                                              std::int64_t reviewerId);
    // Bumps the version. False if another license of the provider already has
    // that number in that state.
    static bool update(pqxx::transaction_base &tx, std::int64_t id, const LicenseFields &fields,
                       LicenseReview review, std::int64_t reviewerId);
    // Active caregivers with the provider role and no license in force, by name.
    static std::vector<protocol::ProviderWithoutLicense>
    providersWithoutLicense(pqxx::transaction_base &tx);
};

} // namespace caredesk::server
