#pragma once

#include "domain/OperatingHours.h"
#include "domain/StateStatus.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <cstdint>
#include <map>
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

// A state's settings as admins see and edit them: JurisdictionSettings plus
// what only the editor needs.
struct StateSettingsRecord {
    JurisdictionSettings settings; // hours include closures and special days
    std::map<std::chrono::year_month_day, std::string> closureNotes;
    std::vector<std::string> timeZones; // the zones the state may be given
    std::int64_t version = 1;
    std::optional<std::int64_t> changedAtMs;
    std::optional<std::string> changedBy; // display name
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
    // Every jurisdiction, offered or not, by name.
    static std::vector<StateSettingsRecord> allSettings(pqxx::transaction_base &tx);
    // One jurisdiction's settings, its row locked until the transaction ends
    // (so two admins' saves, and intake, run one after the other).
    static std::optional<StateSettingsRecord> lockSettings(pqxx::transaction_base &tx,
                                                           const std::string &code);
    // Replaces zone, enabled, limits, weekly hours, closures and special days
    // whole; bumps the version and records who and when. The caller has locked
    // the row and validated the values.
    static void saveSettings(pqxx::transaction_base &tx, const StateSettingsRecord &record,
                             std::int64_t caregiverId);
    // Visits of the state in line or with a provider now.
    static std::int64_t openVisitCount(pqxx::transaction_base &tx, const std::string &code);
    // When visits of the state were requested within the window, for the busy limit.
    static std::vector<std::chrono::sys_seconds>
    arrivalsSince(pqxx::transaction_base &tx, const std::string &code, std::chrono::seconds window);
};

} // namespace caredesk::server
