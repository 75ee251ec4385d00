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

// kColumns' seven first, then the editor's.
constexpr const char *kSettingsColumns =
    "SELECT j.code, j.name, j.time_zone, j.enabled, j.status, j.queue_cap, "
    "       j.busy_max_per_hour, j.settings_version, "
    "       (extract(epoch FROM j.settings_changed_at) * 1000)::bigint, c.display_name "
    "FROM jurisdictions j LEFT JOIN caregivers c ON c.id = j.settings_changed_by ";

std::chrono::year_month_day dateFrom(const pqxx::row &row, int first) {
    return std::chrono::year_month_day{
        std::chrono::year(row[first].as<int>()),
        std::chrono::month(static_cast<unsigned>(row[first + 1].as<int>())),
        std::chrono::day(static_cast<unsigned>(row[first + 2].as<int>()))};
}

constexpr const char *kMinutesOfDay =
    "extract(hour FROM {0})::int * 60 + extract(minute FROM {0})::int";

std::string minutesOf(const char *column) {
    std::string sql = kMinutesOfDay;
    for (auto at = sql.find("{0}"); at != std::string::npos; at = sql.find("{0}"))
        sql.replace(at, 3, column);
    return sql;
}

// Hours, closures and special days for the given states, filled into their
// settings; the closures' notes too when asked for.
void loadHours(pqxx::transaction_base &tx, std::vector<JurisdictionSettings *> states,
               std::map<std::string, std::map<std::chrono::year_month_day, std::string>>
                   *closureNotes = nullptr) {
    std::map<std::string, JurisdictionSettings *> byCode;
    for (auto *s : states)
        byCode[s->code] = s;
    const auto hours = tx.exec("SELECT jurisdiction_code, weekday, " + minutesOf("opens_at") +
                               ", " + minutesOf("closes_at") +
                               " FROM jurisdiction_hours ORDER BY jurisdiction_code, weekday, "
                               "opens_at");
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
                                  "extract(day FROM closed_on)::int, note "
                                  "FROM jurisdiction_closures");
    for (const auto &row : closures) {
        const auto it = byCode.find(row[0].as<std::string>());
        if (it == byCode.end())
            continue;
        const auto date = dateFrom(row, 1);
        it->second->hours.closedDates.insert(date);
        if (closureNotes)
            (*closureNotes)[it->first][date] = row[4].as<std::string>();
    }
    const auto special =
        tx.exec("SELECT jurisdiction_code, extract(year FROM day)::int, "
                "extract(month FROM day)::int, extract(day FROM day)::int, " +
                minutesOf("opens_at") + ", " + minutesOf("closes_at") +
                " FROM jurisdiction_special_hours ORDER BY jurisdiction_code, day, opens_at");
    for (const auto &row : special) {
        const auto it = byCode.find(row[0].as<std::string>());
        if (it == byCode.end())
            continue;
        domain::HoursRange range;
        range.open = std::chrono::minutes(row[4].as<int>());
        range.close = std::chrono::minutes(row[5].as<int>());
        it->second->hours.specialHours[dateFrom(row, 1)].push_back(range);
    }
}

std::vector<JurisdictionSettings *> pointersTo(std::vector<JurisdictionSettings> &states) {
    std::vector<JurisdictionSettings *> pointers;
    for (auto &s : states)
        pointers.push_back(&s);
    return pointers;
}

std::vector<StateSettingsRecord> readSettings(pqxx::transaction_base &tx,
                                              const pqxx::result &rows) {
    std::vector<StateSettingsRecord> records;
    for (const auto &row : rows) {
        StateSettingsRecord record;
        record.settings = settingsFrom(row);
        record.version = row[7].as<std::int64_t>();
        record.changedAtMs = row[8].get<std::int64_t>();
        record.changedBy = row[9].get<std::string>();
        records.push_back(std::move(record));
    }
    std::vector<JurisdictionSettings *> states;
    std::map<std::string, StateSettingsRecord *> byCode;
    for (auto &record : records) {
        states.push_back(&record.settings);
        byCode[record.settings.code] = &record;
    }
    std::map<std::string, std::map<std::chrono::year_month_day, std::string>> notes;
    loadHours(tx, states, &notes);
    for (auto &[code, dated] : notes)
        byCode.at(code)->closureNotes = std::move(dated);
    for (const auto &row : tx.exec("SELECT jurisdiction_code, time_zone FROM "
                                   "jurisdiction_time_zones ORDER BY jurisdiction_code, "
                                   "time_zone"))
        if (const auto it = byCode.find(row[0].as<std::string>()); it != byCode.end())
            it->second->timeZones.push_back(row[1].as<std::string>());
    return records;
}

} // namespace

