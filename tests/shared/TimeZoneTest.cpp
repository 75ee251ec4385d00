#include "domain/TimeZone.h"

#include "DomainTestSupport.h"
#include "domain/TimeZoneDatabase.h"

#include <QFile>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using caredesk::domain::LocalTimeResolution;
using caredesk::domain::TimeZone;
using caredesk::domain::TimeZoneDatabase;
using caredesk::test::localTime;
using caredesk::test::utcTime;
using caredesk::test::zone;

class TimeZoneTest : public QObject {
    Q_OBJECT

private:
    // Offset (in hours) and abbreviation at an instant.
    static void expectAt(const TimeZone &tz, std::chrono::sys_seconds instant,
                         std::chrono::seconds offset, const char *abbreviation, bool dst) {
        QCOMPARE(tz.offsetAt(instant), offset);
        QCOMPARE(tz.abbreviationAt(instant), std::string(abbreviation));
        QCOMPARE(tz.isDaylightSavingAt(instant), dst);
    }

private slots:
    void newYorkTransitions2026() {
        const auto ny = zone("America/New_York");
        QCOMPARE(ny->name(), std::string("America/New_York"));
        // Spring forward: 2026-03-08 02:00 EST = 07:00 UTC.
        expectAt(*ny, utcTime(2026, 3, 8, 6, 59, 59), -5h, "EST", false);
        expectAt(*ny, utcTime(2026, 3, 8, 7), -4h, "EDT", true);
        // Fall back: 2026-11-01 02:00 EDT = 06:00 UTC.
        expectAt(*ny, utcTime(2026, 11, 1, 5, 59, 59), -4h, "EDT", true);
        expectAt(*ny, utcTime(2026, 11, 1, 6), -5h, "EST", false);
    }

    void londonTransitions2026() {
        const auto london = zone("Europe/London");
        // Last Sunday of March and of October, at 01:00 UTC.
        expectAt(*london, utcTime(2026, 3, 29, 0, 59, 59), 0s, "GMT", false);
        expectAt(*london, utcTime(2026, 3, 29, 1), 1h, "BST", true);
        expectAt(*london, utcTime(2026, 10, 25, 0, 59, 59), 1h, "BST", true);
        expectAt(*london, utcTime(2026, 10, 25, 1), 0s, "GMT", false);
    }

    void zonesWithoutDaylightSaving() {
        const auto phoenix = zone("America/Phoenix");
        const auto denver = zone("America/Denver");
        const auto honolulu = zone("Pacific/Honolulu");
        for (const auto instant : {utcTime(2026, 1, 15, 12), utcTime(2026, 7, 15, 12)}) {
            expectAt(*phoenix, instant, -7h, "MST", false);
            expectAt(*honolulu, instant, -10h, "HST", false);
        }
        // Arizona and Colorado agree in winter, not in summer.
        expectAt(*denver, utcTime(2026, 1, 15, 12), -7h, "MST", false);
        expectAt(*denver, utcTime(2026, 7, 15, 12), -6h, "MDT", true);
    }

    void footerRuleBeyondTheTable() {
        // Far past any listed transition: the POSIX footer decides.
        const auto ny = zone("America/New_York");
        expectAt(*ny, utcTime(2100, 3, 14, 6, 59, 59), -5h, "EST", false); // 2nd Sunday of March
        expectAt(*ny, utcTime(2100, 3, 14, 7), -4h, "EDT", true);
        expectAt(*ny, utcTime(2100, 11, 7, 5, 59, 59), -4h, "EDT", true); // 1st Sunday of November
        expectAt(*ny, utcTime(2100, 11, 7, 6), -5h, "EST", false);
        // Southern hemisphere: daylight saving spans the new year.
        const auto sydney = zone("Australia/Sydney");
        expectAt(*sydney, utcTime(2150, 1, 15), 11h, "AEDT", true);
        expectAt(*sydney, utcTime(2150, 7, 15), 10h, "AEST", false);
    }

    void beforeTheFirstTransition() {
        // Local mean time of New York: -4:56:02, the zone's first type.
        QCOMPARE(zone("America/New_York")->offsetAt(utcTime(1800, 1, 1)), -(4h + 56min + 2s));
    }

