#include "domain/OperatingHours.h"

#include "DomainTestSupport.h"
#include "domain/TimeZone.h"

#include <QObject>
#include <QTest>
#include <initializer_list>

using namespace std::chrono_literals;
using caredesk::domain::HoursProblem;
using caredesk::domain::HoursRange;
using caredesk::domain::OperatingHours;
using caredesk::test::date;
using caredesk::test::range;
using caredesk::test::utcTime;
using caredesk::test::zone;

namespace {

// Weekdays 0 = Sunday .. 6 = Saturday.
constexpr std::initializer_list<int> kMondayToFriday{1, 2, 3, 4, 5};

OperatingHours weekdays(const char *open, const char *close) {
    OperatingHours hours;
    for (const int day : kMondayToFriday)
        hours.weekly[static_cast<std::size_t>(day)] = {range(open, close)};
    return hours;
}

OperatingHours everyDay(std::vector<HoursRange> ranges) {
    OperatingHours hours;
    for (auto &day : hours.weekly)
        day = ranges;
    return hours;
}

} // namespace

class OperatingHoursTest : public QObject {
    Q_OBJECT

private slots:
    void timeOfDayText() {
        QCOMPARE(caredesk::domain::parseTimeOfDay("00:00"), std::optional(0min));
        QCOMPARE(caredesk::domain::parseTimeOfDay("08:30"), std::optional(510min));
        QCOMPARE(caredesk::domain::parseTimeOfDay("24:00"), std::optional(1440min));
        for (const char *bad : {"24:01", "25:00", "8:30", "08:60", "0830", "08:3a", "", "-1:00"})
            QVERIFY2(!caredesk::domain::parseTimeOfDay(bad), bad);
        QCOMPARE(caredesk::domain::formatTimeOfDay(510min), std::string("08:30"));
        QCOMPARE(caredesk::domain::formatTimeOfDay(1440min), std::string("24:00"));
        QCOMPARE(caredesk::domain::formatTimeOfDay(1500min), std::string("1500 min"));

        QVERIFY(caredesk::domain::parseLocalDate("2026-12-25") == date(2026, 12, 25));
        for (const char *bad : {"2026-02-30", "2026-13-01", "26-12-25", "2026/12/25", "2026-1-05"})
            QVERIFY2(!caredesk::domain::parseLocalDate(bad), bad);
        QCOMPARE(caredesk::domain::formatLocalDate(date(2026, 3, 8)), std::string("2026-03-08"));
    }

    void arizonaAndColoradoDifferInSummerOnly() {
        const auto hours = weekdays("08:00", "20:00");
        const auto phoenix = zone("America/Phoenix");
        const auto denver = zone("America/Denver");
        // Monday 2026-07-06: 08:00 MDT is 14:00 UTC, 08:00 MST is 15:00 UTC.
        QVERIFY(hours.isOpen(utcTime(2026, 7, 6, 14, 30), *denver));
        QVERIFY(!hours.isOpen(utcTime(2026, 7, 6, 14, 30), *phoenix));
        QVERIFY(hours.isOpen(utcTime(2026, 7, 6, 15), *phoenix));
        QVERIFY(!hours.isOpen(utcTime(2026, 7, 7, 2), *denver)); // 20:00 MDT
        QVERIFY(hours.isOpen(utcTime(2026, 7, 7, 2), *phoenix)); // 19:00 MST
        // Monday 2026-01-05: both on MST.
        for (const auto &tz : {phoenix, denver}) {
            QVERIFY(!hours.isOpen(utcTime(2026, 1, 5, 14, 59, 59), *tz));
            QVERIFY(hours.isOpen(utcTime(2026, 1, 5, 15), *tz));
            QCOMPARE(hours.currentPeriod(utcTime(2026, 1, 5, 15), *tz)->end,
                     std::optional(utcTime(2026, 1, 6, 3)));
        }
    }

    void hawaiiAcrossTheUtcDate() {
        const auto hours = weekdays("07:00", "19:00");
        const auto honolulu = zone("Pacific/Honolulu");
        for (const int month : {1, 7}) {
            const auto m = static_cast<unsigned>(month);
            // Tuesday local: 07:00 HST = 17:00 UTC, 19:00 HST = 05:00 UTC next day.
            const unsigned tuesday = month == 1 ? 6 : 7;
            QVERIFY(!hours.isOpen(utcTime(2026, m, tuesday, 16, 59, 59), *honolulu));
            QVERIFY(hours.isOpen(utcTime(2026, m, tuesday, 17), *honolulu));
            QVERIFY(hours.isOpen(utcTime(2026, m, tuesday + 1, 4, 59, 59), *honolulu));
            QVERIFY(!hours.isOpen(utcTime(2026, m, tuesday + 1, 5), *honolulu));
        }
    }

