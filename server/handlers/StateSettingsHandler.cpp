#include "handlers/StateSettingsHandler.h"

#include "domain/TimeZoneDatabase.h"
#include "scheduling/QueueFeed.h"
#include "storage/AuditLog.h"
#include "storage/DatabasePool.h"
#include "storage/JurisdictionRepository.h"
#include "storage/ProviderRepository.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using domain::Role;
using protocol::ErrorCode;

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), std::nullopt}};
}

std::string indexed(const std::string &prefix, std::size_t index) {
    return prefix + "[" + std::to_string(index) + "]";
}

protocol::OpeningHours openingFrom(const domain::HoursRange &range) {
    return {domain::formatTimeOfDay(range.open), domain::formatTimeOfDay(range.close)};
}

std::vector<protocol::OpeningHours> openingsFrom(const std::vector<domain::HoursRange> &ranges) {
    std::vector<protocol::OpeningHours> openings;
    for (const auto &range : ranges)
        openings.push_back(openingFrom(range));
    return openings;
}

protocol::StateSchedule scheduleFrom(const StateSettingsRecord &record) {
    const auto &s = record.settings;
    protocol::StateSchedule schedule;
    schedule.timeZone = s.timeZone;
    schedule.enabled = s.enabled;
    for (const auto &day : s.hours.weekly)
        schedule.weekly.push_back(openingsFrom(day));
    for (const auto &date : s.hours.closedDates) {
        const auto note = record.closureNotes.find(date);
        schedule.closures.push_back(
            {domain::formatLocalDate(date),
             note == record.closureNotes.end() ? std::string() : note->second});
    }
    for (const auto &[date, ranges] : s.hours.specialHours)
        schedule.specialHours.push_back({domain::formatLocalDate(date), openingsFrom(ranges)});
    schedule.queueCap = s.queueCap;
    schedule.busyMaxPerHour = s.busyMaxPerHour;
    return schedule;
}

protocol::StateSettings settingsFrom(const StateSettingsRecord &record) {
    protocol::StateSettings settings;
    settings.code = record.settings.code;
    settings.name = record.settings.name;
    settings.status = std::string(domain::stateStatusName(record.settings.manualStatus));
    settings.schedule = scheduleFrom(record);
    settings.timeZones = record.timeZones;
    settings.version = record.version;
    settings.changedAt = record.changedAtMs;
    settings.changedBy = record.changedBy;
    return settings;
}

// The schedule as the audit trail keeps it (the message's own JSON shape).
nlohmann::json auditJson(const protocol::StateSchedule &schedule) {
    nlohmann::json json = nlohmann::json::object();
    protocol::toJson(json, protocol::UpdateStateSettings{{}, 0, schedule});
    json.erase("state");
    json.erase("expectedVersion");
    return json;
}

domain::HoursRange rangeFrom(const protocol::OpeningHours &opening) {
    // The codec admitted only well-formed times.
    return {*domain::parseTimeOfDay(opening.opens), *domain::parseTimeOfDay(opening.closes)};
}

std::vector<domain::HoursRange> rangesFrom(const std::vector<protocol::OpeningHours> &openings) {
    std::vector<domain::HoursRange> ranges;
    for (const auto &opening : openings)
        ranges.push_back(rangeFrom(opening));
    return ranges;
}

std::chrono::year_month_day dateFrom(const std::string &text) {
    return *domain::parseLocalDate(text); // the codec checked it
}

// Where a problem validate() reports sits in the request: "monday[1]" is
// body.weekly.monday[1], "2026-12-24[0]" the special day of that date.
std::string fieldOf(const std::string &where, const protocol::StateSchedule &schedule) {
    const auto bracket = where.find('[');
    const std::string head = where.substr(0, bracket);
    const std::string tail = bracket == std::string::npos ? "" : where.substr(bracket);
    for (int day = 0; day < 7; ++day)
        if (head == domain::weekdayName(day))
            return "body.weekly." + head + tail;
    const std::string date = head.substr(0, head.find(' '));
    for (std::size_t i = 0; i < schedule.specialHours.size(); ++i)
        if (schedule.specialHours[i].date == date)
            return indexed("body.specialHours", i) + ".hours" + tail;
    for (std::size_t i = 0; i < schedule.closures.size(); ++i)
        if (schedule.closures[i].date == date)
            return indexed("body.closures", i) + ".date";
    return "body.weekly";
}

