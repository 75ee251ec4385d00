#pragma once

#include "domain/PosixTimeZoneRule.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::domain {

class TimeZone;

// A loaded zone, or the reason there is none.
struct TimeZoneLoad {
    std::shared_ptr<const TimeZone> zone;
    std::string error; // set when zone is null; names the zone and the problem

    explicit operator bool() const { return zone != nullptr; }
};

// How one local civil time maps to instants.
struct LocalTimeResolution {
    enum class Kind {
        Unique,  // exactly one instant shows this wall clock time
        Gap,     // skipped by a spring-forward change: no instant shows it
        Overlap, // repeated by a fall-back change: two instants show it
    };
    Kind kind = Kind::Unique;
    // Unique: the instant. Gap: the instant the policy picks (see TimeZone::toUtc).
    // Overlap: the earlier of the two.
    std::chrono::sys_seconds instant;
    // Overlap: the later of the two instants; otherwise equal to `instant`.
    std::chrono::sys_seconds laterInstant;
};

// One IANA time zone, read from a TZif file (RFC 8536, versions 1 to 4).
//
// Instants are UTC seconds (std::chrono::sys_seconds); wall clock readings are
// std::chrono::local_seconds. Immutable once built, so one instance is shared
// by all threads.
//
// Zones with leap seconds ("right/...") are refused: every instant here is
// POSIX time, as everywhere else in CareDesk.
class TimeZone {
public:
    // Parses TZif bytes. Every count and index is checked against the data, so
    // truncated or garbage input gives an error, never a crash or a huge
    // allocation. `name` is only used for identity and messages.
    static TimeZoneLoad fromTzif(std::string name, std::string_view bytes);

    // A zone built from a POSIX TZ rule alone ("MST7", "EST5EDT,M3.2.0,M11.1.0").
    static TimeZoneLoad fromPosixRule(std::string name, std::string_view rule);

    // Coordinated Universal Time; needs no file.
    static std::shared_ptr<const TimeZone> utc();

    const std::string &name() const { return m_name; }

    const LocalTimeType &localTimeTypeAt(std::chrono::sys_seconds instant) const;
    std::chrono::seconds offsetAt(std::chrono::sys_seconds instant) const {
        return localTimeTypeAt(instant).utcOffset;
    }
    const std::string &abbreviationAt(std::chrono::sys_seconds instant) const {
        return localTimeTypeAt(instant).abbreviation;
    }
    bool isDaylightSavingAt(std::chrono::sys_seconds instant) const {
        return localTimeTypeAt(instant).daylightSaving;
    }

    std::chrono::local_seconds toLocal(std::chrono::sys_seconds instant) const;

    // Local wall clock time to an instant, always succeeding:
    //  - in a gap (spring forward) the time moves forward by the length of the
    //    gap: 02:30 on the night New York goes from 02:00 EST to 03:00 EDT
    //    becomes 03:30 EDT;
    //  - in an overlap (fall back) the earlier instant is taken: 01:30 on the
    //    night New York goes from 02:00 EDT back to 01:00 EST is 01:30 EDT.
    // Both follow one rule: use the UTC offset in force before the change.
    std::chrono::sys_seconds toUtc(std::chrono::local_seconds local) const {
        return resolve(local).instant;
    }
    LocalTimeResolution resolve(std::chrono::local_seconds local) const;

private:
    TimeZone() = default;

    std::string m_name;
    std::vector<std::int64_t> m_transitionTimes;     // strictly ascending UTC seconds
    std::vector<std::uint8_t> m_transitionTypeIndex; // into m_types, one per transition
    std::vector<LocalTimeType> m_types;              // never empty
    std::optional<PosixTimeZoneRule> m_footerRule;   // after the last transition
};

} // namespace caredesk::domain
