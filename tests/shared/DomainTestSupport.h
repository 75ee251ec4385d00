#pragma once

// Instants, dates and Qt Test printers for the domain tests, so a failed QCOMPARE
// of instants shows "2026-03-08T07:00:00Z" rather than nothing.

#include "domain/OperatingHours.h"
#include "domain/TimeZone.h"
#include "domain/TimeZoneDatabase.h"

#include <QTest>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::test {

inline std::chrono::sys_seconds utcTime(int year, unsigned month, unsigned day, int hour = 0,
                                        int minute = 0, int second = 0) {
    using namespace std::chrono;
    return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} +
           hours{hour} + minutes{minute} + seconds{second};
}

inline std::chrono::local_seconds localTime(int year, unsigned month, unsigned day, int hour = 0,
                                            int minute = 0, int second = 0) {
    return std::chrono::local_seconds{
        utcTime(year, month, day, hour, minute, second).time_since_epoch()};
}

inline std::chrono::year_month_day date(int year, unsigned month, unsigned day) {
    return std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
}

inline domain::HoursRange range(const char *open, const char *close) {
    return domain::HoursRange{*domain::parseTimeOfDay(open), *domain::parseTimeOfDay(close)};
}

inline std::string isoText(std::chrono::sys_seconds instant) {
    using namespace std::chrono;
    const auto day = floor<days>(instant);
    const hh_mm_ss clock{instant - day};
    auto two = [](long value) {
        return (value < 10 ? "0" : "") + std::to_string(value);
    };
    return domain::formatLocalDate(year_month_day{day}) + "T" + two(clock.hours().count()) + ":" +
           two(clock.minutes().count()) + ":" + two(clock.seconds().count()) + "Z";
}

// One database for a test executable: zones are shared and immutable.
inline const domain::TimeZoneDatabase &systemZones() {
    static const domain::TimeZoneDatabase database;
    return database;
}

// The zone, or a failed test naming the reason.
inline std::shared_ptr<const domain::TimeZone> zone(const char *name) {
    auto loaded = systemZones().load(name);
    if (!loaded)
        qFatal("cannot load time zone %s: %s", name, loaded.error.c_str());
    return loaded.zone;
}

} // namespace caredesk::test

namespace QTest {

template <>
inline char *toString(const std::chrono::sys_seconds &instant) {
    return qstrdup(caredesk::test::isoText(instant).c_str());
}

template <>
inline char *toString(const std::optional<std::chrono::sys_seconds> &instant) {
    return qstrdup(instant ? caredesk::test::isoText(*instant).c_str() : "nullopt");
}

template <>
inline char *toString(const std::chrono::seconds &duration) {
    return qstrdup((std::to_string(duration.count()) + " s").c_str());
}

template <>
inline char *toString(const std::optional<std::chrono::seconds> &duration) {
    return qstrdup(duration ? (std::to_string(duration->count()) + " s").c_str() : "nullopt");
}

template <>
inline char *toString(const std::vector<caredesk::domain::HoursProblem> &problems) {
    std::string text = "[";
    for (const auto &problem : problems)
        text += "{" + problem.where + ": " + problem.message + "} ";
    return qstrdup((text + "]").c_str());
}

template <>
inline char *toString(const std::string &text) {
    return qstrdup(("\"" + text + "\"").c_str());
}

} // namespace QTest