std::vector<JurisdictionSettings> JurisdictionRepository::enabled(pqxx::transaction_base &tx) {
    std::vector<JurisdictionSettings> states;
    for (const auto &row : tx.exec(std::string(kColumns) + "WHERE enabled ORDER BY name"))
        states.push_back(settingsFrom(row));
    loadHours(tx, pointersTo(states));
    return states;
}

std::optional<JurisdictionSettings>
JurisdictionRepository::lockForIntake(pqxx::transaction_base &tx, const std::string &code) {
    const auto rows =
        tx.exec_params(std::string(kColumns) + "WHERE code = $1 AND enabled FOR UPDATE", code);
    if (rows.empty())
        return std::nullopt;
    std::vector<JurisdictionSettings> one{settingsFrom(rows[0])};
    loadHours(tx, pointersTo(one));
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

std::vector<StateSettingsRecord> JurisdictionRepository::allSettings(pqxx::transaction_base &tx) {
    return readSettings(tx, tx.exec(std::string(kSettingsColumns) + "ORDER BY j.name"));
}

std::optional<StateSettingsRecord> JurisdictionRepository::lockSettings(pqxx::transaction_base &tx,
                                                                        const std::string &code) {
    auto records = readSettings(
        tx,
        tx.exec_params(std::string(kSettingsColumns) + "WHERE j.code = $1 FOR UPDATE OF j", code));
    if (records.empty())
        return std::nullopt;
    return std::move(records.front());
}

void JurisdictionRepository::saveSettings(pqxx::transaction_base &tx,
                                          const StateSettingsRecord &record,
                                          std::int64_t caregiverId) {
    const auto &s = record.settings;
    tx.exec_params0("UPDATE jurisdictions SET time_zone = $2, enabled = $3, queue_cap = $4, "
                    "       busy_max_per_hour = $5, settings_version = settings_version + 1, "
                    "       settings_changed_by = $6, settings_changed_at = now(), "
                    "       updated_at = now() "
                    "WHERE code = $1",
                    s.code, s.timeZone, s.enabled, s.queueCap, s.busyMaxPerHour, caregiverId);
    tx.exec_params0("DELETE FROM jurisdiction_hours WHERE jurisdiction_code = $1", s.code);
    tx.exec_params0("DELETE FROM jurisdiction_closures WHERE jurisdiction_code = $1", s.code);
    tx.exec_params0("DELETE FROM jurisdiction_special_hours WHERE jurisdiction_code = $1", s.code);
    // Times go in as "HH:MM"; PostgreSQL takes "24:00" as a time too.
    for (std::size_t day = 0; day < s.hours.weekly.size(); ++day)
        for (const auto &range : s.hours.weekly[day])
            tx.exec_params0("INSERT INTO jurisdiction_hours "
                            "(jurisdiction_code, weekday, opens_at, closes_at) "
                            "VALUES ($1, $2, $3::time, $4::time)",
                            s.code, static_cast<int>(day), domain::formatTimeOfDay(range.open),
                            domain::formatTimeOfDay(range.close));
    for (const auto &date : s.hours.closedDates) {
        const auto note = record.closureNotes.find(date);
        tx.exec_params0("INSERT INTO jurisdiction_closures (jurisdiction_code, closed_on, note) "
                        "VALUES ($1, $2::date, $3)",
                        s.code, domain::formatLocalDate(date),
                        note == record.closureNotes.end() ? std::string() : note->second);
    }
    for (const auto &[date, ranges] : s.hours.specialHours)
        for (const auto &range : ranges)
            tx.exec_params0("INSERT INTO jurisdiction_special_hours "
                            "(jurisdiction_code, day, opens_at, closes_at) "
                            "VALUES ($1, $2::date, $3::time, $4::time)",
                            s.code, domain::formatLocalDate(date),
                            domain::formatTimeOfDay(range.open),
                            domain::formatTimeOfDay(range.close));
}

std::int64_t JurisdictionRepository::openVisitCount(pqxx::transaction_base &tx,
                                                    const std::string &code) {
    return tx
        .exec_params1("SELECT count(*) FROM visits WHERE jurisdiction_code = $1 "
                      "AND status IN ('waiting', 'ready', 'assigned', 'in_visit')",
                      code)[0]
        .as<std::int64_t>();
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
