#pragma once

#include "protocol/StateSettingsMessages.h"

#include <string>

namespace caredesk::console::test {

// State settings for tests, valid by the protocol's rules: Texas as the
// protocol's example has it (two openings on Friday, one overnight; a holiday,
// a special day, both limits), and other states with plain weekday hours.

inline protocol::StateSettings plainState(const std::string &code, const std::string &name,
                                          bool enabled = true) {
    protocol::StateSettings state;
    state.code = code;
    state.name = name;
    state.status = "open";
    state.timeZones = {"America/New_York"};
    state.schedule.timeZone = "America/New_York";
    state.schedule.enabled = enabled;
    state.schedule.weekly.assign(7, {});
    for (std::size_t day = 1; day <= 5; ++day)
        state.schedule.weekly[day] = {{"09:00", "17:00"}};
    state.version = 1;
    return state;
}

inline protocol::StateSettings texasSettings() {
    protocol::StateSettings state;
    state.code = "TX";
    state.name = "Texas";
    state.status = "busy";
    state.timeZones = {"America/Chicago", "America/Denver"};
    protocol::StateSchedule &schedule = state.schedule;
    schedule.timeZone = "America/Chicago";
    schedule.enabled = true;
    schedule.weekly.assign(7, {{"08:00", "20:00"}});
    schedule.weekly[0] = {};
    schedule.weekly[5] = {{"08:00", "20:00"}, {"22:00", "02:00"}};
    schedule.closures = {{"2026-11-26", "Thanksgiving"}, {"2026-12-25", ""}};
    schedule.specialHours = {{"2026-12-24", {{"08:00", "12:00"}}},
                             {"2026-12-31", {{"08:00", "12:00"}, {"18:00", "24:00"}}}};
    schedule.queueCap = 40;
    schedule.busyMaxPerHour = 12;
    state.version = 7;
    state.changedAt = 1'772'463'600'000;
    state.changedBy = "Alex Morgan";
    return state;
}

} // namespace caredesk::console::test
