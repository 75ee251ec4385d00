#pragma once

#include "domain/TimeZone.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace caredesk::domain {

// The system time zone database (the tzdata package), read file by file.
//
// g++ 12 has no std::chrono::tzdb, and switching TZ for localtime_r is not
// thread-safe, so zones are read here directly. Loaded zones are cached for the
// life of the object; load() may be called from any thread.
class TimeZoneDatabase {
public:
    // `directory` holds the TZif files ("America/Denver" is directory/America/Denver).
    explicit TimeZoneDatabase(std::string directory = defaultDirectory());

    // $TZDIR when set and not empty, else /usr/share/zoneinfo.
    static std::string defaultDirectory();

    // Why `name` cannot be an IANA zone name, or nullopt if it can. Names are
    // relative paths of letters, digits, '_', '-', '+' and '.', such as
    // "America/Argentina/Buenos_Aires"; "..", "." and empty components, absolute
    // paths and names over 255 characters are refused, so no name reaches
    // outside the database directory.
    static std::optional<std::string> checkZoneName(std::string_view name);

    // The zone, or an error naming it and saying what is wrong: bad name, no
    // such zone, unreadable or malformed file. Never throws for bad input.
    // "UTC" always loads, with or without the database.
    TimeZoneLoad load(std::string_view name) const;

    const std::string &directory() const { return m_directory; }

private:
    std::string m_directory;
    mutable std::mutex m_mutex;
    mutable std::unordered_map<std::string, std::shared_ptr<const TimeZone>> m_zones;
};

} // namespace caredesk::domain