    void newYorkSpringForwardDay() {
        const auto ny = zone("America/New_York");
        OperatingHours hours;
        hours.weekly[0] = {range("01:00", "05:00")}; // Sunday 2026-03-08
        const auto period = hours.currentPeriod(utcTime(2026, 3, 8, 6, 30), *ny);
        QVERIFY(period);
        QCOMPARE(period->start, utcTime(2026, 3, 8, 6));              // 01:00 EST
        QCOMPARE(period->end, std::optional(utcTime(2026, 3, 8, 9))); // 05:00 EDT: 3 real hours

        // An opening inside the gap moves forward by the gap: 02:30 -> 03:30 EDT.
        OperatingHours gapOpening;
        gapOpening.weekly[0] = {range("02:30", "04:00")};
        QCOMPARE(gapOpening.nextOpening(utcTime(2026, 3, 8, 5), *ny),
                 std::optional(utcTime(2026, 3, 8, 7, 30)));
        QVERIFY(!gapOpening.isOpen(utcTime(2026, 3, 8, 7, 15), *ny)); // 03:15 EDT
        QVERIFY(gapOpening.isOpen(utcTime(2026, 3, 8, 7, 45), *ny));
        QCOMPARE(gapOpening.currentPeriod(utcTime(2026, 3, 8, 7, 45), *ny)->end,
                 std::optional(utcTime(2026, 3, 8, 8))); // 04:00 EDT
    }

    void newYorkFallBackDay() {
        const auto ny = zone("America/New_York");
        OperatingHours hours;
        hours.weekly[0] = {range("00:00", "03:00")}; // Sunday 2026-11-01
        const auto period = hours.currentPeriod(utcTime(2026, 11, 1, 5), *ny);
        QVERIFY(period);
        QCOMPARE(period->start, utcTime(2026, 11, 1, 4));              // 00:00 EDT
        QCOMPARE(period->end, std::optional(utcTime(2026, 11, 1, 8))); // 03:00 EST: 4 real hours

        // A closing time that happens twice is taken the first time.
        OperatingHours endsInOverlap;
        endsInOverlap.weekly[0] = {range("00:00", "01:30")};
        QCOMPARE(endsInOverlap.currentPeriod(utcTime(2026, 11, 1, 5), *ny)->end,
                 std::optional(utcTime(2026, 11, 1, 5, 30)));
        QVERIFY(!endsInOverlap.isOpen(utcTime(2026, 11, 1, 6, 15), *ny)); // 01:15 EST

        // An opening time that happens twice is also taken the first time.
        OperatingHours startsInOverlap;
        startsInOverlap.weekly[0] = {range("01:30", "02:30")};
        QCOMPARE(startsInOverlap.nextOpening(utcTime(2026, 11, 1, 4), *ny),
                 std::optional(utcTime(2026, 11, 1, 5, 30)));
        QCOMPARE(startsInOverlap.currentPeriod(utcTime(2026, 11, 1, 6), *ny)->end,
                 std::optional(utcTime(2026, 11, 1, 7, 30)));
    }

    void overnightRangeAcrossDaylightSavingChanges() {
        const auto ny = zone("America/New_York");
        const auto hours = everyDay({range("18:00", "06:00")});
        // Saturday 2026-03-07 18:00 EST to Sunday 06:00 EDT: 11 real hours.
        const auto spring = hours.currentPeriod(utcTime(2026, 3, 8, 3), *ny);
        QVERIFY(spring);
        QCOMPARE(spring->start, utcTime(2026, 3, 7, 23));
        QCOMPARE(spring->end, std::optional(utcTime(2026, 3, 8, 10)));
        QCOMPARE(*spring->end - spring->start, std::chrono::seconds{11h});
        // Saturday 2026-10-31 18:00 EDT to Sunday 06:00 EST: 13 real hours.
        const auto fall = hours.currentPeriod(utcTime(2026, 11, 1, 3), *ny);
        QVERIFY(fall);
        QCOMPARE(fall->start, utcTime(2026, 10, 31, 22));
        QCOMPARE(fall->end, std::optional(utcTime(2026, 11, 1, 11)));
        QCOMPARE(*fall->end - fall->start, std::chrono::seconds{13h});
        // Closed in between, open again at 18:00 EST.
        QVERIFY(!hours.isOpen(utcTime(2026, 11, 1, 12), *ny));
        QCOMPARE(hours.nextOpening(utcTime(2026, 11, 1, 12), *ny),
                 std::optional(utcTime(2026, 11, 1, 23)));
    }

