#pragma once

#include "domain/ProviderAvailability.h"
#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

// What a provider set, as of this transaction (no row: offline, no shift).
struct ProviderAvailability {
    domain::AvailabilityStatus status = domain::AvailabilityStatus::Offline; // never InVisit
    std::optional<protocol::EpochMs> shiftStartsAt;
    std::optional<protocol::EpochMs> shiftEndsAt;
    bool onShift = true;                        // now() within the shift, or no shift
    bool shiftOver = false;                     // the shift has an end, and it has passed
    std::optional<protocol::EpochMs> changedAt; // none if never set
};

// What decides whether a caregiver can be routed visits at all, as of this transaction.
struct ProviderStanding {
    bool active = false;
    bool provider = false; // holds the provider role
    ProviderAvailability availability;
    bool routable() const {
        return active && provider && availability.onShift &&
               availability.status == domain::AvailabilityStatus::Available;
    }
};

// A provider who can be routed visits now, with every state they may take.
struct RoutableProvider {
    std::int64_t caregiverId = 0;
    std::string displayName;
    std::vector<std::string> states;               // sorted
    std::optional<std::int64_t> currentVisitId;    // an assigned or in_visit visit
    std::optional<protocol::EpochMs> currentSince; // when that visit started, or was assigned
};

struct StateProviderCount {
    std::string jurisdictionCode;
    int providers = 0; // distinct providers routable in this state
};

// Provider availability and licensure. "In force" means verified and not yet
// expired at the transaction's now(), where a license lasts through the end of
// its expiry date in the state's own time zone (see the active_licenses view).
class ProviderRepository {
public:
    // Returns whether the provider's status changed (no row counts as
    // offline; setting the same value again keeps changed_at).
    static bool setStatus(pqxx::transaction_base &tx, std::int64_t caregiverId,
                          domain::AvailabilityStatus status);
    // Replaces the shift (neither end: no shift); keeps the status.
    static void setShift(pqxx::transaction_base &tx, std::int64_t caregiverId,
                         std::optional<protocol::EpochMs> startsAt,
                         std::optional<protocol::EpochMs> endsAt);
    // With forUpdate, locks the row (when there is one) until the transaction ends.
    static ProviderAvailability availability(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                             bool forUpdate = false);

    // nullopt: no such caregiver. Takes a share lock on the caregiver's row and
    // availability row, so a deactivation, role change, status or shift change
    // waits for this transaction instead of slipping in under a routing decision.
    static std::optional<ProviderStanding> lockStanding(pqxx::transaction_base &tx,
                                                        std::int64_t caregiverId);

    // States where the caregiver holds a license in force, sorted (whatever their roles).
    static std::vector<std::string> licensedStates(pqxx::transaction_base &tx,
                                                   std::int64_t caregiverId);
    static bool isLicensedIn(pqxx::transaction_base &tx, std::int64_t caregiverId,
                             const std::string &jurisdictionCode);

    // Every provider who can take visits now (active, provider role, available,
    // within their shift, at least one license in force), by id.
    static std::vector<RoutableProvider> routableProviders(pqxx::transaction_base &tx);
    // Every active provider as the coverage board shows them, by id: the status
    // in effect (in_visit while a visit is theirs), shift, licensed states.
    static std::vector<protocol::ProviderStatus> statuses(pqxx::transaction_base &tx);
    // Every active caregiver with the provider role, by name: availability,
    // whether they have a visit now, and the states where a license is in force.
    static std::vector<protocol::ProviderSummary> summaries(pqxx::transaction_base &tx);
    // Per state with at least one, how many distinct providers can take its visits now.
    static std::vector<StateProviderCount> routableCountsByState(pqxx::transaction_base &tx);
};

} // namespace caredesk::server