    void localTimeOfInstant() {
        const auto ny = zone("America/New_York");
        QCOMPARE(ny->toLocal(utcTime(2026, 7, 1, 16)), localTime(2026, 7, 1, 12));
        QCOMPARE(ny->toLocal(utcTime(2026, 1, 1, 4, 59)), localTime(2025, 12, 31, 23, 59));
    }

    void uniqueLocalTime() {
        const auto ny = zone("America/New_York");
        const auto resolution = ny->resolve(localTime(2026, 7, 1, 12));
        QCOMPARE(resolution.kind, LocalTimeResolution::Kind::Unique);
        QCOMPARE(resolution.instant, utcTime(2026, 7, 1, 16));
        QCOMPARE(resolution.laterInstant, utcTime(2026, 7, 1, 16));
    }

    void springForwardGapMovesForward() {
        const auto ny = zone("America/New_York");
        // 02:30 does not exist on 2026-03-08; it becomes 03:30 EDT.
        const auto resolution = ny->resolve(localTime(2026, 3, 8, 2, 30));
        QCOMPARE(resolution.kind, LocalTimeResolution::Kind::Gap);
        QCOMPARE(resolution.instant, utcTime(2026, 3, 8, 7, 30));
        QCOMPARE(ny->toLocal(resolution.instant), localTime(2026, 3, 8, 3, 30));
        // The edges: 02:00 is in the gap, 01:59:59 and 03:00 are not.
        QCOMPARE(ny->resolve(localTime(2026, 3, 8, 2)).kind, LocalTimeResolution::Kind::Gap);
        QCOMPARE(ny->toUtc(localTime(2026, 3, 8, 1, 59, 59)), utcTime(2026, 3, 8, 6, 59, 59));
        QCOMPARE(ny->toUtc(localTime(2026, 3, 8, 3)), utcTime(2026, 3, 8, 7));

        const auto london = zone("Europe/London");
        const auto londonGap = london->resolve(localTime(2026, 3, 29, 1, 30));
        QCOMPARE(londonGap.kind, LocalTimeResolution::Kind::Gap);
        QCOMPARE(londonGap.instant, utcTime(2026, 3, 29, 1, 30)); // 02:30 BST
    }

    void fallBackOverlapTakesEarlier() {
        const auto ny = zone("America/New_York");
        const auto resolution = ny->resolve(localTime(2026, 11, 1, 1, 30));
        QCOMPARE(resolution.kind, LocalTimeResolution::Kind::Overlap);
        QCOMPARE(resolution.instant, utcTime(2026, 11, 1, 5, 30));      // 01:30 EDT
        QCOMPARE(resolution.laterInstant, utcTime(2026, 11, 1, 6, 30)); // 01:30 EST
        QCOMPARE(ny->toUtc(localTime(2026, 11, 1, 1, 30)), utcTime(2026, 11, 1, 5, 30));
        // 01:00 repeats too; 02:00 does not.
        QCOMPARE(ny->resolve(localTime(2026, 11, 1, 1)).kind, LocalTimeResolution::Kind::Overlap);
        QCOMPARE(ny->resolve(localTime(2026, 11, 1, 2)).kind, LocalTimeResolution::Kind::Unique);
        QCOMPARE(ny->toUtc(localTime(2026, 11, 1, 2)), utcTime(2026, 11, 1, 7));

        const auto london = zone("Europe/London");
        const auto londonOverlap = london->resolve(localTime(2026, 10, 25, 1, 30));
        QCOMPARE(londonOverlap.kind, LocalTimeResolution::Kind::Overlap);
        QCOMPARE(londonOverlap.instant, utcTime(2026, 10, 25, 0, 30));
        QCOMPARE(londonOverlap.laterInstant, utcTime(2026, 10, 25, 1, 30));
    }

