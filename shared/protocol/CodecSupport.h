#pragma once

// Reading rules the codec's source files share (Messages.cpp, VisitMessages.cpp,
// StateSettingsMessages.cpp). Internal to caredesk_protocol: peers see only
// their effect on the wire.

#include "domain/Role.h"
#include "protocol/BodyReader.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::protocol::codec {

// Year 9999: far beyond any real time, small enough for every client language.
inline constexpr std::int64_t kMaxEpochMs = 253402300799999;
inline constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
// Counts, positions and durations in seconds.
inline constexpr std::int64_t kMaxCount = std::numeric_limits<std::int64_t>::max();
// Text written for a person to read: error messages, refusals, notices.
inline constexpr std::size_t kMaxTextBytes = 2000;
// An IANA time zone name, e.g. "America/Indiana/Indianapolis".
inline constexpr std::size_t kMaxTimeZoneBytes = 64;

// Visit statuses by wire name (visits, queue rows, chat threads).
inline constexpr std::array<std::string_view, 9> kVisitStatusNames{
    "waiting",   "ready",   "assigned", "in_visit", "completed",
    "cancelled", "removed", "no_show",  "left",
};

// A time on the wire: milliseconds since the Unix epoch, UTC.
std::int64_t readTime(BodyReader &in, const char *field);
std::optional<std::int64_t> readOptionalTime(BodyReader &in, const char *field);

// A required string that must be one of names (an enumeration sent by name);
// out_of_range otherwise, with the message listing the names. "" on failure.
std::string readName(BodyReader &in, const char *field, std::span<const std::string_view> names);

// Two capital letters naming a US state or territory: the jurisdiction.
std::string readStateCode(BodyReader &in, const char *field);

// "YYYY-MM-DD", a day of the Gregorian calendar from 1900 to 2100. Whether it
// is in the past or the future is the server's rule: it depends on its clock.
std::string readDate(BodyReader &in, const char *field);

// An array of role names ("support", "provider", "admin"), each at most once.
domain::RoleSet readRoles(BodyReader &in, const char *field);

template <class T>
void writeOptional(nlohmann::json &out, const char *field, const std::optional<T> &value) {
    if (value)
        out[field] = *value;
}

template <class T, class Write>
void writeArray(nlohmann::json &out, const char *field, const std::vector<T> &items, Write write) {
    auto &array = out[field] = nlohmann::json::array();
    for (const auto &item : items)
        write(array.emplace_back(nlohmann::json::object()), item);
}

template <class T, class Read>
void readArray(BodyReader &in, const char *field, std::size_t maxItems, std::vector<T> &items,
               Read read) {
    in.objectArray(field, maxItems,
                   [&items, &read](BodyReader &item) { read(item, items.emplace_back()); });
}

} // namespace caredesk::protocol::codec
