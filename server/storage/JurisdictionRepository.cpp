#include "storage/JurisdictionRepository.h"

#include "storage/SqlParameters.h"

#include <map>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

domain::StateStatus statusFrom(const std::string &name) {
    return domain::stateStatusFromName(name).value_or(domain::StateStatus::Closed);
}

JurisdictionSettings settingsFrom(const pqxx::row &row) {
    JurisdictionSettings s;
    s.code = row[0].as<std::string>();
    s.name = row[1].as<std::string>();
    s.timeZone = row[2].as<std::string>();
    s.enabled = row[3].as<bool>();
    s.manualStatus = statusFrom(row[4].as<std::string>());
    s.queueCap = row[5].get<int>();
    s.busyMaxPerHour = row[6].get<int>();
    return s;
}

constexpr const char *kColumns =
    "SELECT code, name, time_zone, enabled, status, queue_cap, busy_max_per_hour "
    "FROM jurisdictions ";

// Hours and closures for the given states, filled into their settings.
void loadHours(pqxx::transaction_base &tx, std::vector<JurisdictionSettings> &states) {
    std::map<std::string, JurisdictionSettings *> byCode;
    for (auto &s : states)
        byCode[s.code] = &s;
    const auto hours = tx.exec(
        "SELECT jurisdiction_code, weekday, "
        "       extract(hour FROM opens_at)::int * 60 + extract(minute FROM opens_at)::int, "
        "       extract(hour FROM closes_at)::int * 60 + extract(minute FROM closes_at)::int "
        "FROM jurisdiction_hours ORDER BY jurisdiction_code, weekday, opens_at");
    for (const auto &row : hours) {
        const auto it = byCode.find(row[0].as<std::string>());
        if (it == byCode.end())
            continue;
        const int weekday = row[1].as<int>();
        domain::HoursRange range;
        range.open = std::chrono::minutes(row[2].as<int>());
        range.close = std::chrono::minutes(row[3].as<int>());
        it->second->hours.weekly.at(static_cast<std::size_t>(weekday)).push_back(range);
    }
    const auto closures = tx.exec("SELECT jurisdiction_code, extract(year FROM closed_on)::int, "
                                  "extract(month FROM closed_on)::int, "
                                  "extract(day FROM closed_on)::int FROM jurisdiction_closures");
    for (const auto &row : closures) {
        const auto it = byCode.find(row[0].as<std::string>());
        if (it == byCode.end())
            continue;
        it->second->hours.closedDates.insert(
            std::chrono::year_month_day{std::chrono::year(row[1].as<int>()),
                                        std::chrono::month(static_cast<unsigned>(row[2].as<int>())),
                                        std::chrono::day(static_cast<unsigned>(row[3].as<int>()))});
    }
}

} // namespace

std::vector<JurisdictionSettings> JurisdictionRepository::enabled(pqxx::transaction_base &tx) {
    std::vector<JurisdictionSettings> states;
    for (const auto &row : tx.exec(std::string(kColumns) + "WHERE enabled ORDER BY name"))
        states.push_back(settingsFrom(row));
    loadHours(tx, states);
    return states;
}

std::optional<JurisdictionSettings>
JurisdictionRepository::lockForIntake(pqxx::transaction_base &tx, const std::string &code) {
    const auto rows =
        tx.exec_params(std::string(kColumns) + "WHERE code = $1 AND enabled FOR UPDATE", code);
    if (rows.empty())
        return std::nullopt;
    std::vector<JurisdictionSettings> one{settingsFrom(rows[0])};
    loadHours(tx, one);
    return one.front();
}

bool JurisdictionRepository::setStatus(pqxx::transaction_base &tx, const std::string &code,
                                       domain::StateStatus status, std::int64_t caregiverId) {
    const auto result = tx.exec_params(
        "UPDATE jurisdictions SET status = $2, status_changed_by = $3, status_changed_at = now(), "
        "       updated_at = now() WHERE code = $1 AND enabled",
        code, std::string(domain::stateStatusName(status)), caregiverId);
    return result.affected_rows() == 1;
}

std::vector<std::chrono::sys_seconds>
JurisdictionRepository::arrivalsSince(pqxx::transaction_base &tx, const std::string &code,
                                      std::chrono::seconds window) {
    std::vector<std::chrono::sys_seconds> times;
    for (const auto &row :
         tx.exec_params("SELECT extract(epoch FROM requested_at)::bigint FROM visits "
                        "WHERE jurisdiction_code = $1 AND requested_at > now() - $2::interval",
                        code, intervalParameter(window)))
        times.emplace_back(std::chrono::seconds(row[0].as<std::int64_t>()));
    return times;
}

} // namespace caredesk::server
