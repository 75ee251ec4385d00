#include "domain/PosixTimeZoneRule.h"

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace caredesk::domain {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::local_days;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr seconds kDefaultTransitionTime = hours{2};
// Years outside this span are clamped: the calendar types are only specified
// within it, and a rule never matters that far from now.
constexpr int kFirstYear = 1;
constexpr int kLastYear = 9999;

bool isAsciiAlpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}

// A cursor over the rule text. Every read checks the end, so no input reads past it.
class RuleText {
public:
    explicit RuleText(std::string_view text)
        : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool take(char c) {
        if (atEnd() || m_text[m_pos] != c)
            return false;
        ++m_pos;
        return true;
    }
    std::size_t position() const { return m_pos; }

    // A zone abbreviation: three or more letters, or <...> holding letters,
    // digits, '+' and '-' (for names such as "<-03>").
    std::optional<std::string> name() {
        std::string result;
        if (take('<')) {
            while (!atEnd() && peek() != '>') {
                const char c = peek();
                if (!isAsciiAlpha(c) && !isAsciiDigit(c) && c != '+' && c != '-')
                    return std::nullopt;
                result.push_back(c);
                ++m_pos;
            }
            if (!take('>'))
                return std::nullopt;
        } else {
            while (isAsciiAlpha(peek())) {
                result.push_back(peek());
                ++m_pos;
            }
        }
        if (result.size() < 3 || result.size() > 16)
            return std::nullopt;
        return result;
    }

    // [+-]hh[:mm[:ss]] with at most `maxHours` hours.
    std::optional<seconds> signedDuration(int maxHours) {
        int sign = 1;
        if (take('-'))
            sign = -1;
        else
            take('+');
        const auto hoursPart = number(3);
        if (!hoursPart || *hoursPart > maxHours)
            return std::nullopt;
        long total = *hoursPart * 3600L;
        if (take(':')) {
            const auto minutesPart = number(2);
            if (!minutesPart || *minutesPart > 59)
                return std::nullopt;
            total += *minutesPart * 60L;
            if (take(':')) {
                const auto secondsPart = number(2);
                if (!secondsPart || *secondsPart > 59)
                    return std::nullopt;
                total += *secondsPart;
            }
        }
        return seconds{sign * total};
    }