// The edited settings, checked whole; refuses with the first problem found.
StateSettingsRecord applyEdit(const StateSettingsRecord &current,
                              const protocol::UpdateStateSettings &edit,
                              const domain::TimeZoneDatabase &zones) {
    const auto &schedule = edit.schedule;
    if (std::find(current.timeZones.begin(), current.timeZones.end(), schedule.timeZone) ==
        current.timeZones.end())
        refuse(ErrorCode::OutOfRange,
               schedule.timeZone + " is not a time zone of " + current.settings.name,
               "body.timeZone");
    if (const auto zone = zones.load(schedule.timeZone); !zone)
        refuse(ErrorCode::OutOfRange, zone.error, "body.timeZone");

    StateSettingsRecord next = current;
    auto &s = next.settings;
    s.timeZone = schedule.timeZone;
    s.enabled = schedule.enabled;
    s.queueCap =
        schedule.queueCap ? std::optional<int>(static_cast<int>(*schedule.queueCap)) : std::nullopt;
    s.busyMaxPerHour = schedule.busyMaxPerHour
                           ? std::optional<int>(static_cast<int>(*schedule.busyMaxPerHour))
                           : std::nullopt;
    s.hours = {};
    next.closureNotes.clear();
    for (std::size_t day = 0; day < 7 && day < schedule.weekly.size(); ++day)
        s.hours.weekly[day] = rangesFrom(schedule.weekly[day]);
    for (std::size_t i = 0; i < schedule.closures.size(); ++i) {
        const auto date = dateFrom(schedule.closures[i].date);
        if (!s.hours.closedDates.insert(date).second)
            refuse(ErrorCode::OutOfRange, schedule.closures[i].date + " is listed twice",
                   indexed("body.closures", i) + ".date");
        next.closureNotes[date] = schedule.closures[i].note;
    }
    for (std::size_t i = 0; i < schedule.specialHours.size(); ++i) {
        const auto &day = schedule.specialHours[i];
        const std::string field = indexed("body.specialHours", i);
        if (day.hours.empty())
            refuse(ErrorCode::OutOfRange,
                   "a special day needs at least one opening; to close the whole day, add it "
                   "as a holiday",
                   field + ".hours");
        if (!s.hours.specialHours.emplace(dateFrom(day.date), rangesFrom(day.hours)).second)
            refuse(ErrorCode::OutOfRange, day.date + " is listed twice", field + ".date");
    }
    if (const auto problems = s.hours.validate(); !problems.empty())
        refuse(ErrorCode::OutOfRange, problems.front().where + ": " + problems.front().message,
               fieldOf(problems.front().where, schedule));
    return next;
}

void updateSettings(pqxx::work &tx, Request &request, const protocol::UpdateStateSettings &edit,
                    const domain::TimeZoneDatabase &zones) {
    const auto current = JurisdictionRepository::lockSettings(tx, edit.state);
    if (!current)
        refuse(ErrorCode::NotFound, edit.state + " is not a state or territory", "body.state");
    if (current->version != edit.expectedVersion)
        refuse(ErrorCode::Conflict,
               current->settings.name + "'s settings were changed" +
                   (current->changedBy ? " by " + *current->changedBy : std::string()) +
                   " since you opened them; reload them and make your change again",
               "body.expectedVersion");
    const auto next = applyEdit(*current, edit, zones);
    if (current->settings.enabled && !next.settings.enabled) {
        const auto open = JurisdictionRepository::openVisitCount(tx, edit.state);
        if (open > 0)
            refuse(ErrorCode::InvalidTransition,
                   std::to_string(open) + (open == 1 ? " visit is" : " visits are") +
                       " still open in " + current->settings.name +
                       "; close the state and let its queue empty before you stop offering it",
                   "body.enabled");
    }
    const auto &caregiver = request.identity().caregiver;
    JurisdictionRepository::saveSettings(tx, next, caregiver.id);

    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = caregiver.id;
    event.action = "state.settings_changed";
    event.subjectType = "state";
    event.subjectId = edit.state;
    event.clientAddress = request.connection().remoteAddress();
    event.detail = {{"version", current->version + 1},
                    {"before", auditJson(scheduleFrom(*current))},
                    {"after", auditJson(edit.schedule)}};
    AuditLog::append(tx, event);
    QueueFeed::notifyQueueChange(tx, "state:" + edit.state);

    const auto saved = JurisdictionRepository::lockSettings(tx, edit.state);
    request.stageReply(protocol::StateSettingsList{{settingsFrom(*saved)}});
}

} // namespace

StateSettingsHandler::StateSettingsHandler(const domain::TimeZoneDatabase &zones)
    : m_zones(zones) {}

void StateSettingsHandler::registerRoutes(RouteTable &routes) {
    const domain::RoleSet staff{Role::Support, Role::Admin};
    routes.authenticated<protocol::ListStateSettings>(
        staff, [](pqxx::work &tx, Request &request, const protocol::ListStateSettings &) {
            protocol::StateSettingsList list;
            for (const auto &record : JurisdictionRepository::allSettings(tx))
                list.states.push_back(settingsFrom(record));
            request.stageReply(list);
        });
    routes.authenticated<protocol::UpdateStateSettings>(
        {Role::Admin},
        [this](pqxx::work &tx, Request &request, const protocol::UpdateStateSettings &m) {
            updateSettings(tx, request, m, m_zones);
        });
    routes.authenticated<protocol::ListProviders>(
        staff, [](pqxx::work &tx, Request &request, const protocol::ListProviders &) {
            request.stageReply(protocol::ProviderList{ProviderRepository::summaries(tx)});
        });
}

} // namespace caredesk::server