    void roundTripThroughAYear() {
        // Every quarter hour of 2026: local and back gives the instant, except the
        // second pass through a repeated hour, which maps to the first.
        for (const char *name : {"America/New_York", "America/Phoenix", "Europe/London",
                                 "Australia/Sydney", "Pacific/Honolulu"}) {
            const auto tz = zone(name);
            for (auto instant = utcTime(2026, 1, 1); instant < utcTime(2027, 1, 1);
                 instant += 15min) {
                const auto local = tz->toLocal(instant);
                const auto resolution = tz->resolve(local);
                if (resolution.kind == LocalTimeResolution::Kind::Overlap) {
                    QVERIFY(instant == resolution.instant || instant == resolution.laterInstant);
                } else {
                    QCOMPARE(resolution.kind, LocalTimeResolution::Kind::Unique);
                    QCOMPARE(resolution.instant, instant);
                }
            }
        }
    }

    void posixRules() {
        const auto rule = TimeZone::fromPosixRule("test", "EST5EDT,M3.2.0,M11.1.0");
        QVERIFY2(rule, rule.error.c_str());
        const auto ny = zone("America/New_York");
        for (auto instant = utcTime(2026, 1, 1); instant < utcTime(2027, 1, 1); instant += 1h)
            QCOMPARE(rule.zone->offsetAt(instant), ny->offsetAt(instant));

        const auto quoted = TimeZone::fromPosixRule("test", "<-03>3");
        QVERIFY2(quoted, quoted.error.c_str());
        expectAt(*quoted.zone, utcTime(2026, 6, 1), -3h, "-03", false);

        const auto southern = TimeZone::fromPosixRule("test", "AEST-10AEDT,M10.1.0,M4.1.0/3");
        QVERIFY2(southern, southern.error.c_str());
        expectAt(*southern.zone, utcTime(2027, 1, 10), 11h, "AEDT", true);
        expectAt(*southern.zone, utcTime(2027, 6, 10), 10h, "AEST", false);

        // Jn never counts February 29: J60 is March 1 even in a leap year.
        const auto julian = TimeZone::fromPosixRule("test", "AAA0BBB,J60/0,J300/0");
        QVERIFY2(julian, julian.error.c_str());
        QCOMPARE(julian.zone->offsetAt(utcTime(2028, 2, 29, 23, 59, 59)), 0s);
        QCOMPARE(julian.zone->offsetAt(utcTime(2028, 3, 1)), 1h);
        // Zero-based n does count it: day 59 is February 29 in 2028, March 1 in 2027.
        const auto zeroBased = TimeZone::fromPosixRule("test", "AAA0BBB,59/0,300/0");
        QVERIFY2(zeroBased, zeroBased.error.c_str());
        QCOMPARE(zeroBased.zone->offsetAt(utcTime(2028, 2, 28, 23)), 0s);
        QCOMPARE(zeroBased.zone->offsetAt(utcTime(2028, 2, 29)), 1h);
        QCOMPARE(zeroBased.zone->offsetAt(utcTime(2027, 2, 28, 23)), 0s);
        QCOMPARE(zeroBased.zone->offsetAt(utcTime(2027, 3, 1)), 1h);

        // Daylight saving all year (an RFC 8536 example).
        const auto allYear = TimeZone::fromPosixRule("test", "EST5EDT,0/0,J365/25");
        QVERIFY2(allYear, allYear.error.c_str());
        QCOMPARE(allYear.zone->offsetAt(utcTime(2026, 1, 1, 12)), -4h);
        QCOMPARE(allYear.zone->offsetAt(utcTime(2026, 12, 31, 23)), -4h);
    }

    void badPosixRules() {
        for (const char *text :
             {"", "E5", "EST", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.2.0",
              "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2.0,M11.1.0junk",
              "EST25", "EST5EDT,J0,J365", "EST5EDT,366,J365", "EST5EDT,M3.2.0/168,M11.1.0", "<EST5",
              "<E>5", "EST5:60"}) {
            const auto loaded = TimeZone::fromPosixRule("bad", text);
            QVERIFY2(!loaded, text);
            QVERIFY(!loaded.error.empty());
        }
    }

    void utcNeedsNoFile() {
        const auto utc = TimeZone::utc();
        QCOMPARE(utc->offsetAt(utcTime(2026, 7, 1)), 0s);
        QCOMPARE(utc->abbreviationAt(utcTime(2026, 7, 1)), std::string("UTC"));
        const TimeZoneDatabase empty("/nonexistent-zoneinfo");
        const auto loaded = empty.load("UTC");
        QVERIFY(loaded);
        QCOMPARE(loaded.zone->offsetAt(utcTime(2026, 7, 1)), 0s);
    }

