// Codec of the state settings and provider list messages declared in
// StateSettingsMessages.h.

#include "domain/OperatingHours.h"
#include "protocol/CodecSupport.h"
#include "protocol/Messages.h"

#include <array>
#include <limits>
#include <string_view>

namespace caredesk::protocol {

namespace {

using codec::kMaxCount;
using codec::kMaxEpochMs;
using codec::kMaxId;
using codec::kMaxTimeZoneBytes;
using codec::readArray;
using codec::readDate;
using codec::readName;
using codec::readStateCode;
using codec::writeArray;
using codec::writeOptional;

constexpr std::array<std::string_view, 3> kStateStatusNames{"open", "busy", "closed"};
// The keys of `weekly`, in StateSchedule::weekly's order.
constexpr std::array<const char *, kWeekdays> kWeekdayNames{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// "HH:MM" from 00:00 to 24:00; whether the ranges make sense together is the
// server's rule (it names the day and range that do not).
std::string readTimeOfDay(BodyReader &in, const char *field) {
    auto text = in.string(field, 0, std::numeric_limits<std::size_t>::max());
    if (in.failed())
        return {};
    if (!domain::parseTimeOfDay(text)) {
        in.fail(ErrorCode::OutOfRange, field, "must be a time of day written HH:MM (00:00-24:00)");
        return {};
    }
    return text;
}

void writeOpeningHours(nlohmann::json &out, const OpeningHours &range) {
    out["opens"] = range.opens;
    out["closes"] = range.closes;
}

void readOpeningHours(BodyReader &in, OpeningHours &range) {
    range.opens = readTimeOfDay(in, "opens");
    range.closes = readTimeOfDay(in, "closes");
}

void writeClosure(nlohmann::json &out, const StateClosure &closure) {
    out["date"] = closure.date;
    out["note"] = closure.note;
}

void readClosure(BodyReader &in, StateClosure &closure) {
    closure.date = readDate(in, "date");
    closure.note = in.string("note", 0, kMaxClosureNoteBytes);
}

void writeSpecialHours(nlohmann::json &out, const SpecialHours &day) {
    out["date"] = day.date;
    writeArray(out, "hours", day.hours, writeOpeningHours);
}

void readSpecialHours(BodyReader &in, SpecialHours &day) {
    day.date = readDate(in, "date");
    readArray(in, "hours", kMaxRangesPerDay, day.hours, readOpeningHours);
}

// The schedule's fields go straight into the enclosing object.
void writeSchedule(nlohmann::json &out, const StateSchedule &schedule) {
    out["timeZone"] = schedule.timeZone;
    out["enabled"] = schedule.enabled;
    auto &weekly = out["weekly"] = nlohmann::json::object();
    for (std::size_t day = 0; day < kWeekdays; ++day) {
        static const std::vector<OpeningHours> kNone;
        writeArray(weekly, kWeekdayNames[day],
                   day < schedule.weekly.size() ? schedule.weekly[day] : kNone, writeOpeningHours);
    }
    writeArray(out, "closures", schedule.closures, writeClosure);
    writeArray(out, "specialHours", schedule.specialHours, writeSpecialHours);
    writeOptional(out, "queueCap", schedule.queueCap);
    writeOptional(out, "busyMaxPerHour", schedule.busyMaxPerHour);
}

void readSchedule(BodyReader &in, StateSchedule &schedule) {
    schedule.timeZone = in.string("timeZone", 1, kMaxTimeZoneBytes);
    schedule.enabled = in.boolean("enabled");
    schedule.weekly.assign(kWeekdays, {});
    in.object("weekly", [&schedule](BodyReader &weekly) {
        for (std::size_t day = 0; day < kWeekdays; ++day)
            readArray(weekly, kWeekdayNames[day], kMaxRangesPerDay, schedule.weekly[day],
                      readOpeningHours);
    });
    readArray(in, "closures", kMaxDatedEntries, schedule.closures, readClosure);
    readArray(in, "specialHours", kMaxDatedEntries, schedule.specialHours, readSpecialHours);
    schedule.queueCap = in.optionalInteger("queueCap", 1, kMaxQueueCap);
    schedule.busyMaxPerHour = in.optionalInteger("busyMaxPerHour", 0, kMaxBusyPerHour);
}

void writeStateSettings(nlohmann::json &out, const StateSettings &state) {
    out["code"] = state.code;
    out["name"] = state.name;
    out["status"] = state.status;
    writeSchedule(out, state.schedule);
    out["timeZones"] = state.timeZones;
    out["version"] = state.version;
    writeOptional(out, "changedAt", state.changedAt);
    writeOptional(out, "changedBy", state.changedBy);
}

void readStateSettings(BodyReader &in, StateSettings &state) {
    state.code = readStateCode(in, "code");
    state.name = in.string("name", 1, kMaxNameBytes);
    state.status = readName(in, "status", kStateStatusNames);
    readSchedule(in, state.schedule);
    state.timeZones = in.stringArray("timeZones", kMaxListItems, 1, kMaxTimeZoneBytes);
    state.version = in.integer("version", 0, kMaxCount);
    state.changedAt = in.optionalInteger("changedAt", 0, kMaxEpochMs);
    state.changedBy = in.optionalString("changedBy", 1, kMaxDisplayNameBytes);
}

void writeProvider(nlohmann::json &out, const ProviderSummary &provider) {
    out["id"] = provider.id;
    out["displayName"] = provider.displayName;
    out["available"] = provider.available;
    out["inVisit"] = provider.inVisit;
    out["states"] = provider.states;
}

void readProvider(BodyReader &in, ProviderSummary &provider) {
    provider.id = in.integer("id", 1, kMaxId);
    provider.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    provider.available = in.boolean("available");
    provider.inVisit = in.boolean("inVisit");
    provider.states = in.stringArray("states", kMaxListItems, 2, 2);
}

} // namespace

void toJson(nlohmann::json &, const ListStateSettings &) {}

void fromJson(BodyReader &, ListStateSettings &) {}

void toJson(nlohmann::json &out, const StateSettingsList &message) {
    writeArray(out, "states", message.states, writeStateSettings);
}

void fromJson(BodyReader &in, StateSettingsList &message) {
    readArray(in, "states", kMaxListItems, message.states, readStateSettings);
}

void toJson(nlohmann::json &out, const UpdateStateSettings &message) {
    out["state"] = message.state;
    out["expectedVersion"] = message.expectedVersion;
    writeSchedule(out, message.schedule);
}

void fromJson(BodyReader &in, UpdateStateSettings &message) {
    message.state = readStateCode(in, "state");
    message.expectedVersion = in.integer("expectedVersion", 0, kMaxCount);
    readSchedule(in, message.schedule);
}

void toJson(nlohmann::json &, const ListProviders &) {}

void fromJson(BodyReader &, ListProviders &) {}

void toJson(nlohmann::json &out, const ProviderList &message) {
    writeArray(out, "providers", message.providers, writeProvider);
}

void fromJson(BodyReader &in, ProviderList &message) {
    readArray(in, "providers", kMaxListItems, message.providers, readProvider);
}

} // namespace caredesk::protocol
