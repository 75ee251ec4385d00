#include "domain/OperatingHours.h"

#include "domain/TimeZone.h"

#include <algorithm>

namespace caredesk::domain {

namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::minutes;
using std::chrono::sys_seconds;
using std::chrono::year_month_day;

constexpr minutes kDay{24 * 60};

bool isValidRange(const HoursRange &range) {
    return range.open >= minutes{0} && range.open < kDay && range.close >= minutes{0} &&
           range.close <= kDay;
}

std::string describe(const HoursRange &range) {
    return formatTimeOfDay(range.open) + "-" + formatTimeOfDay(range.close);
}

std::string twoDigits(long value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

local_days localDateOf(sys_seconds instant, const TimeZone &zone) {
    return std::chrono::floor<days>(zone.toLocal(instant));
}

// A range placed on the time line, in UTC.
struct Interval {
    sys_seconds start;
    sys_seconds end;
    bool startsOnLastDay = false; // the last date of the window that produced it
};

// Local wall clock span of a range starting on `date`: minutes from that midnight.
struct WallSpan {
    minutes start;
    minutes end;
};

WallSpan wallSpan(const HoursRange &range) {
    return {range.open, range.open + range.wallClockLength()};
}

// A labelled range, for messages.
struct NamedRange {
    std::string where;
    HoursRange range;
};

std::vector<NamedRange> nameRanges(const std::string &prefix,
                                   const std::vector<HoursRange> &ranges) {
    std::vector<NamedRange> named;
    for (std::size_t i = 0; i < ranges.size(); ++i)
        named.push_back({prefix + "[" + std::to_string(i) + "]", ranges[i]});
    return named;
}

// Checks the ranges that start on one day: times in range, count, overlaps.
void checkDay(const std::string &prefix, const std::vector<HoursRange> &ranges,
              std::vector<HoursProblem> &problems) {
    if (ranges.size() > OperatingHours::kMaxRangesPerDay) {
        problems.push_back({prefix, "more than " +
                                        std::to_string(OperatingHours::kMaxRangesPerDay) +
                                        " ranges in one day"});
        return;
    }
    std::vector<NamedRange> valid;
    for (const NamedRange &named : nameRanges(prefix, ranges)) {
        const HoursRange &range = named.range;
        if (range.open < minutes{0} || range.open >= kDay) {
            problems.push_back({named.where, "opening time " + formatTimeOfDay(range.open) +
                                                 " is not between 00:00 and 23:59"});
        } else if (range.close < minutes{0} || range.close > kDay) {
            problems.push_back({named.where, "closing time " + formatTimeOfDay(range.close) +
                                                 " is not between 00:00 and 24:00"});
        } else {
            valid.push_back(named);
        }
    }
    std::sort(valid.begin(), valid.end(),
              [](const NamedRange &a, const NamedRange &b) { return a.range.open < b.range.open; });
    for (std::size_t i = 0; i < valid.size(); ++i) {
        for (std::size_t j = i + 1; j < valid.size(); ++j) {
            const WallSpan first = wallSpan(valid[i].range);
            const WallSpan second = wallSpan(valid[j].range);
            if (second.start < first.end) {
                problems.push_back({valid[i].where, describe(valid[i].range) + " overlaps " +
                                                        valid[j].where + " " +
                                                        describe(valid[j].range)});
            }
        }
    }
}

// Checks the after-midnight tails of one day's ranges against the next day's.
void checkTails(const std::string &dayPrefix, const std::vector<HoursRange> &dayRanges,
                const std::string &nextPrefix, const std::vector<HoursRange> &nextRanges,
                std::vector<HoursProblem> &problems) {
    for (const NamedRange &tail : nameRanges(dayPrefix, dayRanges)) {
        if (!isValidRange(tail.range) || !tail.range.crossesMidnight())
            continue;
        for (const NamedRange &next : nameRanges(nextPrefix, nextRanges)) {
            if (isValidRange(next.range) && next.range.open < tail.range.close) {
                problems.push_back({tail.where, describe(tail.range) + " runs into " + next.where +
                                                    " " + describe(next.range)});
            }
        }
    }
}

} // namespace

std::string_view weekdayName(int weekday) {
    static constexpr std::array<std::string_view, 7> kNames{
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    if (weekday < 0 || weekday > 6)
        return {};
    return kNames[static_cast<std::size_t>(weekday)];
}

std::optional<minutes> parseTimeOfDay(std::string_view text) {
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    for (const std::size_t i : {0u, 1u, 3u, 4u}) {
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
    }
    const int hour = (text[0] - '0') * 10 + (text[1] - '0');
    const int minute = (text[3] - '0') * 10 + (text[4] - '0');
    if (minute > 59 || hour > 24 || (hour == 24 && minute != 0))
        return std::nullopt;
    return minutes{hour * 60 + minute};
}

std::string formatTimeOfDay(minutes value) {
    const long count = value.count();
    if (count < 0 || count > kDay.count())
        return std::to_string(count) + " min";
    return twoDigits(count / 60) + ":" + twoDigits(count % 60);
}

std::optional<year_month_day> parseLocalDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int fields[3] = {0, 0, 0};
    const std::pair<std::size_t, std::size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
    for (int f = 0; f < 3; ++f) {
        for (std::size_t i = spans[f].first; i < spans[f].first + spans[f].second; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            fields[f] = fields[f] * 10 + (text[i] - '0');
        }
    }
    const year_month_day date{std::chrono::year{fields[0]},
                              std::chrono::month{static_cast<unsigned>(fields[1])},
                              std::chrono::day{static_cast<unsigned>(fields[2])}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string formatLocalDate(year_month_day date) {
    const int yearNumber = static_cast<int>(date.year());
    std::string yearText = std::to_string(yearNumber);
    if (yearNumber >= 0 && yearText.size() < 4)
        yearText.insert(0, 4 - yearText.size(), '0');
    return yearText + "-" + twoDigits(static_cast<unsigned>(date.month())) + "-" +
           twoDigits(static_cast<unsigned>(date.day()));
}

std::vector<HoursProblem> OperatingHours::validate() const {
    std::vector<HoursProblem> problems;
    for (int day = 0; day < 7; ++day)
        checkDay(std::string(weekdayName(day)), weekly[static_cast<std::size_t>(day)], problems);
    for (int day = 0; day < 7; ++day) {
        const int next = (day + 1) % 7;
        checkTails(std::string(weekdayName(day)), weekly[static_cast<std::size_t>(day)],
                   std::string(weekdayName(next)), weekly[static_cast<std::size_t>(next)],
                   problems);
    }
    for (const auto &date : closedDates) {
        if (!date.ok())
            problems.push_back({"closed dates", "not a calendar date"});
    }
    for (const auto &[date, ranges] : specialHours) {
        if (!date.ok()) {
            problems.push_back({"special hours", "not a calendar date"});
            continue;
        }
        const std::string where = formatLocalDate(date);
        if (closedDates.contains(date))
            problems.push_back({where, "closed all day and also given special hours"});
        checkDay(where, ranges, problems);

        const year_month_day before{local_days{date} - days{1}};
        const year_month_day after{local_days{date} + days{1}};
        // A special neighbour checks its own tails; only weekly ones are checked here.
        if (!specialHours.contains(before) && !closedDates.contains(date)) {
            const int weekday =
                static_cast<int>(std::chrono::weekday{local_days{before}}.c_encoding());
            checkTails(formatLocalDate(before) + " (" + std::string(weekdayName(weekday)) + ")",
                       rangesStartingOn(before), where, ranges, problems);
        }
        if (!closedDates.contains(after))
            checkTails(where, ranges, formatLocalDate(after), rangesStartingOn(after), problems);
    }
    return problems;
}

const std::vector<HoursRange> &OperatingHours::rangesStartingOn(year_month_day date) const {
    static const std::vector<HoursRange> kNone;
    if (closedDates.contains(date))
        return kNone;
    if (const auto special = specialHours.find(date); special != specialHours.end())
        return special->second;
    const auto weekday = std::chrono::weekday{local_days{date}}.c_encoding();
    return weekly[weekday];
}

namespace {

// The UTC intervals of the ranges starting on local dates first..last, sorted by start.
std::vector<Interval> intervalsBetween(const OperatingHours &hours, const TimeZone &zone,
                                       local_days first, local_days last) {
    std::vector<Interval> intervals;
    for (local_days date = first; date <= last; date += days{1}) {
        const year_month_day civilDate{date};
        const bool nextDateClosed = hours.closedDates.contains(year_month_day{date + days{1}});
        for (const HoursRange &range : hours.rangesStartingOn(civilDate)) {
            if (!isValidRange(range))
                continue;
            const WallSpan span = wallSpan(range);
            const auto localStart = date + span.start;
            auto localEnd = date + span.end;
            if (range.crossesMidnight() && nextDateClosed)
                localEnd = date + kDay;
            const sys_seconds start = zone.toUtc(localStart);
            const sys_seconds end = zone.toUtc(localEnd);
            if (start < end)
                intervals.push_back({start, end, date == last});
        }
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval &a, const Interval &b) { return a.start < b.start; });
    return intervals;
}

} // namespace

bool OperatingHours::isOpen(sys_seconds now, const TimeZone &zone) const {
    const local_days today = localDateOf(now, zone);
    // Ranges last at most a day, so nothing that started before yesterday is open.
    for (const Interval &interval :
         intervalsBetween(*this, zone, today - days{2}, today + days{1})) {
        if (interval.start <= now && now < interval.end)
            return true;
    }
    return false;
}

std::optional<OpenPeriod> OperatingHours::currentPeriod(sys_seconds now,
                                                        const TimeZone &zone) const {
    const local_days today = localDateOf(now, zone);
    const auto intervals =
        intervalsBetween(*this, zone, today - days{2}, today + days{kOpenPeriodLookAheadDays});
    // Merge touching and overlapping intervals into periods; report the one holding now.
    std::size_t i = 0;
    while (i < intervals.size()) {
        OpenPeriod period{intervals[i].start, intervals[i].end};
        bool reachesLastDay = intervals[i].startsOnLastDay;
        std::size_t j = i + 1;
        while (j < intervals.size() && intervals[j].start <= *period.end) {
            period.end = std::max(*period.end, intervals[j].end);
            reachesLastDay = reachesLastDay || intervals[j].startsOnLastDay;
            ++j;
        }
        if (period.start <= now && now < *period.end) {
            if (reachesLastDay)
                period.end.reset();
            return period;
        }
        i = j;
    }
    return std::nullopt;
}

std::optional<sys_seconds> OperatingHours::nextOpening(sys_seconds now,
                                                       const TimeZone &zone) const {
    sys_seconds after = now;
    if (const auto period = currentPeriod(now, zone)) {
        if (!period->end)
            return std::nullopt;
        after = *period->end;
    }
    // Every range starting after `after` is an opening: one touching an earlier
    // range would have been merged into the current period, or would itself
    // start after `after` and earlier. The first date with a candidate decides,
    // but the next date is looked at too: a start moved by a DST gap can pass a
    // later one.
    const local_days from = localDateOf(after, zone) - days{1};
    std::optional<sys_seconds> best;
    std::optional<local_days> foundOn;
    for (local_days date = from; date <= from + days{kNextOpeningLookAheadDays + 1};
         date += days{1}) {
        if (foundOn && date > *foundOn + days{1})
            break;
        for (const Interval &interval : intervalsBetween(*this, zone, date, date)) {
            if (interval.start > after && (!best || interval.start < *best)) {
                best = interval.start;
                if (!foundOn)
                    foundOn = date;
            }
        }
    }
    return best;
}

} // namespace caredesk::domain
