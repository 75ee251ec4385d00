#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::domain {

class TimeZone;

// One opening of a day, in the state's local wall clock time, as minutes since
// local midnight. `open` is 00:00..23:59; `close` is 00:00..24:00. A range whose
// close is not after its open (close <= open) runs past midnight and closes on
// the next day: 18:00-06:00 is twelve wall clock hours, 08:00-08:00 is 24.
struct HoursRange {
    std::chrono::minutes open{0};
    std::chrono::minutes close{0};

    bool crossesMidnight() const { return close <= open; }
    // Wall clock length; the real length differs by the DST change it crosses, if any.
    std::chrono::minutes wallClockLength() const {
        return crossesMidnight() ? close + std::chrono::hours{24} - open : close - open;
    }
    bool operator==(const HoursRange &) const = default;
};

// "HH:MM", 00:00..24:00 (two digits each); nullopt otherwise.
std::optional<std::chrono::minutes> parseTimeOfDay(std::string_view text);
// "HH:MM" for 0..1440 minutes; other values are written as a signed minute count.
std::string formatTimeOfDay(std::chrono::minutes minutes);
// "YYYY-MM-DD" for a valid date; nullopt otherwise.
std::optional<std::chrono::year_month_day> parseLocalDate(std::string_view text);
std::string formatLocalDate(std::chrono::year_month_day date);

// A configuration mistake: where it is ("monday[1]", "2026-12-24[0]",
// "2026-12-25") and what is wrong, with the ranges involved.
struct HoursProblem {
    std::string where;
    std::string message;
    bool operator==(const HoursProblem &) const = default;
};

// A stretch of time during which a state is open without a break.
struct OpenPeriod {
    // When it opened, looking back at most two days.
    std::chrono::sys_seconds start;
    // When it closes; nullopt when it does not close within
    // OperatingHours::kOpenPeriodLookAheadDays (a state open around the clock).
    std::optional<std::chrono::sys_seconds> end;
};

// When a state takes patients, in its own local time (the TimeZone is given to
// each query, so one configuration reads the same in any zone it is paired with).
//
// Which ranges start on a local date:
//  - a date in `closedDates` (a holiday) has none, and no minute of it is open:
//    an overnight range from the day before stops at its midnight;
//  - a date in `specialHours` has exactly those ranges instead of its weekday's;
//  - any other date has the ranges of its weekday in `weekly` (0 = Sunday).
// An overnight range belongs to the date it starts on, so a special day's
// overnight range runs into the next morning, and the tail of the previous
// day's overnight range still opens a special day's early hours.
//
// Local times become instants with TimeZone::toUtc: an opening or closing time
// skipped by spring forward moves later by the gap, one repeated by fall back is
// taken at its first occurrence. So an 18:00-06:00 range lasts 11 real hours on
// the spring-forward night and 13 on the fall-back night. Adjacent ranges
// (18:00-24:00 then 00:00-06:00) form one open period.
//
// Queries work on any configuration; validate() says whether it is a sound one.
struct OperatingHours {
    static constexpr int kOpenPeriodLookAheadDays = 8;
    static constexpr int kNextOpeningLookAheadDays = 366;
    static constexpr std::size_t kMaxRangesPerDay = 8;

    std::array<std::vector<HoursRange>, 7> weekly; // index 0 = Sunday .. 6 = Saturday
    std::set<std::chrono::year_month_day> closedDates;
    std::map<std::chrono::year_month_day, std::vector<HoursRange>> specialHours;

    // Every problem found, in a stable order; empty when the configuration is
    // sound: times in range, at most kMaxRangesPerDay ranges a day, no two
    // ranges overlapping (within a day or through an overnight range's tail,
    // Saturday night into Sunday included), no date both closed and special.
    std::vector<HoursProblem> validate() const;

    // The ranges that start on a local date, per the rules above.
    const std::vector<HoursRange> &rangesStartingOn(std::chrono::year_month_day date) const;

    bool isOpen(std::chrono::sys_seconds now, const TimeZone &zone) const;
    // The open period containing `now`, following adjacent ranges across
    // midnight and DST changes; nullopt when closed at `now`.
    std::optional<OpenPeriod> currentPeriod(std::chrono::sys_seconds now,
                                            const TimeZone &zone) const;
    // When closed: the next instant the state opens. When open: the opening
    // after the current period closes. nullopt when there is none within
    // kNextOpeningLookAheadDays (or the current period does not end).
    std::optional<std::chrono::sys_seconds> nextOpening(std::chrono::sys_seconds now,
                                                        const TimeZone &zone) const;
};

std::string_view weekdayName(int weekday); // 0 -> "sunday" .. 6 -> "saturday"

} // namespace caredesk::domain
