#pragma once

// Bodies of the messages that configure states (hours, holidays, intake limits)
// and list the providers staff can hand visits to. Included by Messages.h.

#include "protocol/MessageType.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::protocol {

inline constexpr std::size_t kWeekdays = 7;
inline constexpr std::size_t kMaxRangesPerDay = 8;
inline constexpr std::size_t kMaxDatedEntries = 400; // holidays, special days
inline constexpr std::size_t kMaxClosureNoteBytes = 200;
inline constexpr std::int64_t kMaxQueueCap = 100000;
inline constexpr std::int64_t kMaxBusyPerHour = 10000;

// One opening in the state's local wall clock time, "HH:MM" each; a close not
// after the open runs past midnight ("18:00"-"06:00"), "24:00" is midnight.
struct OpeningHours {
    std::string opens;
    std::string closes;
    bool operator==(const OpeningHours &) const = default;
};

struct StateClosure { // a whole local day without visits, e.g. a holiday
    std::string date; // "YYYY-MM-DD"
    std::string note; // "Thanksgiving"; may be empty
    bool operator==(const StateClosure &) const = default;
};

struct SpecialHours { // one local day with other hours than its weekday's
    std::string date;
    std::vector<OpeningHours> hours; // replaces the weekday's ranges that day
    bool operator==(const SpecialHours &) const = default;
};

// Everything an admin sets for a state in one go; an update replaces it whole.
// On the wire its fields sit directly in the message body.
struct StateSchedule {
    std::string timeZone;                          // IANA name, one of the state's zones
    bool enabled = false;                          // offered to patients at all
    std::vector<std::vector<OpeningHours>> weekly; // exactly 7 days, Sunday first
    std::vector<StateClosure> closures;
    std::vector<SpecialHours> specialHours;
    std::optional<std::int64_t> queueCap;       // most visits in line; none: no fixed cap
    std::optional<std::int64_t> busyMaxPerHour; // new visits per rolling hour while busy;
                                                // none: busy does not throttle
    bool operator==(const StateSchedule &) const = default;
};

struct StateSettings {
    std::string code;
    std::string name;
    std::string status; // as staff set it: "open" | "busy" | "closed"
    StateSchedule schedule;
    std::vector<std::string> timeZones;    // the zones the state may be given
    std::int64_t version = 0;              // +1 on every settings change
    std::optional<std::int64_t> changedAt; // EpochMs of the last settings change
    std::optional<std::string> changedBy;  // who made it (display name)
    bool operator==(const StateSettings &) const = default;
};

struct ListStateSettings {
    static constexpr MessageType kType = MessageType::ListStateSettings;
    bool operator==(const ListStateSettings &) const = default;
};

struct StateSettingsList {
    static constexpr MessageType kType = MessageType::StateSettingsList;
    std::vector<StateSettings> states; // by name; after an update, the one updated
    bool operator==(const StateSettingsList &) const = default;
};

struct UpdateStateSettings {
    static constexpr MessageType kType = MessageType::UpdateStateSettings;
    std::string state;
    std::int64_t expectedVersion = 0; // the version read; another one means "conflict"
    StateSchedule schedule;
    bool operator==(const UpdateStateSettings &) const = default;
};

// --- providers --------------------------------------------------------------------

struct ProviderSummary {
    std::int64_t id = 0;
    std::string displayName;
    bool available = false;
    bool inVisit = false;            // has a visit assigned or in progress
    std::vector<std::string> states; // where a license is in force now
    bool operator==(const ProviderSummary &) const = default;
};

struct ListProviders {
    static constexpr MessageType kType = MessageType::ListProviders;
    bool operator==(const ListProviders &) const = default;
};

struct ProviderList {
    static constexpr MessageType kType = MessageType::ProviderList;
    std::vector<ProviderSummary> providers; // active providers, by name
    bool operator==(const ProviderList &) const = default;
};

} // namespace caredesk::protocol