    void contiguousRangesFormOnePeriod() {
        const auto denver = zone("America/Denver");
        OperatingHours hours;
        hours.weekly[5] = {range("08:00", "12:00"), range("12:00", "18:00"),
                           range("18:00", "24:00")};
        hours.weekly[6] = {range("00:00", "06:00")};
        // Friday 2026-07-10 09:00 MDT: open until Saturday 06:00 MDT.
        const auto period = hours.currentPeriod(utcTime(2026, 7, 10, 15), *denver);
        QVERIFY(period);
        QCOMPARE(period->start, utcTime(2026, 7, 10, 14));
        QCOMPARE(period->end, std::optional(utcTime(2026, 7, 11, 12)));
        // The same with an overnight range ending at midnight (18:00-00:00).
        OperatingHours overnight;
        overnight.weekly[5] = {range("18:00", "00:00")};
        overnight.weekly[6] = {range("00:00", "06:00")};
        QCOMPARE(overnight.currentPeriod(utcTime(2026, 7, 11, 2), *denver)->end,
                 std::optional(utcTime(2026, 7, 11, 12)));
        // A gap of a minute splits periods.
        OperatingHours split;
        split.weekly[5] = {range("18:00", "23:59")};
        split.weekly[6] = {range("00:00", "06:00")};
        QCOMPARE(split.currentPeriod(utcTime(2026, 7, 11, 2), *denver)->end,
                 std::optional(utcTime(2026, 7, 11, 5, 59)));
        QCOMPARE(split.nextOpening(utcTime(2026, 7, 11, 2), *denver),
                 std::optional(utcTime(2026, 7, 11, 6)));
        // Saturday night into Sunday wraps the week.
        OperatingHours weekend;
        weekend.weekly[6] = {range("20:00", "24:00")};
        weekend.weekly[0] = {range("00:00", "02:00")};
        QCOMPARE(weekend.currentPeriod(utcTime(2026, 7, 12, 3), *denver)->end,
                 std::optional(utcTime(2026, 7, 12, 8)));
    }

    void aroundTheClock() {
        const auto ny = zone("America/New_York");
        const auto hours = everyDay({range("00:00", "24:00")});
        const auto now = utcTime(2026, 3, 8, 7);
        QVERIFY(hours.isOpen(now, *ny));
        const auto period = hours.currentPeriod(now, *ny);
        QVERIFY(period);
        QVERIFY(!period->end); // does not close within the look-ahead
        QVERIFY(!hours.nextOpening(now, *ny));

        // With a holiday ahead, the period ends at that date's local midnight.
        auto withHoliday = hours;
        withHoliday.closedDates.insert(date(2026, 3, 11));
        QCOMPARE(withHoliday.currentPeriod(now, *ny)->end,
                 std::optional(utcTime(2026, 3, 11, 4))); // 00:00 EDT
        QCOMPARE(withHoliday.nextOpening(now, *ny), std::optional(utcTime(2026, 3, 12, 4)));
    }

    void holidaysByLocalDate() {
        const auto ny = zone("America/New_York");
        auto hours = weekdays("08:00", "18:00");
        hours.closedDates.insert(date(2026, 12, 25)); // a Friday
        QVERIFY(!hours.isOpen(utcTime(2026, 12, 25, 15), *ny));
        QVERIFY(hours.isOpen(utcTime(2026, 12, 24, 15), *ny));
        QCOMPARE(hours.nextOpening(utcTime(2026, 12, 24, 23), *ny),
                 std::optional(utcTime(2026, 12, 28, 13))); // Monday 08:00 EST

        // The local date decides, not the UTC one: 18:00 HST on Dec 24 is Dec 25 UTC.
        const auto honolulu = zone("Pacific/Honolulu");
        auto hawaii = weekdays("07:00", "19:00");
        hawaii.closedDates.insert(date(2026, 12, 25));
        QVERIFY(hawaii.isOpen(utcTime(2026, 12, 25, 4), *honolulu));
        QVERIFY(!hawaii.isOpen(utcTime(2026, 12, 25, 18), *honolulu));
    }