    void unknownZoneIsAnError() {
        const auto loaded = caredesk::test::systemZones().load("America/Atlantis");
        QVERIFY(!loaded);
        QVERIFY(loaded.zone == nullptr);
        QCOMPARE(loaded.error, std::string("unknown time zone \"America/Atlantis\""));
        // A folder is not a zone.
        QVERIFY(!caredesk::test::systemZones().load("America"));
    }

    void zoneNamesThatCouldEscapeAreRefused() {
        const std::string tooLong(256, 'a');
        for (const std::string &name :
             {std::string(), std::string("/etc/passwd"), std::string("../etc/passwd"),
              std::string("America/../../etc/passwd"), std::string("America/.."),
              std::string("./America/Denver"), std::string("America//Denver"),
              std::string("America/Denver/"), std::string(".hidden"),
              std::string("America/New York"), std::string("America/Denver\n"),
              std::string("America\\Denver"), std::string("America/Den\0ver", 15),
              std::string("-rf"), tooLong}) {
            QVERIFY2(TimeZoneDatabase::checkZoneName(name).has_value(), name.c_str());
            const auto loaded = caredesk::test::systemZones().load(name);
            QVERIFY(!loaded);
            QVERIFY(!loaded.error.empty());
        }
        for (const char *name : {"America/Argentina/Buenos_Aires", "Etc/GMT+5", "Etc/GMT-14",
                                 "EST5EDT", "America/Port-au-Prince", "UTC"})
            QVERIFY2(!TimeZoneDatabase::checkZoneName(name).has_value(), name);
    }

    void malformedFileInTheDatabase() {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QFile garbage(folder.filePath("Garbage"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("this is not a time zone");
        garbage.close();
        QVERIFY(QFile::copy(QString::fromStdString(TimeZoneDatabase::defaultDirectory()) +
                                "/America/Denver",
                            folder.filePath("Mountain")));

        const TimeZoneDatabase database(folder.path().toStdString());
        const auto bad = database.load("Garbage");
        QVERIFY(!bad);
        QCOMPARE(bad.error, std::string("time zone \"Garbage\": not a TZif file (bad magic)"));
        const auto good = database.load("Mountain");
        QVERIFY2(good, good.error.c_str());
        QCOMPARE(good.zone->offsetAt(utcTime(2026, 7, 1)), -6h);
        QVERIFY(!database.load("America/Denver")); // only this folder is read
    }

    void directoryFromEnvironment() {
        const QByteArray saved = qgetenv("TZDIR");
        const bool wasSet = qEnvironmentVariableIsSet("TZDIR");
        qputenv("TZDIR", "/opt/zones");
        QCOMPARE(TimeZoneDatabase::defaultDirectory(), std::string("/opt/zones"));
        qputenv("TZDIR", "");
        QCOMPARE(TimeZoneDatabase::defaultDirectory(), std::string("/usr/share/zoneinfo"));
        if (wasSet)
            qputenv("TZDIR", saved);
        else
            qunsetenv("TZDIR");
    }

    void cachedAndThreadSafe() {
        const TimeZoneDatabase database;
        const auto first = database.load("America/Chicago");
        QVERIFY(first);
        QCOMPARE(database.load("America/Chicago").zone.get(), first.zone.get());

        const std::vector<std::string> names{"America/Denver",      "America/Phoenix",
                                             "America/Anchorage",   "Pacific/Honolulu",
                                             "America/Puerto_Rico", "Pacific/Guam"};
        std::vector<std::vector<const TimeZone *>> seen(8);
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < seen.size(); ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 50; ++round) {
                    for (const auto &name : names) {
                        const auto loaded = database.load(name);
                        if (!loaded || loaded.zone->name() != name) {
                            ++failures;
                            continue;
                        }
                        (void)loaded.zone->offsetAt(utcTime(2026, 3, 8, 7));
                        if (round == 49)
                            seen[t].push_back(loaded.zone.get());
                    }
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        for (const auto &pointers : seen)
            QCOMPARE(pointers, seen.front()); // every thread got the one cached zone
    }
};

QTEST_GUILESS_MAIN(TimeZoneTest)
#include "TimeZoneTest.moc"
