#pragma once

#include "domain/OperatingHours.h"
#include "domain/StateStatus.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

// A state as intake and the queue board need it: zone, hours, closures,
// what staff set, and its intake limits.
struct JurisdictionSettings {
    std::string code;
    std::string name;
    std::string timeZone;
    bool enabled = false;
    domain::StateStatus manualStatus = domain::StateStatus::Closed;
    std::optional<int> queueCap;
    std::optional<int> busyMaxPerHour;
    domain::OperatingHours hours;
};

class JurisdictionRepository {
public:
    // Every enabled state with its hours and closures (three queries in all).
    static std::vector<JurisdictionSettings> enabled(pqxx::transaction_base &tx);
    // Locks the state's row until the transaction ends, so intake decisions for
    // one state are made one at a time (the cap and busy limits stay exact).
    static std::optional<JurisdictionSettings> lockForIntake(pqxx::transaction_base &tx,
                                                             const std::string &code);
    // Returns false when there is no such enabled state.
    static bool setStatus(pqxx::transaction_base &tx, const std::string &code,
                          domain::StateStatus status, std::int64_t caregiverId);
    // When visits of the state were requested within the window, for the busy limit.
    static std::vector<std::chrono::sys_seconds> arrivalsSince(pqxx::transaction_base &tx,
                                                               const std::string &code,
                                                               std::chrono::seconds window);
};

} // namespace caredesk::server