    void holidayCutsAnOvernightRange() {
        const auto denver = zone("America/Denver");
        auto hours = everyDay({range("20:00", "04:00")});
        hours.closedDates.insert(date(2026, 12, 25));
        // Dec 24 23:00 MST: open, but only until the holiday begins.
        const auto period = hours.currentPeriod(utcTime(2026, 12, 25, 6), *denver);
        QVERIFY(period);
        QCOMPARE(period->end, std::optional(utcTime(2026, 12, 25, 7)));
        QVERIFY(!hours.isOpen(utcTime(2026, 12, 25, 9), *denver)); // Dec 25 02:00 MST
        QVERIFY(!hours.isOpen(utcTime(2026, 12, 26, 4), *denver)); // Dec 25 21:00 MST
        // Dec 25's own range never opens; Dec 26 20:00 MST is next.
        QCOMPARE(hours.nextOpening(utcTime(2026, 12, 25, 6), *denver),
                 std::optional(utcTime(2026, 12, 27, 3)));
    }

    void nextOpeningAcrossWeekendAndHoliday() {
        const auto ny = zone("America/New_York");
        auto hours = weekdays("09:00", "17:00");
        // Friday 2026-03-06 17:00 EST; the clocks change over the weekend.
        QVERIFY(!hours.isOpen(utcTime(2026, 3, 6, 22), *ny));
        QCOMPARE(hours.nextOpening(utcTime(2026, 3, 6, 22), *ny),
                 std::optional(utcTime(2026, 3, 9, 13))); // Monday 09:00 EDT
        // Friday 2026-05-22 evening; Monday 2026-05-25 is a holiday.
        hours.closedDates.insert(date(2026, 5, 25));
        QCOMPARE(hours.nextOpening(utcTime(2026, 5, 22, 22), *ny),
                 std::optional(utcTime(2026, 5, 26, 13))); // Tuesday 09:00 EDT
        // While open, the next opening is the one after this period.
        QCOMPARE(hours.nextOpening(utcTime(2026, 5, 22, 15), *ny),
                 std::optional(utcTime(2026, 5, 26, 13)));
        // Just before opening time.
        QCOMPARE(hours.nextOpening(utcTime(2026, 5, 26, 12, 59, 59), *ny),
                 std::optional(utcTime(2026, 5, 26, 13)));
    }

    void nextOpeningSearchIsBounded() {
        const auto ny = zone("America/New_York");
        OperatingHours never;
        QVERIFY(!never.isOpen(utcTime(2026, 7, 1), *ny));
        QVERIFY(!never.nextOpening(utcTime(2026, 7, 1), *ny));
        QVERIFY(!never.currentPeriod(utcTime(2026, 7, 1), *ny));

        OperatingHours oneDay;
        oneDay.specialHours[date(2027, 5, 1)] = {range("10:00", "11:00")};
        QCOMPARE(oneDay.nextOpening(utcTime(2026, 7, 1), *ny),
                 std::optional(utcTime(2027, 5, 1, 14)));
        OperatingHours tooFar;
        tooFar.specialHours[date(2027, 9, 1)] = {range("10:00", "11:00")};
        QVERIFY(!tooFar.nextOpening(utcTime(2026, 7, 1), *ny));
    }

    void specialHoursReplaceTheWeekday() {
        const auto ny = zone("America/New_York");
        auto hours = weekdays("08:00", "18:00");
        hours.specialHours[date(2026, 12, 24)] = {range("08:00", "12:00")};
        QVERIFY(hours.isOpen(utcTime(2026, 12, 24, 16), *ny));  // 11:00 EST
        QVERIFY(!hours.isOpen(utcTime(2026, 12, 24, 18), *ny)); // 13:00 EST
        QCOMPARE(hours.currentPeriod(utcTime(2026, 12, 24, 16), *ny)->end,
                 std::optional(utcTime(2026, 12, 24, 17)));
        QVERIFY(hours.rangesStartingOn(date(2026, 12, 24)) ==
                std::vector<HoursRange>{range("08:00", "12:00")});
        QVERIFY(hours.rangesStartingOn(date(2026, 12, 23)) ==
                std::vector<HoursRange>{range("08:00", "18:00")});

        // A special overnight range on a Saturday runs into Sunday morning.
        hours.specialHours[date(2026, 12, 26)] = {range("20:00", "02:00")};
        QVERIFY(hours.isOpen(utcTime(2026, 12, 27, 6), *ny)); // Sunday 01:00 EST
        QCOMPARE(hours.currentPeriod(utcTime(2026, 12, 27, 6), *ny)->end,
                 std::optional(utcTime(2026, 12, 27, 7)));
    }

