#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace caredesk::domain {

// One kind of local time a zone can be in (RFC 8536 calls it a "local time type").
struct LocalTimeType {
    std::chrono::seconds utcOffset{0}; // east of UTC is positive: New York in winter is -5 h
    bool daylightSaving = false;
    std::string abbreviation; // "EST", "MST", "-03": for display, never for identity

    bool operator==(const LocalTimeType &) const = default;
};

// The POSIX TZ string that ends a TZif file ("EST5EDT,M3.2.0,M11.1.0"): the rule a
// zone follows after its last listed transition, so years past the table still
// get their daylight saving changes. Accepts the RFC 8536 extensions (hours up
// to 167 and negative times in the transition rules).
class PosixTimeZoneRule {
public:
    // nullopt with `error` set when the text is not a valid rule.
    static std::optional<PosixTimeZoneRule> parse(std::string_view text, std::string &error);

    const LocalTimeType &localTimeTypeAt(std::chrono::sys_seconds instant) const;
    bool observesDaylightSaving() const { return m_daylight.has_value(); }

    // When, in the given year, daylight saving starts and ends (as UTC instants).
    // Only meaningful when observesDaylightSaving().
    std::chrono::sys_seconds daylightStart(int year) const;
    std::chrono::sys_seconds daylightEnd(int year) const;

    // How a rule names the day of a transition.
    struct TransitionDay {
        enum class Kind { JulianNoLeap, ZeroBasedDay, MonthWeekDay };
        Kind kind = Kind::MonthWeekDay;
        int day = 0;                      // JulianNoLeap: 1..365; ZeroBasedDay: 0..365
        int month = 0;                    // MonthWeekDay: 1..12
        int week = 0;                     // MonthWeekDay: 1..5, 5 = the last one of the month
        int weekday = 0;                  // MonthWeekDay: 0 = Sunday
        std::chrono::seconds localTime{}; // wall clock time of the change, default 02:00
    };

private:
    std::chrono::sys_seconds transitionInstant(const TransitionDay &day, int year,
                                               std::chrono::seconds offsetBefore) const;

    LocalTimeType m_standard;
    std::optional<LocalTimeType> m_daylight;
    TransitionDay m_start;
    TransitionDay m_end;
};

} // namespace caredesk::domain