    // An unsigned decimal of 1..maxDigits digits.
    std::optional<int> number(int maxDigits) {
        int value = 0;
        int digits = 0;
        while (isAsciiDigit(peek()) && digits < maxDigits) {
            value = value * 10 + (peek() - '0');
            ++digits;
            ++m_pos;
        }
        if (digits == 0 || isAsciiDigit(peek()))
            return std::nullopt;
        return value;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

std::optional<PosixTimeZoneRule::TransitionDay> parseTransitionDay(RuleText &text) {
    using Kind = PosixTimeZoneRule::TransitionDay::Kind;
    PosixTimeZoneRule::TransitionDay day;
    if (text.take('J')) {
        const auto n = text.number(3);
        if (!n || *n < 1 || *n > 365)
            return std::nullopt;
        day.kind = Kind::JulianNoLeap;
        day.day = *n;
    } else if (text.take('M')) {
        const auto month = text.number(2);
        if (!month || *month < 1 || *month > 12 || !text.take('.'))
            return std::nullopt;
        const auto week = text.number(1);
        if (!week || *week < 1 || *week > 5 || !text.take('.'))
            return std::nullopt;
        const auto weekday = text.number(1);
        if (!weekday || *weekday > 6)
            return std::nullopt;
        day.kind = Kind::MonthWeekDay;
        day.month = *month;
        day.week = *week;
        day.weekday = *weekday;
    } else {
        const auto n = text.number(3);
        if (!n || *n > 365)
            return std::nullopt;
        day.kind = Kind::ZeroBasedDay;
        day.day = *n;
    }
    day.localTime = kDefaultTransitionTime;
    if (text.take('/')) {
        const auto time = text.signedDuration(167);
        if (!time)
            return std::nullopt;
        day.localTime = *time;
    }
    return day;
}

local_days transitionDate(const PosixTimeZoneRule::TransitionDay &rule, int yearNumber) {
    using Kind = PosixTimeZoneRule::TransitionDay::Kind;
    const std::chrono::year year{yearNumber};
    const local_days januaryFirst{year / std::chrono::January / 1};
    switch (rule.kind) {
    case Kind::JulianNoLeap: {
        // Day 60 is March 1 in every year: February 29 is never counted.
        const int leapShift = (year.is_leap() && rule.day >= 60) ? 1 : 0;
        return januaryFirst + days{rule.day - 1 + leapShift};
    }
    case Kind::ZeroBasedDay:
        return januaryFirst + days{rule.day};
    case Kind::MonthWeekDay:
        break;
    }
    const std::chrono::month month{static_cast<unsigned>(rule.month)};
    const local_days first{year / month / 1};
    const int firstWeekday = static_cast<int>(std::chrono::weekday{first}.c_encoding());
    int offset = (rule.weekday - firstWeekday + 7) % 7 + (rule.week - 1) * 7;
    const int monthLength = static_cast<int>(static_cast<unsigned>(
        std::chrono::year_month_day_last{year / month / std::chrono::last}.day()));
    while (offset >= monthLength)
        offset -= 7;
    return first + days{offset};
}

} // namespace

std::optional<PosixTimeZoneRule> PosixTimeZoneRule::parse(std::string_view text,
                                                          std::string &error) {
    RuleText cursor(text);
    PosixTimeZoneRule rule;

    const auto fail = [&](std::string_view what) {
        error = "bad POSIX TZ rule \"" + std::string(text.substr(0, 64)) +
                "\": " + std::string(what) + " at character " + std::to_string(cursor.position());
        return std::nullopt;
    };

    const auto standardName = cursor.name();
    if (!standardName)
        return fail("expected a standard time name");
    // POSIX offsets count hours west of Greenwich: "EST5" is UTC-5.
    const auto standardOffset = cursor.signedDuration(24);
    if (!standardOffset)
        return fail("expected a standard time offset");
    rule.m_standard = LocalTimeType{-*standardOffset, false, *standardName};

    if (cursor.atEnd())
        return rule;

    const auto daylightName = cursor.name();
    if (!daylightName)
        return fail("expected a daylight saving time name");
    seconds daylightOffset = rule.m_standard.utcOffset + hours{1};
    if (!cursor.atEnd() && cursor.peek() != ',') {
        const auto offset = cursor.signedDuration(24);
        if (!offset)
            return fail("expected a daylight saving time offset");
        daylightOffset = -*offset;
    }
    rule.m_daylight = LocalTimeType{daylightOffset, true, *daylightName};

    if (cursor.atEnd()) {
        // No rule given: POSIX leaves it to the implementation; like glibc,
        // use the current United States rule.
        rule.m_start = {TransitionDay::Kind::MonthWeekDay, 0, 3, 2, 0, kDefaultTransitionTime};
        rule.m_end = {TransitionDay::Kind::MonthWeekDay, 0, 11, 1, 0, kDefaultTransitionTime};
        return rule;
    }
    if (!cursor.take(','))
        return fail("expected ',' before the daylight saving start");
    const auto start = parseTransitionDay(cursor);
    if (!start)
        return fail("bad daylight saving start");
    if (!cursor.take(','))
        return fail("expected ',' before the daylight saving end");
    const auto end = parseTransitionDay(cursor);
    if (!end)
        return fail("bad daylight saving end");
    if (!cursor.atEnd())
        return fail("unexpected text");
    rule.m_start = *start;
    rule.m_end = *end;
    return rule;
}

sys_seconds PosixTimeZoneRule::transitionInstant(const TransitionDay &day, int year,
                                                 seconds offsetBefore) const {
    const auto local = transitionDate(day, year) + day.localTime;
    return sys_seconds{local.time_since_epoch() - offsetBefore};
}

sys_seconds PosixTimeZoneRule::daylightStart(int year) const {
    return transitionInstant(m_start, std::clamp(year, kFirstYear, kLastYear),
                             m_standard.utcOffset);
}

sys_seconds PosixTimeZoneRule::daylightEnd(int year) const {
    const seconds offsetBefore = m_daylight ? m_daylight->utcOffset : m_standard.utcOffset;
    return transitionInstant(m_end, std::clamp(year, kFirstYear, kLastYear), offsetBefore);
}

const LocalTimeType &PosixTimeZoneRule::localTimeTypeAt(sys_seconds instant) const {
    if (!m_daylight)
        return m_standard;
    // Clamp before converting: year_month_day is only specified for years within
    // +-32767, and an instant further out is treated like the edge year.
    constexpr auto kEarliest = local_days{std::chrono::year{kFirstYear} / 1 / 1};
    constexpr auto kLatest = local_days{std::chrono::year{kLastYear} / 12 / 31};
    const auto localInstant = instant.time_since_epoch() + m_standard.utcOffset;
    const auto localDay =
        std::clamp(local_days{std::chrono::floor<days>(localInstant)}, kEarliest, kLatest);
    const int year = static_cast<int>(std::chrono::year_month_day{localDay}.year());

    // Daylight saving runs from start(y) to end(y) in the northern pattern, and
    // from start(y) to end(y + 1) when it spans the new year (southern pattern).
    // Rules with times up to 167 hours can move a change into a neighbouring
    // year, so the neighbours are checked too.
    for (int y = year - 2; y <= year + 1; ++y) {
        const auto start = daylightStart(y);
        const auto endSameYear = daylightEnd(y);
        if (start == endSameYear)
            continue;
        const auto end = start < endSameYear ? endSameYear : daylightEnd(y + 1);
        if (start <= instant && instant < end)
            return *m_daylight;
    }
    return m_standard;
}

} // namespace caredesk::domain