    void soundConfigurationHasNoProblems() {
        auto hours = everyDay({range("08:00", "12:00"), range("12:00", "18:00")});
        hours.weekly[5].push_back(range("18:00", "08:00")); // Friday night into Saturday
        hours.closedDates.insert(date(2026, 12, 25));
        hours.specialHours[date(2026, 12, 24)] = {range("08:00", "12:00")};
        QVERIFY(hours.validate().empty());
        QVERIFY(OperatingHours{}.validate().empty());
    }

    void badTimesAreNamed() {
        OperatingHours hours;
        hours.weekly[1] = {HoursRange{1440min, 60min}, HoursRange{60min, 1441min},
                           HoursRange{-5min, 60min}};
        const auto problems = hours.validate();
        QCOMPARE(problems.size(), std::size_t{3});
        QCOMPARE(problems[0],
                 (HoursProblem{"monday[0]", "opening time 24:00 is not between 00:00 and 23:59"}));
        QCOMPARE(
            problems[1],
            (HoursProblem{"monday[1]", "closing time 1441 min is not between 00:00 and 24:00"}));
        QCOMPARE(problems[2],
                 (HoursProblem{"monday[2]", "opening time -5 min is not between 00:00 and 23:59"}));
    }

    void overlapsAreNamed() {
        OperatingHours sameDay;
        sameDay.weekly[2] = {range("13:00", "17:00"), range("08:00", "14:00")};
        QCOMPARE(sameDay.validate(),
                 (std::vector<HoursProblem>{
                     {"tuesday[1]", "08:00-14:00 overlaps tuesday[0] 13:00-17:00"}}));

        OperatingHours overnightWraps;
        overnightWraps.weekly[6] = {range("22:00", "06:00")};
        overnightWraps.weekly[0] = {range("05:00", "12:00")};
        QCOMPARE(overnightWraps.validate(),
                 (std::vector<HoursProblem>{
                     {"saturday[0]", "22:00-06:00 runs into sunday[0] 05:00-12:00"}}));

        OperatingHours overnightSameDay;
        overnightSameDay.weekly[3] = {range("20:00", "02:00"), range("21:00", "22:00")};
        QCOMPARE(overnightSameDay.validate(),
                 (std::vector<HoursProblem>{
                     {"wednesday[0]", "20:00-02:00 overlaps wednesday[1] 21:00-22:00"}}));

        auto tooMany = OperatingHours{};
        for (int i = 0; i < 9; ++i)
            tooMany.weekly[4].push_back(
                HoursRange{std::chrono::minutes{i * 60}, std::chrono::minutes{i * 60 + 30}});
        QCOMPARE(tooMany.validate(),
                 (std::vector<HoursProblem>{{"thursday", "more than 8 ranges in one day"}}));
    }

    void datedProblemsAreNamed() {
        auto hours = weekdays("08:00", "18:00");
        hours.closedDates.insert(date(2026, 12, 25));
        hours.specialHours[date(2026, 12, 25)] = {range("08:00", "12:00")};
        QCOMPARE(hours.validate(),
                 (std::vector<HoursProblem>{
                     {"2026-12-25", "closed all day and also given special hours"}}));

        // A special day's overnight range running into the next day's hours,
        // and the previous day's overnight range running into a special day.
        auto nights = everyDay({range("06:00", "07:00"), range("20:00", "03:00")});
        nights.specialHours[date(2026, 12, 24)] = {range("02:00", "10:00"),
                                                   range("18:00", "09:00")};
        QCOMPARE(
            nights.validate(),
            (std::vector<HoursProblem>{
                {"2026-12-23 (wednesday)[1]", "20:00-03:00 runs into 2026-12-24[0] 02:00-10:00"},
                {"2026-12-24[1]", "18:00-09:00 runs into 2026-12-25[0] 06:00-07:00"}}));
    }
};

QTEST_GUILESS_MAIN(OperatingHoursTest)
#include "OperatingHoursTest.moc"
